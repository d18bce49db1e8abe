#!/usr/bin/env bash
# Runs the CLI and the unit tests under valgrind; any leak or invalid access
# fails. Usage: scripts/valgrind-check.sh BUILD_DIR
set -euo pipefail
build=${1:-build-valgrind}
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect)
run() {
  set +e
  "${vg[@]}" "$@" >/dev/null 2>/tmp/jixiao-valgrind.log
  local rc=$?
  set -e
  if [ "$rc" -eq 99 ]; then
    cat /tmp/jixiao-valgrind.log
    echo "valgrind: errors in: $*" >&2
    exit 1
  fi
}
rules=indicators/yueyang-women-federation
run "$build/jixiao" check "$rules"
run "$build/jixiao" score "$rules" fixtures/demo/departments.csv --format json
run "$build/jixiao" score "$rules" fixtures/demo/departments.csv --format text
run "$build/jixiao" score "$rules" fixtures/seed/yueyang-fulian-2024.yaml fixtures/seed/zero-mediation.yaml --format csv-long
run "$build/jixiao" score indicators/national fixtures/selfeval/budget.csv \
  --indicators fixtures/selfeval/yueyang-fulian-2024.csv --indicators fixtures/selfeval/yueyang-weijian-2024.csv --format json
run "$build/jixiao" score indicators/national --indicators fixtures/selfeval/yueyang-jiaoyu-2024-gbk.csv --encoding gbk --format xlsx
run "$build/jixiao" explain "$rules" fixtures/seed/yueyang-fulian-2024.yaml --dept yueyang-fulian
run "$build/jixiao" test indicators/national
run "$build/jixiao" check indicators/yueyang-national --print
for t in "$build"/test_*; do
  [ -x "$t" ] && run "$t"
done
echo "valgrind: clean"
