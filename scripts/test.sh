#!/usr/bin/env bash
# Runs every test the way CI does: dependencies, the clang-format check, a
# release build with the whole suite, the suite again under AddressSanitizer + UndefinedBehavior-
# Sanitizer, and the CLI under valgrind. Exit 0 only when all pass.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

scripts/setup-deps.sh

echo "== format"
scripts/format-check.sh

echo "== release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== ASan + UBSan build and tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DJX_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== ThreadSanitizer (the library shared between threads)"
scripts/tsan-check.sh build-tsan

echo "== valgrind"
cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=Debug -DJX_ARENA_MALLOC=ON >/dev/null
cmake --build build-valgrind -j "$jobs"
scripts/valgrind-check.sh build-valgrind
echo "== all tests passed"
