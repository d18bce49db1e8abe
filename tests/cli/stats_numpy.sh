#!/usr/bin/env bash
# Batch statistics (docs/data.md §6.1, "summary") cross-checked with numpy on a large synthetic
# batch, and their independence of the row order.
#
#   1. scripts/gen_synthetic_batch.py writes 10 000 departments (fixed seed)
#      for the shipped rules indicators/yueyang-women-federation;
#   2. tests/stats/numpy_check.py scores them with the jixiao under test and
#      recomputes every statistic with numpy (1e-9 relative);
#   3. --jobs 2 gives the same bytes as one thread;
#   4. the same rows, shuffled (header first), must give the same result:
#      every department object identical (score, grade, rank, z, robust_z,
#      flags, indicators...) and the whole summary identical, except that the
#      `unexplained` lists are compared as sets (they follow the row order).
#
# Needs a Python 3 with numpy (Debian's python3-numpy, scripts/setup-deps.sh).
# usage: tests/cli/stats_numpy.sh path/to/jixiao [N]
USAGE_EXTRA='[N]'
. "$(dirname "$0")/lib.bash"
setup "$@"
N=${2:-10000}
GEN_SEED=20240508

# The first Python 3 that has numpy (a pyenv python3 on PATH may not).
PY=""
for cand in python3 /usr/bin/python3 python; do
	if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import numpy' >/dev/null 2>&1; then
		PY=$cand
		break
	fi
done
if [ -z "$PY" ]; then
	echo "FAIL: no Python 3 with numpy found (apt-get install python3-numpy; scripts/setup-deps.sh)"
	exit 1
fi

start=$(date +%s)
"$PY" scripts/gen_synthetic_batch.py --n "$N" --seed "$GEN_SEED" --out "$tmp/batch.csv" || {
	echo "FAIL: the generator failed"
	exit 1
}
"$PY" scripts/gen_synthetic_batch.py --n "$N" --seed "$GEN_SEED" --out "$tmp/again.csv"
cmp -s "$tmp/batch.csv" "$tmp/again.csv" && pass "generator reproducible (seed $GEN_SEED)" ||
	fail "generator: two runs with the same seed differ"

# ---- numpy cross-check ------------------------------------------------------------
# numpy_check NAME LABEL FAILURE: scores $tmp/NAME.csv (JSON kept in
# $tmp/NAME.json) and recomputes every statistic with numpy; passes with the
# checker's last line after LABEL.
numpy_check() {
	if "$PY" tests/stats/numpy_check.py "$JX" "$RULES" "$tmp/$1.csv" \
		--keep-json "$tmp/$1.json" >"$tmp/$1.check" 2>&1; then
		pass "$2$(tail -n 1 "$tmp/$1.check")"
	else
		cat "$tmp/$1.check"
		fail "$3"
	fi
}
numpy_check batch "" "numpy cross-check on $N departments"

# Worker threads must not change a byte (docs/api.md: scoring is re-entrant).
"$JX" score "$RULES" "$tmp/batch.csv" --format json --jobs 2 >"$tmp/jobs2.json" 2>/dev/null
if cmp -s "$tmp/batch.json" "$tmp/jobs2.json"; then
	pass "--jobs 2: JSON byte-identical to one thread"
else
	fail "--jobs 2: JSON differs from one thread"
fi

# Nearly every row must be scored, or the check proves little.
"$PY" - "$tmp/batch.json" "$N" <<'PYEOF' || fail "synthetic batch: too many rejected departments"
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))["summary"]["departments"]
n = int(sys.argv[2])
ok = s["total"] == n and s["scored"] >= 0.99 * n
print(("ok:   " if ok else "") + "synthetic batch: %d departments, %d scored, %d rejected"
      % (s["total"], s["scored"], s["rejected"]))
sys.exit(0 if ok else 1)
PYEOF

# ---- row order ----------------------------------------------------------------------
"$PY" - "$tmp/batch.csv" "$tmp/shuffled.csv" <<'PYEOF'
import random, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    lines = f.read().split("\n")
header, rows = lines[0], [l for l in lines[1:] if l]   # no cell holds a newline
random.Random(7).shuffle(rows)
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    f.write("\n".join([header] + rows) + "\n")
PYEOF
numpy_check shuffled "shuffled: " "numpy cross-check on the shuffled batch"
"$PY" - "$tmp/batch.json" "$tmp/shuffled.json" <<'PYEOF' || fail "shuffled rows give a different result"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8"))
bad = []
da = {d["id"]: d for d in a["departments"]}
db = {d["id"]: d for d in b["departments"]}
if sorted(da) != sorted(db):
    bad.append("department ids differ")
ids_a = [d["id"] for d in a["departments"]]
if ids_a == [d["id"] for d in b["departments"]]:
    bad.append("the shuffle did not change the row order")
for k in ids_a:
    x, y = da[k], db.get(k)
    if y is None:
        continue
    for key in ("score", "score_unrounded", "grade", "rank", "z", "robust_z", "flags"):
        if x.get(key) != y.get(key):
            bad.append("dept %s %s: %r vs %r (shuffled)" % (k, key, x.get(key), y.get(key)))
    if x != y and not any(s.startswith("dept %s " % k) for s in bad[-8:]):
        bad.append("dept %s: objects differ (indicators, groups or checks)" % k)

def unordered(s):
    for ind in s["indicators"].values():
        ind["unexplained"] = sorted(ind["unexplained"])
    return s

sa, sb = unordered(a["summary"]), unordered(b["summary"])

def walk(x, y, path):
    if isinstance(x, dict) and isinstance(y, dict):
        for k in sorted(set(x) | set(y)):
            walk(x.get(k), y.get(k), path + "." + k)
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (u, v) in enumerate(zip(x, y)):
            walk(u, v, "%s[%d]" % (path, i))
    elif x != y:
        bad.append("%s: %r vs %r (shuffled)" % (path, x, y))

walk(sa, sb, "summary")
for line in bad[:50]:
    print("  " + line)
if len(bad) > 50:
    print("  ... and %d more" % (len(bad) - 50))
if not bad:
    print("ok:   shuffled rows: every department and the whole summary identical")
sys.exit(1 if bad else 0)
PYEOF

echo "stats_numpy: $N departments, $(($(date +%s) - start)) s"
finish
