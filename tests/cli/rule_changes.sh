#!/usr/bin/env bash
# Changing rules safely (docs/rule-changes.md, docs/rules.md, man/jixiao.1), end to end on the CLI:
#   extends chains (3 levels), override of targets, remove + rescaling,
#   errors located in the child file, dated rule files and --year / the
#   data's fiscal_year, overlapping periods refused, check --print and the
#   canonical SHA-256, explain, diff (text and JSON), and `jixiao test`'s
#   exit codes.
# Every total below is worked by hand in the comments.
#
# usage: tests/cli/rule_changes.sh path/to/jixiao   (from any folder)
. "$(dirname "$0")/lib.bash"
setup "$@"

# csv_cell FILE COLUMN: the cell of COLUMN in the first data row
csv_cell() {
	python3 - "$1" "$2" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(rows[0].get(sys.argv[2], "<none>") if rows else "<no rows>")
EOF
}

# sha RULES [ARGS]: the sha256 `jixiao check` prints
sha() {
	"$JX" check "$@" 2>/dev/null | sed -n 's/.*sha256 \([0-9a-f]\{64\}\)$/\1/p'
}

# ---- an extends chain of three levels -----------------------------------------
mkdir -p "$tmp/chain"
cat >"$tmp/chain/base.yaml" <<'EOF'
jixiao: 1
ruleset: {id: base, name: 基础, version: "1"}
indicators:
  - {id: a, name: 甲, weight: 50, value: x.a, target: ">= 100", method: ratio}
  - {id: b, name: 乙, weight: 30, value: x.b, target: ">= 10"}
  - {id: c, name: 丙, weight: 20, value: x.c, target: ">= 4"}
EOF
cat >"$tmp/chain/child.yaml" <<'EOF'
jixiao: 1
ruleset: {id: child, name: 子, version: "2"}
extends: base.yaml
override:
  - {id: a, target: ">= 200"}
  - {id: b, target: ">= 20"}
EOF
cat >"$tmp/chain/grand.yaml" <<'EOF'
jixiao: 1
ruleset: {id: grand, name: 孙, version: "3"}
extends: child.yaml
override:
  - {id: a, target: ">= 400"}
remove: [c]
EOF
printf 'dept_id,dept_name,x.a,x.b,x.c\nd1,一,100,10,4\n' >"$tmp/chain/d.csv"

# base: every target met → 50 + 30 + 20 = 100
run 0 "chain: base scores" -- "$JX" score "$tmp/chain/base.yaml" "$tmp/chain/d.csv" --format csv
cp "$tmp/out" "$tmp/base.csv"
expect_eq "$(csv_cell "$tmp/base.csv" score)" "100.00" "chain: base total"
# child overrides two targets: a 50 × 100/200 = 25, b 30 × 10/20 = 15, c 20 → 60
run 0 "chain: child scores" -- "$JX" score "$tmp/chain/child.yaml" "$tmp/chain/d.csv" --format csv
cp "$tmp/out" "$tmp/child.csv"
expect_eq "$(csv_cell "$tmp/child.csv" score)" "60.00" "override of two targets: total"
expect_eq "$(csv_cell "$tmp/child.csv" a)" "25.00" "override: a against >= 200"
expect_eq "$(csv_cell "$tmp/child.csv" b)" "15.00" "override: b against >= 20"
# grandchild: a 50 × 100/400 = 12.5; b keeps the child's >= 20 → 15; c removed,
# its 20 points rescaled away: (12.5 + 15) × 100 / 80 = 34.375 → 34.38 (差)
run 0 "chain: grandchild scores (x.c unused: a warning)" -- \
	"$JX" score "$tmp/chain/grand.yaml" "$tmp/chain/d.csv" --format csv
cp "$tmp/out" "$tmp/grand.csv"
expect_eq "$(csv_cell "$tmp/grand.csv" score)" "34.38" "remove + rescaling: total"
expect_eq "$(csv_cell "$tmp/grand.csv" a)" "12.50" "grandchild overrides the child's override"
expect_eq "$(csv_cell "$tmp/grand.csv" b)" "15.00" "the child's override is inherited"
expect_eq "$(csv_cell "$tmp/grand.csv" c)" "<none>" "removed indicator has no column"
expect_eq "$(csv_cell "$tmp/grand.csv" grade)" "差" "grade on the rescaled total"
run 0 "chain: grandchild --print" -- "$JX" check "$tmp/chain/grand.yaml" --print
cp "$tmp/out" "$tmp/grand.print"
has "$tmp/grand.print" 'target: ">= 400"' "print: a's target is the grandchild's"
has "$tmp/grand.print" 'target: ">= 20"' "print: b's target is the child's"
lacks "$tmp/grand.print" 'id: "c"' "print: removed indicator c is gone"
has "$tmp/grand.print" 'id: "grand"' "print: the ruleset id is the grandchild's"

