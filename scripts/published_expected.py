#!/usr/bin/env python3
"""Expected results for the published 自评表 fixtures (fixtures/published/).

Plain Python 3 (standard library only), no project code: an independent
working of the national scheme (indicators/national/rules.yaml, docs/rules.md,
docs/data.md §3, docs/review.md) over the long CSVs typed from real published tables.

    python3 scripts/published_expected.py          # writes EXPECTED.md and expected.json
    python3 scripts/published_expected.py --check  # exit 1 if the committed files differ

Each table is scored from its long CSV alone (its 预算执行率 row gives the
execution rate); the wide *-budget.csv files are discussed in EXPECTED.md.
Where the rules of spec v2 do not settle a real cell, the reading taken is the
one of fixtures/published/QUIRKS.md (Q-1 … Q-9), and the row says so.
"""

import csv
import json
import os
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "fixtures", "published")

TABLES = [
    "zhongjiang-shuili-2022",
    "tangxi-weituo-2022",
    "xiaoxian-hexi-2023",
    "suixi-linshi-2019",
    "jinzhai-chagu-2023",
    "nanhua-yejun",
    "shidian-nongye-2019",
    "zhongjiang-shuili-2022-variant-symbols",   # synthetic: see SOURCES.md
]

SCHEME = {"预算执行率": 10, "产出指标": 50, "效益指标": 30, "满意度指标": 10}
LEVELS = {"达成": 1.0, "部分达成": 0.8, "未达成": 0.5}
# the official long names of the three levels, matched as whole phrases.
LEVEL_PHRASES = {
    "达成预期指标": "达成", "部分达成预期指标": "部分达成", "未达成预期指标": "未达成",
    "达成年度指标": "达成", "部分达成年度指标": "部分达成", "未达成年度指标": "未达成",
}
BANDS = {"达成": (0.8, 1.0), "部分达成": (0.6, 0.8), "未达成": (0.0, 0.6)}
OVERSHOOT_ABOVE, OVERSHOOT_FLOOR = 1.5, 0.6

# Unit catalogue (docs/data.md §3): unit -> (dimension, factor to the base unit).
UNITS = {
    "元": ("money", 1), "万元": ("money", 1e4), "亿元": ("money", 1e8),
    "米": ("length", 1), "厘米": ("length", 0.01), "千米": ("length", 1000), "公里": ("length", 1000),
    "平方米": ("area", 1), "亩": ("area", 10000 / 15), "公顷": ("area", 1e4), "平方公里": ("area", 1e6),
    "克": ("mass", 1), "千克": ("mass", 1000), "公斤": ("mass", 1000), "吨": ("mass", 1e6),
    "%": ("ratio", 0.01), "‰": ("ratio", 0.001),
}

GE = ("≥", ">=", "≧", ">")
LE = ("≤", "<=", "≦", "<")
EQ = ("═", "＝", "=")


