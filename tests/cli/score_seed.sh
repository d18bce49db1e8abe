#!/usr/bin/env bash
# End to end on the shipped rules: the seed department (岳阳县妇女联合会 2024)
# scores as indicators/yueyang-women-federation/EXPECTED.md works it by hand,
# the zero-mediation edge case comes out `undefined` (never a silent 0), the
# YAML and JSON forms of the seed agree, and the exit codes of man/jixiao.1 hold.
#
# usage: tests/cli/score_seed.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"
SEED_JSON=fixtures/seed/yueyang-fulian-2024.json
ZERO=fixtures/seed/zero-mediation.yaml

# ---- the seed department, JSON ------------------------------------------------
run 0 "seed (yaml) scores" -- "$JX" score "$RULES" "$SEED" --format json
cp "$tmp/out" "$tmp/seed_yaml.json"

if pycheck "$tmp/seed_yaml.json" <<'EOF'; then
doc = json.load(open(sys.argv[1], encoding="utf-8"))

deps = doc["departments"]
check(len(deps) == 1, f"expected 1 department, got {len(deps)}")
d = deps[0]
check(d["id"] == "yueyang-fulian", f"dept id {d['id']!r}")
check(d["status"] == "scored", f"status {d['status']!r}")
check(d["score"] == 94.07, f"total {d['score']!r}, expected 94.07")
check(abs(d["score_unrounded"] - 84.666666666666667 * 100 / 90) < 1e-9,
      f"unrounded total {d['score_unrounded']!r}, expected 94.074074...")
check(d["grade"] == "优", f"grade {d['grade']!r}, expected 优")
check(d["rank"] == 1, f"rank {d['rank']!r}")
check(d["excluded"] == ["satisfaction_rate"], f"excluded {d['excluded']!r}")

ind = {i["id"]: i for i in d["indicators"]}
m = ind["mediation_success_rate"]
exact = 1607 / 4561
check(isinstance(m["actual"], float) and abs(m["actual"] - exact) <= 1e-15,
      f"mediation_success_rate actual {m['actual']!r}, expected 1607/4561 = {exact!r}")
check(m["status"] == "ok", f"mediation_success_rate status {m['status']!r}")
check(m["score"] == 6.0, f"mediation_success_rate score {m['score']!r}")
check(abs(m["completion"] - exact / 0.35) < 1e-12, f"completion {m['completion']!r}")

# Every indicator's rounded score, from EXPECTED.md's table.
expected_scores = {
    "budget_execution_rate": 10, "screening_completion": 4, "cancer_aid_applicants": 2,
    "skills_training": 3, "column_issues": 2, "family_edu_events": 4,
    "family_edu_served": 4, "family_edu_online": 3, "launch_attendance": 2,
    "consult_visits": 2, "reading_sessions": 2, "video_count": 2,
    "mediation_success_rate": 6, "mediation_intake_rate": 4, "assessment_on_time": 5,
    "public_cost_per_staff": 3, "staff_control_rate": 2, "publicity_quality": 5,
    "criminal_cases": 4, "support_beneficiaries": 2, "caring_mothers": 2,
    "dispute_trainees": 2, "video_families": 1, "video_views": 1.67,
    "donation_value": 2, "center_built": 0, "rural_schools": 5, "satisfaction_rate": 0,
}
check(set(ind) == set(expected_scores), f"indicator ids differ: {sorted(set(ind) ^ set(expected_scores))}")
for k, v in expected_scores.items():
    if k in ind:
        check(abs(ind[k]["score"] - v) < 1e-9, f"{k}: score {ind[k]['score']!r}, expected {v}")
check(ind["satisfaction_rate"]["status"] == "excluded", "satisfaction_rate not excluded")
check(ind["donation_value"]["target"] == 15, f"donation_value target {ind['donation_value']['target']!r} (150000 元 = 15 万元)")
check(ind["video_views"]["needs_note"] is True, "video_views should need a note")
check(ind["video_views"]["target_too_low"] is True, "video_views should be target_too_low")
check(ind["center_built"]["needs_note"] is False and ind["center_built"]["note"],
      "center_built has a note, so needs_note must be false")
check(ind["criminal_cases"]["completion"] is None, "criminal_cases: t = 0, completion must be null")

checks = d["checks"]
check(len(checks) == 7, f"{len(checks)} checks, expected 7")
for c in checks:
    check(c["status"] == "passed", f"check {c['id']}: {c['status']}")

def path_key(p):  # a list of levels (or, in older output, "a/b")
    return "/".join(p) if isinstance(p, list) else p