# the seed under "last year's rules" minus video_views, two targets changed
# (the walkthrough's child): EXPECTED.md's 84.666667 − 1.666667 (video_views)
# − 6 + 6 × 0.3523350/0.40 (mediation 5.285025) − 4 + 4 × 5700/6000 (3.8)
# = 82.085025 over 100 − 10 (satisfaction) − 2 (removed) = 88 → 93.278438 → 93.28
mkdir -p "$tmp/county"
cp -R "$RULES" "$tmp/county/last-year"
rm -rf "$tmp/county/last-year/tests"
cat >"$tmp/county/2025.yaml" <<'EOF'
jixiao: 1
ruleset: {id: yueyang-fulian-2025, name: 岳阳县妇联 2025 草案, version: "2025.1"}
extends: last-year
override:
  - {id: mediation_success_rate, target: ">= 40%"}
  - {id: family_edu_served, target: ">= 6000 人次"}
remove: [video_views]
EOF
run 0 "seed under the child rules" -- "$JX" score "$tmp/county/2025.yaml" "$SEED" --format csv
cp "$tmp/out" "$tmp/seed-child.csv"
expect_eq "$(csv_cell "$tmp/seed-child.csv" score)" "93.28" "seed: remove + two overrides, rescaled over 88"
expect_eq "$(csv_cell "$tmp/seed-child.csv" mediation_success_rate)" "5.29" "seed: 6 × 0.352335 / 0.40"
expect_eq "$(csv_cell "$tmp/seed-child.csv" family_edu_served)" "3.80" "seed: 4 × 5700 / 6000"

# ---- errors located in the child file -----------------------------------------
cat >"$tmp/chain/bad.yaml" <<'EOF'
jixiao: 1
ruleset: {id: bad, name: 坏, version: "3"}
extends: child.yaml
override:
  - {id: a, target: ">= 40匹"}
remove: [zz]
EOF
run 3 "bad child refused" -- "$JX" check "$tmp/chain/bad.yaml"
has "$tmp/err" "$tmp/chain/bad.yaml:5:27: error: in target '>= 40匹': unknown unit" \
	"bad override target located in the child (file:line:col)"
has "$tmp/err" "$tmp/chain/bad.yaml:6:10: error: remove: the base rule set has no indicator or check 'zz'" \
	"unknown remove id located in the child (file:line:col)"
cat >"$tmp/chain/bad2.yaml" <<'EOF'
jixiao: 1
ruleset: {id: bad2, name: 坏, version: "3"}
extends: child.yaml
override:
  - {id: nosuch, target: ">= 1"}
EOF
run 3 "override of an unknown id refused" -- "$JX" check "$tmp/chain/bad2.yaml"
has "$tmp/err" "$tmp/chain/bad2.yaml:5:6: error: override: the base rule set has no indicator 'nosuch'" \
	"unknown override id located in the child"

# ---- a folder of dated versions -------------------------------------------------
mkdir -p "$tmp/dated"
cat >"$tmp/dated/2023.yaml" <<'EOF'
jixiao: 1
ruleset: {id: demo, name: 示例, version: "2023.1", effective: {from: 2023-01-01, to: 2023-12-31}}
weights: free
indicators:
  - {id: a, name: 甲, weight: 10, value: x.a, target: ">= 10"}
EOF
cat >"$tmp/dated/2024.yaml" <<'EOF'
jixiao: 1
ruleset: {id: demo, name: 示例, version: "2024.1", effective: {from: 2024-01-01, to: 2024-12-31}}
weights: free
indicators:
  - {id: a, name: 甲, weight: 10, value: x.a, target: ">= 20"}
