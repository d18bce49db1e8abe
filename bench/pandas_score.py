#!/usr/bin/python3
"""pandas_score.py - bench/rules.yaml written by hand in vectorised pandas.

    /usr/bin/python3 bench/pandas_score.py DATA.csv OUT.csv [--summary SUMMARY.json]
                                           [--columns all|total]

Reads the wide CSV made by bench/gen_batch.py, scores every department exactly
as jixiao does (docs/rules.md §6-§10, the edge rules in the top comments of
engine/methods/score.c and each method's file), writes OUT.csv with the table `jixiao score --format
csv` writes (dept_id, dept_name, status, score, grade, rank and each
indicator's score; not jixiao's flags and reason columns) and the
batch statistics (mean, sd, min, p10, p25, median, p75, p90, max, mad of the
total; the same for each indicator's score and completion; z and robust z)
to SUMMARY.json (or nowhere without --summary; they are computed either way).

The rules are hard-coded: this is the "write it yourself in pandas" baseline
for the benchmark. Change bench/rules.yaml and this file must change too.
Debian's python3-pandas (run with /usr/bin/python3); numpy only besides.

Edge rules reproduced (a: actual, t: target, w: weight, c = a / t):
  - a value is a number, missing (blank cell), undefined (division by zero;
    a word used as a number) or not applicable (不适用 / n/a / na); an
    operation returns the state of its first non-number operand, left to
    right; missing or undefined scores 0 (on_missing: zero) or leaves the
    total (on_missing: exclude); not applicable always leaves it;
  - comparisons that switch a score forgive 64 ulps of the larger operand
    plus 1e-12 (method.c noise());
  - every score is clamped to [0, w]; the total is the sum of the unrounded
    scores in indicator order, rescaled to 100 over the applicable weights;
  - the total is rounded as a spreadsheet's ROUND(x, 2): to 15 significant
    digits first, then half away from zero on that decimal (round_total());
  - grade on the rounded total; rank = 1 + the number of strictly greater
    rounded totals.
"""
import argparse
import json
import sys

import numpy as np
import pandas as pd

EPS = np.finfo(np.float64).eps
NUM, MISSING, UNDEF, NA = 0, 1, 2, 3

# ---- values ------------------------------------------------------------------


class Val:
    """A column of values: numbers where state == NUM."""

    __slots__ = ("x", "s")

    def __init__(self, x, s):
        self.x = x
        self.s = s


def from_float(col):
    """A numeric column read as float64: blank (NaN) is missing."""
    x = col.to_numpy(dtype=np.float64)
    return Val(x, np.where(np.isnan(x), MISSING, NUM).astype(np.int8))


NA_WORDS = ["不适用", "n/a", "N/A", "na", "NA"]


def from_text(col, percent=False, thousands=False, yesno=False):
    """A column read as text: blank → missing, 不适用 → not applicable,
    是/否 → 1/0, "93.5%" → 0.935 (93.5e-2, as jixiao shifts the exponent),
    "14,000" → 14000; anything else that is not a number is a word:
    undefined when used as a number."""
    s = col.fillna("").astype(str).str.strip()
    state = np.full(len(s), NUM, dtype=np.int8)
    state[(s == "").to_numpy()] = MISSING
    state[s.isin(NA_WORDS).to_numpy()] = NA
    t = s
    if yesno:
        t = t.replace({"是": "1", "否": "0"})
    if thousands:
        t = t.str.replace(",", "", regex=False)
    if percent:
        pct = t.str.endswith("%")
        t = t.where(~pct, t.str.slice(0, -1) + "e-2")
    x = pd.to_numeric(t, errors="coerce").to_numpy(dtype=np.float64)
    bad = np.isnan(x) & (state == NUM)
    state[bad] = UNDEF
    x = np.where(state == NUM, x, np.nan)
    return Val(x, state)


def first_state(*vals):
    s = np.zeros(len(vals[0].s), dtype=np.int8)
    for v in reversed(vals):
        s = np.where(v.s != NUM, v.s, s)
    return s


