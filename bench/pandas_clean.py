#!/usr/bin/python3
"""pandas_clean.py - bench/rules-clean.yaml written by hand in vectorised pandas.

    /usr/bin/python3 bench/pandas_clean.py DATA.csv OUT.csv [--columns all|total]

The clean-numeric baseline: what a competent engineer would write for the
batch bench/gen_clean.py makes, where every cell is a plain number and
every denominator is > 0. One read with explicit types (float64 for every
figure, the C parser), one vectorised pass of numpy over whole columns
(np.where, np.minimum/np.maximum, np.select), one write. No value states
(missing, undefined, not applicable) and no batch statistics: the clean
batch has nothing for the first, and the output table does not show the
second (bench/pandas_score.py, the messy-batch baseline, does both).

OUT.csv gets the table `jixiao score --format csv` writes (docs/data.md §6.2:
dept_id, dept_name, status, score, grade, rank and one rounded score per
indicator; not jixiao's diagnostic flags and reason columns), or with
--columns total only dept_id, score, grade, rank.

Scored as jixiao scores (docs/rules.md §6, §7 and §10):
  - every score is clamped to [0, w];
  - comparisons that switch a score (a met target, threshold, band bounds,
    equality) forgive 64 ulps of the larger operand plus 1e-12 (docs/rules.md
    §7, "Floating tolerance"); continuous formulas use the numbers as they
    are; deduct with `step` counts whole pers with a tolerance of 1e-9 plus
    a few ulps (§7, "deduct with step");
  - the total is the sum of the unrounded scores in indicator order, rounded
    as a spreadsheet's ROUND(x, 2): 15 significant digits, then half away
    from zero (§10; round_total() of bench/pandas_score.py);
  - grade on the rounded total; rank = 1 + the number of strictly greater
    rounded totals (ties share the best rank, 1-2-2-4).
The pandas C parser's default float conversion gives the same doubles as
a correctly rounded strtod for these cells (every cell of the 500 000 batch
checked against float_precision="round_trip", which is ~2x slower), as
DuckDB's and jixiao's readers do.

The rules are hard-coded: change bench/rules-clean.yaml and this file must
change too. Debian's python3-pandas (run with /usr/bin/python3); numpy only
besides.
"""
import argparse
import sys

import numpy as np
import pandas as pd

# the spreadsheet rounding and the comparisons forgiving binary noise
# (docs/rules.md §7) are the messy peer's, written once
from pandas_score import EPS, above, at_least, at_most, below, noise, round_total  # noqa: F401

FIGURES = [
    "budget.total", "budget.adjusted", "spend.total", "spend.public", "carryover",
    "staff.authorized", "staff.in_post", "disclosure.rate",
    "tasks.planned", "tasks.done", "events.held", "service.count", "center.count",
    "complaints.received", "complaints.resolved", "training.hours",
    "online.users", "incidents", "delay.days", "cost.per_service", "response.hours",
    "coverage.rate", "satisfaction.rate",
]


# ---- the methods (docs/rules.md §6): raw score before the clamp -----------------


def ratio(a, t, w, cap=1.0, overshoot=None):
    c = a / t
    f = np.minimum(c, cap)
    if overshoot:
        above_, floor = overshoot
        f = np.where(c > above_, np.maximum(floor, 1 - (c - above_)), f)
    return w * f


def inverse(a, t, w):
    return np.where(at_most(a, t), w, w * t / a)


def equal(a, t, w):
    return np.where(np.abs(a - t) <= noise(a, t), w, w * np.maximum(0, 1 - np.abs(a - t) / abs(t)))


def range_(a, lo, hi, w, zero_at):
    d = np.where(a < lo, lo - a, np.where(a > hi, a - hi, 0.0))
    return np.where(d == 0, w, w * np.maximum(0, 1 - d / zero_at))


def linear(a, t, w, xs, ys):
    """gsl_interp_linear: y_lo + (x - x_lo) / dx * (y_hi - y_lo), ends held."""
    c = a / t
    conds = [c <= xs[0], c >= xs[-1]]
    vals = [ys[0], ys[-1]]
    for k in range(len(xs) - 1):
        conds.append(c < xs[k + 1])
        vals.append(ys[k] + (c - xs[k]) / (xs[k + 1] - xs[k]) * (ys[k + 1] - ys[k]))
    return w * np.select(conds, vals)


def bands(x, conds_values):
    """The first band that holds wins; none: 0."""
    conds, values = zip(*conds_values)
    return np.select(list(conds), list(values), 0.0)


def deduct(shortfall, w, per, points, step=False, a=None, t=None):
    q = np.maximum(0, shortfall) / per
    if step:
        q = np.floor(q + (1e-9 + 64 * EPS * ((np.abs(a) + abs(t)) / per + q)))
    return w - points * q


# ---- the rule set ----------------------------------------------------------------


