#!/usr/bin/env bash
# Real tables as departments write them (docs/data.md §3, issue 14): one case
# per quirk, each a small long CSV with the expected results worked by hand.
#
# Each tests/real-tables/NNN-name/ holds input.csv (dept_id, dept_name,
# indicator, path, weight, target, actual, note, claimed — or the Chinese
# headings a form uses) or input.xlsx / input.xls (a workbook as published;
# make.py beside it writes it, with /usr/bin/python3 and python3-openpyxl,
# and LibreOffice for an .xls), and expected.txt. The case is scored with
#
#     jixiao score RULES [DATA] --indicators input.csv|.xlsx|.xls --format json [ARGS]
#
# and every line of expected.txt is one check (words separated by spaces;
# `#` starts a comment, where the arithmetic is written):
#
#     rules national|strict   the rule set: indicators/national (default), or
#                             a copy of it with `weights: strict` under declared:
#     data FILE               a wide CSV of the case folder given as DATA
#     args ARG...             more arguments (--lenient)
#     exit N                  the exit code
#     depts N                 how many departments the output has
#     dept ID STATUS [SCORE [GRADE]]
#                             the department's status, total (to the cent), grade
#     row ID NAME SCORE [STATUS]
#                             the row named NAME: its score (to the cent), status
#     path ID NAME P1/P2      the row's path as the output gives it
#     reason ID TEXT          the department's reason starts with TEXT; the
#                             case folder is taken off file names
#                             (input.csv:3:15: …), so TEXT is file:line:col
#     rowreason ID NAME TEXT  the row's reason contains TEXT
#     flags ID [FLAG...]      the department's flags, exactly (any order)
#     claimed ID C D          claimed_score C and score_difference D (docs/review.md)
#     rowclaimed ID NAME C D  the row's claimed C and difference D (docs/review.md)
#     stderr TEXT             stderr contains TEXT
#
# A line starting `KNOWN ` is a check the engine is known to fail (it
# disagrees with spec v2 or with the hand computation; a `# KNOWN:` comment
# above says how). It is reported as `known:` and does not fail the suite;
# when it passes, the runner says so, so the mark can be removed.
#
# usage: tests/cli/real_tables.sh path/to/jixiao [CASE-GLOB]
USAGE_EXTRA='[case-glob]'
. "$(dirname "$0")/lib.bash"
setup "$@"
FILTER=${2:-*}
CASES=tests/real-tables

# The national rules with `weights: strict` under `declared:`.
mkdir -p "$tmp/strict"
sed 's/^declared:$/declared:\n  weights: strict/' "$NATIONAL/rules.yaml" >"$tmp/strict/rules.yaml"
if ! grep -q '^  weights: strict$' "$tmp/strict/rules.yaml"; then
	fail "could not make the strict copy of $NATIONAL/rules.yaml (no 'declared:' line)"
fi

# directive WORD FILE: the words after the first line `WORD …` of FILE
# (KNOWN or not), or nothing
directive() {
	sed -n "s/^\(KNOWN \)\{0,1\}$1[[:space:]]\{1,\}//p" "$2" | head -n 1
}

# Pass 1: run every case (outputs in $tmp/cases/NAME/).
names=()
for dir in $CASES/$FILTER/; do
	dir=${dir%/}
	name=$(basename "$dir")
	input=$dir/input.csv
	[ -f "$input" ] || input=$dir/input.xlsx
	[ -f "$input" ] || input=$dir/input.xls
	[ -f "$input" ] || continue
	names+=("$name")
	out=$tmp/cases/$name
	mkdir -p "$out"
	exp="$dir/expected.txt"
	[ -f "$exp" ] || continue
	rules=$NATIONAL
	[ "$(directive rules "$exp")" = strict ] && rules=$tmp/strict/rules.yaml
	data=()
	d=$(directive data "$exp")
	[ -n "$d" ] && data=("$dir/$d")
	# shellcheck disable=SC2207 # words, on purpose
	extra=($(directive args "$exp"))
	"$JX" score "$rules" "${data[@]}" --indicators "$input" --format json "${extra[@]}" \
		>"$out/out" 2>"$out/err"
	echo $? >"$out/rc"
done

if [ "${#names[@]}" -eq 0 ]; then
	fail "no cases found under $CASES/$FILTER"
	finish
fi

# Pass 2: check them all in one Python (one line per case, then the counts).
python3 - "$CASES" "$tmp/cases" "${names[@]}" >"$tmp/report" <<'PY'
import json, os, sys
cases_dir, runs_dir, names = sys.argv[1], sys.argv[2], sys.argv[3:]

def cents(x):
    return None if x is None else round(float(x), 2)

