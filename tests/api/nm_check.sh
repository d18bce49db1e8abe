#!/usr/bin/env bash
# nm_check.sh LIB - fails when the shared library exports (defines in its
# dynamic symbol table) anything but jx_ symbols.
set -euo pipefail
lib=${1:?usage: nm_check.sh libjixiao.so}
symbols=$(nm -D --defined-only "$lib" | awk '{print $NF}')
bad=$(printf '%s\n' "$symbols" | grep -v '^jx_' || true)
if [ -n "$bad" ]; then
  echo "nm_check: $lib exports symbols without the jx_ prefix:" >&2
  printf '  %s\n' $bad >&2
  exit 1
fi
count=$(printf '%s\n' "$symbols" | grep -c '^jx_')
[ "$count" -gt 0 ] || { echo "nm_check: $lib exports no jx_ symbol" >&2; exit 1; }
echo "nm_check: $lib exports $count symbols, all jx_"