EOF
printf 'dept_id,dept_name,fiscal_year,x.a\nd1,一,2023,15\n' >"$tmp/d2023.csv"
printf 'dept_id,dept_name,fiscal_year,x.a\nd1,一,2024,15\n' >"$tmp/d2024.csv"
printf 'dept_id,dept_name,x.a\nd1,一,15\n' >"$tmp/dnoyear.csv"
run 0 "dated: --year 2023" -- "$JX" check "$tmp/dated" --year 2023
has "$tmp/out" "rule set demo 2023.1 (in force 2023)" "--year 2023 picks the 2023 file"
run 0 "dated: --year 2024" -- "$JX" check "$tmp/dated" --year 2024
has "$tmp/out" "rule set demo 2024.1 (in force 2024)" "--year 2024 picks the 2024 file"
run 0 "dated: no year" -- "$JX" check "$tmp/dated"
has "$tmp/out" "rule set demo 2024.1 (in force 2024)" "without --year: the latest"
run 3 "dated: --year 2022 has no rules" -- "$JX" check "$tmp/dated" --year 2022
has "$tmp/err" "no rule file is in force for 2022" "--year 2022: says so"
# x.a = 15: against >= 10 → 10; against >= 20 → 10 × 15/20 = 7.5
run 0 "dated: fiscal_year 2023 data" -- "$JX" score "$tmp/dated" "$tmp/d2023.csv" --format csv
expect_eq "$(csv_cell "$tmp/out" score)" "10.00" "fiscal_year 2023 picks the 2023 rules"
run 0 "dated: fiscal_year 2024 data" -- "$JX" score "$tmp/dated" "$tmp/d2024.csv" --format csv
expect_eq "$(csv_cell "$tmp/out" score)" "7.50" "fiscal_year 2024 picks the 2024 rules"
run 0 "dated: --year beats fiscal_year" -- \
	"$JX" score "$tmp/dated" "$tmp/d2024.csv" --format csv --year 2023
expect_eq "$(csv_cell "$tmp/out" score)" "10.00" "--year 2023 on 2024 data"
run 0 "dated: json names the version in force" -- \
	"$JX" score "$tmp/dated" "$tmp/d2023.csv" --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["ruleset"]["version"] != "2023.1")' \
	"$tmp/out" && pass "json ruleset.version 2023.1" || fail "json ruleset.version is not 2023.1"
run 0 "dated: data without fiscal_year, latest rules" -- \
	"$JX" score "$tmp/dated" "$tmp/dnoyear.csv" --format csv
expect_eq "$(csv_cell "$tmp/out" score)" "7.50" "no fiscal_year: the latest rules"

# indicator-level dates in one file
cat >"$tmp/ind-dated.yaml" <<'EOF'
jixiao: 1
ruleset: {id: demo, name: 示例, version: "1"}
weights: free
indicators:
  - {id: a, name: 甲, weight: 10, value: x.a, target: ">= 10", effective: {from: 2023-01-01, to: 2023-12-31}}
  - {id: a, name: 甲, weight: 10, value: x.a, target: ">= 20", effective: {from: 2024-01-01}}
EOF
run 0 "indicator dates: 2023 data" -- "$JX" score "$tmp/ind-dated.yaml" "$tmp/d2023.csv" --format csv
expect_eq "$(csv_cell "$tmp/out" score)" "10.00" "indicator effective 2023"
run 0 "indicator dates: 2024 data" -- "$JX" score "$tmp/ind-dated.yaml" "$tmp/d2024.csv" --format csv
expect_eq "$(csv_cell "$tmp/out" score)" "7.50" "indicator effective from 2024"

# overlapping periods for one indicator id: refused, naming both places
mkdir -p "$tmp/overlap"
sed 's/to: 2023-12-31/to: 2024-06-30/' "$tmp/dated/2023.yaml" >"$tmp/overlap/2023.yaml"
cp "$tmp/dated/2024.yaml" "$tmp/overlap/2024.yaml"
run 3 "overlapping files refused" -- "$JX" check "$tmp/overlap"
has "$tmp/err" "$tmp/overlap/2024.yaml:5:10: error: indicator 'a' is defined for overlapping periods" \
	"overlap: the second definition located"
has "$tmp/err" "at $tmp/overlap/2023.yaml:5:6" "overlap: the first definition named"
sed 's/from: 2024-01-01}/from: 2023-07-01}/' "$tmp/ind-dated.yaml" >"$tmp/ind-overlap.yaml"
run 3 "overlapping indicator dates refused" -- "$JX" check "$tmp/ind-overlap.yaml"
has "$tmp/err" "$tmp/ind-overlap.yaml:6:10: error: indicator 'a' is defined for overlapping periods: 2023-07-01 to … here, 2023-01-01 to 2023-12-31 at $tmp/ind-overlap.yaml:5:6" \
	"overlap in one file: both places"

