#!/usr/bin/env bash
# Fails when a tracked C file is not as clang-format (.clang-format) writes
# it, naming the files; `clang-format -i FILE` fixes one. Debian 12's
# clang-format (14) is the one the tree is formatted with; other versions
# break lines differently, so elsewhere the check is skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null; then
	echo "format-check: no clang-format (scripts/setup-deps.sh installs it); skipped"
	exit 0
fi
version=$(clang-format --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
if [ "$version" != 14 ]; then
	echo "format-check: clang-format $version, not 14 (Debian 12's); skipped"
	exit 0
fi
bad=()
while IFS= read -r f; do
	clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.c' '*.h' '*.cpp' 2>/dev/null || find engine cli include tests fuzz examples -name '*.[ch]')
if [ ${#bad[@]} -gt 0 ]; then
	echo "format-check: not formatted (run clang-format -i on them):"
	printf '  %s\n' "${bad[@]}"
	exit 1
fi
echo "format-check: all C files formatted"