def check_case(name):
    exp_file = os.path.join(cases_dir, name, "expected.txt")
    run = os.path.join(runs_dir, name)
    prefix = os.path.join(cases_dir, name) + "/"
    if not os.path.exists(exp_file):
        return ["  FAIL: no expected.txt"], 1, 0
    rc = int(open(os.path.join(run, "rc")).read())
    err = open(os.path.join(run, "err"), encoding="utf-8", errors="replace").read().replace(prefix, "")
    try:
        doc = json.load(open(os.path.join(run, "out"), encoding="utf-8"))
    except Exception:  # no JSON: every department check fails
        doc = {"departments": []}
    depts = {d["id"]: d for d in doc.get("departments", [])}

    def dept(i):
        d = depts.get(i)
        if d is None:
            raise AssertionError("no department %r (have %s)" % (i, sorted(depts)))
        return d

    def row(i, name):
        rows = [r for r in dept(i).get("indicators", []) if r.get("name") == name]
        if len(rows) != 1:
            raise AssertionError("%d rows named %r in %s" % (len(rows), name, i))
        return rows[0]

    def check(words, rest):
        w = words[0]
        if w in ("rules", "data", "args"):
            return None
        if w == "exit":
            if rc != int(words[1]):
                return "exit %d, expected %s" % (rc, words[1])
        elif w == "depts":
            if len(depts) != int(words[1]):
                return "%d departments, expected %s" % (len(depts), words[1])
        elif w == "dept":
            d = dept(words[1])
            if d["status"] != words[2]:
                return "%s: status %s, expected %s (reason: %s)" % (words[1], d["status"], words[2], d.get("reason"))
            if len(words) > 3 and cents(d["score"]) != float(words[3]):
                return "%s: total %s (unrounded %s), expected %s" % (words[1], d["score"], d.get("score_unrounded"), words[3])
            if len(words) > 4 and d["grade"] != words[4]:
                return "%s: grade %s, expected %s" % (words[1], d["grade"], words[4])
        elif w == "row":
            r = row(words[1], words[2])
            if cents(r["score"]) != float(words[3]):
                return "%s/%s: score %s, expected %s (%s: %s)" % (words[1], words[2], r["score"], words[3], r["status"], r.get("reason"))
            if len(words) > 4 and r["status"] != words[4]:
                return "%s/%s: status %s, expected %s (%s)" % (words[1], words[2], r["status"], words[4], r.get("reason"))
        elif w == "path":
            r = row(words[1], words[2])
            if "/".join(r["path"]) != words[3]:
                return "%s/%s: path %s, expected %s" % (words[1], words[2], "/".join(r["path"]), words[3])
        elif w == "reason":
            d = dept(words[1])
            parts = rest.split(None, 2)
            text = parts[2] if len(parts) > 2 else ""
            got = (d.get("reason") or "").replace(prefix, "")
            if not got.startswith(text):
                return "%s: reason %r, expected it to start %r" % (words[1], got, text)
        elif w == "rowreason":
            r = row(words[1], words[2])
            text = rest.split(None, 3)[3]
            if text not in (r.get("reason") or ""):
                return "%s/%s: reason %r, expected it to hold %r" % (words[1], words[2], r.get("reason"), text)
        elif w == "flags":
            d = dept(words[1])
            if sorted(d.get("flags", [])) != sorted(words[2:]):
                return "%s: flags %s, expected %s" % (words[1], sorted(d.get("flags", [])), sorted(words[2:]))
        elif w == "claimed":
            d = dept(words[1])
            for k, want in (("claimed_score", words[2]), ("score_difference", words[3])):
                if k not in d:
                    return "%s: no %s in the output" % (words[1], k)
                if cents(d[k]) != float(want):
                    return "%s: %s %s, expected %s" % (words[1], k, d[k], want)
        elif w == "rowclaimed":
            r = row(words[1], words[2])
            for k, want in (("claimed", words[3]), ("difference", words[4])):
                if k not in r:
                    return "%s/%s: no %s in the output" % (words[1], words[2], k)
                if cents(r[k]) != float(want):
                    return "%s/%s: %s %s, expected %s" % (words[1], words[2], k, r[k], want)
        elif w == "stderr":
            text = rest.split(None, 1)[1]
            if text not in err:
                return "stderr lacks %r" % text
        else:
            return "unknown directive %r" % w
        return None

    lines, failed, known = [], 0, 0
    for n, line in enumerate(open(exp_file, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        is_known = line.startswith("KNOWN ")
        body = line[6:] if is_known else line
        try:
            msg = check(body.split(), body)
        except AssertionError as e:
            msg = str(e)
        if msg is None:
            if is_known:
                lines.append("  note: expected.txt:%d: a KNOWN check now passes (remove the mark?): %s" % (n, body))
            continue
        if is_known:
            known += 1
            lines.append("  known: expected.txt:%d: %s" % (n, msg))
        else:
            failed += 1
            lines.append("  FAIL: expected.txt:%d: %s" % (n, msg))
    if failed:
        for l in err.splitlines()[:8]:
            lines.append("    stderr| " + l[:300])
    return lines, failed, known

n_pass = n_known = 0
n_failed = []
for name in names:
    lines, failed, known = check_case(name)
    exp = os.path.join(cases_dir, name, "expected.txt")
    if failed:
        print("FAIL: %s: %d check(s) failed" % (name, failed))
        n_failed.append(name)
    elif known:
        print("known: %s: %d check(s) the engine is known to fail (see # KNOWN: in %s)" % (name, known, exp))
        n_known += 1
    else:
        print("ok:   %s" % name)
        n_pass += 1
    for l in lines:
        print(l)
print()
print("%d case(s): %d passed, %d known, %d failed%s" % (len(names), n_pass, n_known, len(n_failed),
      (": " + " ".join(n_failed)) if n_failed else ""))
print("FAILED %d" % len(n_failed))
PY
status=$?
sed '$d' "$tmp/report"
nfail=$(sed -n 's/^FAILED //p' "$tmp/report")
if [ "$status" -ne 0 ] || [ -z "$nfail" ]; then
	fail "the checker did not finish (exit $status)"
else
	failures=$((failures + nfail))
fi
finish