# ---- check --print and the canonical SHA-256 ---------------------------------------
run 0 "print the shipped rules" -- "$JX" check "$RULES" --print
cp "$tmp/out" "$tmp/shipped.print.yaml"
expect_eq "$(sha "$tmp/shipped.print.yaml")" "$(sha "$RULES")" "printed shipped rules load with the same sha256"
run 0 "print the child" -- "$JX" check "$tmp/chain/child.yaml" --print
cp "$tmp/out" "$tmp/child.print.yaml"
expect_eq "$(sha "$tmp/child.print.yaml")" "$(sha "$tmp/chain/child.yaml")" "printed child (overrides) loads with the same sha256"
"$JX" check "$tmp/chain/grand.yaml" --print >"$tmp/grand.print.yaml" 2>/dev/null
# a rule set with remove: prints `removed_weights: [{path, weight}]`, which
# must load back (the group weights add up, totals rescale alike)
expect_eq "$(sha "$tmp/grand.print.yaml")" "$(sha "$tmp/chain/grand.yaml")" "printed grandchild (remove) loads with the same sha256"

# the same rules written differently: same hash
cat >"$tmp/same.yaml" <<'EOF'
# the base of the chain, written differently: key order, comments, spacing,
# flow and block style, full-width signs, a bare target, 20.0 for 20
ruleset:
  version: "1"
  name: 基础
  id: base
jixiao: 1
indicators:
  - name: 甲
    id: a
    value: "x.a"          # quoted
    method: ratio
    weight: 50
    target: "≥100"
  - {target: ＞＝10, weight: 30, id: b, name: 乙, value: x.b}
  - id: c
    name: 丙
    weight: 20.0
    value: x.c
    target: 4
EOF
expect_eq "$(sha "$tmp/same.yaml")" "$(sha "$tmp/chain/base.yaml")" "same rules written differently: same sha256"
sed 's/">= 10"/">= 11"/' "$tmp/chain/base.yaml" >"$tmp/changed.yaml"
base_sha=$(sha "$tmp/chain/base.yaml")
changed_sha=$(sha "$tmp/changed.yaml")
if [ -n "$changed_sha" ] && [ "$changed_sha" != "$base_sha" ]; then
	pass "a changed target gives another sha256"
else
	fail "a changed target gives sha256 '$changed_sha' (base '$base_sha')"
fi
run 0 "score --format json" -- "$JX" score "$RULES" "$SEED" --format json
python3 - "$tmp/out" "$(sha "$RULES")" <<'EOF' && pass "json ruleset.sha256 is check's sha256" || fail "json ruleset.sha256 differs from check's"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
r = d["ruleset"]
sys.exit(not (r["sha256"] == sys.argv[2] and r["id"] == "yueyang-fulian-2024" and r["version"] == "2024.1"))
EOF

# ---- explain ---------------------------------------------------------------------
run 0 "explain the seed" -- "$JX" explain "$RULES" "$SEED" --dept yueyang-fulian
cp "$tmp/out" "$tmp/explain.txt"
has "$tmp/explain.txt" "= 1607 / 4561" "explain: the expression with the seed's numbers"
has "$tmp/explain.txt" "35.23" "explain: 35.23 %"
has "$tmp/explain.txt" "84.66666667 × 100 / 90 = 94.07407407" "explain: rescaling to 100"
has "$tmp/explain.txt" "四舍五入到 2 位小数（电子表格 ROUND）：94.07" "explain: the rounding line"
has "$tmp/explain.txt" "等级：94.07 ≥ 90 → 优" "explain: the grade line"
has "$tmp/explain.txt" "sha256 $(sha "$RULES" | cut -c1-12)" "explain: names the rules' sha256"
run 0 "explain one indicator" -- \
	"$JX" explain "$RULES" "$SEED" --dept yueyang-fulian --indicator mediation_success_rate
has "$tmp/out" "【婚姻调解成功率】mediation_success_rate" "explain --indicator: that indicator"
lacks "$tmp/out" '预算执行率' "explain --indicator: only that one"
run 2 "explain an unknown indicator" -- \
	"$JX" explain "$RULES" "$SEED" --dept yueyang-fulian --indicator nope
