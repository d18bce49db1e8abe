#!/usr/bin/env bash
# --format xlsx (docs/reports.md): the workbook opens as a zip with the four
# sheets, its numbers are numeric cells (<v>, not text cells) equal to
# the JSON output's, it has native charts (xl/charts/chart1.xml) and
# autofilters, and the bytes are the same run after run and through stdout.
# Also: xlsx to a terminal without -o is a usage error; --quiet.
#
# usage: tests/cli/output_xlsx.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"

score_demo xlsx

# the same bytes again, and through standard output (not a terminal)
"$JX" score "$RULES" "$DEMO" --format xlsx -o "$tmp/again.xlsx" 2>/dev/null
"$JX" score "$RULES" "$DEMO" --format xlsx >"$tmp/stdout.xlsx" 2>/dev/null
cmp -s "$tmp/demo.xlsx" "$tmp/again.xlsx" && pass "xlsx is byte-identical run after run" ||
	fail "xlsx differs between two runs"
cmp -s "$tmp/demo.xlsx" "$tmp/stdout.xlsx" && pass "xlsx through stdout equals -o" ||
	fail "xlsx through stdout differs from -o"

python3 - "$tmp/demo.xlsx" "$tmp/demo.json" <<'EOF' && pass "sheets, numeric cells equal to the JSON, charts, autofilters" || fail "workbook contents (above)"
import json, math, re, sys, zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
z = zipfile.ZipFile(sys.argv[1])
doc = json.load(open(sys.argv[2], encoding="utf-8"))
problems = []
names = set(z.namelist())

# sheets, by name, through the workbook's relationships
wb = ET.fromstring(z.read("xl/workbook.xml"))
rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
target = {r.get("Id"): r.get("Target") for r in rels.findall("p:Relationship", NS)}
sheets = {}
for s in wb.find("m:sheets", NS):
    rid = s.get("{%s}id" % NS["r"])
    sheets[s.get("name")] = "xl/" + target[rid].lstrip("/").replace("xl/", "", 1)
want = ["汇总", "统计", "自评表", "明细"]
if list(sheets) != want:
    problems.append(f"sheets {list(sheets)}, expected {want}")

shared, inline = [], []
if "xl/sharedStrings.xml" in names:
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
        shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))

def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1

def read_sheet(name):
    """rows: list of dict col -> ('n', float) | ('s', str)"""
    root = ET.fromstring(z.read(sheets[name]))
    rows = {}
    for row in root.iter("{%s}row" % NS["m"]):
        r = int(row.get("r")) - 1
        cells = {}
        for c in row.findall("m:c", NS):
            if c.get("t") == "inlineStr":  # constant-memory mode writes text inline
                text = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
                cells[col_index(c.get("r"))] = ("s", text)
                inline.append(text)
                continue
            v = c.find("m:v", NS)
            if v is None:
                continue
            if c.get("t") == "s":
                cells[col_index(c.get("r"))] = ("s", shared[int(v.text)])
            elif c.get("t") in (None, "n"):
                cells[col_index(c.get("r"))] = ("n", float(v.text))
            else:
                cells[col_index(c.get("r"))] = (c.get("t"), v.text)
        rows[r] = cells
    return root, rows

def same(a, b):
    return a == b or (math.isfinite(a) and math.isfinite(b) and
                      abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b)))

depts = {d["id"]: d for d in doc["departments"]}

# 汇总: one row per department; total and rank numeric and equal to the JSON
root, rows = read_sheet("汇总")
if root.find("m:autoFilter", NS) is None:
    problems.append("汇总 has no autofilter")
header = rows.get(3, {})
cols = {v[1]: k for k, v in header.items() if v[0] == "s"}
for need in ("部门编号", "总分", "等级", "排名"):
    if need not in cols:
        problems.append(f"汇总 header lacks {need}: {header}")
