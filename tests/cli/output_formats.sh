#!/usr/bin/env bash
# Output formats (docs/data.md §6): json, csv, csv-long and text are deterministic;
# -o writes atomically; the CSV header and formula escaping; JSON validity;
# the text table's columns line up by display width.
#
# usage: tests/cli/output_formats.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"

# ---- determinism ----------------------------------------------------------------
for fmt in json csv csv-long text; do
	"$JX" score "$RULES" "$DEMO" --lenient --format $fmt >"$tmp/one.$fmt" 2>/dev/null
	rc1=$?
	"$JX" score "$RULES" "$DEMO" --lenient --format $fmt >"$tmp/two.$fmt" 2>/dev/null
	rc2=$?
	if [ "$rc1" -ne 0 ] || [ "$rc2" -ne 0 ]; then
		fail "$fmt: exit codes $rc1/$rc2, expected 0"
	elif [ ! -s "$tmp/one.$fmt" ]; then
		fail "$fmt: empty output"
	elif cmp -s "$tmp/one.$fmt" "$tmp/two.$fmt"; then
		pass "$fmt: two runs byte-identical"
	else
		fail "$fmt: two runs differ"
	fi
	# Without --lenient too (every demo department scores, exit 0).
	"$JX" score "$RULES" "$DEMO" --format $fmt >"$tmp/strict1.$fmt" 2>/dev/null
	"$JX" score "$RULES" "$DEMO" --format $fmt >"$tmp/strict2.$fmt" 2>/dev/null
	cmp -s "$tmp/strict1.$fmt" "$tmp/strict2.$fmt" || fail "$fmt (not lenient): two runs differ"
done

# ---- -o FILE --------------------------------------------------------------------
mkdir "$tmp/out"
for fmt in json csv csv-long text; do
	"$JX" score "$RULES" "$DEMO" --lenient --format $fmt -o "$tmp/out/result.$fmt" >"$tmp/o.stdout" 2>"$tmp/o.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "-o ($fmt): exit code $rc"
	elif ! cmp -s "$tmp/out/result.$fmt" "$tmp/one.$fmt"; then
		fail "-o ($fmt): the file differs from standard output"
	elif [ -s "$tmp/o.stdout" ]; then
		fail "-o ($fmt): something was also written to standard output"
	else
		pass "-o ($fmt): file written, same bytes as stdout"
	fi
done
# Overwriting an existing file.
"$JX" score "$RULES" "$DEMO" --format csv -o "$tmp/out/result.csv" 2>/dev/null
rc=$?
[ "$rc" -eq 0 ] && cmp -s "$tmp/out/result.csv" "$tmp/strict1.csv" &&
	pass "-o over an existing file; exit 0 (every demo department scored)" ||
	fail "-o over an existing file: exit $rc or wrong content"
leftover=$(cd "$tmp/out" && ls -A | grep -v -x -E 'result\.(json|csv|csv-long|text)')
[ -z "$leftover" ] && pass "-o leaves no temporary files" || fail "-o left files behind: $leftover"
"$JX" score "$RULES" "$SEED" -o "$tmp/out/seed.json" 2>/dev/null
python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$tmp/out/seed.json" 2>/dev/null &&
	pass "-o without --format writes JSON" || fail "-o without --format: not JSON"

# Into a folder that does not exist: fails, creates nothing.
"$JX" score "$RULES" "$SEED" --format json -o "$tmp/missing/dir/result.json" >"$tmp/m.out" 2>"$tmp/m.err"
rc=$?
[ "$rc" -ne 0 ] && pass "-o into a missing folder: exit $rc" || fail "-o into a missing folder: exit 0"
[ -s "$tmp/m.err" ] && pass "-o into a missing folder: says why on stderr" || fail "-o into a missing folder: no message"
[ -e "$tmp/missing" ] && fail "-o into a missing folder: created $tmp/missing" ||
	pass "-o into a missing folder: nothing created"
stray=$(ls -A "$tmp" | grep -v -x -E 'one\..*|two\..*|strict[12]\..*|out|o\.stdout|o\.err|m\.out|m\.err')
[ -z "$stray" ] && pass "-o into a missing folder: no stray files" || fail "stray files: $stray"
# Into a read-only folder (skipped as root, who can write anywhere).
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	"$JX" score "$RULES" "$SEED" -o "$tmp/ro/result.json" >/dev/null 2>&1
	rc=$?
	[ "$rc" -ne 0 ] && [ -z "$(ls -A "$tmp/ro")" ] && pass "-o into a read-only folder: fails, nothing left" ||
		fail "-o into a read-only folder: exit $rc, left: $(ls -A "$tmp/ro")"
	chmod 755 "$tmp/ro"
fi

# ---- CSV header and formula escaping ---------------------------------------------
python3 - "$tmp/one.json" "$tmp/one.csv" <<'EOF' && pass "csv header: dept_id,dept_name,status,score,grade,rank,<28 ids>,flags,reason" || fail "csv header"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
ids = [i["id"] for i in doc["departments"][0]["indicators"]]
want = ",".join(["dept_id", "dept_name", "status", "score", "grade", "rank"] + ids + ["flags", "reason"])
got = open(sys.argv[2], encoding="utf-8", newline="").readline().rstrip("\n")
if got != want or len(ids) != 28:
    print("    got: ", got)
    print("    want:", want)
    sys.exit(1)
EOF
head -1 "$tmp/one.csv-long" | grep -qx 'dept_id,dept_name,indicator,name,path,actual,target,unit,completion,weight,score,status,reason,needs_note,note,claimed,difference,review_code' &&
	pass "csv-long header" || fail "csv-long header: $(head -1 "$tmp/one.csv-long")"