def r2(x):
    """Round half away from zero to 2 decimals, as a spreadsheet's ROUND."""
    return Decimal(repr(float(x))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def diff2(claimed, score):
    """claimed − score at 2 decimals, subtracting the decimal values (as a
    spreadsheet shows them: 10 − 9.695 = 0.305 → 0.31, where a binary
    subtraction would give 0.30499… → 0.30)."""
    d = Decimal(repr(float(claimed))) - Decimal(repr(float(score)))
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fmt(x):
    """A number for the working: up to 6 decimals, no trailing zeros."""
    s = "%.6f" % x
    s = s.rstrip("0").rstrip(".")
    return s if s != "-0" else "0"


def group_of(path):
    """The first level of a path, with a trailing points note and spaces removed."""
    first = path.split("/")[0]
    first = re.sub(r"\s+", "", first)                     # 产 出 指 标 → 产出指标
    first = re.sub(r"[(（]\s*[0-9.]+\s*分\s*[)）]$", "", first)
    return first


def split_op(text):
    t = text.strip()
    for ops, kind in ((GE, "ge"), (LE, "le"), (EQ, "eq")):
        for op in ops:
            if t.startswith(op):
                return kind, t[len(op):].strip()
    return None, t


FULLWIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")

NUM = re.compile(r"^([0-9][0-9,]*(?:\.[0-9]+)?)\s*(.*)$")


def parse_quantity(text):
    """'29.5亩' -> (29.5, '亩'); '95%' -> (95, '%'); '2万亩' -> (20000, '亩'); None if not a number."""
    m = NUM.match(text.strip().translate(FULLWIDTH))
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    unit = m.group(2).strip()
    if unit and unit not in UNITS and unit[0] in "万亿" and len(unit) > 1:
        value *= 1e4 if unit[0] == "万" else 1e8
        unit = unit[1:]
    return value, unit


def to_common(tq, aq):
    """Bring target and actual to one scale; returns (t, a, how) or raises ValueError."""
    (t, tu), (a, au) = tq, aq
    if au == "":
        au = tu                                      # a bare actual takes the target's unit
    if tu == au:
        if tu in UNITS:
            f = UNITS[tu][1]
            return t * f, a * f, "same unit %s" % (tu or "(none)")
        return t, a, "same measure word %s" % (tu or "(none)")
    if tu in UNITS and au in UNITS and UNITS[tu][0] == UNITS[au][0]:
        return t * UNITS[tu][1], a * UNITS[au][1], "%s -> %s converted" % (au, tu)
    raise ValueError("units %s and %s do not agree" % (tu, au))


def level_of(word):
    w = word.strip()
    m = re.match(r"^(达成|部分达成|未达成)\s*([0-9.]+)(%?)$", w)
    if m:
        f = float(m.group(2)) / (100 if m.group(3) else 1)
        lo, hi = BANDS[m.group(1)]
        if not (lo <= f <= hi):
            raise ValueError("own fraction %s outside the band of %s" % (m.group(2), m.group(1)))
        return m.group(1), f, None
    if w in LEVELS:
        return w, LEVELS[w], None
    if w in LEVEL_PHRASES:
        lv = LEVEL_PHRASES[w]
        return lv, LEVELS[lv], "Q-8"
    return None


def score_row(row, group):
    """One declared row -> dict(score, method, working, questions)."""
    w = float(row["weight"])
    target, actual = row["target"].strip(), row["actual"].strip()
    q = []
    if actual == "":
        return dict(score=0.0, method="missing", working="实际完成值 empty: missing, scored 0 (on_missing: zero)",
                    questions=["Q-10"] if row["claimed"] else [])
    if actual in ("不适用", "n/a"):
        return dict(score=None, method="excluded", working="不适用: excluded, total rescaled", questions=[])
    kind, tval = split_op(target)
    akind, aval = split_op(actual)
    if akind is not None:
        q.append("Q-7")                                   # '≥266米' as the actual: operator dropped
    tq = parse_quantity(tval)
    aq = parse_quantity(aval)

    # a month as the target ('9月前') against a month as the actual ('7月').
    mt = re.match(r"^([0-9]+)月前$", target)
    ma = re.match(r"^([0-9]+)月$", actual)
    if mt and ma:
        ok = int(ma.group(1)) <= int(mt.group(1))
        f = 1.0 if ok else 0.0
        return dict(score=w * f, method="date",
                    working="%s against %s: %s → %s × %s" % (actual, target, "on time, 达成" if ok else "late", fmt(w), fmt(f)),
                    questions=["Q-5"])

    if tq is None:                                      # a word target
        if actual == target:
            return dict(score=w, method="grade", working="actual repeats the target's words (%s): 达成 → %s × 1" % (actual, fmt(w)), questions=q)
        lv = level_of(actual)
        if lv is None:
            return dict(score=0.0, method="grade", working="unknown word %s: 0" % actual, questions=q)
        level, f, qq = lv
        if qq:
            q.append(qq)
        return dict(score=w * f, method="grade", working="%s = %s → %s × %s" % (actual, level, fmt(w), fmt(f)), questions=q)

    if aq is None:
        return dict(score=0.0, method="error", working="a word (%s) where a number is due" % actual, questions=q)

    if kind is None:
        kind = "ge"                                     # a bare target means ≥
    t, a, how = to_common(tq, aq)
    if group == "满意度指标":
        kind = "ge"                                     # by_path: 满意度指标 → ratio
    if kind == "ge":
        c = a / t
        if c > OVERSHOOT_ABOVE:
            f = max(OVERSHOOT_FLOOR, 1 - (c - OVERSHOOT_ABOVE))
            work = "ratio, c = %s / %s = %s > 1.5: overshoot, fraction max(0.6, 1 − (c − 1.5)) = %s → %s × %s" % (
                fmt(a), fmt(t), fmt(c), fmt(f), fmt(w), fmt(f))
        else:
            f = min(c, 1.0)
            work = "ratio, c = %s / %s = %s → %s × min(c, 1)" % (fmt(a), fmt(t), fmt(c), fmt(w))
        return dict(score=w * f, method="ratio", working=work + " (%s)" % how, questions=q)
    if kind == "le":
        if a <= t:
            return dict(score=w, method="inverse", working="inverse, %s ≤ %s → %s (%s)" % (fmt(a), fmt(t), fmt(w), how), questions=q)
        f = t / a if a else 0.0
        return dict(score=w * f, method="inverse", working="inverse, %s > %s → %s × %s / %s (%s)" % (fmt(a), fmt(t), fmt(w), fmt(t), fmt(a), how), questions=q)
    # equal
    if a == t:
        return dict(score=w, method="equal", working="equal, %s = %s → %s (%s)" % (fmt(a), fmt(t), fmt(w), how), questions=q)
    f = max(0.0, 1 - abs(a - t) / abs(t))
    return dict(score=w * f, method="equal", working="equal, %s × (1 − |%s − %s| / %s) (%s)" % (fmt(w), fmt(a), fmt(t), fmt(t), how), questions=q)


def execution_rate(text):
    """The 预算执行率 row's actual -> (rate as a fraction, question or None)."""
    t = text.strip()
    if t.endswith("%"):
        return float(t[:-1]) / 100, None
    v = float(t)
    if v == 0:
        return 0.0, "Q-1"
    if v <= 1:
        return v, "Q-2"                                 # a fraction printed in a B/A column
    return v / 100, "Q-2"


def score_table(tid):
    path = os.path.join(DIR, tid + ".csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    dept_name = rows[0]["dept_name"]
    claimed_total = None
    out = []
    for row in rows:
        claimed = float(row["claimed"]) if row["claimed"].strip() else None
        if row["indicator"] == "总分":
            claimed_total = claimed
            continue
        if row["indicator"] == "预算执行率":
            w = float(row["weight"])
            rate, qq = execution_rate(row["actual"])
            s = w * min(rate, 1.0)
            out.append(dict(indicator="预算执行率", group="预算执行率", path="预算执行率", weight=w,
                            target=row["target"], actual=row["actual"], claimed=claimed, score=s,
                            method="execution",
                            working="rate %s = %s; %s × min(rate, 1)" % (row["actual"], fmt(rate), fmt(w)),
                            questions=[qq] if qq else []))
            continue
        group = group_of(row["path"])
        if group not in SCHEME:
            raise SystemExit("%s: unknown 一级 %r" % (tid, row["path"]))
        r = score_row(row, group)
        out.append(dict(indicator=row["indicator"], group=group, path=row["path"], weight=float(row["weight"]),
                        target=row["target"], actual=row["actual"], claimed=claimed, **r))

    # Points per first level, as the table prints them.
    points = {}
    for r in out:
        points[r["group"]] = points.get(r["group"], 0.0) + r["weight"]
    total_points = sum(points.values())
    excluded = sum(r["weight"] for r in out if r["score"] is None)
    applicable = total_points - excluded
    raw = sum(r["score"] for r in out if r["score"] is not None)
    scale = 100.0 / applicable
    total = raw * scale
    total_r = r2(total)
    grade = "优" if total_r >= 90 else "良" if total_r >= 80 else "中" if total_r >= 60 else "差"

    flags = []
    off = any(abs(points.get(g, 0.0) - p) > 1e-9 for g, p in SCHEME.items())
    if off or abs(total_points - 100) > 1e-9:
        flags.append("weights_off_scheme")
    ex = [r for r in out if r["group"] == "预算执行率"][0]
    ind = [r for r in out if r["group"] != "预算执行率" and r["score"] is not None]
    I = sum(r["score"] for r in ind) / sum(r["weight"] for r in ind)
    E = ex["score"] / ex["weight"]
    if I > 0 and (I - E) / I > 0.05 or ex["questions"] == ["Q-1"]:
        flags.append("ahead_of_execution")
    if all(r["claimed"] is not None and abs(r["claimed"] - r["weight"]) < 1e-9
           for r in out if r["group"] != "预算执行率"):
        flags.append("all_full_marks")
    score_difference = None
    if claimed_total is not None:
        d = claimed_total - total
        score_difference = float(diff2(claimed_total, total))
        if d > 0.005:
            flags.append("claim_above_rules")
        elif d < -0.005:
            flags.append("claim_below_rules")
        rows_claimed = sum(r["claimed"] for r in out if r["claimed"] is not None)
        if abs(claimed_total - rows_claimed) > 0.005:
            flags.append("claimed_sum_mismatch")
    order = ["claim_above_rules", "claim_below_rules", "all_full_marks", "ahead_of_execution",
             "claimed_sum_mismatch", "weights_off_scheme"]
    flags.sort(key=order.index)

    return dict(tid=tid, dept_name=dept_name, rows=out, points=points, total_points=total_points,
                excluded=excluded, raw=raw, scale=scale, total=total, total_r=total_r, grade=grade,
                claimed_total=claimed_total, score_difference=score_difference, flags=flags, I=I, E=E)


def to_json(res):
    rows = []
    for r in res["rows"]:
        d = dict(indicator=r["indicator"],
                 score=None if r["score"] is None else float(r2(r["score"])),
                 claimed=r["claimed"],
                 difference=None if (r["claimed"] is None or r["score"] is None) else float(diff2(r["claimed"], r["score"])))
        if r["questions"]:
            d["questions"] = r["questions"]
        rows.append(d)
    return dict(dept_id=res["tid"], rows=rows, score=float(res["total_r"]), grade=res["grade"],
                claimed_score=res["claimed_total"], score_difference=res["score_difference"], flags=res["flags"])


def md_table(res):
    L = []
    L.append("## %s — %s" % (res["tid"], res["dept_name"]))
    L.append("")
    L.append("| # | indicator | 一级 | w | target | actual | method: working | score | claimed | diff |")
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for i, r in enumerate(res["rows"], 1):
        sc = "excluded" if r["score"] is None else "%s (%s)" % (fmt(r["score"]), r2(r["score"]))
        cl = "" if r["claimed"] is None else fmt(r["claimed"])
        df = "" if (r["claimed"] is None or r["score"] is None) else str(diff2(r["claimed"], r["score"]))
        qs = (" **%s**" % ", ".join(r["questions"])) if r["questions"] else ""
        L.append("| %d | %s | %s | %s | `%s` | `%s` | %s: %s%s | %s | %s | %s |" % (
            i, r["indicator"], r["group"], fmt(r["weight"]), r["target"], r["actual"],
            r["method"], r["working"], qs, sc, cl, df))
    L.append("")
    pts = ", ".join("%s %s" % (g, fmt(p)) for g, p in res["points"].items())
    L.append("- Points as printed: %s — %s in all%s." % (
        pts, fmt(res["total_points"]),
        "" if not res["excluded"] else ", %s excluded" % fmt(res["excluded"])))
    L.append("- Sum of the unrounded row scores: %s." % fmt(res["raw"]))
    if abs(res["scale"] - 1) > 1e-12:
        L.append("- Rescaled to 100: %s × 100 / %s = %s." % (fmt(res["raw"]), fmt(res["total_points"] - res["excluded"]), fmt(res["total"])))
    L.append("- **Total %s, %s.**" % (res["total_r"], res["grade"]))
    if res["claimed_total"] is not None:
        L.append("- Claimed 总分 %s; score_difference %s − %s = %s." % (
            fmt(res["claimed_total"]), fmt(res["claimed_total"]), fmt(res["total"]), res["score_difference"]))
    else:
        L.append("- No claimed 总分 (not in the stored copy): claimed_score null.")
    L.append("- I = %s, E = %s." % (fmt(res["I"]), fmt(res["E"])))
    L.append("- Flags: %s." % (", ".join("`%s`" % f for f in res["flags"]) or "none"))
    L.append("")
    return "\n".join(L)


HEAD = """# Expected results of the published 自评表 fixtures

Generated by `scripts/published_expected.py` (do not edit by hand; run it with
`--check` to verify). The tables and their sources: `SOURCES.md`; the
readings taken where the rules do not settle a real cell (**Q-n**): `QUIRKS.md`.

Rules (national scheme, `indicators/national/rules.yaml`, docs/rules.md, docs/data.md §3, docs/review.md):
groups 预算执行率 10 / 产出指标 50 / 效益指标 30 / 满意度指标 10; only the 一级 is
checked (a trailing `(50分)` and inner spaces removed); the method follows the
target's operator (≥ >= ≧ > or none: ratio, with overshoot above 150 %:
max(0.6, 1 − (c − 1.5)); ≤ <= ≦ <: inverse; = ═ ＝: equal; a word: grade, the
actual repeating the target's words is 达成); 满意度指标 rows are ratio whatever
their operator; a bare actual takes the target's unit; 万/亿 multiply; money,
length, area and mass convert. 预算执行率 = 10 (or the table's own points) ×
min(rate, 1) with the rate of the 预算执行率 row. Each row unrounded; the total is
their sum, rescaled × 100 / (its points) when the points do not add up to 100;
rounded half away from zero (Decimal on repr) to 2 decimals; 优 ≥ 90, 良 ≥ 80,
中 ≥ 60, 差 below. Claims (docs/review.md): difference = claimed − score; flags as there, with
I = the indicator rows' score over their points and E = the execution score over
its points.

Each table is scored from its long CSV alone. Its wide `*-budget.csv` gives the
same 预算执行率 except where said below the table.

| table | total | grade | claimed 总分 | flags |
|---|---|---|---|---|
"""


def hand_checks():
    return """## Checked by hand

- `zhongjiang-shuili-2022`: every row reaches its target (the actuals repeat the
  targets, Q-7) → 10 + 70 + 20 + 10 = 110 points scored of 110 printed; 110 ×
  100 / 110 = **100.00**. The table claims 总分 100, the sum of its claimed rows
  is 110 → `claimed_sum_mismatch`; 产出 70 / 效益 20 → `weights_off_scheme`.
- `suixi-linshi-2019`: 特困人员救助供养人数 4604 / 4754 = 0.968448, × 5 =
  4.842238 (claimed 5, difference 0.16); 扶贫临时救助标准 `<=5300元/户` against
  5830: inverse 10 × 5300 / 5830 = 9.090909 (claimed 10, difference 0.91);
  the other rows reach their targets (87 / 59 = 1.4746 stays under 1.5). Sum
  10 + 48.933147 + 30 = 88.933147 of 90 printed points (the 满意度 row is cut);
  × 100 / 90 = 98.814608 → **98.81, 优**.
- `shidian-nongye-2019`: 执行 20 × 0.1 = 2 (Q-2); 8000 → 12767.36: c = 1.59592,
  fraction 1 − 0.09592 = 0.90408, × 20 = 18.0816; 6 / 15 × 20 = 8; 4164 / 11442
  × 20 = 7.278448; 2074 / 1980 capped → 10; 满意度 100 / 90 capped → 10. Sum
  55.360048 of 100 → **55.36, 差**; claimed 71.7 (the department's uncapped ratios
  and 2.9 for execution) → difference 16.34, `claim_above_rules`,
  `ahead_of_execution` (I = 0.667, E = 0.1).
"""


BUDGET_NOTES = """## The wide budget files

`jixiao score indicators/national X-budget.csv --indicators X.csv` computes
预算执行率 from `spend.total / budget.total` instead of the row (the row still
carries the claimed 得分). The result is the same as above except:

- `tangxi-weituo-2022-budget.csv` is the published 年度资金总额 row, 0 / 0 / 0:
  the national rule set's check `budget_reported` (severity error) fails —
  **rejected** ("全年预算数应大于0"), unless `--lenient`. The 其中 row
  (90 / 89.974 / 89.974, 100 %) would give 10 points and 100.00 — the reading an
  analyst would take (Q-1).
- `shidian-nongye-2019-budget.csv`: 94 / 650 = 14.4615 % → 20 × 0.144615 =
  2.892308 instead of 2 → sum 56.252356, **56.25, 差** (difference to the
  claimed 71.7: 15.45).
- `jinzhai-chagu-2023-budget.csv`: 338.31 / 329.77 = 102.59 % → 10, as the row;
  the check `spend_within_budget` warns (spending above the budget).
- `zhongjiang`, `xiaoxian`, `suixi` have no 年初预算数 (the 衔接资金 form):
  `budget.initial` is empty.
"""


def build():
    results = [score_table(t) for t in TABLES]
    md = [HEAD]
    for res in results:
        md.append("| `%s` | %s | %s | %s | %s |\n" % (
            res["tid"], res["total_r"], res["grade"],
            "—" if res["claimed_total"] is None else fmt(res["claimed_total"]),
            ", ".join(res["flags"])))
    md.append("\n")
    for res in results:
        md.append(md_table(res))
        md.append("\n")
    md.append(hand_checks())
    md.append("\n")
    md.append(BUDGET_NOTES)
    expected_md = "".join(md)
    expected_json = json.dumps(dict(
        ruleset="cn-national-self-eval",
        note="generated by scripts/published_expected.py; questions Q-n: fixtures/published/QUIRKS.md",
        departments=[to_json(r) for r in results]), ensure_ascii=False, indent=2) + "\n"
    return expected_md, expected_json


def main():
    md, js = build()
    targets = {os.path.join(DIR, "EXPECTED.md"): md, os.path.join(DIR, "expected.json"): js}
    if "--check" in sys.argv[1:]:
        bad = [p for p, text in targets.items()
               if not os.path.exists(p) or open(p, encoding="utf-8").read() != text]
        for p in bad:
            print("differs: %s" % os.path.relpath(p, ROOT), file=sys.stderr)
        return 1 if bad else 0
    for p, text in targets.items():
        with open(p, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
