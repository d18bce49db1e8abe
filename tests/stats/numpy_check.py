#!/usr/bin/env python3
"""numpy_check.py - recomputes jixiao's batch statistics (docs/data.md §6.1 (summary)) with numpy
and compares them with what the engine wrote.

    python3 tests/stats/numpy_check.py JIXIAO RULES CSV [--keep-json FILE]

Runs `JIXIAO score RULES CSV --format json`, then, from the JSON's own
per-department values (and the input CSV for the budget weights), recomputes
independently:

  summary.departments, summary.grades (from the rule set's bands, on the
    rounded totals), summary.total {n, mean, sd (ddof=1), min, p10, p25,
    median, p75, p90 (np.quantile, method 'linear'), max,
    mad = 1.4826 * median |x - median|} over score_unrounded of the scored;
  per indicator: completion statistics (finite `completion` of the scored:
    exact), score statistics (indicator score of the scored, status not
    'excluded': the JSON shows it rounded to 2 decimals, so these are
    compared within the bound that rounding allows, see ROUNDED below),
    missing / undefined / excluded / target_too_low / beyond_tolerance
    counts, relative_deviation {mean, sd}, unexplained;
  per department: rank (descending by the rounded score, ties share the best
    rank, 1-2-2-4; rejected null), grade, z = (x - mean)/sd,
    robust_z = (x - median)/mad, and the outlier flags (|robust z| > 3.5);
  weighted_mean = np.average(score_unrounded, weights = budget variable),
    the weights read from the CSV (cells such as "236.74万元" / "2367400元" /
    "1,234.5" converted to 万元);
  spearman_execution_score = Pearson correlation of the average ranks (ties
    averaged) of the execution indicator's `actual` and score_unrounded;
  histogram of the rounded totals over [0,10), [10,20), ..., [90,100].

Tolerance: 1e-9 relative, 1e-12 absolute near zero. A mean of values of
mixed sign (relative deviations) is compared relative to the largest |x|
rather than to the mean itself, since the sum's rounding error scales with
the data, not with the result. Prints every mismatch and exits 1 if any;
prints one OK line otherwise. Exit 2 on a usage or run error.
"""
import argparse
import csv
import json
import math
import re
import subprocess
import sys

import numpy as np

REL = 1e-9
ABS = 1e-12
MAD_SCALE = 1.4826
ROUNDING = 0.005  # half a unit of the 2nd decimal: |rounded - exact| <= this


class Checker:
    def __init__(self):
        self.failures = []
        self.compared = 0

    def fail(self, what, got, expected, note=""):
        self.failures.append("MISMATCH %s: got %r, expected %r%s" %
                             (what, got, expected, (" (" + note + ")") if note else ""))

    def num(self, what, got, expected, scale=None, atol=None):
        """got/expected: float or None (JSON null / undefined)."""
        self.compared += 1
        if expected is None or (isinstance(expected, float) and not math.isfinite(expected)):
            if got is not None:
                self.fail(what, got, None, "expected null")
            return
        if got is None:
            self.fail(what, None, expected, "got null")
            return
        mag = max(abs(expected), abs(got), scale or 0.0)
        tol = max(ABS, REL * mag)
        if atol is not None:
            tol = max(tol, atol)
        if not abs(got - expected) <= tol:
            self.fail(what, got, expected, "|diff| %.3g > tol %.3g" % (abs(got - expected), tol))

    def eq(self, what, got, expected):
        self.compared += 1
        if got != expected:
            self.fail(what, got, expected)


# ---- the rule set: a few top-level facts, read with regular expressions -------

def read_rules_facts(rules_path):
    import os
    files = []
    if os.path.isdir(rules_path):
        files = sorted(os.path.join(rules_path, f) for f in os.listdir(rules_path)
                       if f.endswith((".yaml", ".yml")))
    else:
        files = [rules_path]
    grades, tolerances = [], {}
    budget_variable = execution_indicator = None
    for path in files:
        section = None
        current = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split(" #", 1)[0].rstrip("\n")
                top = re.match(r"^([A-Za-z_]+):", line)
                if top:
                    section = top.group(1)
                m = re.match(r"^budget_variable:\s*(\S+)", line)
                if m:
                    budget_variable = m.group(1)
                m = re.match(r"^execution_indicator:\s*(\S+)", line)
                if m:
                    execution_indicator = m.group(1)
                if section == "grades":
                    m = re.search(r"grade:\s*([^,}\s]+)\s*,\s*min:\s*([-0-9.]+)", line)
                    if m:
                        grades.append((m.group(1), float(m.group(2))))
                if section == "indicators":
                    m = re.match(r"^\s*-\s*id:\s*([a-z0-9_]+)", line)
                    if m:
                        current = m.group(1)
                    m = re.match(r"^\s+tolerance:\s*([0-9.]+)\s*(%?)\s*$", line)
                    if m and current:
                        t = float(m.group(1))
                        tolerances[current] = t / 100 if m.group(2) else t
    return grades, tolerances, budget_variable, execution_indicator


