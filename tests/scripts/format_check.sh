#!/usr/bin/env bash
# scripts/format-check.sh never skips: without clang-format 14 (the version
# the tree is formatted with, scripts/setup-deps.sh installs it) it fails,
# naming scripts/setup-deps.sh; with 14 it checks the files. Fake
# clang-format programs in a PATH of their own stand in for the real one.
# usage: tests/scripts/format_check.sh [BUILD_DIR] (the build is not used)
. "$(dirname "$0")/lib.bash"

fc=scripts/format-check.sh
# fake_format DIR NAME VERSION [BAD_FILE]: a clang-format of that version
# that finds every file formatted but BAD_FILE.
fake_format() {
	cat >"$1/$2" <<SH
#!/bin/sh
[ "\$1" = --version ] && { echo "Debian clang-format version $3.0.6"; exit 0; }
for a in "\$@"; do [ "\$a" = "${4:-none}" ] && exit 1; done
exit 0
SH
	chmod +x "$1/$2"
}
tools=(bash env dirname sed git find)

only_tools "$tmp/none" "${tools[@]}"
script_run missing env PATH="$tmp/none" "$fc"
check "no clang-format fails" [ "$(rc_of missing)" = 1 ]
check "... naming scripts/setup-deps.sh" said missing "scripts/setup-deps.sh"

only_tools "$tmp/v15" "${tools[@]}"
fake_format "$tmp/v15" clang-format 15
script_run other env PATH="$tmp/v15" "$fc"
check "clang-format 15 fails (not skipped)" [ "$(rc_of other)" = 1 ]
check "... naming the version and scripts/setup-deps.sh" said other "version 15.*scripts/setup-deps.sh"

only_tools "$tmp/v14" "${tools[@]}"
fake_format "$tmp/v14" clang-format 15
fake_format "$tmp/v14" clang-format-14 14
script_run right env PATH="$tmp/v14" "$fc"
check "clang-format-14 beside another version is used" [ "$(rc_of right)" = 0 ]
check "... and named" said right "clang-format-14"

fake_format "$tmp/v14" clang-format-14 14 engine/common/round.c
script_run bad env PATH="$tmp/v14" "$fc"
check "a file not formatted fails" [ "$(rc_of bad)" = 1 ]
check "... naming it" said bad "engine/common/round.c"
finish
