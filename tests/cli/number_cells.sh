#!/usr/bin/env bash
# Cells read without the literal parser (load/batch.c plain_number): plain
# numbers, thousands separators and percentages must give exactly what the
# parser gives (a percentage is its digits with the exponent shifted by two,
# as strtod reads "93.5e-2"), and anything the parser would refuse must still
# be refused with its message. Python's float() rounds as strtod does, so it
# is the independent reference here.
#
# usage: tests/cli/number_cells.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"

cat >"$tmp/rules.yaml" <<'YAML'
jixiao: 1
ruleset: {id: number-cells, name: 数字单元格, version: "1"}
precision: 2
variables:
  money: 万元
  rate: "%"
grades:
  - {grade: 优, min: 90}
  - {grade: 良, min: 80}
  - {grade: 中, min: 60}
  - {grade: 差, min: 0}
indicators:
  - {id: users, name: 用户, weight: 25, value: users, target: ">= 10000", method: ratio}
  - {id: rate, name: 比率, weight: 25, value: rate, target: ">= 90%", method: ratio}
  - {id: plain, name: 无单位, weight: 25, value: plain, target: ">= 90%", method: ratio}
  - {id: money, name: 金额, weight: 25, value: money, target: ">= 100", method: ratio}
YAML

# One department per case: the column, the cell, and what it must read as
# (a number written as Python reads it, or "error: <message part>").
python3 - "$tmp" <<'PY'
import csv, sys
cases = [
    ("users", "14,000", "14000"), ("users", "1,234,567", "1234567"),
    ("users", "12,345.6", "12345.6"), ("users", "0,123", "123"),
    ("users", "-1,234", "-1234"), ("users", "999,999.99", "999999.99"),
    ("users", "9,999,999,999,999,999", "9999999999999999"),
    ("users", "1,23", "error: misplaced thousands separator"),
    ("users", "1,2345", "error: misplaced thousands separator"),
    ("users", "1,,234", "error: misplaced thousands separator"),
    ("users", "1,234,", "error: misplaced thousands separator"),
    ("users", "12345,678", "error: misplaced thousands separator"),
    ("users", ",123", "error: expected a number"),
    ("users", "1,234.5,6", "error: unexpected text"),
    ("plain", "93.5%", "93.5e-2"), ("plain", "1.005%", "1.005e-2"),
    ("plain", "2.675%", "2.675e-2"), ("plain", "33.3333333333333%", "33.3333333333333e-2"),
    ("plain", "0.0000000000000000001%", "0.0000000000000000001e-2"),
    ("plain", "123456789012345678%", "123456789012345678e-2"),
    ("plain", "12,345.6%", "12345.6e-2"), ("plain", "-5%", "-5e-2"),
    ("plain", "00012%", "12e-2"), ("plain", "93.5％", "93.5e-2"),
    ("plain", "5%%", "error: unknown unit"), ("plain", "%", "error: expected a number"),
    ("rate", "99.99%", "99.99e-2"), ("rate", "0.7%", "0.7e-2"), ("rate", "5‰", "5e-3"),
    ("money", "93.5%", "error: unit '%' does not fit"),
    ("money", "1,234.5", "1234.5"),
]
fill = {"users": "12000", "rate": "95%", "plain": "0.95", "money": "120"}
with open(sys.argv[1] + "/cells.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["dept_id", "dept_name", "users", "rate", "plain", "money"])
    for k, (col, cell, _) in enumerate(cases):
        row = dict(fill, **{col: cell})
        w.writerow(["c%02d" % k, "部门%d" % k] + [row[c] for c in ("users", "rate", "plain", "money")])
with open(sys.argv[1] + "/expect.tsv", "w", encoding="utf-8") as f:
    for k, (col, cell, want) in enumerate(cases):
        f.write("c%02d\t%s\t%s\t%s\n" % (k, col, cell, want))
PY

"$JX" score "$tmp/rules.yaml" "$tmp/cells.csv" --format json -o "$tmp/out.json" --jobs 1 \
	2>"$tmp/err.txt"
python3 - "$tmp" <<'PY' >"$tmp/report.txt"
import json, math, struct, sys
tmp = sys.argv[1]
depts = {d["id"]: d for d in json.load(open(tmp + "/out.json", encoding="utf-8"))["departments"]}
for line in open(tmp + "/expect.tsv", encoding="utf-8"):
    dept, col, cell, want = line.rstrip("\n").split("\t")
    d = depts[dept]
    if want.startswith("error: "):
        ok = d["status"] == "rejected" and want[7:] in (d["reason"] or "")
        got = d["reason"]
    else:
        ind = next(i for i in d["indicators"] if i["id"] == col)
        got = ind["actual"]
        ok = isinstance(got, (int, float)) and \
            struct.pack("<d", float(got)) == struct.pack("<d", float(want))
    print("%s %s %r -> %r (want %s)" % ("ok  " if ok else "FAIL", col, cell, got, want))
PY
if grep -q '^FAIL' "$tmp/report.txt"; then
	fail "cells read as the literal parser reads them"
	grep '^FAIL' "$tmp/report.txt" | sed 's/^/    /'
else
	pass "$(wc -l <"$tmp/report.txt") cells read as the literal parser reads them"
fi

# Read in chunks on two threads, the cells must read the same.
"$JX" score "$tmp/rules.yaml" "$tmp/cells.csv" --format json -o "$tmp/out2.json" --jobs 2 \
	2>/dev/null
if cmp -s "$tmp/out.json" "$tmp/out2.json"; then
	pass "--jobs 2 reads the cells the same"
else
	fail "--jobs 2 reads the cells differently"
fi
finish
