#!/usr/bin/env bash
# 复核 in every output (docs/reports.md, "复核"; docs/data.md, "复核 keys"):
# two published tables with the departments' own 得分, scored under the
# national rules, must show the same claims, differences and flags in json,
# csv, csv-long, xlsx (read back with openpyxl), html (html.parser), text and
# explain, each equal to the numbers worked by hand below (not to the JSON).
#
# 施甸县农业农村局, fixtures/published/shidian-nongye-2019.csv alone. The table
# gives 预算执行率 20 points and is scored on its own points
# (docs/review.md §5), as fixtures/published/EXPECTED.md works it:
#   预算执行率  rate 0.1: 20 × min(0.1, 1)                      =  2       claimed  2.9  → +0.90
#   declared.1  20 × min(6 / 15, 1)                            =  8       claimed  8.0  →  0.00
#   declared.2  20 × 4164 / 11442                              =  7.278448 (7.28)  7.3  → +0.02
#   declared.3  c = 12767.36 / 8000 = 1.59592 > 1.5:
#               20 × max(0.6, 1 − (1.59592 − 1.5))             = 18.0816 (18.08)  31.9  → +13.82
#   declared.4  c = 2074 / 1980 > 1: 10                        = 10               10.5  → +0.50
#   declared.5  c = 100 / 90 > 1: 10                           = 10               11.1  → +1.10
#   points 20 + 80 = 100 (off the scheme: 预算执行率 20, 产出 40), sum
#   55.360048 → 55.36 (差), no rescaling; claimed 总分 71.7 → +16.34 → claim_above_rules;
#   the rows' claims add up to 71.7: no claimed_sum_mismatch; not all at full marks;
#   I = 53.360048 / 80 = 0.667, E = 2 / 20 = 0.1, (I − E) / I = 85 % > 5 % → ahead_of_execution.
# 中江县水利局, fixtures/published/zhongjiang-shuili-2022.xlsx (the workbook):
#   every row met, scored at its points and claimed at its points (10 each,
#   验收合格率 20), difference 0.00 on every row; points 110 (产出 70): sum 110,
#   × 100 / 110 = 100.00 (优); claimed 总分 100 → 0.00; the rows' claims add up
#   to 110, not 100 → claimed_sum_mismatch; all_full_marks; weights_off_scheme;
#   I = E = 1: not ahead.
# Summary: 2 departments with a claimed total, mean difference (16.34 + 0) / 2
# = 8.17, largest |difference| first: 施甸, 中江.
# No reviewer file yet (--review, docs/review.md): review_code and
# review_note are empty everywhere.
#
# usage: tests/cli/review_outputs.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"
P=fixtures/published
PY=/usr/bin/python3 # Debian's, with python3-openpyxl (scripts/setup-deps.sh)

args=("$NATIONAL" --indicators "$P/shidian-nongye-2019.csv" --indicators "$P/zhongjiang-shuili-2022.xlsx")
for fmt in json csv csv-long text xlsx html; do
	"$JX" score "${args[@]}" --format $fmt -o "$tmp/r.$fmt" 2>"$tmp/err.$fmt"
	rc=$?
	scored $rc && [ -s "$tmp/r.$fmt" ] && pass "$fmt written (exit $rc)" ||
		{ fail "$fmt: exit $rc"; show "$tmp/err.$fmt" stderr; }
done

# The hand-worked numbers, as every format must give them.
cat >"$tmp/want.json" <<'EOF'
{
 "shidian-nongye-2019": {
  "score": "55.36", "claimed_score": "71.70", "score_difference": "16.34",
  "flags": ["weights_off_scheme", "claim_above_rules", "ahead_of_execution"],
  "rows": {"budget_execution_rate": ["2.90", "2.00", "0.90"],
           "declared.1": ["8.00", "8.00", "0.00"],
           "declared.2": ["7.30", "7.28", "0.02"],
           "declared.3": ["31.90", "18.08", "13.82"],
           "declared.4": ["10.50", "10.00", "0.50"],
           "declared.5": ["11.10", "10.00", "1.10"]}},
 "zhongjiang-shuili-2022": {
  "score": "100.00", "claimed_score": "100.00", "score_difference": "0.00",
  "flags": ["weights_off_scheme", "all_full_marks", "claimed_sum_mismatch"],
  "rows": {"budget_execution_rate": ["10.00", "10.00", "0.00"],
           "declared.1": ["10.00", "10.00", "0.00"], "declared.2": ["10.00", "10.00", "0.00"],
           "declared.3": ["20.00", "20.00", "0.00"], "declared.4": ["10.00", "10.00", "0.00"],
           "declared.5": ["10.00", "10.00", "0.00"], "declared.6": ["10.00", "10.00", "0.00"],
           "declared.7": ["10.00", "10.00", "0.00"], "declared.8": ["10.00", "10.00", "0.00"],
           "declared.9": ["10.00", "10.00", "0.00"]}}
}
EOF
# each check below prints what differs and exits 1
common='
import json, sys
want = json.load(open(sys.argv[1], encoding="utf-8"))
errors = []
def same(got, text, what):
    """got (a number, a numeric string, None) equals the decimal text"""
    try:
        ok = got is not None and got != "" and abs(float(got) - float(text)) < 1e-9
    except ValueError:
        ok = False
    if not ok:
        errors.append(f"{what}: {got!r}, expected {text}")
