#!/usr/bin/env bash
# scripts/test.sh's two modes rest on ctest labels (CMakeLists.txt): --fast
# leaves out the tests labelled heavy, the ASan round those labelled
# screenshot, mutation or scripts. Checks that the labels are where the
# modes expect them, that every test has a TIMEOUT, and that no test
# asserts on wall time (a loaded machine or a sanitizer would fail it).
# usage: tests/scripts/test_modes.sh BUILD_DIR
. "$(dirname "$0")/lib.bash"
build=${1:?usage: tests/scripts/test_modes.sh BUILD_DIR}

# names NAME CTEST-ARGS...: the tests ctest would run, one per line
names() {
	local name=$1
	shift
	ctest --test-dir "$build" -N "$@" | sed -n 's/^ *Test *#[0-9]*: //p' | sort >"$tmp/$name"
}
has() { grep -qx "$2" "$tmp/$1" || { echo "    $2 not in: $(tr '\n' ' ' <"$tmp/$1")"; return 1; }; }
lacks() { ! grep -qx "$2" "$tmp/$1" || { echo "    $2 is there"; return 1; }; }

names screenshot -L screenshot
check "the HTML screenshot is labelled screenshot" has screenshot cli_output_html
names mutation -L mutation
check "the mutation guard is labelled mutation" has mutation cli_rule_targets_guard
names fast -LE heavy
for t in cli_output_html cli_rule_targets_guard cli_chunked_read cli_stats_numpy; do
	check "--fast leaves out $t" lacks fast $t
done
for t in test_csv test_alloc_fail cli_score_seed cli_hostile_data api_threads; do
	check "--fast runs $t" has fast $t
done
names all
check "--fast runs fewer tests than the whole suite" [ "$(wc -l <"$tmp/fast")" -lt "$(wc -l <"$tmp/all")" ]

ctest --test-dir "$build" --show-only=json-v1 >"$tmp/tests.json"
check "every test has a TIMEOUT" python3 - "$tmp/tests.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
missing = [t["name"] for t in doc["tests"]
           if not any(p["name"] == "TIMEOUT" for p in t.get("properties", []))]
if missing:
    print("    no TIMEOUT:", " ".join(missing))
    sys.exit(1)
PY

# $(date +%s) (or SECONDS) compared with a number: a wall-clock assertion
check "no test asserts on wall time" bash -c \
	"! grep -rnE '(date \+%s|SECONDS).*-(le|lt|ge|gt) [0-9]' tests/cli tests/api tests/postgres/run.sh tests/scripts/*.sh --include='*.sh' | grep -v '^tests/scripts/test_modes.sh'"

script_run usage scripts/test.sh --no-such-flag
check "scripts/test.sh refuses an unknown flag" [ "$(rc_of usage)" = 2 ]
script_run help scripts/test.sh --help
check "scripts/test.sh --help names --fast" said help "--fast"
finish
