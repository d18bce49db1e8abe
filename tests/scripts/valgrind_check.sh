#!/usr/bin/env bash
# scripts/valgrind-check.sh fails when it must: a program that crashes under
# valgrind, a failing unit test, no unit tests at all, no valgrind; the
# failing run's output is printed; logs go to a temporary folder of their
# own (mktemp), removed afterwards. A fake jixiao and fake unit tests (one
# small C program) stand in for the build.
# usage: tests/scripts/valgrind_check.sh [BUILD_DIR] (the build is not used)
. "$(dirname "$0")/lib.bash"

cat >"$tmp/fake.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* Exits as jixiao would for the commands scripts/valgrind-check.sh runs
 * (3 for a rule-set error, 4 for a missing file, else 0); FAKE=crash
 * crashes, FAKE=fail fails. */
int main(int argc, char **argv)
{
	const char *fake = getenv("FAKE");
	fprintf(stderr, "fake-program-output\n");
	for (int i = 1; i < argc; i++) {
		if (strstr(argv[i], "rules-errors"))
			return 3;
		if (strstr(argv[i], "no-such-file"))
			return 4;
	}
	if (fake && strcmp(fake, "crash") == 0)
		*(volatile int *)(argc == 99 ? argv[0] : NULL) = 1;
	return fake && strcmp(fake, "fail") == 0 ? 1 : 0;
}
C
cc -O0 -g -o "$tmp/fake" "$tmp/fake.c" || { echo "FAIL: cannot build the fake program"; exit 1; }
mkdir -p "$tmp/build" "$tmp/tmpdir"
cp "$tmp/fake" "$tmp/build/jixiao"
cp "$tmp/fake" "$tmp/build/test_fake"

vc=scripts/valgrind-check.sh
script_run good env TMPDIR="$tmp/tmpdir" "$vc" "$tmp/build"
check "a clean build passes" [ "$(rc_of good)" = 0 ]
check "its logs are removed" [ -z "$(ls -A "$tmp/tmpdir")" ]
check "no fixed log path" bash -c "! grep -q '/tmp/jixiao-valgrind' $vc"

script_run crash env FAKE=crash "$vc" "$tmp/build"
check "a crash under valgrind fails" [ "$(rc_of crash)" != 0 ]
check "... printing the program's output" said crash fake-program-output
check "... and what happened" said crash "FAIL"

cp "$tmp/fake" "$tmp/build/test_failing"
cat >"$tmp/build/test_failing" <<'SH'
#!/bin/sh
echo "[  FAILED  ] 1 test(s)" >&2
exit 1
SH
chmod +x "$tmp/build/test_failing"
script_run failing "$vc" "$tmp/build"
check "a failing unit test fails" [ "$(rc_of failing)" != 0 ]
check "... printing its output" said failing "FAILED"
rm "$tmp/build/test_failing" "$tmp/build/test_fake"

script_run none "$vc" "$tmp/build"
check "no unit tests to run fails" [ "$(rc_of none)" != 0 ]

only_tools "$tmp/bin" bash env dirname mktemp rm cat
script_run novg env PATH="$tmp/bin" "$vc" "$tmp/build"
check "no valgrind fails" [ "$(rc_of novg)" != 0 ]
check "... naming scripts/setup-deps.sh" said novg "scripts/setup-deps.sh"
finish
