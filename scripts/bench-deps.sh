#!/usr/bin/env bash
# Installs what the benchmark in bench/ needs, beyond scripts/setup-deps.sh:
#   - python3-pandas (Debian) for bench/pandas_score.py, run with /usr/bin/python3;
#   - node 20 + npm, then the pinned @duckdb/node-api from bench/package-lock.json
#     (npm ci --prefix bench) for bench/duckdb_score.mjs;
#   - time (/usr/bin/time, for wall time and peak RSS) and linux-perf (profiles).
# Safe to run again: packages already present are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(python3 python3-pandas python3-numpy time)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
command -v perf >/dev/null 2>&1 || packages+=(linux-perf)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "bench-deps: node $(node --version) is too old; @duckdb/node-api needs node >= 20" >&2
  exit 1
fi
npm ci --prefix bench --no-audit --no-fund
echo "bench-deps: ok (pandas $(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)'), node $(node --version))"