# ---- the input CSV: the budget variable per department -------------------------

MONEY = [("亿元", 1e4), ("万元", 1.0), ("元", 1e-4)]


def parse_money(text):
    """A money cell in 万元 (the seed rules' unit); None when blank/not a number."""
    t = text.strip().replace(",", "")
    if t == "":
        return None
    factor = 1.0
    for suffix, f in MONEY:
        if t.endswith(suffix):
            t = t[: -len(suffix)].strip()
            factor = f
            break
    try:
        v = float(t)
    except ValueError:
        return None
    # 元 -> 万元 as a division, the exact inverse of the 万元 = 10 000 元 rule
    return v / 1e4 if factor == 1e-4 else v * factor


def read_budget(csv_path, variable):
    out = {}
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            out[row["dept_id"]] = parse_money(row.get(variable) or "")
    return out


# ---- statistics, recomputed --------------------------------------------------

def stats(values):
    x = np.asarray(values, dtype=np.float64)
    n = int(x.size)
    keys = ["mean", "sd", "min", "p10", "p25", "median", "p75", "p90", "max", "mad"]
    if n == 0:
        return dict({"n": 0}, **{k: None for k in keys})
    med = float(np.median(x))
    q = np.quantile(x, [0.10, 0.25, 0.75, 0.90], method="linear")
    return {
        "n": n,
        "mean": float(np.mean(x)),
        "sd": float(np.std(x, ddof=1)) if n > 1 else None,
        "min": float(np.min(x)),
        "p10": float(q[0]),
        "p25": float(q[1]),
        "median": med,
        "p75": float(q[2]),
        "p90": float(q[3]),
        "max": float(np.max(x)),
        "mad": MAD_SCALE * float(np.median(np.abs(x - med))),
    }


def compare_stats(ck, what, got, exp, scale=None, rounded=False):
    ck.eq(what + ".n", got["n"], exp["n"])
    for k in ["mean", "sd", "min", "p10", "p25", "median", "p75", "p90", "max", "mad"]:
        atol = None
        if rounded and exp["n"]:
            # The inputs were rounded to 2 decimals, each off by <= 0.005:
            # an order statistic or a mean moves by <= 0.005, the sd by
            # <= 0.005 * sqrt(n/(n-1)), each |x - median| by <= 0.01.
            n = exp["n"]
            atol = {"sd": ROUNDING * math.sqrt(n / max(n - 1, 1)),
                    "mad": MAD_SCALE * 2 * ROUNDING}.get(k, ROUNDING) + 1e-9
        ck.num("%s.%s" % (what, k), got[k], exp[k],
               scale=scale if k == "mean" else None, atol=atol)


