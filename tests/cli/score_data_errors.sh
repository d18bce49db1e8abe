#!/usr/bin/env bash
# Bad department data never loses a department (docs/data.md §5): every bad row
# comes out `rejected` with a reason naming file:line:col, the good rows are
# scored, the exit code is 1. Also: header-only and empty files, invalid
# UTF-8 (GBK), BOM + CRLF, thousands separators, 不适用, target.<id> and
# note.<id> columns, standard input.
#
# The CSV rows are the seed department (row 1 of fixtures/demo/departments.csv)
# with one cell changed; expected columns are computed from the text written
# (characters, not bytes), independently of jixiao.
#
# usage: tests/cli/score_data_errors.sh path/to/jixiao
. "$(dirname "$0")/lib.bash"
setup "$@"

# ---- the data files ------------------------------------------------------------
python3 - "$tmp" <<'EOF' || { echo "FAIL: cannot build the test data"; exit 1; }
import csv, io, json, sys
tmp = sys.argv[1]
rows = list(csv.reader(open("fixtures/demo/departments.csv", encoding="utf-8", newline="")))
hdr, seed = rows[0] + ["note.family_edu_events"], rows[1] + [""]
assert seed[0] == "yueyang-fulian"

def row(dept_id, **cells):
    r = list(seed)
    r[0] = dept_id
    for k, v in cells.items():
        r[hdr.index(k.replace("__", "."))] = v
    return r

def write_csv(path, records, newline="\n", bom=False):
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerows(records)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(buf.getvalue())
    return buf.getvalue()

def field_col(line_text, index):
    """1-based character column where field `index` of an unquoted-prefix row starts."""
    fields = next(csv.reader([line_text]))
    assert all('"' not in f and "," not in f for f in fields[:index])
    return sum(len(f) + 1 for f in fields[:index]) + 1

bad_path = f"{tmp}/bad.csv"
records = [
    hdr,
    row("d-good"),                                            # 2
    row("d-badnum", cancer_aid__applicants="3x3"),            # 3
    row("d-unit", donation__value="12人次"),                  # 4
    row("d-unit-money", spend__total="12人次"),               # 5
    row("d-good"),                                            # 6 duplicate
    row("d-ragged")[:10],                                     # 7
    row(""),                                                  # 8 empty dept_id
    row("d-thousands", mediation__received="8,832"),         # 9
    row("d-na", center__count="不适用"),                      # 10
    row("d-target", target__family_edu_events="≥120场"),     # 11
    row("d-target-note", target__family_edu_events=">= 120 场",
        note__family_edu_events="新冠后活动场地减少"),         # 12
]
text = write_csv(bad_path, records)
# Line 13: an unterminated quoted field (the reader resumes at the next line).
unterminated = 'd-unterminated,"岳阳县妇女联合会,2024,7\n'
with open(bad_path, "a", encoding="utf-8", newline="") as f:
    f.write(unterminated)
lines = (text + unterminated).split("\n")

expect = {
    # id -> (status, reason prefix or None)
    "d-good": ("scored", None),
    "d-badnum": ("rejected", f"{bad_path}:3:{field_col(lines[2], hdr.index('cancer_aid.applicants')) + 1}: "),
    "d-unit": ("rejected", f"{bad_path}:4:{field_col(lines[3], hdr.index('donation.value'))}: "),
    "d-unit-money": ("rejected", f"{bad_path}:5:{field_col(lines[4], hdr.index('spend.total'))}: "),
    "d-ragged": ("rejected", f"{bad_path}:7:1: "),
    "(line 8)": ("rejected", f"{bad_path}:8:1: "),
    "d-thousands": ("scored", None),
    "d-na": ("scored", None),
    "d-target": ("scored", None),
    "d-target-note": ("scored", None),
    # the unterminated quote: at its opening quote, column 16
    "d-unterminated|(line 13)": ("rejected", f"{bad_path}:13:16: "),
}
json.dump({"expect": expect, "dup_reason": f"{bad_path}:6:1: "},
          open(f"{tmp}/expect.json", "w", encoding="utf-8"), ensure_ascii=False)

# Plain, BOM + CRLF, header only, empty, GBK.
good = [hdr, row("p-1"), row("p-2", mediation__received="8,832"), row("p-3", center__count="不适用")]
write_csv(f"{tmp}/plain.csv", good)
write_csv(f"{tmp}/bom_crlf.csv", good, newline="\r\n", bom=True)
write_csv(f"{tmp}/header_only.csv", [hdr])
open(f"{tmp}/empty.csv", "wb").close()
with open(f"{tmp}/gbk.csv", "wb") as f:
    f.write(write_csv(f"{tmp}/gbk_src.csv", good).encode("gbk"))