def done(label):
    for e in errors[:20]:
        print("    " + e)
    sys.exit(1 if errors else 0)
'

# ---- JSON -----------------------------------------------------------------------
python3 - "$tmp/want.json" "$tmp/r.json" <<EOF && pass "json: claims, differences, flags and the summary as worked by hand" || fail "json"
$common
doc = json.load(open(sys.argv[2], encoding="utf-8"))
depts = {d["id"]: d for d in doc["departments"]}
keys = list(depts["shidian-nongye-2019"])
if keys[keys.index("rank") + 1:keys.index("rank") + 3] != ["claimed_score", "score_difference"]:
    errors.append(f"department keys: {keys}")
for did, w in want.items():
    d = depts[did]
    for k in ("score", "claimed_score", "score_difference"):
        same(d[k], w[k], f"{did} {k}")
    if sorted(f for f in d["flags"] if not f.startswith(("outlier", "target_too_low"))) != sorted(w["flags"]):
        errors.append(f"{did} flags {d['flags']}")
    rows = {i["id"]: i for i in d["indicators"]}
    if set(rows) != set(w["rows"]):
        errors.append(f"{did} rows {sorted(rows)}")
    for iid, (claimed, score, diff) in w["rows"].items():
        i = rows.get(iid, {})
        ik = list(i)
        if ik[ik.index("score") + 1:ik.index("score") + 5] != ["claimed", "difference", "review_code", "review_note"]:
            errors.append(f"{did}/{iid} keys {ik}")
        same(i.get("claimed"), claimed, f"{did}/{iid} claimed")
        same(i.get("score"), score, f"{did}/{iid} score")
        same(i.get("difference"), diff, f"{did}/{iid} difference")
        if i.get("review_code") is not None or i.get("review_note") is not None:
            errors.append(f"{did}/{iid}: a review without a reviewer file")
rv = doc["summary"]["review"]
if rv["claimed"] != 2:
    errors.append(f"summary.review.claimed {rv['claimed']}")
want_flags = {"weights_off_scheme": 2, "claim_above_rules": 1, "claim_below_rules": 0,
              "all_full_marks": 1, "ahead_of_execution": 1, "claimed_sum_mismatch": 1}
if rv["flags"] != want_flags or list(rv["flags"]) != list(want_flags):
    errors.append(f"summary.review.flags {rv['flags']}")
same(rv["mean_difference"], "8.17", "mean_difference")
same(rv["mean_abs_difference"], "8.17", "mean_abs_difference")
if [x["id"] for x in rv["largest"]] != ["shidian-nongye-2019", "zhongjiang-shuili-2022"]:
    errors.append(f"largest {rv['largest']}")
else:
    same(rv["largest"][0]["score_difference"], "16.34", "largest[0].score_difference")
    same(rv["largest"][0]["claimed_score"], "71.70", "largest[0].claimed_score")
    same(rv["largest"][0]["score"], "55.36", "largest[0].score")
done("json")
EOF

# ---- csv and csv-long ---------------------------------------------------------------
python3 - "$tmp/want.json" "$tmp/r.csv" "$tmp/r.csv-long" <<EOF && pass "csv and csv-long: the same numbers" || fail "csv / csv-long"
$common
import csv
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")))
head = open(sys.argv[2], encoding="utf-8").readline().strip().split(",")
if head[5:8] != ["rank", "claimed_score", "score_difference"]:
    errors.append(f"csv header {head}")
for r in rows:
    w = want[r["dept_id"]]
    for k in ("score", "claimed_score", "score_difference"):
        same(r[k], w[k], f"csv {r['dept_id']} {k}")
    if sorted(r["flags"].split(";")) != sorted(w["flags"]):
        errors.append(f"csv {r['dept_id']} flags {r['flags']}")
