#!/usr/bin/env bash
# Data-driven rule-file error tests.
#
# Each tests/rules-errors/NNN-name/ holds a rules.yaml with one kind of
# mistake (033 holds several) and expected.txt: the exact diagnostics
# `jixiao check` must print to stderr, one per line, as
#
#     rules.yaml:LINE:COL: error: message
#
# LINE and COL are 1-based; COL counts characters (code points), not bytes.
# They were worked out by hand from the YAML text, not copied from the tool.
# Conventions used for "where":
#   - a scalar is located at its first character; for a quoted scalar that
#     is the first character after the opening quote (libfyaml's mark, and
#     the engine's documented choice), and a position inside a quoted
#     literal counts from there;
#   - a mapping or sequence is located at its first scalar (the first key of
#     an indicator, `0.5` in `[0.5, 0.4]`);
#   - an error inside an expression or a target literal points at the
#     offending character.
#
# The runner checks, for every case: exit code 3; the `…: error: …` lines of
# stderr (the case's path shown as `rules.yaml`, sorted by line and column)
# equal expected.txt. It prints a diff for every failing case and exits 1 if
# any case fails.
#
# usage: tests/cli/rules_errors.sh path/to/jixiao [CASE-GLOB]
# Run from anywhere; the cases are found relative to this script.
USAGE_EXTRA='[case-glob]'
. "$(dirname "$0")/lib.bash"
setup "$@"
FILTER=${2:-*}

# Sorts diagnostics by line then column, keeping the tool's order for ties.
sort_diags() {
	awk -F: '{ l = ($2 ~ /^[0-9]+$/) ? $2 : 0; c = ($3 ~ /^[0-9]+$/) ? $3 : 0;
		   printf "%09d %09d %06d\t%s\n", l, c, NR, $0 }' | sort | cut -f2-
}

total=0
failed_cases=()

# Sanity: the shipped rule set must check clean, or every case below is moot.
if ! "$JX" check "$RULES" >"$tmp/ok.out" 2>"$tmp/ok.err"; then
	fail "jixiao check $RULES is not clean:"
	sed 's/^/    | /' "$tmp/ok.err"
fi

for dir in tests/rules-errors/$FILTER/; do
	dir=${dir%/}
	name=$(basename "$dir")
	[ -f "$dir/rules.yaml" ] || continue
	total=$((total + 1))
	if [ ! -f "$dir/expected.txt" ]; then
		fail "$name: no expected.txt"
		failed_cases+=("$name")
		continue
	fi
	file="$dir/rules.yaml"
	"$JX" check "$file" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	case_failed=0
	if [ "$rc" -ne 3 ]; then
		fail "$name: exit code $rc, expected 3"
		case_failed=1
	fi
	# Keep only diagnostic lines for this file (with or without line:col),
	# and show the file as rules.yaml, also inside messages.
	esc=$(printf '%s' "$file" | sed 's/[][\.*^$/]/\\&/g')
	grep -E "^${esc}(:[0-9]+)*: error: " "$tmp/err" |
		sed "s/${esc}/rules.yaml/g" | sort_diags >"$tmp/actual"
	sort_diags <"$dir/expected.txt" >"$tmp/expected"
	if ! cmp -s "$tmp/expected" "$tmp/actual"; then
		fail "$name: diagnostics differ (- expected, + jixiao)"
		diff -u --label expected --label jixiao "$tmp/expected" "$tmp/actual" | sed '1,2d; s/^/    /'
		case_failed=1
	fi
	if [ "$case_failed" -ne 0 ]; then
		failed_cases+=("$name")
		echo "    --- full stderr of: jixiao check $file"
		sed 's/^/    | /' "$tmp/err"
	fi
done

if [ "$total" -eq 0 ]; then
	fail "no cases found under tests/rules-errors/$FILTER"
elif [ "${#failed_cases[@]}" -eq 0 ]; then
	pass "all $total cases print their expected.txt"
else
	echo "    ${#failed_cases[@]} of $total case(s) failed: ${failed_cases[*]}"
fi
finish