EOF

# ---- one file, every kind of bad row -------------------------------------------
run 1 "bad rows" -- "$JX" score "$RULES" "$tmp/bad.csv" --format json
if pycheck "$tmp/out" "$tmp/expect.json" <<'EOF'; then
doc = json.load(open(sys.argv[1], encoding="utf-8"))
spec = json.load(open(sys.argv[2], encoding="utf-8"))
deps = doc["departments"]
ids = [d["id"] for d in deps]
by_id = {}
for d in deps:
    by_id.setdefault(d["id"], []).append(d)

for key, (status, prefix) in spec["expect"].items():
    found = [d for k in key.split("|") for d in by_id.get(k, [])]
    if not found:
        errors.append(f"{key}: department missing from the output (ids: {ids})")
        continue
    d = found[0]  # for d-good, the first row; its duplicate is checked below
    if d["status"] != status:
        errors.append(f"{key}: status {d['status']!r}, expected {status!r} (reason {d['reason']!r})")
    if prefix is not None:
        r = d["reason"] or ""
        if not r.startswith(prefix):
            errors.append(f"{key}: reason {r!r} should start with {prefix!r}")
    if status == "rejected" and (d["score"] is not None or d["grade"] is not None or d["rank"] is not None):
        errors.append(f"{key}: rejected but has score/grade/rank {d['score']!r}/{d['grade']!r}/{d['rank']!r}")

dups = by_id.get("d-good", [])
if len(dups) != 2:
    errors.append(f"d-good should appear twice (the duplicate rejected), found {len(dups)}")
elif not (dups[0]["status"] == "scored" and dups[1]["status"] == "rejected"
          and (dups[1]["reason"] or "").startswith(spec["dup_reason"])
          and "duplicate" in dups[1]["reason"]):
    errors.append(f"duplicate d-good: {[(d['status'], d['reason']) for d in dups]}")

if len(deps) != 12:
    errors.append(f"{len(deps)} departments in the output, expected 12 (one per data line): {ids}")
s = doc["summary"]["departments"]
n_rej = sum(d["status"] == "rejected" for d in deps)
if s != {"total": len(deps), "scored": len(deps) - n_rej, "rejected": n_rej}:
    errors.append(f"summary {s} does not count the departments ({len(deps)}, {n_rej} rejected)")

def ind(dept_id, ind_id):
    d = by_id[dept_id][0]
    return next(i for i in d["indicators"] if i["id"] == ind_id)

# "8,832" is 8832.
if "d-thousands" in by_id:
    a = ind("d-thousands", "mediation_intake_rate")["actual"]
    if a is None or abs(a - 4561 / 8832) > 1e-15:
        errors.append(f"d-thousands: mediation_intake_rate actual {a!r}, expected 4561/8832")
    if by_id["d-thousands"][0]["score"] != 94.07:
        errors.append(f"d-thousands: total {by_id['d-thousands'][0]['score']!r}, expected 94.07")
# 不适用 excludes center_built (5 points): 84.666667 over 85 -> 99.61.
if "d-na" in by_id:
    c = ind("d-na", "center_built")
    d = by_id["d-na"][0]
    if c["status"] != "excluded" or "center_built" not in d["excluded"]:
        errors.append(f"d-na: center_built {c['status']!r}, excluded {d['excluded']!r}")
    if d["score"] != 99.61:
        errors.append(f"d-na: total {d['score']!r}, expected 99.61 (84.666667 x 100 / 85)")
# target.family_edu_events ≥120场: a = 90, c = 0.75, score 3, deviation -25% > 20%.
for k, note in (("d-target", None), ("d-target-note", "新冠后活动场地减少")):
    if k not in by_id:
        continue
    i = ind(k, "family_edu_events")
    if i["target"] != 120 or abs(i["completion"] - 0.75) > 1e-12 or i["score"] != 3.0:
        errors.append(f"{k}: target {i['target']!r} completion {i['completion']!r} score {i['score']!r}, expected 120 / 0.75 / 3")
    if i["note"] != note:
        errors.append(f"{k}: note {i['note']!r}, expected {note!r}")
    if i["needs_note"] != (note is None):
        errors.append(f"{k}: needs_note {i['needs_note']!r}, expected {note is None}")
    if abs(by_id[k][0]["score_unrounded"] - (84 + 2 / 3 - 1) * 100 / 90) > 1e-9:
        errors.append(f"{k}: total {by_id[k][0]['score_unrounded']!r}, expected 93.0741")