has "$tmp/err" "no indicator 'nope'" "explain --indicator nope: says so"
run 2 "explain an unknown department" -- "$JX" explain "$RULES" "$SEED" --dept nobody

# ---- diff ------------------------------------------------------------------------
run 0 "diff text on the demo batch" -- "$JX" diff "$RULES" "$tmp/county/2025.yaml" "$DEMO"
cp "$tmp/out" "$tmp/diff.txt"
has "$tmp/diff.txt" "新：yueyang-fulian-2025 2025.1" "diff text: names the new rules"
has "$tmp/diff.txt" "岳阳县妇女联合会（yueyang-fulian）" "diff text: a line per department"
has "$tmp/diff.txt" "-0.79" "diff text: the seed's change 94.07 → 93.28"
has "$tmp/diff.txt" "等级变化：" "diff text: grade changes"
run 0 "diff json on the demo batch" -- \
	"$JX" diff "$RULES" "$tmp/county/2025.yaml" "$DEMO" --format json
pycheck "$tmp/out" <<'EOF' && pass "diff json: per department old/new/delta, grade_changes counts" || fail "diff json"
import collections
d = json.load(open(sys.argv[1], encoding="utf-8"))
deps = d["departments"]
check(len(deps) == 35, f"{len(deps)} departments, expected 35")
check(len({x["id"] for x in deps}) == len(deps), "department ids repeat")
moves = collections.Counter()
for x in deps:
    for side in ("old", "new"):
        s = x[side]
        check(set(("score", "grade", "rank")) <= set(s), f"{x['id']} {side}: {sorted(s)}")
    check(abs(x["delta"] - round(x["new"]["score"] - x["old"]["score"], 2)) < 1e-9,
          f"{x['id']}: delta {x['delta']} vs {x['new']['score']} - {x['old']['score']}")
    if x["old"]["grade"] != x["new"]["grade"]:
        moves[f"{x['old']['grade']}→{x['new']['grade']}"] += 1
check(dict(moves) == {k: v for k, v in d["grade_changes"].items() if v},
      f"grade_changes {d['grade_changes']} vs counted {dict(moves)}")
seed = [x for x in deps if x["id"] == "yueyang-fulian"][0]
check(seed["old"] == {"status": "scored", "score": 94.07, "grade": "优", "rank": seed["old"]["rank"]}, f"seed old {seed['old']}")
check(seed["new"]["score"] == 93.28 and seed["delta"] == -0.79, f"seed new {seed['new']} delta {seed['delta']}")
check(d["old_ruleset"]["id"] == "yueyang-fulian-2024" and d["new_ruleset"]["id"] == "yueyang-fulian-2025", "rulesets")
check(len(d["new_ruleset"]["sha256"]) == 64, "new sha256")
check(d["changed"] + d["unchanged"] == 35, f"changed {d['changed']} + unchanged {d['unchanged']}")
EOF
run 2 "diff --format csv is a usage error" -- \
	"$JX" diff "$RULES" "$tmp/county/2025.yaml" "$DEMO" --format csv

# ---- jixiao test: exit codes ---------------------------------------------------------
run 0 "the shipped rules pass their tests" -- "$JX" test "$RULES"
has "$tmp/out" "0 failed" "test: summary line"
mkdir -p "$tmp/tt/tests"
cp "$tmp/chain/base.yaml" "$tmp/tt/rules.yaml"
cat >"$tmp/tt/tests/a.yaml" <<'EOF'
tests:
  - name: 全部达标
    department: {dept_id: d1, values: {x.a: 100, x.b: 10, x.c: 4}}
    expect: {score: 100, grade: 优}
EOF
run 0 "test: passing" -- "$JX" test "$tmp/tt"
cat >>"$tmp/tt/tests/a.yaml" <<'EOF'
  - name: 甲一半
    department: {dept_id: d2, values: {x.a: 50, x.b: 10, x.c: 4}}
    expect:
      score: 75
      indicators:
        a: {score: 25.5}
EOF
run 1 "test: a failing expectation" -- "$JX" test "$tmp/tt"
has "$tmp/out" "$tmp/tt/tests/a.yaml:10:20: FAIL '甲一半': score is 25, expected 25.5" \
	"test: FAIL line with file:line:col"
