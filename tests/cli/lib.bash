# Helpers shared by the end-to-end tests tests/cli/*.sh. Not a test itself:
# CMake registers only the *.sh files. A script starts with
#
#     . "$(dirname "$0")/lib.bash"
#     setup "$@"
#
# and ends with `finish`. Between the two, every check reports through pass
# and fail; the summary counts the failures.
set -u

# The repository root (the scripts run from there) and the test's name.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TEST_NAME=$(basename "$0" .sh)

# The shipped rules and data most scripts use (relative to $ROOT).
RULES=indicators/yueyang-women-federation
NATIONAL=indicators/national
DEMO=fixtures/demo/departments.csv
SEED=fixtures/seed/yueyang-fulian-2024.yaml

# setup "$@": checks the jixiao argument (set USAGE_EXTRA to name further
# arguments in the usage line), sets JX to its absolute path, changes to
# $ROOT, makes the temporary folder $tmp (removed on exit).
setup() {
	if [ $# -lt 1 ] || [ ! -x "$1" ]; then
		echo "usage: $0 path/to/jixiao${USAGE_EXTRA:+ $USAGE_EXTRA}" >&2
		exit 2
	fi
	JX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	cd "$ROOT" || exit 2
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	failures=0
}

# pass DESCRIPTION / fail DESCRIPTION: report one check. With PASS_QUIET
# set, pass prints nothing (a script that reports whole cases instead).
pass() {
	[ -n "${PASS_QUIET:-}" ] || echo "ok:   $*"
}
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# show FILE LABEL [LINES]: the first LINES (12) lines of FILE, indented, if any
show() {
	[ -s "$1" ] && head -n "${3:-12}" "$1" | cut -c1-300 | sed "s/^/    $2| /"
	return 0
}

# run WANT DESCRIPTION -- COMMAND...: runs COMMAND with stdout in $tmp/out
# and stderr in $tmp/err; passes if it exits WANT, else fails and shows its
# output. Returns 0 or 1 accordingly.
run() {
	local want=$1 what=$2
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$what: exit code $rc, expected $want ($*)"
		show "$tmp/err" stderr 20
		show "$tmp/out" stdout 10
		return 1
	fi
	pass "$what: exit $rc"
	return 0
}

# has FILE TEXT DESCRIPTION: FILE contains the fixed string TEXT
# has_re FILE REGEX DESCRIPTION: a line of FILE matches the extended REGEX
# lacks FILE TEXT DESCRIPTION: FILE does not contain the fixed string TEXT
has() {
	if grep -qF -- "$2" "$1"; then
		pass "$3"
		return 0
	fi
	fail "$3: '$2' not found"
	show "$1" ""
	return 1
}
has_re() {
	if grep -qE -- "$2" "$1"; then
		pass "$3"
		return 0
	fi
	fail "$3: no line matches /$2/"
	show "$1" ""
	return 1
}
lacks() {
	if grep -qF -- "$2" "$1"; then
		fail "$3: '$2' found"
		grep -F -- "$2" "$1" | head -n 5 | sed 's/^/    | /'
		return 1
	fi
	pass "$3"
	return 0
}

# expect_eq GOT WANT DESCRIPTION
expect_eq() {
	if [ "$1" = "$2" ]; then
		pass "$3 ($1)"
	else
		fail "$3: got '$1', expected '$2'"
	fi
}

# scored RC: the exit code of a run that wrote its output (0, or 1 when
# some departments are rejected)
scored() { [ "$1" -eq 0 ] || [ "$1" -eq 1 ]; }

# score_demo FORMAT: the demo batch to $tmp/demo.json and to
# $tmp/demo.FORMAT, each with -o; checks that both runs wrote their output.
score_demo() {
	"$JX" score "$RULES" "$DEMO" --format json -o "$tmp/demo.json" 2>/dev/null
	scored $? || fail "demo batch to json"
	"$JX" score "$RULES" "$DEMO" --format "$1" -o "$tmp/demo.$1" 2>"$tmp/err"
	local rc=$?
	if scored $rc && [ -s "$tmp/demo.$1" ]; then
		pass "demo batch to $1 (exit $rc)"
	else
		show "$tmp/err" stderr 20
		fail "demo batch to $1 (exit $rc)"
	fi
}

# pycheck ARGS... <<'EOF' ... EOF: runs the Python on standard input with
# ARGS as sys.argv[1:], after a prelude (json, sys imported; a list `errors`
# and check(cond, msg) appending to it) and before an ending that prints the
# errors and exits 1 if there are any.
pycheck() {
	{
		cat <<'EOF'
import json, sys
errors = []
def check(cond, msg):
    if not cond:
        errors.append(msg)
EOF
		cat
		cat <<'EOF'
for e in errors:
    print("    " + e)
sys.exit(1 if errors else 0)
EOF
	} | python3 - "$@"
}

# finish: the summary line; exits 1 if any check failed, else 0
finish() {
	echo
	if [ "$failures" -ne 0 ]; then
		echo "$TEST_NAME: $failures failure(s)"
		exit 1
	fi
	echo "$TEST_NAME: all passed"
	exit 0
}