EOF
	pass "bad rows rejected with file:line:col, the others scored"
else
	fail "bad rows (see above)"
fi
has "$tmp/err" 'rejected d-badnum' "stderr lists rejected departments"
# Text and CSV outputs keep every department too.
for fmt in csv text; do
	"$JX" score "$RULES" "$tmp/bad.csv" --format $fmt >"$tmp/out.$fmt" 2>/dev/null
done
csv_rows=$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8"))))-1)' "$tmp/out.csv")
[ "$csv_rows" -eq 12 ] && pass "csv output: 12 department rows" || fail "csv output has $csv_rows department rows, expected 12"
has "$tmp/out.text" '（d-badnum）' "text output shows the rejected d-badnum"

# ---- header only, empty, not UTF-8 ---------------------------------------------
run 0 "header-only CSV" -- "$JX" score "$RULES" "$tmp/header_only.csv" --format json
python3 - "$tmp/out" <<'EOF' && pass "header-only CSV: 0 departments, statistics null" || fail "header-only CSV output"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
s = doc["summary"]
ok = doc["departments"] == [] and s["departments"] == {"total": 0, "scored": 0, "rejected": 0}
ok = ok and s["total"]["mean"] is None and s["total"]["n"] == 0
if not ok:
    print("   ", json.dumps(s, ensure_ascii=False)[:300])
sys.exit(0 if ok else 1)
EOF

run 4 "empty file" -- "$JX" score "$RULES" "$tmp/empty.csv" --format json
has_re "$tmp/err" "empty.csv" "empty file: named on stderr"
[ -s "$tmp/out" ] && fail "empty file: output written although the data is unreadable" ||
	pass "empty file: no output"

run 4 "GBK file" -- "$JX" score "$RULES" "$tmp/gbk.csv" --format json
has "$tmp/err" "GBK" "GBK file: message mentions GBK"
has_re "$tmp/err" "gbk.csv:2:[0-9]+: error: " "GBK file: located at line 2 (first Chinese text)"
"$JX" score "$RULES" "$tmp/gbk.csv" --encoding gbk --format json >"$tmp/gbk_ok.json" 2>/dev/null
rc=$?
"$JX" score "$RULES" "$tmp/plain.csv" --format json >"$tmp/plain.json" 2>/dev/null
[ "$rc" -eq 0 ] && cmp -s "$tmp/gbk_ok.json" "$tmp/plain.json" &&
	pass "--encoding gbk reads it like the UTF-8 file" || fail "--encoding gbk: exit $rc or different output"

# ---- BOM + CRLF, standard input --------------------------------------------------
"$JX" score "$RULES" "$tmp/bom_crlf.csv" --format json >"$tmp/bom.json" 2>"$tmp/bom.err"
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$tmp/plain.json" "$tmp/bom.json"; then
	pass "BOM + CRLF scores byte-identically to the plain file"
else
	fail "BOM + CRLF: exit $rc, output differs from the plain file"
	diff <(python3 -m json.tool "$tmp/plain.json") <(python3 -m json.tool "$tmp/bom.json") | head -10
fi
[ -s "$tmp/bom.err" ] && { fail "BOM + CRLF: warnings on stderr"; sed 's/^/    | /' "$tmp/bom.err"; } ||
	pass "BOM + CRLF: no warnings (the BOM is not part of the dept_id header)"
"$JX" score "$RULES" - --format json <"$tmp/plain.csv" >"$tmp/stdin.json" 2>/dev/null
rc=$?
[ "$rc" -eq 0 ] && cmp -s "$tmp/plain.json" "$tmp/stdin.json" && pass "standard input (-) reads like the file" ||
	fail "standard input: exit $rc or different output"
python3 - "$tmp/plain.json" <<'EOF' && pass "plain: p-1 94.07, p-2 (\"8,832\") 94.07, p-3 (不适用) 99.61" || fail "plain file scores"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
got = {d["id"]: (d["status"], d["score"]) for d in doc["departments"]}
want = {"p-1": ("scored", 94.07), "p-2": ("scored", 94.07), "p-3": ("scored", 99.61)}
if got != want:
    print("   ", got)
sys.exit(0 if got == want else 1)
EOF

finish