printf 'tests: [\n' >"$tmp/tt/tests/b.yaml"
run 3 "test: malformed test file" -- "$JX" test "$tmp/tt"
has "$tmp/err" "$tmp/tt/tests/b.yaml:" "test: the malformed file is named"
rm -f "$tmp/tt/tests/b.yaml" "$tmp/tt/tests/a.yaml"
run 3 "test: no test files" -- "$JX" test "$tmp/tt"

# ---- adopting: a dated child of a dated base ---------------------------------------
# BUG (reported): the child is in force for 2025, its base (the shipped rules)
# only for 2024; the base's indicators are dropped and the child loads with 0
# indicators, "ok". The child should bring the base's 27 remaining indicators.
mkdir -p "$tmp/adopt"
cat >"$tmp/adopt/rules.yaml" <<EOF
jixiao: 1
ruleset:
  id: yueyang-fulian-2025
  name: 岳阳县妇联 2025
  version: "2025.1"
  effective: {from: 2025-01-01, to: 2025-12-31}
extends: $ROOT/$RULES
override:
  - {id: mediation_success_rate, target: ">= 40%"}
remove: [video_views]
EOF
run 0 "adopt: the dated child for 2024 gives last year's rules" -- "$JX" check "$tmp/adopt" --year 2024
has "$tmp/out" "rule set yueyang-fulian-2024 2024.1 (in force 2024), 28 indicators" "adopt: --year 2024"
run 0 "adopt: the dated child for 2025" -- "$JX" check "$tmp/adopt" --year 2025
has "$tmp/out" "rule set yueyang-fulian-2025 2025.1 (in force 2025), 27 indicators" "adopt: --year 2025 brings the base's indicators"

# Remove-then-replace (docs/rule-changes.md): a child that removes an
# indicator and adds another in its place (same group, same points) passes
# the weights check as it stands and nothing is rescaled; a child that only
# removes gets the removed points rescaled away. Worked by hand: base 产出 60
# (a 30, b 30), 效益 40 (c 40); replace b by d, department a=10 c=10 d=5
# against >= 10: 30 + 40 + 30 x 5/10 = 85.00; remove b only, a=10 c=5:
# (30 + 40 x 5/10) x 100 / (100 - 30) = 50 x 100/70 = 71.43.
mkdir -p "$tmp/replace"
cat >"$tmp/replace/base.yaml" <<'EOF'
jixiao: 1
ruleset: {id: base, name: 基础, version: "1"}
groups:
  - {path: [产出指标], weight: 60}
  - {path: [效益指标], weight: 40}
indicators:
  - {id: a, name: 甲, path: [产出指标], weight: 30, value: x.a, target: ">= 10"}
  - {id: b, name: 乙, path: [产出指标], weight: 30, value: x.b, target: ">= 10"}
  - {id: c, name: 丙, path: [效益指标], weight: 40, value: x.c, target: ">= 10"}
EOF
cat >"$tmp/replace/child.yaml" <<'EOF'
jixiao: 1
ruleset: {id: child, name: 替换, version: "1"}
extends: base.yaml
remove: [b]
indicators:
  - {id: d, name: 丁, path: [产出指标], weight: 30, value: x.d, target: ">= 10"}
EOF
cat >"$tmp/replace/only.yaml" <<'EOF'
jixiao: 1
ruleset: {id: only, name: 仅删除, version: "1"}
extends: base.yaml
remove: [b]
EOF
printf 'dept_id,x.a,x.c,x.d\nq,10,10,5\n' >"$tmp/replace/d.csv"
printf 'dept_id,x.a,x.c\nq,10,5\n' >"$tmp/replace/e.csv"
run 0 "remove-then-replace: the weights check passes" -- "$JX" check "$tmp/replace/child.yaml"
run 0 "remove-then-replace: nothing rescaled" -- "$JX" score "$tmp/replace/child.yaml" "$tmp/replace/d.csv" --format csv
has "$tmp/out" "q,,scored,85.00," "remove-then-replace: 85.00"
run 0 "remove only: the weights check passes" -- "$JX" check "$tmp/replace/only.yaml"
run 0 "remove only: the removed points rescaled away" -- "$JX" score "$tmp/replace/only.yaml" "$tmp/replace/e.csv" --format csv
has "$tmp/out" "q,,scored,71.43," "remove only: 71.43"

finish