seen = 0
for r, cells in sorted(rows.items()):
    if r <= 3 or cells.get(cols.get("部门编号")) is None:
        continue
    did = cells[cols["部门编号"]][1]
    d = depts.get(did)
    if d is None:
        problems.append(f"汇总 row {r+1}: unknown department {did}")
        continue
    seen += 1
    total = cells.get(cols["总分"])
    rank = cells.get(cols["排名"])
    if d["score"] is None:
        if total is not None:
            problems.append(f"{did}: rejected but 总分 {total}")
        continue
    if total is None or total[0] != "n" or not same(total[1], d["score"]):
        problems.append(f"{did}: 总分 {total}, JSON {d['score']}")
    if rank is None or rank[0] != "n" or rank[1] != d["rank"]:
        problems.append(f"{did}: 排名 {rank}, JSON {d['rank']}")
    grade = cells.get(cols["等级"])
    if grade is None or grade[1] != d["grade"]:
        problems.append(f"{did}: 等级 {grade}, JSON {d['grade']}")
if seen != len(depts):
    problems.append(f"汇总 has {seen} departments, the JSON {len(depts)}")

# 明细: every department x indicator; actual, completion, score numeric
root, rows = read_sheet("明细")
if root.find("m:autoFilter", NS) is None:
    problems.append("明细 has no autofilter")
header = {v[1]: k for k, v in rows[0].items()}
checked = 0
for r, cells in sorted(rows.items()):
    if r == 0:
        continue
    did, iid = cells[header["部门编号"]][1], cells[header["指标编号"]][1]
    ind = next((i for i in depts[did]["indicators"] if i["id"] == iid), None)
    if ind is None:
        problems.append(f"明细 row {r+1}: {did}/{iid} not in the JSON")
        continue
    score = cells.get(header["得分"])
    if ind["status"] == "excluded":
        if score is not None:
            problems.append(f"{did}/{iid}: excluded but 得分 {score}")
    elif score is None or score[0] != "n" or not same(score[1], ind["score"]):
        problems.append(f"{did}/{iid}: 得分 {score}, JSON {ind['score']}")
    comp = cells.get(header["完成率"])
    if ind["completion"] is None:
        if comp is not None:
            problems.append(f"{did}/{iid}: 完成率 {comp}, JSON null")
    elif comp is None or comp[0] != "n" or not same(comp[1], ind["completion"]):
        problems.append(f"{did}/{iid}: 完成率 {comp}, JSON {ind['completion']}")
    actual = cells.get(header["实际完成值"])
    if isinstance(ind["actual"], (int, float)) and not isinstance(ind["actual"], bool):
        if actual is None or actual[0] != "n" or not same(actual[1], ind["actual"]):
            problems.append(f"{did}/{iid}: 实际完成值 {actual}, JSON {ind['actual']}")
    checked += 1
want_rows = sum(len(d.get("indicators", [])) for d in depts.values())
if checked != want_rows:
    problems.append(f"明细 has {checked} rows, the JSON {want_rows} indicators")

# 统计: the grade counts and the histogram feed the charts
root, rows = read_sheet("统计")
flat = [(r, c, v) for r, cells in rows.items() for c, v in cells.items()]
for grade, n in doc["summary"]["grades"].items():
    hit = [r for r, c, v in flat if c == 0 and v == ("s", grade)]
    if not hit or rows[hit[0]].get(1) != ("n", float(n)):
        problems.append(f"统计: grade {grade} count, JSON {n}")
for chart in ("xl/charts/chart1.xml", "xl/charts/chart2.xml"):
    if chart not in names:
        problems.append(f"{chart} missing")
    elif b"<c:barChart>" not in z.read(chart):
        problems.append(f"{chart} is not a column chart")
if "xl/drawings/drawing1.xml" not in names:
    problems.append("no drawing holds the charts")

# numbers are stored as numbers: no text cell looks like a score
for s in shared + inline:
    if re.fullmatch(r"-?\d+\.\d\d", s):
        problems.append(f"a number stored as text: {s!r}")
        break

if problems:
    print("\n".join("    " + p for p in problems[:30]))
    sys.exit(1)
print(f"    {seen} departments and {checked} indicator rows equal the JSON")
EOF

# Sheets continue on 明细_2, ... at the row limit (Excel's 1 048 576;
# JIXIAO_XLSX_ROWS lowers it for this test): every part has the header, the
# parts together hold every row, a department's rows stay on one part.
JIXIAO_XLSX_ROWS=300 "$JX" score "$RULES" "$DEMO" --format xlsx -o "$tmp/split.xlsx" 2>/dev/null
python3 - "$tmp/split.xlsx" "$tmp/demo.json" <<'EOF2' && pass "sheets split at the row limit: 明细_2 ..., 自评表_2 ..., all rows there" || fail "split sheets"
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
z = zipfile.ZipFile(sys.argv[1])
doc = json.load(open(sys.argv[2], encoding="utf-8"))
names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
problems = []
detail = [n for n in names if re.fullmatch(r"明细(_\d+)?", n)]
table = [n for n in names if re.fullmatch(r"自评表(_\d+)?", n)]
if names[:3] != ["汇总", "统计", "自评表"] or len(detail) < 4 or len(table) < 4:
    problems.append(f"sheets {names}")