groups = {path_key(g["path"]): g["score"] for g in d["groups"]}
check(groups.get("效益指标") == 24.67, f"group 效益指标 {groups.get('效益指标')!r}")
check(groups.get("效益指标/社会效益指标") == 19.67, f"group 社会效益指标 {groups.get('效益指标/社会效益指标')!r}")

s = doc["summary"]
check(s["departments"] == {"total": 1, "scored": 1, "rejected": 0}, f"summary departments {s['departments']!r}")
check(doc["ruleset"]["id"] == "yueyang-fulian-2024" and len(doc["ruleset"]["sha256"]) == 64,
      f"ruleset {doc['ruleset']!r}")
EOF
	pass "seed JSON: 1607/4561, every indicator, checks, total 94.07 优"
else
	fail "seed JSON does not match EXPECTED.md"
fi

# ---- the seed department, text ------------------------------------------------
run 0 "seed text" -- "$JX" score "$RULES" "$SEED" --format text
cp "$tmp/out" "$tmp/seed.txt"
has_re "$tmp/seed.txt" '35\.23%' "text shows 35.23%"
has_re "$tmp/seed.txt" '总分 94\.07  等级 优' "text shows 总分 94.07 等级 优"
n_pass=$(grep -c '^核查 .*：通过' "$tmp/seed.txt")
if [ "$n_pass" -eq 7 ] && ! grep -q '未通过\|未核查' "$tmp/seed.txt"; then
	pass "text: all 7 checks 通过"
else
	fail "text: $n_pass checks 通过, expected 7 and none failed"
fi

# ---- YAML and JSON forms of the seed agree ------------------------------------
run 0 "seed (json) scores" -- "$JX" score "$RULES" "$SEED_JSON" --format json
if cmp -s "$tmp/seed_yaml.json" "$tmp/out"; then
	pass "seed .yaml and .json give byte-identical JSON"
else
	fail "seed .yaml and .json give different results"
	diff <(python3 -m json.tool "$tmp/seed_yaml.json") <(python3 -m json.tool "$tmp/out") | head -20
fi
for fmt in text csv csv-long; do
	"$JX" score "$RULES" "$SEED" --format $fmt >"$tmp/a.$fmt" 2>/dev/null
	"$JX" score "$RULES" "$SEED_JSON" --format $fmt >"$tmp/b.$fmt" 2>/dev/null
	cmp -s "$tmp/a.$fmt" "$tmp/b.$fmt" && pass "seed .yaml/.json identical as $fmt" ||
		fail "seed .yaml/.json differ as $fmt"
done

# ---- zero mediation: undefined, never a silent 0 ------------------------------
run 0 "zero-mediation scores" -- "$JX" score "$RULES" "$ZERO" --format json
cp "$tmp/out" "$tmp/zero.json"
if pycheck "$tmp/zero.json" <<'EOF'; then
doc = json.load(open(sys.argv[1], encoding="utf-8"))
d = doc["departments"][0]
ind = {i["id"]: i for i in d["indicators"]}
m = ind["mediation_success_rate"]
check(m["status"] == "undefined", f"status {m['status']!r}, expected undefined")
check(m["actual"] is None, f"actual {m['actual']!r}, expected null (not 0)")
check(m["completion"] is None, f"completion {m['completion']!r}, expected null")
check(m["score"] == 0, f"score {m['score']!r}, expected 0")
r = m["reason"] or ""
check("division by zero" in r and "mediation.accepted" in r,
      f"reason {r!r} should mention division by zero and mediation.accepted")
i = ind["mediation_intake_rate"]
check(i["status"] == "ok" and i["actual"] == 0 and i["score"] == 0,
      f"mediation_intake_rate: {i['status']} {i['actual']!r} {i['score']!r} (0/8832 = 0 is a value)")
check(d["status"] == "scored", f"department {d['status']!r}")
check(d["score"] == 82.96, f"total {d['score']!r}, expected 82.96")
check(d["grade"] == "良", f"grade {d['grade']!r}, expected 良")
check(all(c["status"] == "passed" for c in d["checks"]), "all checks must pass (0 <= 8832, 0 <= 0)")
EOF
	pass "zero-mediation: undefined, division by zero on mediation.accepted, score 0, total 82.96 良"
else
	fail "zero-mediation does not match EXPECTED.md"
fi

# Both seed documents in one batch: ranks and the summary count both.
run 0 "seed + zero-mediation in one run" -- "$JX" score "$RULES" "$SEED" "$ZERO" --format json
python3 - "$tmp/out" <<'EOF' && pass "two documents: ranks 1 and 2" || fail "two documents: wrong ranks or counts"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
r = {d["id"]: (d["score"], d["rank"]) for d in doc["departments"]}
ok = r == {"yueyang-fulian": (94.07, 1), "yueyang-fulian-zero-mediation": (82.96, 2)}
ok = ok and doc["summary"]["departments"] == {"total": 2, "scored": 2, "rejected": 0}
if not ok:
    print("   ", r, doc["summary"]["departments"])