def average_ranks(a):
    """1-based ranks, ties given the average of the ranks they span."""
    a = np.asarray(a, dtype=np.float64)
    _, inverse, counts = np.unique(a, return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts
    avg = starts + (counts + 1) / 2.0
    return avg[inverse]


def spearman(x, y):
    if len(x) < 2:
        return None
    rx, ry = average_ranks(x), average_ranks(y)
    if np.std(rx) == 0 or np.std(ry) == 0:
        return None
    return float(np.corrcoef(rx, ry)[0, 1])


def ranks_best(scores):
    """Descending, ties share the best rank (1-2-2-4)."""
    order = sorted(scores, reverse=True)
    first = {}
    for i, s in enumerate(order):
        first.setdefault(s, i + 1)
    return [first[s] for s in scores]


def num_or_none(v):
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


# ---- the check ---------------------------------------------------------------

def check(doc, csv_path, rules_path):
    ck = Checker()
    grades, tolerances, budget_var, exec_ind = read_rules_facts(rules_path)
    depts = doc["departments"]
    summ = doc["summary"]
    scored = [d for d in depts if d["status"] == "scored"]
    rejected = [d for d in depts if d["status"] != "scored"]

    ck.eq("summary.departments", summ["departments"],
          {"total": len(depts), "scored": len(scored), "rejected": len(rejected)})

    # grades from the bands on the rounded totals
    def grade_of(s):
        for g, lo in grades:
            if s >= lo:
                return g
        return None

    counts = {g: 0 for g, _ in grades}
    for d in scored:
        g = grade_of(float(d["score"]))
        counts[g] = counts.get(g, 0) + 1
        if d["grade"] != g:
            ck.eq("dept %s grade" % d["id"], d["grade"], g)
    ck.eq("summary.grades", summ["grades"], counts)

    # the total
    x = np.array([d["score_unrounded"] for d in scored], dtype=np.float64)
    tot = stats(x)
    compare_stats(ck, "summary.total", summ["total"], tot)

    # per department: rank, z, robust z, outlier flags
    rounded = [float(d["score"]) for d in scored]
    ranks = dict(zip((d["id"] for d in scored), ranks_best(rounded)))
    sd, med, mad, mean = tot["sd"], tot["median"], tot["mad"], tot["mean"]
    for d in depts:
        did = d["id"]
        if d["status"] != "scored":
            for k in ("rank", "z", "robust_z", "score", "grade"):
                if d.get(k) is not None:
                    ck.fail("rejected dept %s %s" % (did, k), d.get(k), None)
            continue
        ck.eq("dept %s rank" % did, d["rank"], ranks[did])
        xv = d["score_unrounded"]
        ez = (xv - mean) / sd if sd else None
        erz = (xv - med) / mad if mad else None
        ck.num("dept %s z" % did, d["z"], ez)
        ck.num("dept %s robust_z" % did, d["robust_z"], erz)
        flags = d.get("flags") or []
        want_hi = erz is not None and erz > 3.5
        want_lo = erz is not None and erz < -3.5
        ck.eq("dept %s flag outlier_high" % did, "outlier_high" in flags, want_hi)
        ck.eq("dept %s flag outlier_low" % did, "outlier_low" in flags, want_lo)
        for ind in d["indicators"]:
            ck.eq("dept %s flag target_too_low:%s" % (did, ind["id"]),
                  ("target_too_low:" + ind["id"]) in flags, bool(ind["target_too_low"]))

    # per indicator
    ids = list(summ["indicators"].keys())
    for d in depts:
        if "indicators" in d:
            ck.eq("dept %s indicator ids" % d["id"], [ind["id"] for ind in d["indicators"]], ids)
    for k, iid in enumerate(ids):
        rows = [d["indicators"][k] for d in scored]
        got = summ["indicators"].get(iid)
        if got is None:
            ck.fail("summary.indicators." + iid, None, "present")
            continue
        comp = [r["completion"] for r in rows if num_or_none(r["completion"]) is not None]
        compare_stats(ck, "indicators.%s.completion" % iid, got["completion"], stats(comp))
        sc = [float(r["score"]) for r in rows if r["status"] != "excluded"]
        compare_stats(ck, "indicators.%s.score" % iid, got["score"], stats(sc), rounded=True)
        for key, status in (("missing", "missing"), ("undefined", "undefined"),
                            ("excluded", "excluded")):
            ck.eq("indicators.%s.%s" % (iid, key), got[key],
                  sum(1 for r in rows if r["status"] == status))
        ck.eq("indicators.%s.target_too_low" % iid, got["target_too_low"],
              sum(1 for r in rows if r["target_too_low"]))
        rd = [r["relative_deviation"] for r in rows
              if num_or_none(r["relative_deviation"]) is not None]
        tol = tolerances.get(iid)
        beyond = 0 if tol is None else sum(1 for v in rd if abs(v) > tol + 1e-12)
        ck.eq("indicators.%s.beyond_tolerance" % iid, got["beyond_tolerance"], beyond)
        rda = np.asarray(rd, dtype=np.float64)
        scale = float(np.max(np.abs(rda))) if rda.size else None
        ck.num("indicators.%s.relative_deviation.mean" % iid, got["relative_deviation"]["mean"],
               float(np.mean(rda)) if rda.size else None, scale=scale)
        ck.num("indicators.%s.relative_deviation.sd" % iid, got["relative_deviation"]["sd"],
               float(np.std(rda, ddof=1)) if rda.size > 1 else None, scale=scale)
        ck.eq("indicators.%s.unexplained" % iid, sorted(got["unexplained"]),
              sorted(d["id"] for d, r in zip(scored, rows) if r["needs_note"]))

    # weighted mean over departments with a numeric, non-negative budget
    if budget_var:
        budget = read_budget(csv_path, budget_var)
        pairs = [(d["score_unrounded"], budget.get(d["id"])) for d in scored]
        pairs = [(s, w) for s, w in pairs if w is not None and w >= 0]
        wm = None
        if pairs and sum(w for _, w in pairs) > 0:
            s_, w_ = np.array(pairs, dtype=np.float64).T
            wm = float(np.average(s_, weights=w_))
        ck.num("summary.weighted_mean", summ["weighted_mean"], wm)
    else:
        ck.num("summary.weighted_mean", summ["weighted_mean"], None)

    # Spearman of the execution indicator's actual against the total
    rho = None
    if exec_ind and exec_ind in ids:
        k = ids.index(exec_ind)
        pairs = [(num_or_none(d["indicators"][k]["actual"]), d["score_unrounded"]) for d in scored]
        pairs = [p for p in pairs if p[0] is not None]
        if len(pairs) >= 2:
            a, s_ = np.array(pairs, dtype=np.float64).T
            rho = spearman(a, s_)
    ck.num("summary.spearman_execution_score", summ["spearman_execution_score"], rho)

    # histogram of the rounded totals, bins of 10 over [0, 100], the last closed
    edges = [10.0 * b for b in range(11)]
    hist = [0] * 10
    for s in rounded:
        b = min(int(math.floor(s / 10.0)), 9)
        if 0 <= s <= 100:
            hist[b] += 1
    ck.eq("summary.histogram.edges", [float(e) for e in summ["histogram"]["edges"]], edges)
    ck.eq("summary.histogram.counts", summ["histogram"]["counts"], hist)
    # A hint when the MAD's scale differs from ours by a constant factor.
    if tot["n"] and summ["total"]["mad"] and tot["mad"]:
        raw = float(np.median(np.abs(x - tot["median"])))
        if raw > 0:
            scale = summ["total"]["mad"] / raw
            if abs(scale - MAD_SCALE) > 1e-12 * MAD_SCALE:
                print("note: the engine's MAD is %.16g x median |x - median| (expected scale %.16g;"
                      " gsl_stats_mad uses 1.482602218505602)" % (scale, MAD_SCALE))
    return ck, len(scored), len(rejected), len(ids)


def main(argv):
    global MAD_SCALE
    ap = argparse.ArgumentParser(description="cross-check jixiao's statistics with numpy")
    ap.add_argument("jixiao")
    ap.add_argument("rules")
    ap.add_argument("csv")
    ap.add_argument("--keep-json", metavar="FILE", help="also write the engine's JSON here")
    ap.add_argument("--mad-scale", type=float, default=MAD_SCALE,
                    help="the MAD's scale factor (default %(default)s, docs/data.md §6.1 (summary)); "
                         "gsl_stats_mad itself uses 1.482602218505602")
    ap.add_argument("--max-report", type=int, default=100,
                    help="mismatch lines printed at most (all are counted)")
    args = ap.parse_args(argv[1:])
    MAD_SCALE = args.mad_scale

    proc = subprocess.run([args.jixiao, "score", args.rules, args.csv, "--format", "json"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        sys.stderr.write("numpy_check: jixiao exited %d\n%s" %
                         (proc.returncode, proc.stderr.decode("utf-8", "replace")[-4000:]))
        return 2
    if args.keep_json:
        with open(args.keep_json, "wb") as f:
            f.write(proc.stdout)
    doc = json.loads(proc.stdout)
    ck, n_scored, n_rej, n_ind = check(doc, args.csv, args.rules)
    # Mismatches grouped by what was compared (department ids as *), a few
    # examples each, so that one systematic error does not print 10 000 lines.
    groups = {}
    for line in ck.failures:
        key = re.sub(r"dept \S+ ", "dept * ", line.split(": got", 1)[0])
        groups.setdefault(key, []).append(line)
    printed = 0
    for key, lines in groups.items():
        if printed >= args.max_report:
            print("... and more kinds of mismatch")
            break
        if len(lines) > 1:
            print("%s: %d mismatches, e.g." % (key, len(lines)))
        for line in lines[:3]:
            print(("  " if len(lines) > 1 else "") + line)
            printed += 1
    if ck.failures:
        print("numpy_check: FAILED: %d mismatches in %d comparisons" %
              (len(ck.failures), ck.compared))
        return 1
    print("numpy_check: OK: %d comparisons, %d departments (%d scored, %d rejected), "
          "%d indicators, numpy %s" %
          (ck.compared, n_scored + n_rej, n_scored, n_rej, n_ind, np.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