long = list(csv.DictReader(open(sys.argv[3], encoding="utf-8", newline="")))
head = open(sys.argv[3], encoding="utf-8").readline().strip().split(",")
if head[-3:] != ["claimed", "difference", "review_code"]:
    errors.append(f"csv-long header {head}")
seen = 0
for r in long:
    claimed, score, diff = want[r["dept_id"]]["rows"][r["indicator"]]
    same(r["claimed"], claimed, f"csv-long {r['dept_id']}/{r['indicator']} claimed")
    same(r["score"], score, f"csv-long {r['dept_id']}/{r['indicator']} score")
    same(r["difference"], diff, f"csv-long {r['dept_id']}/{r['indicator']} difference")
    if r["review_code"]:
        errors.append(f"csv-long review_code {r['review_code']!r}")
    seen += 1
if seen != sum(len(w["rows"]) for w in want.values()):
    errors.append(f"csv-long rows {seen}")
done("csv")
EOF

# ---- xlsx: 复核 and 汇总, read back with openpyxl -----------------------------------------
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	fail "xlsx: $PY has no openpyxl (python3-openpyxl, scripts/setup-deps.sh)"
else
	"$PY" - "$tmp/want.json" "$tmp/r.xlsx" <<EOF && pass "xlsx: 复核 and 汇总 sheets carry the same numbers, differences marked" || fail "xlsx"
$common
import openpyxl
words = {"分值与指标体系不符": "weights_off_scheme", "自评得分高于规则得分": "claim_above_rules",
         "自评得分低于规则得分": "claim_below_rules", "全部满分": "all_full_marks",
         "自评结果超前于预算执行（红色预警）": "ahead_of_execution",
         "总分与各项得分之和不符": "claimed_sum_mismatch"}
def flags(text):
    return sorted(words[w] for w in (text or "").split("；") if w in words)
wb = openpyxl.load_workbook(sys.argv[2])
if wb.sheetnames != ["汇总", "统计", "自评表", "明细", "复核"]:
    errors.append(f"sheets {wb.sheetnames}")
ws = wb["复核"]
rows = list(ws.iter_rows())
head = [c.value for c in rows[0]]
col = {h: k for k, h in enumerate(head)}
seen = 0
for r in rows[1:]:
    v = [c.value for c in r]
    did, iid = v[col["部门编号"]], v[col["指标编号"]]
    w = want[did]
    if iid == "总分":
        same(v[col["自评得分"]], w["claimed_score"], f"复核 {did} 自评总分")
        same(v[col["复核得分"]], w["score"], f"复核 {did} 总分")
        same(v[col["差异"]], w["score_difference"], f"复核 {did} 差异")
        cell = r[col["差异"]]
    else:
        claimed, score, diff = w["rows"][iid]
        same(v[col["自评得分"]], claimed, f"复核 {did}/{iid} 自评得分")
        same(v[col["复核得分"]], score, f"复核 {did}/{iid} 复核得分")
        same(v[col["差异"]], diff, f"复核 {did}/{iid} 差异")
        if v[col["复核代码"]]:
            errors.append(f"复核 {did}/{iid} 复核代码 {v[col['复核代码']]!r}")
        cell = r[col["差异"]]
        seen += 1
    if flags(v[col["部门标志"]]) != sorted(w["flags"]):
        errors.append(f"复核 {did} 部门标志 {v[col['部门标志']]!r}")
    # marked red when the claim is above the rules' score, unmarked at 0
    red = (cell.fill.fgColor.rgb or "").endswith("FFC7CE")
    if red != (float(cell.value) > 0):
        errors.append(f"复核 {did}/{iid}: 差异 {cell.value} fill {cell.fill.fgColor.rgb}")
if seen != sum(len(w["rows"]) for w in want.values()):
    errors.append(f"复核 rows {seen}")
ws = wb["汇总"]
head = [c.value for c in ws[4]]
col = {h: k for k, h in enumerate(head)}
for r in ws.iter_rows(min_row=5, values_only=True):
    w = want[r[col["部门编号"]]]
    same(r[col["总分"]], w["score"], "汇总 总分")
    same(r[col["自评总分"]], w["claimed_score"], "汇总 自评总分")
    same(r[col["差异"]], w["score_difference"], "汇总 差异")
    if flags(r[col["标志"]]) != sorted(w["flags"]):
        errors.append(f"汇总 标志 {r[col['标志']]!r}")
