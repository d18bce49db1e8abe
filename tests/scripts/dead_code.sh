#!/usr/bin/env bash
# No dead functions: cppcheck --enable=unusedFunction over the engine, the
# CLI and every caller of the engine (tests, fuzz targets, the example, the
# PostgreSQL extension) finds no function that nothing calls, but the
# public API (include/jixiao.h: callers are outside the repository) and the
# few named below. cppcheck comes from scripts/setup-deps.sh.
# usage: tests/scripts/dead_code.sh [BUILD_DIR] (the build is not used)
. "$(dirname "$0")/lib.bash"
if ! command -v cppcheck >/dev/null; then
	echo "FAIL: no cppcheck (scripts/setup-deps.sh installs it)"
	exit 1
fi
# Called though nothing in this tree calls them:
#   __wrap_*: the linker's --wrap sends malloc & co. there (test_alloc_fail)
#   jx_dept_score_difference: a result accessor of the review model
#     (engine/model/result.h) the writers take up (issue 16)
allowed='^(__wrap_(malloc|calloc|realloc|free)|jx_dept_score_difference)$'

cppcheck --enable=unusedFunction --quiet -D_POSIX_C_SOURCE=200809L -I include -I engine \
	engine cli tests fuzz examples postgres/*.c 2>"$tmp/cppcheck.txt" >/dev/null
sed -n "s/^\([^:]*\):.*The function '\([^']*\)' is never used.*/\1 \2/p" "$tmp/cppcheck.txt" |
	while read -r file fn; do
		grep -q "\b$fn(" include/jixiao.h && continue
		[[ $fn =~ $allowed ]] && continue
		echo "$file: $fn"
	done >"$tmp/dead"
check "no function is dead (cppcheck unusedFunction)" bash -c "[ ! -s '$tmp/dead' ] || { sed 's/^/    /' '$tmp/dead'; false; }"
check "cppcheck looked at the engine" grep -q "never used" "$tmp/cppcheck.txt"
finish
