#!/usr/bin/env bash
# "Changing any target in a shipped rule set makes its own tests fail."
#
# For every rule set under indicators/ that ships tests (a tests/ folder),
# and for EACH indicator with a `target:` (in its files or its bases'), this script
# copies indicators/ and fixtures/ into a temporary folder (same layout, so
# the tests' relative paths to fixtures/ keep working), changes that one
# target in the copy, and asserts that:
#   - the changed rules still load (`jixiao check` exits 0), so the failure
#     below comes from the expectations, not from a broken file;
#   - `jixiao test` on the changed copy exits 1 and prints a FAIL line.
# The unchanged copy must pass (`jixiao test` exits 0).
#
# How a target is changed (text edit of the YAML, comments kept):
#   a number: the first number of the literal times 1.1 (0 becomes 1):
#             ">= 35%" -> ">= 38.5%", "<= 0 件" -> "<= 1 件", "= 1" -> "= 1.1"
#   a word:   达成 -> 部分达成, any other word -> 达成
# The target changed is the one in force: for a rule set that extends
# another, the last definition along the extends: chain (the child's
# override/indicators entry if any, else the base's, edited in the copy).
#
# usage: tests/cli/rule_targets_guard.sh path/to/jixiao   (from any folder)
. "$(dirname "$0")/lib.bash"
setup "$@"

# The target editor (python): see tests/cli/rule_targets_guard.py.
MUTATE=$PWD/tests/cli/rule_targets_guard.py

fresh_copy() {
	rm -rf "$tmp/repo"
	mkdir -p "$tmp/repo"
	cp -R indicators fixtures "$tmp/repo/"
}

sets=0
for tests_dir in indicators/*/tests; do
	[ -d "$tests_dir" ] || continue
	set_dir=${tests_dir%/tests}
	sets=$((sets + 1))

	fresh_copy
	run 0 "$set_dir: unchanged copy passes its tests" -- "$JX" test "$tmp/repo/$set_dir" || continue

	n=0
	for id in $(python3 "$MUTATE" list "$set_dir"); do
		n=$((n + 1))
		fresh_copy
		change=$(python3 "$MUTATE" change "$tmp/repo/$set_dir" "$id") || {
			fail "$set_dir: cannot change the target of $id"
			continue
		}
		if ! "$JX" check "$tmp/repo/$set_dir" >"$tmp/out" 2>"$tmp/err"; then
			fail "$id ($change): the changed rules do not load"
			show "$tmp/err" stderr 5
			continue
		fi
		"$JX" test "$tmp/repo/$set_dir" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -eq 1 ] && grep -q ': FAIL ' "$tmp/out"; then
			pass "$id: target $change makes $(grep -c ': FAIL ' "$tmp/out") expectation(s) fail"
		else
			fail "$id: target $change: jixiao test exits $rc (expected 1 with a FAIL line)"
			show "$tmp/out" stdout 10
			show "$tmp/err" stderr 10
		fi
	done
	if [ "$n" -eq 0 ]; then
		fail "$set_dir: no indicator with a target found in its rule files"
	fi
	# every indicator of the loaded set was changed once
	count=$("$JX" check "$set_dir" | sed -n 's/.*, \([0-9]*\) indicators,.*/\1/p')
	if [ "$n" = "$count" ]; then
		pass "$set_dir: all $n indicators' targets changed one at a time"
	else
		fail "$set_dir: changed $n targets, but the rule set has $count indicators"
	fi
done

if [ "$sets" -eq 0 ]; then
	fail "no rule set under indicators/ has tests"
fi
finish
