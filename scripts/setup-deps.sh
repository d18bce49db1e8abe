#!/usr/bin/env bash
# Installs what jixiao needs to build and test, from Debian 12 packages.
# Safe to run again: packages already present are skipped.
set -euo pipefail

packages=(
  build-essential cmake pkg-config   # compiler and build
  libfyaml-dev                       # YAML 1.2 reader for rule files and department files
  libgsl-dev                         # statistics, sorting, interpolation
  nettle-dev                         # SHA-256 of the rule set
  libxlsxwriter-dev                  # --format xlsx
  libzip-dev                         # .xlsx workbooks handed in: the zip container (streamed)
  libexpat1-dev                      # .xlsx workbooks: the XML parts, parsed as they inflate
  libfreexl-dev                      # legacy .xls workbooks (BIFF5/BIFF8)
  libcmocka-dev                      # unit tests
  valgrind                           # leak and memory checks in the test command
  clang-format                       # the format check in the test command (version 14)
  cppcheck                           # tests/scripts/dead_code.sh: no function nothing calls
  python3 python3-numpy              # demo batch generator; numpy cross-check of the statistics
  python3-openpyxl                   # scripts/gen_workbook_fixtures.py writes the test workbooks
  libreoffice-calc-nogui             # the same script's LibreOffice-saved .xlsx and .xls (headless)
  python3-yaml                       # the PostgreSQL tests read the YAML fixtures (tests/postgres)
  chromium fonts-noto-cjk            # the HTML report test renders a screenshot (headless)
  postgresql-15                      # the PostgreSQL extension's tests run a throwaway cluster
  postgresql-server-dev-15           # PGXS and the server headers, to build postgres/
  locales                            # de_DE.UTF-8 (below): tests/api/test_locale.c
)

# The locale test scores under de_DE.UTF-8 (decimal comma) and needs it
# generated: localedef from the `locales` definitions, into the system's
# locale archive (no /etc/locale.gen edit, so it is the same on any Debian 12).
need_locale() {
  ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'
}
generate_locale() {
  echo "setup-deps: generating the de_DE.UTF-8 locale"
  $SUDO localedef -i de_DE -c -f UTF-8 de_DE.UTF-8
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all packages present"
else
  echo "setup-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if need_locale; then
  generate_locale
fi
