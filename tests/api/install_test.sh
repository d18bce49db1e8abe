#!/usr/bin/env bash
# install_test.sh BUILD_DIR - installs the build into a temporary prefix and
# builds examples/ against it, as an embedder would: with pkg-config (make)
# and with CMake (find_package(jixiao)), shared and static; runs each example
# binary and checks its output (the seed department: 94.07, 优).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: install_test.sh BUILD_DIR}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
rules=$src/indicators/yueyang-women-federation

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"

fail() { echo "install_test: FAIL: $*" >&2; exit 1; }
# Debian's GNUInstallDirs may pick lib/<multiarch> when the prefix is /usr.
libdir=$(dirname "$(find "$prefix" -name 'jixiao.pc' -print -quit)")
libdir=${libdir%/pkgconfig}
for f in include/jixiao.h bin/jixiao share/man/man1/jixiao.1; do
  [ -f "$prefix/$f" ] || fail "$f not installed"
done
for f in libjixiao.a libjixiao.so libjixiao.so.0.2 pkgconfig/jixiao.pc \
         cmake/jixiao/jixiaoConfig.cmake cmake/jixiao/jixiaoConfigVersion.cmake \
         cmake/jixiao/jixiaoTargets.cmake cmake/jixiao/jixiaoStaticTargets.cmake; do
  [ -e "$libdir/$f" ] || fail "$libdir/$f not installed"
done
soname=$(objdump -p "$libdir/libjixiao.so" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = libjixiao.so.0.2 ] || fail "soname is '$soname', not libjixiao.so.0.2"
"$prefix/bin/jixiao" --version | grep -q '^jixiao ' || fail "installed CLI"

check_output() { # name file
  grep -q '^total 94.07  grade 优  rank 1$' "$2" || { cat "$2" >&2; fail "$1: wrong result"; }
  grep -q '^  budget_execution_rate  *10.00 / 10 ' "$2" || { cat "$2" >&2; fail "$1: indicator scores"; }
  echo "install_test: $1 ok"
}
run() { # name binary
  (cd "$src" && LD_LIBRARY_PATH="$libdir" "$2" "$rules") >"$tmp/$1.out" ||
    { cat "$tmp/$1.out" >&2; fail "$1 exited with $?"; }
  check_output "$1" "$tmp/$1.out"
}

# pkg-config
export PKG_CONFIG_PATH=$libdir/pkgconfig
[ "$(pkg-config --modversion jixiao)" = "$(sed -n 's/^#define JX_VERSION_STRING "\(.*\)"/\1/p' "$src/include/jixiao.h")" ] ||
  fail "pkg-config --modversion"
cp "$src/examples/embed.c" "$src/examples/Makefile" "$tmp/"
make -s -C "$tmp" embed embed-static >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; fail "make"; }
readelf -d "$tmp/embed" | grep -q 'NEEDED.*libjixiao.so.0.2' || fail "embed does not link libjixiao.so.0.2"
if readelf -d "$tmp/embed-static" | grep -q 'NEEDED.*libjixiao'; then fail "embed-static links libjixiao.so"; fi
run pkg-config "$tmp/embed"
run pkg-config-static "$tmp/embed-static"

# CMake
cmake -S "$src/examples" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/cmake.log" 2>&1 ||
  { cat "$tmp/cmake.log" >&2; fail "cmake configure of examples/"; }
cmake --build "$tmp/cmake-build" >>"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log" >&2; fail "cmake build of examples/"; }
readelf -d "$tmp/cmake-build/embed" | grep -q 'NEEDED.*libjixiao.so.0.2' || fail "cmake embed does not link libjixiao.so.0.2"
run cmake "$tmp/cmake-build/embed"
[ -x "$tmp/cmake-build/embed_static" ] || fail "jixiao::jixiao_static not provided by the package"
run cmake-static "$tmp/cmake-build/embed_static"
echo "install_test: ok"
