#!/usr/bin/env bash
# Fails when a tracked C file is not as clang-format (.clang-format) writes
# it, naming the files; `clang-format -i FILE` fixes one. The tree is
# formatted with clang-format 14, Debian 12's, which scripts/setup-deps.sh
# installs; other versions break lines differently, so without 14 the check
# fails (as for every tool the test command needs: never a silent skip).
# clang-format-14 is used when it is there, else clang-format if it is 14.
set -euo pipefail
cd "$(dirname "$0")/.."
want=14
tool=""
for cand in "clang-format-$want" clang-format; do
	command -v "$cand" >/dev/null || continue
	version=$("$cand" --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
	if [ "$version" = "$want" ]; then
		tool=$cand
		break
	fi
	found="$cand is version ${version:-unknown}"
done
if [ -z "$tool" ]; then
	echo "format-check: FAIL: clang-format $want is needed (${found:-no clang-format installed});" \
		"scripts/setup-deps.sh installs it (Debian 12's clang-format)" >&2
	exit 1
fi
bad=()
while IFS= read -r f; do
	"$tool" --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.c' '*.h' '*.cpp' 2>/dev/null || find engine cli include tests fuzz examples -name '*.[ch]')
if [ ${#bad[@]} -gt 0 ]; then
	echo "format-check: not formatted (run clang-format -i on them):"
	printf '  %s\n' "${bad[@]}"
	exit 1
fi
echo "format-check: all C files formatted ($tool)"