stats = {r[0]: r[1] for r in wb["统计"].iter_rows(values_only=True) if r[0]}
same(stats.get("有自评总分的部门"), "2", "统计 有自评总分的部门")
same(stats.get("平均差异（自评 − 规则）"), "8.17", "统计 平均差异")
same(stats.get("总分与各项得分之和不符"), "1", "统计 总分与各项得分之和不符")
done("xlsx")
EOF
fi

# ---- html: the 复核意见 pages --------------------------------------------------------------
python3 - "$tmp/want.json" "$tmp/r.html" <<EOF && pass "html: a 复核意见 per department with the same numbers and flags" || fail "html"
$common
from html.parser import HTMLParser
class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.rows, self.flags, self.cur = {}, [], {}, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "data-review-dept" in a:
            self.cur = a["data-review-dept"]
            self.sections[self.cur] = a
            self.flags[self.cur] = []
        elif tag == "tr" and "data-review-indicator" in a:
            self.rows.append((self.cur, a))
        elif tag == "li" and self.cur and "data-flag" in a:
            self.flags[self.cur].append(a["data-flag"])
    def handle_endtag(self, tag):
        if tag == "section":
            self.cur = None
html = open(sys.argv[2], encoding="utf-8").read()
p = Page()
p.feed(html)
if set(p.sections) != set(want):
    errors.append(f"复核意见 for {sorted(p.sections)}")
for did, a in p.sections.items():
    w = want[did]
    same(a.get("data-score"), w["score"], f"html {did} data-score")
    same(a.get("data-claimed-score"), w["claimed_score"], f"html {did} data-claimed-score")
    same(a.get("data-score-difference"), w["score_difference"], f"html {did} data-score-difference")
    if sorted(p.flags[did]) != sorted(w["flags"]):
        errors.append(f"html {did} flags {p.flags[did]}")
for did, a in p.rows:
    claimed, score, diff = want[did]["rows"][a["data-review-indicator"]]
    same(a.get("data-claimed"), claimed, f"html {did}/{a['data-review-indicator']} data-claimed")
    same(a.get("data-score"), score, f"html {did}/{a['data-review-indicator']} data-score")
    same(a.get("data-difference"), diff, f"html {did}/{a['data-review-indicator']} data-difference")
    if a.get("data-review-code"):
        errors.append(f"html review code {a['data-review-code']!r}")
if len(p.rows) != sum(len(w["rows"]) for w in want.values()):
    errors.append(f"html rows {len(p.rows)}")
for need in ("复核单位（盖章）", "日期：", "section.review{break-before:page"):
    if need not in html:
        errors.append(f"html lacks {need!r}")
done("html")
EOF

# ---- text and explain ----------------------------------------------------------------------
has "$tmp/r.text" "自评总分 71.70  规则总分 55.36  差异 +16.34" "text: 施甸 claimed total against the computed one"
has "$tmp/r.text" "复核：自评得分高于规则得分（claim_above_rules）" "text: claim_above_rules in words"
has "$tmp/r.text" "复核：总分与各项得分之和不符（claimed_sum_mismatch）：各项自评得分合计 110.00" "text: claimed_sum_mismatch with the rows' sum"
has_re "$tmp/r.text" "^效益指标 +经济效益指标 +新型经营主体实现产值\(%\) .* 18\.08 +31\.90 +\+13\.82" "text: the row's 自评得分 and 差异 columns"
has "$tmp/r.text" "复核  有自评总分的部门 2  平均差异 +8.17  平均绝对差异 8.17" "text: the summary's 复核 line"

run 0 "explain 施甸" -- "$JX" explain "$NATIONAL" "$P/shidian-nongye-2019-budget.csv" \
	--indicators "$P/shidian-nongye-2019.csv" --dept shidian-nongye-2019
has "$tmp/out" "自评得分 31.90，规则得分 18.08，差异 31.90 − 18.08 = +13.82" "explain: a row's claim against the rules"
has "$tmp/out" "自评多计 13.82 分（自评得分超过该项分值）" "explain: why they differ"
has "$tmp/out" "20 × max(0.6, 1 − (1.59592 − 1.5)) = 18.0816" "explain: a declared row's formula with its numbers"
has "$tmp/out" "总分 = Σ 未舍入得分 = 55.36004782" "explain: the total on the table's own 100 points"
has "$tmp/out" "自评总分 71.70，规则总分 55.36，差异 71.70 − 55.36 = +16.34" "explain: the claimed total"
has "$tmp/out" "I = 指标得分 / 指标分值 = 53.36 / 80 = 0.667001" "explain: ahead_of_execution's I"
has "$tmp/out" "E = 预算执行得分 / 分值 = 2 / 20 = 0.1" "explain: and E"

