#!/usr/bin/env bash
# Runs the CLI and the unit tests under valgrind. Fails on any leak or
# invalid access (valgrind's own exit code), and on any run whose program
# fails by itself: a crash (killed by a signal), a failing unit test, a
# command exiting other than it should. Each run's output goes to a log of
# its own (mktemp), printed when that run fails.
# Usage: scripts/valgrind-check.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-valgrind}
if ! command -v valgrind >/dev/null; then
  echo "valgrind-check: FAIL: valgrind is not installed (scripts/setup-deps.sh installs it)" >&2
  exit 1
fi
[ -x "$build/jixiao" ] || { echo "valgrind-check: FAIL: no $build/jixiao (build it first)" >&2; exit 1; }
# 99: valgrind found errors; the program's own codes are below it.
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect)
logs=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-valgrind.XXXXXX")
trap 'rm -rf "$logs"' EXIT
runs=0

# run [--exit N] COMMAND...: COMMAND under valgrind must exit N (default 0).
run() {
  local want=0
  if [ "$1" = --exit ]; then
    want=$2
    shift 2
  fi
  runs=$((runs + 1))
  local log="$logs/$runs.log" rc=0
  "${vg[@]}" "$@" >/dev/null 2>"$log" || rc=$?
  [ "$rc" -eq "$want" ] && return 0
  cat "$log" >&2
  if [ "$rc" -eq 99 ]; then
    echo "valgrind-check: FAIL: valgrind found errors in: $*" >&2
  elif [ "$rc" -gt 128 ]; then
    echo "valgrind-check: FAIL: killed by signal $((rc - 128)) (exit $rc): $*" >&2
  else
    echo "valgrind-check: FAIL: exit $rc, expected $want: $*" >&2
  fi
  exit 1
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
# the error paths too: a rule-set error (3) and unreadable data (4)
run --exit 3 "$build/jixiao" check tests/rules-errors/033-several-errors/rules.yaml
run --exit 4 "$build/jixiao" score "$rules" fixtures/no-such-file.csv
tests=0
for t in "$build"/test_*; do
  [ -x "$t" ] || continue
  tests=$((tests + 1))
  run "$t"
done
if [ "$tests" -eq 0 ]; then
  echo "valgrind-check: FAIL: no unit tests ($build/test_*) to run: build with JX_TESTS=ON" >&2
  exit 1
fi
echo "valgrind: clean ($runs runs, $tests unit test programs)"