if detail != ["明细"] + [f"明细_{k}" for k in range(2, len(detail) + 1)]:
    problems.append(f"明细 parts {detail}")
def text(c):
    return "".join(t.text or "" for t in c.iter(M + "t"))
seen, where = [], {}
for k, name in enumerate(names):
    if name not in detail:
        continue
    root = ET.fromstring(z.read(f"xl/worksheets/sheet{k + 1}.xml"))
    rows = list(root.iter(M + "row"))
    if len(rows) > 300:
        problems.append(f"{name}: {len(rows)} rows")
    if text(rows[0].find(M + "c")) != "部门编号":
        problems.append(f"{name}: no header")
    for r in rows[1:]:
        cells = r.findall(M + "c")
        did, iid = text(cells[0]), text(cells[2])
        seen.append((did, iid))
        where.setdefault(did, set()).add(name)
want = [(d["id"], i["id"]) for d in doc["departments"] for i in d.get("indicators", [])]
if seen != want:
    problems.append(f"明细 parts hold {len(seen)} rows, the JSON {len(want)}")
split = [d for d, parts in where.items() if len(parts) > 1]
if split:
    problems.append(f"departments across parts: {split[:3]}")
for p in problems:
    print("    " + p)
sys.exit(1 if problems else 0)
EOF2

# A workbook that cannot be written says why (not "Success").
TMPDIR="$tmp/no/such/dir" "$JX" score "$RULES" "$SEED" --format xlsx -o "$tmp/never.xlsx" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 4 ] && grep -q "temporary file in $tmp/no/such/dir: No such file or directory" "$tmp/err" &&
	! grep -q "Success" "$tmp/err" && [ ! -e "$tmp/never.xlsx" ] &&
	pass "xlsx: an unwritable temporary folder is named, exit 4, nothing left" ||
	{ show "$tmp/err" stderr; fail "xlsx: unwritable temporary folder (exit $rc)"; }

# jx_result_write to a file for the seed: a small workbook opens too
"$JX" score "$RULES" "$SEED" --format xlsx -o "$tmp/seed.xlsx" 2>/dev/null
python3 -c "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None" \
	"$tmp/seed.xlsx" && pass "seed workbook is a valid zip" || fail "seed workbook"

# a workbook is binary: not onto a terminal
if command -v script >/dev/null 2>&1; then
	script -qec "'$JX' score '$RULES' '$SEED' --format xlsx" /dev/null >"$tmp/tty.out" 2>&1
	rc=$?
	[ "$rc" -eq 2 ] && grep -q -- "-o FILE.xlsx" "$tmp/tty.out" &&
		pass "xlsx to a terminal without -o is a usage error" ||
		{ cat "$tmp/tty.out"; fail "xlsx to a terminal: exit $rc"; }
else
	echo "skip: no script(1) for a terminal"
fi

# unknown formats are named with the new ones
"$JX" score "$RULES" "$SEED" --format xls >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "xlsx, html" "$tmp/err" && pass "unknown format lists xlsx and html" ||
	fail "unknown format message"

# --quiet: no warnings on stderr (an unused column warns without it)
printf 'dept_id,dept_name,remark\nd1,部门一,x\n' >"$tmp/warn.csv"
"$JX" score "$RULES" "$tmp/warn.csv" --format json -o "$tmp/w.json" 2>"$tmp/loud"
"$JX" score "$RULES" "$tmp/warn.csv" --format json -o "$tmp/q.json" --quiet 2>"$tmp/quiet"
if grep -q "warning" "$tmp/loud" && ! grep -q "warning" "$tmp/quiet"; then
	pass "--quiet drops the warnings"
else
	echo "--- without --quiet:"; cat "$tmp/loud"; echo "--- with --quiet:"; cat "$tmp/quiet"
	fail "--quiet"
fi

finish