# ---- without claims nothing changes where a benchmark compares bytes ------------------------
"$JX" score "$RULES" "$DEMO" --format csv 2>/dev/null | head -1 | grep -q '^dept_id,dept_name,status,score,grade,rank,budget_execution_rate,' &&
	pass "csv without claimed totals: no claim columns" || fail "csv without claims has extra columns"

# ---- a reviewer's findings (--review, docs/review.md) -----------------------------------------
# The national rules with review codes; 中江's workbook reviewed on three rows:
#   预算执行率       R01 无佐证材料 keep 0 %      10 × 0                  = 0
#   安装坡面水标尺   R02 不具可考查性 keep 40 %   10 × 0.4                = 4
#   水标尺宽度       actual 40厘米 (target ≥50厘米): 10 × 40/50        = 8
# the other rows as before: 20 + 10 + 10 + 10 + 10 + 10 + 10 = 80;
# 0 + 4 + 8 + 80 = 92 of 110 points, × 100 / 110 = 83.636… → 83.64 (良);
# claimed 100 → +16.36; E = 0 / 10 = 0 → ahead_of_execution.
mkdir -p "$tmp/rv"
cp "$NATIONAL/rules.yaml" "$tmp/rv/rules.yaml"
cat >>"$tmp/rv/rules.yaml" <<'EOF'

review_codes:
  R01: {name: 无佐证材料, keep: 0%}
  R02: {name: 不具可考查性, keep: 40%}
EOF
cat >"$tmp/rv/findings.csv" <<'EOF'
dept_id,indicator,code,actual,score,note
zhongjiang-shuili-2022,预算执行率,R01,,,无决算报表
zhongjiang-shuili-2022,安装坡面水标尺,R02,,,只有照片
zhongjiang-shuili-2022,水标尺宽度,,40厘米,,实测宽度
EOF
run 0 "review: scored with the findings" -- "$JX" score "$tmp/rv" --indicators "$P/zhongjiang-shuili-2022.xlsx" \
	--review "$tmp/rv/findings.csv" --format json
python3 - "$tmp/out" <<'PY' && pass "review: codes keep their shares, a corrected figure is scored, every row cites its code and note" || fail "review"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["departments"][0]
rows = {i["name"]: i for i in d["indicators"]}
errors = []
def want(cond, what):
    if not cond:
        errors.append(what)
want(d["score"] in ("83.64", 83.64) and d["grade"] == "良", f"total {d['score']} {d['grade']}")
want(d["score_difference"] in ("16.36", 16.36), f"score_difference {d['score_difference']}")
want("ahead_of_execution" in d["flags"], f"flags {d['flags']}")
for name, score, code, note in (("预算执行率", 0, "R01", "无决算报表"), ("安装坡面水标尺", 4, "R02", "只有照片"),
                                ("水标尺宽度", 8, None, "实测宽度")):
    i = rows[name]
    want(abs(float(i["score"]) - score) < 1e-9, f"{name} score {i['score']}")
    want(i["review_code"] == code and i["review_note"] == note, f"{name} review {i['review_code']} {i['review_note']}")
    want("复核" in (i["reason"] or "") and note in (i["reason"] or ""), f"{name} reason {i['reason']}")
want(rows["水标尺宽度"]["actual"] in (40, "40", 0.4) or "40" in str(rows["水标尺宽度"]["actual"]), f"actual {rows['水标尺宽度']['actual']}")
for e in errors:
    print("    " + e)
sys.exit(1 if errors else 0)
PY
run 0 "review: csv-long" -- "$JX" score "$tmp/rv" --indicators "$P/zhongjiang-shuili-2022.xlsx" \
	--review "$tmp/rv/findings.csv" --format csv-long
has_re "$tmp/out" ",安装坡面水标尺,.*,4\.00,.*,10\.00,6\.00,R02$" "review: csv-long carries the row's review_code"
printf 'dept_id,indicator,code\nzhongjiang-shuili-2022,安装坡面水标尺,R99\nnobody,预算执行率,R01\n' >"$tmp/rv/bad.csv"
run 4 "review: a code or department not in the run is an error" -- "$JX" score "$tmp/rv" \
	--indicators "$P/zhongjiang-shuili-2022.xlsx" --review "$tmp/rv/bad.csv" --format csv
has "$tmp/err" "bad.csv:2:" "review: the unknown code located"
has "$tmp/err" "bad.csv:3:" "review: the unknown department located"

finish