n_long=$(($(wc -l <"$tmp/one.csv-long") - 1))
[ "$n_long" -eq $((35 * 28)) ] && pass "csv-long: 35 x 28 rows" || fail "csv-long: $n_long rows, expected 980"

python3 - "$tmp" <<'EOF'
import csv, io, sys
tmp = sys.argv[1]
rows = list(csv.reader(open("fixtures/demo/departments.csv", encoding="utf-8", newline="")))
hdr, seed = rows[0], rows[1]
names = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "普通名称"]
out = [hdr]
for k, name in enumerate(names):
    r = list(seed)
    r[0], r[1] = f"f-{k}", name
    out.append(r)
r = list(seed)
r[0], r[1] = "=id", "ok"
out.append(r)
buf = io.StringIO()
csv.writer(buf, lineterminator="\n").writerows(out)
open(f"{tmp}/formula.csv", "w", encoding="utf-8", newline="").write(buf.getvalue())
EOF
"$JX" score "$RULES" "$tmp/formula.csv" --format csv >"$tmp/formula.out.csv" 2>/dev/null
"$JX" score "$RULES" "$tmp/formula.csv" --format csv-long >"$tmp/formula.out.csv-long" 2>/dev/null
python3 - "$tmp/formula.out.csv" "$tmp/formula.out.csv-long" <<'EOF' && pass "csv: formula-like cells get a leading ' (=, +, -, @, TAB), others untouched" || fail "csv formula escaping"
import csv, sys
want = {"f-0": "'=HYPERLINK(\"http://x\",\"y\")", "f-1": "'+1+1", "f-2": "'-2+3",
        "f-3": "'@SUM(A1)", "f-4": "'\t=1", "f-5": "普通名称", "'=id": "ok"}
bad = []
for path in sys.argv[1:]:
    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
    got = {}
    for r in rows[1:]:
        got.setdefault(r[0], r[1])
    if got != want:
        bad.append((path, got))
    for r in rows[1:]:
        for cell in r:
            if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not cell[1:2].isdigit()):
                bad.append((path, "unescaped cell", cell))
for b in bad:
    print("   ", b)
sys.exit(1 if bad else 0)
EOF

# ---- JSON validity ------------------------------------------------------------------
for f in one.json strict1.json; do
	if python3 -m json.tool "$tmp/$f" >/dev/null 2>"$tmp/jt.err"; then
		pass "$f: python3 -m json.tool accepts it"
	else
		fail "$f: invalid JSON: $(cat "$tmp/jt.err")"
	fi
done
"$JX" score "$RULES" fixtures/seed/zero-mediation.yaml "$SEED" --format json >"$tmp/z.json" 2>/dev/null
"$JX" score "$RULES" "$SEED" --format json >"$tmp/single.json" 2>/dev/null
python3 - "$tmp/one.json" "$tmp/strict1.json" "$tmp/z.json" "$tmp/single.json" <<'EOF' && pass "JSON: no NaN / Infinity anywhere (undefined values are null)" || fail "JSON contains NaN or Infinity"
import json, sys
def refuse(name):
    raise ValueError(f"non-standard JSON constant {name}")
bad = 0
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    try:
        doc = json.loads(text, parse_constant=refuse)
    except ValueError as e:
        print(f"    {path}: {e}")
        bad += 1
        continue
    for key in ("engine", "ruleset", "departments", "summary"):
        if key not in doc:
            print(f"    {path}: no '{key}'")
            bad += 1
    if list(doc)[:4] != ["engine", "ruleset", "departments", "summary"]:
        print(f"    {path}: top-level key order {list(doc)}")
        bad += 1
sys.exit(1 if bad else 0)
EOF

# ---- text: columns line up by display width ------------------------------------------
python3 - "$tmp/one.json" "$tmp/one.text" <<'EOF' && pass "text: the 年度指标值 column starts at the same display column on every row" || fail "text columns do not line up"
import json, sys, unicodedata

def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)

doc = json.load(open(sys.argv[1], encoding="utf-8"))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
problems = []
header_idx = [k for k, l in enumerate(lines) if l.startswith("一级指标") and "年度指标值" in l]
deps = doc["departments"]
scored = [d for d in deps if d["status"] == "scored" or d["indicators"]]
if len(header_idx) != len([d for d in deps if d["status"] == "scored"]):
    problems.append(f"{len(header_idx)} tables for {len(scored)} scored departments")
for t, h in enumerate(header_idx):
    head = lines[h]
    want = width(head[:head.index("年度指标值")])
    # the department this table belongs to: the title line above names it as （id）
    title = next(lines[k] for k in range(h, -1, -1) if "（" in lines[k] and "）" in lines[k] and not lines[k].startswith("总分"))
    dept = next(d for d in deps if f"（{d['id']}）" in title)
    rows = lines[h + 2 : h + 2 + len(dept["indicators"])]
    for ind, row in zip(dept["indicators"], rows):
        target = ind["target_text"] or "-"
        after = row.index(ind["name"]) + len(ind["name"])
        at = row.find(target, after)
        if at < 0:
            problems.append(f"{dept['id']}/{ind['id']}: target {target!r} not found in {row!r}")
            continue
        got = width(row[:at])
        if got != want:
            problems.append(f"{dept['id']}/{ind['id']}: 年度指标值 at display column {got + 1}, header at {want + 1}: {row}")
if problems:
    print(f"    {len(problems)} misaligned rows, e.g.:")
    for p in problems[:8]:
        print("    " + p)
sys.exit(1 if problems else 0)
EOF

finish
