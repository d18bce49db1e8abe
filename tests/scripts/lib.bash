# Helpers for the tests of scripts/ (tests/scripts/*.sh; not a test itself:
# CMake registers only the *.sh files). Each test sources it, runs a script
# against fake tools in $tmp, and reports through check; `finish` exits 1
# when a check failed.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@"; then
		echo "ok:   $what"
	else
		echo "FAIL: $what"
		failures=$((failures + 1))
	fi
}

# script_run NAME COMMAND...: runs COMMAND, output in $tmp/NAME.out (both
# streams), exit code in $tmp/NAME.rc.
script_run() {
	local name=$1
	shift
	local rc=0
	"$@" >"$tmp/$name.out" 2>&1 || rc=$?
	echo "$rc" >"$tmp/$name.rc"
}
rc_of() { cat "$tmp/$1.rc"; }
said() { grep -q -- "$2" "$tmp/$1.out" || { sed 's/^/    | /' "$tmp/$1.out" | head -20; return 1; }; }

# only_tools DIR TOOL...: DIR holds links to these tools from PATH and
# nothing else, for a PATH without the tool a test takes away.
only_tools() {
	local dir=$1
	shift
	mkdir -p "$dir"
	for t in "$@"; do
		ln -sf "$(command -v "$t")" "$dir/$t"
	done
}

finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$(basename "$0" .sh): $failures check(s) failed"
		exit 1
	fi
	echo "$(basename "$0" .sh): all passed"
	exit 0
}