sys.exit(0 if ok else 1)
EOF

# ---- exit codes (man/jixiao.1) -----------------------------------------------------
run 0 "demo batch: every department scored" -- "$JX" score "$RULES" "$DEMO" --format json
python3 - "$tmp/out" <<'EOF' && pass "demo: all 35 scored" || fail "demo batch statuses"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
ok = doc["summary"]["departments"] == {"total": 35, "scored": 35, "rejected": 0}
if not ok:
    print("   ", doc["summary"]["departments"])
sys.exit(0 if ok else 1)
EOF

# A copy of the demo where yueyang-shenji's 支出总计 is off by 12 万元: its
# expenditure_total check (severity error) fails.
python3 - "$DEMO" "$tmp/bad-check.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
col = rows[0].index("spend.total")
for r in rows[1:]:
    if r[0] == "yueyang-shenji":
        r[col] = "%.2f" % (float(r[col].replace("万元", "")) + 12)
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
EOF
run 1 "failed error check without --lenient" -- \
	"$JX" score "$RULES" "$tmp/bad-check.csv" --format json
python3 - "$tmp/out" <<'EOF' && pass "yueyang-shenji rejected, the other 34 scored" || fail "bad-check statuses"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
st = {d["id"]: d["status"] for d in doc["departments"]}
rej = sorted(k for k, v in st.items() if v == "rejected")
ok = len(st) == 35 and rej == ["yueyang-shenji"]
ok = ok and doc["summary"]["departments"] == {"total": 35, "scored": 34, "rejected": 1}
reason = next(d["reason"] for d in doc["departments"] if d["id"] == "yueyang-shenji")
ok = ok and "expenditure_total" in (reason or "")
if not ok:
    print("   ", len(st), rej, doc["summary"]["departments"], reason)
sys.exit(0 if ok else 1)
EOF
has "$tmp/err" 'rejected yueyang-shenji' "stderr names the rejected department"
run 1 "failed error check with --lenient: scored, but exit 1 (man/jixiao.1)" -- \
	"$JX" score "$RULES" "$tmp/bad-check.csv" --lenient --format json
python3 - "$tmp/out" <<'EOF' && pass "--lenient: yueyang-shenji scored with its check failed" || fail "--lenient statuses"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
d = next(d for d in doc["departments"] if d["id"] == "yueyang-shenji")
failed = [c["id"] for c in d["checks"] if c["status"] == "failed"]
sys.exit(0 if d["status"] == "scored" and failed == ["expenditure_total"] else 1)
EOF
run 0 "seed alone" -- "$JX" score "$RULES" "$SEED" --format csv
run 0 "check shipped rules" -- "$JX" check "$RULES"

run 2 "no command" -- "$JX"
run 2 "unknown command" -- "$JX" frobnicate
run 2 "score without DATA" -- "$JX" score "$RULES"
run 2 "unknown option" -- "$JX" score "$RULES" "$SEED" --bogus
run 2 "unknown format" -- "$JX" score "$RULES" "$SEED" --format xml
run 2 "--format without a value" -- "$JX" score "$RULES" "$SEED" --format
run 2 "--jobs 0" -- "$JX" score "$RULES" "$SEED" --jobs 0
run 2 "check with two paths" -- "$JX" check "$RULES" "$RULES"
run 0 "--help" -- "$JX" --help
run 0 "score --help" -- "$JX" score --help

printf 'jixiao: 1\nruleset: {id: t}\nindicators:\n  - id: a\n    weight: 100\n    value: x / / y\n' >"$tmp/bad.yaml"
run 3 "score with a bad rule set" -- "$JX" score "$tmp/bad.yaml" "$SEED"
has_re "$tmp/err" "^$tmp/bad.yaml:6:" "bad rules: error located at line 6"
run 3 "check a bad rule set" -- "$JX" check "$tmp/bad.yaml"
run 3 "rules path that does not exist" -- "$JX" check "$tmp/no-such-rules.yaml"

run 4 "missing data file" -- "$JX" score "$RULES" "$tmp/no-such-file.csv"
has_re "$tmp/err" 'no-such-file.csv' "missing data file is named on stderr"
[ -s "$tmp/out" ] && fail "missing data file: something was written to stdout" ||
	pass "missing data file: nothing on stdout"
run 4 "data file of unknown type" -- "$JX" score "$RULES" "$RULES/EXPECTED.md"

finish