def score_all(f):
    """f: column name -> float64 array. Returns [(id, weight, raw)] in indicator order."""
    bt, st, sp = f["budget.total"], f["spend.total"], f["spend.public"]
    exec_ = st / bt
    adjust = f["budget.adjusted"] / bt
    staff = f["staff.in_post"] / f["staff.authorized"]
    carry = f["carryover"] / bt
    resolved = f["complaints.resolved"] / f["complaints.received"]
    c_res = resolved / 0.9
    return [
        # 预算管理
        ("budget_exec", 6, range_(exec_, 0.9, 1.1, 6, 0.2)),
        ("budget_adjust", 3, bands(adjust, [
            (at_most(adjust, 0.0), 3.0),
            (above(adjust, 0.0) & at_most(adjust, 0.1), 2.0),
            (above(adjust, 0.1) & at_most(adjust, 0.2), 1.0),
            (above(adjust, 0.2) & at_most(adjust, 0.3), 0.5)])),
        ("staff_control", 2, deduct(staff - 1.0, 2, 0.01, 0.1)),
        ("carryover_rate", 3, deduct(carry - 0.05, 3, 0.01, 0.5, step=True, a=carry, t=0.05)),
        ("public_cost", 4, inverse(sp / f["staff.in_post"], 2.0, 4)),
        ("public_share", 3, np.where(at_most(sp / st, 0.1), 3.0, 3 * 0.3)),
        ("disclosure", 4, np.where(at_least(f["disclosure.rate"], 0.95), 4.0, 4 * 0.5)),
        # 产出指标
        ("task_completion", 8, equal(f["tasks.done"] / f["tasks.planned"], 1.0, 8)),
        ("events_held", 6, ratio(f["events.held"], 60.0, 6, overshoot=(1.5, 0.6))),
        ("service_count", 6, linear(f["service.count"], 5000.0, 6, [0.0, 0.5, 1.0],
                                    [0.0, 0.4, 1.0])),
        ("center_built", 4, np.where(at_least(f["center.count"], 1.0), 4.0, 4 * 0.25)),
        ("complaint_resolution", 8, bands(c_res, [
            (at_least(c_res, 1.0), 8 * 1.0),
            (at_least(c_res, 0.9) & below(c_res, 1.0), 8 * 0.8),
            (at_least(c_res, 0.75) & below(c_res, 0.9), 8 * 0.5)])),
        ("training_hours", 8, ratio(f["training.hours"], 40.0, 8, cap=0.95)),
        # 效益指标
        ("online_reach", 4, ratio(f["online.users"], 10000.0, 4)),
        ("incidents", 5, np.where(at_most(f["incidents"], 0.0), 5.0, 0.0)),
        ("delay_days", 4, range_(f["delay.days"], 0.0, 3.0, 4, 10.0)),
        ("cost_per_service", 5, inverse(f["cost.per_service"], 120.0, 5)),
        ("response_hours", 4, deduct(f["response.hours"] - 24.0, 4, 1.0, 0.25)),
        ("coverage", 5, deduct(0.95 - f["coverage.rate"], 5, 0.01, 0.5)),
        # 满意度指标
        ("satisfaction", 8, ratio(f["satisfaction.rate"], 0.9, 8)),
    ]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--columns", choices=["all", "total"], default="all",
                    help="all: the table jixiao's --format csv writes (default); total: only "
                         "dept_id, score, grade, rank")
    args = ap.parse_args(argv)

    dtype = {c: np.float64 for c in FIGURES}
    dtype.update({"dept_id": str, "dept_name": str})
    df = pd.read_csv(args.data, dtype=dtype, engine="c", keep_default_na=False, na_filter=False)
    f = {c: df[c].to_numpy() for c in FIGURES}

    with np.errstate(divide="ignore", invalid="ignore"):
        inds = score_all(f)
    total = np.zeros(len(df))
    scores = {}
    for ind_id, w, raw in inds:
        s = np.minimum(np.maximum(raw, 0.0), w)  # the clamp to [0, w]
        scores[ind_id] = s
        total = total + s  # in indicator order, as jixiao adds

    rounded = round_total(total)
    grade = np.select([rounded >= 90, rounded >= 80, rounded >= 60, rounded >= 0],
                      ["优", "良", "中", "差"], "")
    rank = pd.Series(rounded).rank(method="min", ascending=False).astype(np.int64)

    if args.columns == "total":
        out = pd.DataFrame({"dept_id": df["dept_id"], "score": rounded, "grade": grade,
                            "rank": rank})
    else:
        out = pd.DataFrame({"dept_id": df["dept_id"], "dept_name": df["dept_name"],
                            "status": "scored", "score": rounded, "grade": grade,
                            "rank": rank, **scores})
    out.to_csv(args.out, index=False, float_format="%.2f")
    return 0


if __name__ == "__main__":
    sys.exit(main())
