#!/usr/bin/env bash
# tsan-check.sh [BUILD_DIR] - builds the library with ThreadSanitizer (clang
# when installed, else gcc) into BUILD_DIR (default build-tsan) and runs
#   - tests/api/test_threads: four threads share one rule set and score the
#     same batches (also with jobs = 2, 4, 8 inside), results compared with
#     the single-threaded run;
#   - `jixiao score --jobs 4` on a 2000-department synthetic batch, whose
#     output must be byte-identical to --jobs 1;
#   - a 17000-department batch (read in chunks, CSV rows formatted on
#     threads) as CSV and long CSV, --jobs 3 against --jobs 1.
# Any ThreadSanitizer report fails the run (exit code 66).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-tsan}
jobs=$(nproc 2>/dev/null || echo 2)
if [ -z "${CC:-}" ]; then
  if command -v clang >/dev/null; then CC=clang; else CC=gcc; fi
fi
export CC

echo "== ThreadSanitizer build ($CC) in $build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS="-fsanitize=thread -fno-omit-frame-pointer -O1" \
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread \
  >/dev/null
cmake --build "$build" -j "$jobs" --target test_threads jixiao

export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"

echo "== test_threads under TSan"
"$build/tests/api/test_threads"

echo "== jixiao score --jobs 4 under TSan"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/gen_synthetic_batch.py --n 2000 --seed 7 --out "$tmp/batch.csv"
rules=indicators/yueyang-women-federation
for j in 1 4; do
  rc=0
  "$build/jixiao" score "$rules" "$tmp/batch.csv" --format json --jobs "$j" >"$tmp/jobs$j.json" || rc=$?
  # 0: all scored, 1: some rejected; anything else (66: a TSan report) fails
  [ "$rc" -le 1 ] || { echo "tsan-check: jixiao score --jobs $j exited $rc" >&2; exit 1; }
done
cmp "$tmp/jobs1.json" "$tmp/jobs4.json" || { echo "tsan-check: --jobs 4 output differs from --jobs 1" >&2; exit 1; }
# A batch large enough to be read in chunks and written (CSV, long CSV) on
# several threads: more than 2 MiB and 16384 departments.
python3 scripts/gen_synthetic_batch.py --n 17000 --seed 8 --out "$tmp/large.csv"
for fmt in csv csv-long; do
  for j in 1 3; do
    rc=0
    "$build/jixiao" score "$rules" "$tmp/large.csv" --format $fmt --jobs "$j" >"$tmp/large$j.$fmt" || rc=$?
    [ "$rc" -le 1 ] || { echo "tsan-check: large batch, $fmt, --jobs $j exited $rc" >&2; exit 1; }
  done
  cmp "$tmp/large1.$fmt" "$tmp/large3.$fmt" || { echo "tsan-check: large $fmt, --jobs 3 differs" >&2; exit 1; }
done
echo "== ThreadSanitizer: no report; --jobs 4 output identical to --jobs 1"
