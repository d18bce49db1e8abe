#!/usr/bin/env bash
# Runs the tests. Exit 0 only when all that ran passed.
#
#   scripts/test.sh          everything CI runs (.ci/run): dependencies, the
#                            clang-format check, a release build with the
#                            whole suite, the suite again under AddressSanitizer
#                            + UndefinedBehaviorSanitizer (without the tests
#                            labelled screenshot or mutation, which check no
#                            memory the release round has not, or scripts,
#                            the tests of these scripts), ThreadSanitizer, and
#                            the CLI and unit tests under valgrind.
#   scripts/test.sh --fast   for working: dependencies, the format check, the
#                            release build and its tests without those
#                            labelled heavy (the HTML screenshot, the rule
#                            targets' mutation guard, the big synthetic
#                            batches); no sanitizer, TSan or valgrind round.
#
# Labels are set in CMakeLists.txt (`ctest --print-labels`). A tool the
# tests need and scripts/setup-deps.sh installs is never skipped: a missing
# one fails, naming scripts/setup-deps.sh. The one skip is the PostgreSQL
# test where PostgreSQL cannot run at all (tests/postgres/run.sh): reported
# at the end of the run.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
fast=0
case "${1:-}" in
--fast) fast=1 ;;
"") ;;
-h | --help)
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
  ;;
*)
  echo "usage: scripts/test.sh [--fast]" >&2
  exit 2
  ;;
esac

# Tests ctest skipped in build dir $1 (exit 77), with their reasons.
skipped=()
note_skips() {
  local log="$1/Testing/Temporary/LastTest.log" line
  [ -f "$log" ] || return 0
  while IFS= read -r line; do
    skipped+=("$line")
  done < <(grep -h "SKIPPED:" "$log" | sort -u)
}

scripts/setup-deps.sh

echo "== format"
scripts/format-check.sh

echo "== release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
if [ "$fast" = 1 ]; then
  ctest --test-dir build --output-on-failure -j "$jobs" -LE heavy
else
  ctest --test-dir build --output-on-failure -j "$jobs"
fi
note_skips build

if [ "$fast" = 0 ]; then
  echo "== ASan + UBSan build and tests (not the screenshot or the mutation guard)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DJX_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE 'screenshot|mutation|scripts'
  note_skips build-asan

  echo "== ThreadSanitizer (the library shared between threads)"
  scripts/tsan-check.sh build-tsan

  echo "== valgrind"
  cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=Debug -DJX_ARENA_MALLOC=ON >/dev/null
  cmake --build build-valgrind -j "$jobs"
  scripts/valgrind-check.sh build-valgrind
fi

if [ ${#skipped[@]} -gt 0 ]; then
  echo "=================================================================="
  echo "== NOT RUN (the rest passed):"
  printf '==   %s\n' "${skipped[@]}"
  echo "=================================================================="
fi
if [ "$fast" = 1 ]; then
  echo "== fast tests passed (not run: heavy tests, sanitizers, TSan, valgrind: scripts/test.sh)"
else
  echo "== all tests passed"
fi