def div(a, b):
    s = first_state(a, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = a.x / b.x
    s = np.where((s == NUM) & (b.x == 0), UNDEF, s).astype(np.int8)
    return Val(np.where(s == NUM, x, np.nan), s)


def add(*vals):
    s = first_state(*vals)
    x = vals[0].x
    for v in vals[1:]:
        x = x + v.x
    return Val(np.where(s == NUM, x, np.nan), s)


def mul_const(a, k):
    return Val(a.x * k, a.s)


# ---- comparisons forgiving binary noise (method.c) ---------------------------


def noise(x, y):
    return 64 * EPS * np.maximum(np.abs(x), np.abs(y)) + 1e-12


def at_least(x, lo):
    return x >= lo - noise(x, lo)


def at_most(x, hi):
    return x <= hi + noise(x, hi)


def above(x, lo):
    return x > lo + noise(x, lo)


def below(x, hi):
    return x < hi - noise(x, hi)


def within(a, t, precision):
    return np.abs(a - t) <= precision + noise(a, t)


# ---- methods: raw score, or NaN when the method cannot score ------------------


def m_ratio(a, t, w, cap=1.0, overshoot=None):
    c = a / t
    f = np.minimum(c, cap)
    if overshoot:
        above_, floor = overshoot
        f = np.where(c > above_, np.maximum(floor, 1 - (c - above_)), f)
    return w * f


def m_inverse(a, t, w):
    return np.where(at_most(a, t), w, w * t / a)


def m_equal(a, t, w, precision=0.0):
    d = np.abs(a - t)
    return np.where(within(a, t, precision), w, w * np.maximum(0, 1 - d / abs(t)))


def m_range(a, lo, hi, w, zero_at):
    d = np.where(a < lo, lo - a, np.where(a > hi, a - hi, 0.0))
    return np.where(d == 0, w, w * np.maximum(0, 1 - d / zero_at))


def m_threshold_ge(a, t, w, partial=0.0):
    return np.where(at_least(a, t), w, w * partial)


def m_threshold_le(a, t, w, partial=0.0):
    return np.where(at_most(a, t), w, w * partial)


def m_linear(a, t, w, xs, ys):
    """gsl_interp_linear: y_lo + (x - x_lo) / dx * (y_hi - y_lo), ends held."""
    c = a / t
    f = np.full(len(c), ys[0])
    for k in range(len(xs) - 1):
        x_lo, x_hi, y_lo, y_hi = xs[k], xs[k + 1], ys[k], ys[k + 1]
        inside = (c >= x_lo) & (c < x_hi)
        f = np.where(inside, y_lo + (c - x_lo) / (x_hi - x_lo) * (y_hi - y_lo), f)
    f = np.where(c <= xs[0], ys[0], f)
    f = np.where(c >= xs[-1], ys[-1], f)
    return w * f


def band_holds(x, band):
    ok = np.ones(len(x), dtype=bool)
    if "min" in band:
        ok &= at_least(x, band["min"])
    if "gt" in band:
        ok &= above(x, band["gt"])
    if "max" in band:
        ok &= at_most(x, band["max"])
    if "lt" in band:
        ok &= below(x, band["lt"])
    return ok


def m_bands(x, w, bands, overshoot=None):
    raw = np.zeros(len(x))
    for band in reversed(bands):  # the first band that holds wins
        v = band["points"] if "points" in band else w * band["fraction"]
        raw = np.where(band_holds(x, band), v, raw)
    if overshoot:
        above_, floor = overshoot
        raw = np.where(x > above_, w * np.maximum(floor, 1 - (x - above_)), raw)
    return raw


def m_deduct_le(a, t, w, per=0.01, points=0.1, step=False):
    d = np.maximum(0, a - t)
    q = d / per
    if step:
        tol = 1e-9 + 64 * EPS * ((np.abs(a) + abs(t)) / per + q)
        q = np.floor(q + tol)
    return w - points * q


def m_relative(a, w, more):
    ok = ~np.isnan(a)
    if not ok.any():
        return np.full(len(a), np.nan)
    best = np.nanmax(a) if more else np.nanmin(a)
    at_best = at_least(a, best) if more else at_most(a, best)
    if best > 0:
        prop = w * a / best if more else w * best / a
    else:
        prop = np.full(len(a), np.nan)
    return np.where(at_best, w, prop)


DEFAULT_LEVELS = {"达成": 1.0, "部分达成": 0.7, "未达成": 0.3}


def split_words(col):
    """A grade cell: the word and the department's own fraction ("部分达成
    0.75", "部分达成 75%"), trimmed of ASCII spaces and U+3000."""
    s = col.fillna("").astype(str).str.strip(" \t\u3000")
    parts = s.str.extract(r"^(.*?)[ \u3000]*([0-9.]+%?)?$")
    word = parts[0].fillna("")
    frac_text = parts[1].fillna("")
    pct = frac_text.str.endswith("%")
    frac_text = frac_text.where(~pct, frac_text.str.slice(0, -1) + "e-2")
    frac = pd.to_numeric(frac_text.replace("", np.nan), errors="coerce")
    return s, word, frac.to_numpy(dtype=np.float64)


def m_grade_fixed(col, w, levels=DEFAULT_LEVELS):
    s, word, _ = split_words(col)
    f = word.map(levels).to_numpy(dtype=np.float64)  # unknown word → NaN (undefined)
    state = np.where((s == "").to_numpy(), MISSING, NUM).astype(np.int8)
    return w * f, state


def m_grade_bands(col, w, levels):
    s, word, frac = split_words(col)
    lo = word.map({k: v[0] for k, v in levels.items()}).to_numpy(dtype=np.float64)
    hi = word.map({k: v[1] for k, v in levels.items()}).to_numpy(dtype=np.float64)
    has = ~np.isnan(frac)
    inside = at_least(frac, lo) & at_most(frac, hi)
    f = np.where(has, np.where(inside, frac, np.nan), hi)
    state = np.where((s == "").to_numpy(), MISSING, NUM).astype(np.int8)
    return w * f, state


# ---- the rule set ----------------------------------------------------------------

TEXT_COLS = ["mgmt.rules", "mgmt.assets", "mgmt.disclosure", "screening.assigned",
             "publicity.grade", "project.quality", "online.users", "satisfaction.rate",
             "dept_id"]


def score_all(df):
    """Returns [(id, weight, score, excluded, completion)] in indicator order."""
    F = lambda name: from_float(df[name])  # noqa: E731
    out = []

    def indicator(ind_id, w, v, raw_fn, exclude_missing=False, completion=None):
        """v: the value; raw_fn(a) → raw score (NaN = cannot score)."""
        ok = v.s == NUM
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            raw = raw_fn(np.where(ok, v.x, np.nan))
            raw = np.asarray(raw, dtype=np.float64)
            good = ok & np.isfinite(raw)
            score = np.where(good, np.minimum(np.maximum(raw, 0), w), 0.0)
        excluded = v.s == NA
        if exclude_missing:
            excluded = excluded | (v.s == MISSING) | (v.s == UNDEF)
        score = np.where(excluded, 0.0, score)
        comp = None
        if completion is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                comp = np.where(good, v.x / completion, np.nan)
        out.append((ind_id, w, score, excluded, comp))

    # 预算管理
    indicator("budget_exec", 10, div(F("spend.total"), F("budget.total")),
              lambda a: m_range(a, 0.9, 1.1, 10, 0.2))
    indicator("budget_adjust", 3, div(F("budget.adjusted"), F("budget.initial")),
              lambda a: m_bands(a, 3, [{"max": 0, "points": 3},
                                       {"gt": 0, "max": 0.1, "points": 2},
                                       {"gt": 0.1, "max": 0.2, "points": 1},
                                       {"gt": 0.2, "max": 0.3, "points": 0.5}]),
              completion=None)
    indicator("staff_control", 2, div(F("staff.in_post"), F("staff.authorized")),
              lambda a: m_deduct_le(a, 1.0, 2, per=0.01, points=0.1), completion=1.0)
    indicator("carryover_rate", 3, div(F("carryover"), F("budget.total")),
              lambda a: m_deduct_le(a, 0.05, 3, per=0.01, points=0.5, step=True),
              completion=0.05)
    indicator("public_cost", 4, div(F("spend.public"), F("staff.in_post")),
              lambda a: m_inverse(a, 15.0, 4), completion=15.0)
    mg = add(from_text(df["mgmt.rules"], yesno=True), from_text(df["mgmt.assets"], yesno=True),
             from_text(df["mgmt.disclosure"], yesno=True))
    indicator("mgmt_checklist", 3, mg,
              lambda a: np.where(a >= 3.0, 3.0, 3.0 * a / 3.0 * 0.8), completion=3.0)
    # 产出指标
    indicator("screening", 6, div(F("screening.done"), from_text(df["screening.assigned"])),
              lambda a: m_equal(a, 1.0, 6), completion=1.0)
    indicator("mediation_success", 6, div(F("mediation.succeeded"), F("mediation.accepted")),
              lambda a: m_ratio(a, 0.35, 6, cap=0.95), completion=0.35)
    indicator("training_sessions", 4, F("training.sessions"),
              lambda a: m_relative(a, 4, more=True), completion=5.0)
    indicator("events_held", 6, F("events.held"),
              lambda a: m_ratio(a, 60.0, 6, overshoot=(1.5, 0.6)), completion=60.0)
    indicator("family_served", 6, F("family.served"),
              lambda a: m_linear(a, 5000.0, 6, [0.0, 0.5, 1.0], [0.0, 0.4, 1.0]),
              completion=5000.0)
    indicator("center_built", 5, F("center.count"),
              lambda a: m_threshold_ge(a, 1.0, 5, partial=0.2), completion=1.0)
    indicator("acceptance_rate", 5, div(F("mediation.accepted"), F("mediation.received")),
              lambda a: m_bands(a / 0.5, 5, [{"min": 1, "fraction": 1.0},
                                             {"min": 0.8, "lt": 1, "fraction": 0.8},
                                             {"min": 0.6, "lt": 0.8, "fraction": 0.5}],
                                overshoot=(1.8, 0.5)),
              completion=0.5)
    # 效益指标
    indicator("criminal_cases", 4, F("criminal.cases"),
              lambda a: m_threshold_le(a, 0.0, 4))
    raw, st = m_grade_fixed(df["publicity.grade"], 5)
    indicator("publicity", 5, Val(np.zeros(len(st)), st), lambda a: np.where(np.isnan(a), a, raw))
    raw2, st2 = m_grade_bands(df["project.quality"], 5,
                              {"达成": (0.8, 1.0), "部分达成": (0.6, 0.8), "未达成": (0.0, 0.6)})
    indicator("project_quality", 5, Val(np.zeros(len(st2)), st2),
              lambda a: np.where(np.isnan(a), a, raw2))
    indicator("online_reach", 4, from_text(df["online.users"], thousands=True),
              lambda a: m_ratio(a, 10000.0, 4), completion=10000.0)
    indicator("delay_days", 4, F("delay.days"), lambda a: m_range(a, 0.0, 3.0, 4, 10.0))
    indicator("cost_per_service", 4,
              mul_const(div(F("spend.project"), F("family.served")), 10000.0),
              lambda a: m_inverse(a, 120.0, 4), completion=120.0)
    indicator("response_hours", 3, F("response.hours"), lambda a: m_relative(a, 3, more=False),
              completion=24.0)
    # 满意度指标
    indicator("satisfaction", 8, from_text(df["satisfaction.rate"], percent=True),
              lambda a: m_ratio(a, 0.9, 8), exclude_missing=True, completion=0.9)
    return out


# ---- rounding, grade, rank, statistics -----------------------------------------------


def round_total(x, digits=2):
    """Spreadsheet ROUND(x, digits) for x >= 0, vectorised: x is taken to 15
    significant digits (as printf("%.14e") would), then that decimal is
    rounded half away from zero; the result is the nearest double to it."""
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros(len(x))
    pos = np.isfinite(x) & (x > 0)
    xp = x[pos]
    e = np.floor(np.log10(xp)).astype(np.int64)
    for _ in range(2):  # log10 can be one off at powers of ten
        m = np.rint(xp * np.power(10.0, (14 - e).astype(np.float64)))
        e = np.where(m >= 1e15, e + 1, np.where(m < 1e14, e - 1, e))
    m = np.rint(xp * np.power(10.0, (14 - e).astype(np.float64))).astype(np.int64)
    drop = 14 - e - digits  # digits of m below the kept decimals
    q = np.zeros(len(xp), dtype=np.int64)
    small = drop > 15  # x < 10^-(digits+1) / 2 ... always rounds to 0
    d = np.power(10, np.clip(drop, 0, 15)).astype(np.int64)
    q = np.where(drop <= 0, m * np.power(10, np.clip(-drop, 0, 15)).astype(np.int64),
                 m // d + ((m % d) * 2 >= d))
    q = np.where(small, 0, q)
    out[pos] = q / float(10 ** digits)
    return out


def stats(x):
    x = np.sort(x[np.isfinite(x)])
    n = len(x)
    if n == 0:
        return {"n": 0}
    def q(f):  # gsl_stats_quantile_from_sorted_data
        i = f * (n - 1)
        lo = int(np.floor(i))
        d = i - lo
        return float(x[lo] if lo + 1 >= n else (1 - d) * x[lo] + d * x[lo + 1])
    med = q(0.5)
    return {"n": n, "mean": float(x.mean()), "sd": float(x.std(ddof=1)) if n > 1 else None,
            "min": float(x[0]), "p10": q(0.1), "p25": q(0.25), "median": med,
            "p75": q(0.75), "p90": q(0.9), "max": float(x[-1]),
            "mad": float(1.4826 * np.median(np.abs(x - med)))}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--summary", help="write the batch statistics here as JSON")
    ap.add_argument("--columns", choices=["all", "total"], default="all",
                    help="all: the table jixiao's --format csv writes (default); total: only "
                         "dept_id, score, grade, rank (the narrower baseline, docs/performance.md)")
    args = ap.parse_args(argv)

    dtypes = {c: str for c in TEXT_COLS}
    dtypes["dept_name"] = str
    df = pd.read_csv(args.data, dtype=dtypes, keep_default_na=False, na_values=[""],
                     float_precision="round_trip", engine="c")
    inds = score_all(df)

    n = len(df)
    raw = np.zeros(n)
    excluded_w = np.zeros(n)
    for _, w, score, excl, _ in inds:
        raw = np.where(excl, raw, raw + score)
        excluded_w = np.where(excl, excluded_w + w, excluded_w)
    applicable = 100.0 - excluded_w
    scored = applicable > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.where(excluded_w > 0, raw * 100.0 / applicable, raw)
    total = np.where(scored, total, np.nan)
    rounded = round_total(total)
    rounded = np.where(scored, rounded, np.nan)
    grade = np.select([rounded >= 90, rounded >= 80, rounded >= 60, rounded >= 0],
                      ["优", "良", "中", "差"], "")
    rank = pd.Series(rounded).rank(method="min", ascending=False)

    # the table `jixiao score --format csv` writes (docs/data.md §6), without its two
    # diagnostic text columns (flags, reason): one score per indicator, blank
    # where the indicator was excluded
    cols = {"dept_id": df["dept_id"], "dept_name": df["dept_name"],
            "status": np.where(scored, "scored", "rejected"), "score": rounded, "grade": grade,
            "rank": rank.astype("Int64")}
    if args.columns == "total":
        cols = {k: cols[k] for k in ("dept_id", "score", "grade", "rank")}
    else:
        for ind_id, _, score, excl, _ in inds:
            cols[ind_id] = np.where(excl, np.nan, score)
    pd.DataFrame(cols).to_csv(args.out, index=False, float_format="%.2f")

    # batch statistics, as jixiao's summary (docs/data.md §6.1, "summary")
    tot = total[scored]
    summary = {"departments": {"total": n, "scored": int(scored.sum()),
                               "rejected": int((~scored).sum())},
               "grades": {g: int((grade == g).sum()) for g in ["优", "良", "中", "差"]},
               "total": stats(tot), "indicators": {}}
    st = summary["total"]
    z = (total - st["mean"]) / st["sd"] if st.get("sd") else np.full(n, np.nan)
    rz = (total - st["median"]) / st["mad"] if st.get("mad") else np.full(n, np.nan)
    summary["outliers"] = int((np.abs(rz) > 3.5).sum())
    summary["max_abs_z"] = float(np.nanmax(np.abs(z))) if n else None
    for ind_id, _, score, excl, comp in inds:
        d = {"score": stats(score[scored & ~excl])}
        if comp is not None:
            d["completion"] = stats(comp[scored])
        summary["indicators"][ind_id] = d
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
