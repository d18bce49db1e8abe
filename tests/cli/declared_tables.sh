#!/usr/bin/env bash
# Department-declared indicators (docs/data.md §3): real 自评表 as long CSV, scored
# under the national rules' `declared:` section, with the expected totals
# worked by hand in fixtures/selfeval/EXPECTED.md.
# usage: tests/cli/declared_tables.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"
SE=fixtures/selfeval

# Two tables in one run, joined to the wide budget file by dept_id.
run 0 "two tables with the budget file" -- "$JX" score "$NATIONAL" "$SE/budget.csv" \
	--indicators "$SE/yueyang-fulian-2024.csv" --indicators "$SE/yueyang-weijian-2024.csv" --format json
python3 - "$tmp/out" <<'PY' && pass "totals as worked by hand (93.62 优, 86.89 良)" || fail "totals"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
got = {d["id"]: (d["score"], d["grade"], d["status"]) for d in doc["departments"]}
want = {"yueyang-fulian": (93.62, "优", "scored"), "yueyang-weijian": (86.89, "良", "scored")}
ok = got == want
fulian = next(d for d in doc["departments"] if d["id"] == "yueyang-fulian")
declared = [i for i in fulian["indicators"] if i["declared"]]
ok = ok and len(declared) > 10 and all(i["id"].startswith("declared.") for i in declared)
# the 满意度 row is 不适用: excluded, and the total rescaled over 90
ok = ok and any(i["status"] == "excluded" for i in declared)
if not ok:
    print("   ", got)
sys.exit(0 if ok else 1)
PY

# A 自评表 given as DATA (no --indicators) is read as one, with a note: the
# same scores as with --indicators, for score and explain alike.
run 0 "a table given as DATA" -- "$JX" score "$NATIONAL" "$SE/yueyang-fulian-2024.csv" --format csv
has "$tmp/err" "note: read as a department's 自评表" "a note says how the file was read"
has_re "$tmp/out" "^yueyang-fulian,[^,]*,scored,[0-9.]+," "the table is scored, not rejected as duplicate rows"
cp "$tmp/out" "$tmp/as-data.csv"
run 0 "the same table with --indicators" -- "$JX" score "$NATIONAL" --indicators "$SE/yueyang-fulian-2024.csv" --format csv
if cmp -s "$tmp/out" "$tmp/as-data.csv"; then pass "same CSV either way"; else fail "DATA and --indicators differ"; fi
run 0 "explain a table given as DATA" -- "$JX" explain "$NATIONAL" "$SE/yueyang-fulian-2024.csv" --dept yueyang-fulian
has "$tmp/out" "declared.1（部门自报指标）" "explain shows the department's own rows"

# GBK: refused with a hint, read with --encoding gbk.
run 4 "GBK table without --encoding" -- "$JX" score "$NATIONAL" --indicators "$SE/yueyang-jiaoyu-2024-gbk.csv"
has "$tmp/err" "encoding gbk" "the error suggests --encoding gbk"
has_re "$tmp/err" "yueyang-jiaoyu-2024-gbk.csv:[0-9]+:[0-9]+: error" "GBK error located (file:line:col)"
run 0 "GBK table with --encoding gbk" -- "$JX" score "$NATIONAL" --indicators "$SE/yueyang-jiaoyu-2024-gbk.csv" \
	--encoding gbk --format csv
has_re "$tmp/out" "^yueyang-jiaoyu,岳阳县教育局,scored,91.16,优,1," "教育局 91.16 优 (预算执行率 from its own row)"

# A wrong unit and an unreadable target reject the department at the cell.
{
	echo "dept_id,dept_name,indicator,path,weight,target,actual,note"
	echo "a,甲局,服务人次,产出指标/数量指标,50,≥5000人次,12万元,"
	echo "b,乙局,服务人次,产出指标/数量指标,50,≥五千人次,5000人次,"
	echo "c,丙局,服务人次,产出指标/数量指标,50,≥5000人次,5000人次,"
} >"$tmp/bad.csv"
run 1 "bad rows" -- "$JX" score "$NATIONAL" --indicators "$tmp/bad.csv" --format json
python3 - "$tmp/out" "$tmp/bad.csv" <<'PY' && pass "rejections name file:line:col; every department out" || fail "bad rows"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
d = {x["id"]: x for x in doc["departments"]}
ok = set(d) == {"a", "b", "c"}
ok = ok and d["a"]["status"] == "rejected" and (sys.argv[2] + ":2:") in d["a"]["reason"] and "万元" in d["a"]["reason"]
ok = ok and d["b"]["status"] == "rejected" and (sys.argv[2] + ":3:") in d["b"]["reason"]
# c fills 产出指标 but no other group: scored on its own points (产出 50 and
# 预算执行率 10), rescaled to 100 and flagged (docs/data.md §3)
ok = ok and d["c"]["status"] == "scored" and "weights_off_scheme" in d["c"]["flags"]
if not ok:
    for k, v in d.items():
        print("   ", k, v["status"], v["reason"])
sys.exit(0 if ok else 1)
PY

# The same table through `jixiao test` (indicators/national/tests).
# Rows that cannot be scored as written: each rejects its department at the
# row or cell, and the other departments still come out.
{
	echo "dept_id,dept_name,indicator,path,weight,target,actual,note"
	echo "d,丁局,服务人次,产出指标/数量指标,50,≥5000人次"
	echo "e,戊局,服务人次,,50,≥5000人次,5000人次,"
	echo "f,己局,服务人次,产出指标/数量指标,50,≥5000人次,已完成,"
	echo "g,庚局,预算执行率,预算执行率,10,≥100%,98%,"
	echo "g,庚局,预算执行率,预算执行率,10,≥100%,99%,"
	echo " h ,辛局,服务人次,产出指标/数量指标,50,≥5000人次,5000人次,"
	echo "h,辛局,满意度,满意度指标,10,≥90%,95%,"
} >"$tmp/rows.csv"
run 1 "rows that cannot be scored" -- "$JX" score "$NATIONAL" --indicators "$tmp/rows.csv" --format json
pycheck "$tmp/out" "$tmp/rows.csv" <<'PY'
doc = json.load(open(sys.argv[1], encoding="utf-8"))
d = {x["id"]: x for x in doc["departments"]}
f = sys.argv[2]
check(set(d) == {"d", "e", "f", "g", "h"}, "departments: %s" % sorted(d))
def rejected(i, where, words):
    r = d.get(i, {}).get("reason") or ""
    check(d.get(i, {}).get("status") == "rejected" and r.startswith(f + ":" + where) and words in r,
          "%s: %s" % (i, r))
rejected("d", "2:1:", "the row has 6 fields, the header 8")
rejected("e", "3:", "has no 一级指标")
rejected("f", "4:", "is a word where a number is due")
rejected("g", "6:", "given twice")
# ' h ' and 'h' are one department (ids are trimmed): its rows add up
check((d.get("h", {}).get("reason") or "").find("duplicate") < 0, "h split in two: %s" % d.get("h"))
PY
[ $? -eq 0 ] && pass "each rejection located at its row or cell" || fail "rows that cannot be scored"

# More columns than a 自评表 has: the whole file is refused, and says why.
{
	printf 'x%d,' $(seq 1 64)
	echo "dept_id"
} >"$tmp/wide.csv"
run 4 "65 columns" -- "$JX" score "$NATIONAL" --indicators "$tmp/wide.csv"
has "$tmp/err" "more than 64 columns" "65 columns: the limit is named"

run 0 "jixiao test indicators/national" -- "$JX" test "$NATIONAL"

finish
