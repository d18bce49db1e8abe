#!/usr/bin/env bash
# Published 自评表 (fixtures/published/): real tables typed as the long CSV and
# laid out as workbooks, scored under the national rules; the expected results
# were worked independently (scripts/published_expected.py → expected.json).
#
# Claims and flags (issue 15) are compared only when the engine's JSON
# carries `claimed_score`.
# usage: tests/cli/published_tables.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"
P=fixtures/published

# compare JSON EXPECTED_ID [ENGINE_ID]: the engine's department ENGINE_ID
# (default: the only one, or the one with EXPECTED_ID) against expected.json.
compare() {
	python3 - "$1" "$P/expected.json" "$2" "${3:-}" <<'PY'
import json, sys
out, exp, want_id, engine_id = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
doc = json.load(open(out, encoding="utf-8"))
want = next(d for d in json.load(open(exp, encoding="utf-8"))["departments"] if d["dept_id"] == want_id)
deps = doc["departments"]
got = None
for d in deps:
    if d.get("id") == (engine_id or want_id):
        got = d
if got is None and len(deps) == 1 and not engine_id:
    got = deps[0]
errors = []
if got is None:
    errors.append("no department %r in %s" % (engine_id or want_id, [d.get("id") for d in deps]))
else:
    if got.get("status") != "scored":
        errors.append("status %r" % got.get("status"))
    if got.get("score") != want["score"] or got.get("grade") != want["grade"]:
        errors.append("score %r %r, expected %r %r" % (got.get("score"), got.get("grade"), want["score"], want["grade"]))
    if "claimed_score" in got:
        for k in ("claimed_score", "score_difference"):
            if got.get(k) != want[k]:
                errors.append("%s %r, expected %r" % (k, got.get(k), want[k]))
        if sorted(got.get("flags", [])) != sorted(want["flags"]):
            errors.append("flags %r, expected %r" % (got.get("flags"), want["flags"]))
    rows = {i.get("name"): i for i in got.get("indicators", [])}
    for r in want["rows"]:
        i = rows.get(r["indicator"])
        if i is None or r["score"] is None:
            continue
        if i.get("score") != r["score"]:
            errors.append("%s: score %r, expected %r" % (r["indicator"], i.get("score"), r["score"]))
for e in errors:
    print("    " + e)
sys.exit(1 if errors else 0)
PY
}

# score_one FILE EXPECTED_ID [ENGINE_ID]
score_one() {
	"$JX" score "$NATIONAL" --indicators "$1" --format json >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if ! scored $rc; then
		fail "$1: exit $rc"
		show "$tmp/err" stderr 10
		return
	fi
	if compare "$tmp/out" "$2" "${3:-}"; then
		pass "$1 → $2 as expected.json"
	else
		fail "$1 → $2"
	fi
}

# The long CSVs, one table each, and the synthetic variant.
for id in zhongjiang-shuili-2022 tangxi-weituo-2022 xiaoxian-hexi-2023 suixi-linshi-2019 \
	jinzhai-chagu-2023 nanhua-yejun zhongjiang-shuili-2022-variant-symbols; do
	score_one "$P/$id.csv" "$id"
done

# 施甸 (a Yunnan form) gives 预算执行率 20 points: the table is scored on its
# own points (docs/national-scheme.md, "Weights"), as EXPECTED.md works it.
score_one "$P/shidian-nongye-2019.csv" shidian-nongye-2019

# The workbooks in the published layout give what their CSVs give.
for id in zhongjiang-shuili-2022 xiaoxian-hexi-2023 suixi-linshi-2019 jinzhai-chagu-2023 \
	nanhua-yejun; do
	score_one "$P/$id.xlsx" "$id"
done
score_one "$P/zhongjiang-shuili-2022.xls" zhongjiang-shuili-2022

# 棠溪镇's workbook carries its fund block as published, 年度资金总额 0 / 0 / 0
# (QUIRKS.md Q-1): the rule set's error check budget_reported (全年预算数应大于0)
# rejects it, as it would any table reporting no budget; its CSV (the
# department's own 预算执行率 row, no budget figures) is scored above.
for f in tangxi-weituo-2022.xlsx tangxi-weituo-2022-libreoffice.xlsx; do
	run 1 "$f: budget 0 rejected by budget_reported" -- "$JX" score "$NATIONAL" --indicators "$P/$f" --format csv
	has "$tmp/out" "check budget_reported failed" "$f: the reason names the check"
done

# Two tables on two sheets and a 说明 sheet: two departments, the 说明 sheet skipped.
for f in anhui-xiaoxian-suixi.xlsx anhui-xiaoxian-suixi.xls; do
	"$JX" score "$NATIONAL" --indicators "$P/$f" --format json >"$tmp/multi.json" 2>"$tmp/err"
	if scored $?; then
		compare "$tmp/multi.json" xiaoxian-hexi-2023 "${f%.*}/河西村特色种养" && pass "$f: 河西村特色种养" || fail "$f: 河西村特色种养"
		compare "$tmp/multi.json" suixi-linshi-2019 "${f%.*}/临时救助" && pass "$f: 临时救助" || fail "$f: 临时救助"
		has "$tmp/err" "说明" "$f: the 说明 sheet is skipped with a note"
	else
		fail "$f: not scored"
		show "$tmp/err" stderr 10
	fi
done

# A workbook without a 分值 column (the Yunnan form) cannot be scored: rejected,
# located (QUIRKS.md Q-9); its CSV carries the inferred weights and is scored above.
"$JX" score "$NATIONAL" --indicators "$P/shidian-nongye-2019.xlsx" --format json >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q "分值" "$tmp/err" "$tmp/out"; then
	pass "shidian-nongye-2019.xlsx without 分值: rejected naming 分值 (exit $rc)"
else
	fail "shidian-nongye-2019.xlsx without 分值: exit $rc, expected a rejection naming 分值"
	show "$tmp/err" stderr 10
fi

# The 年度资金总额 row of 棠溪镇 is 0 / 0 / 0: with it as the budget file the
# check budget_reported (error) rejects the department (EXPECTED.md).
run 1 "tangxi budget file 0/0/0: rejected" -- "$JX" score "$NATIONAL" "$P/tangxi-weituo-2022-budget.csv" \
	--indicators "$P/tangxi-weituo-2022.csv" --format json

finish
