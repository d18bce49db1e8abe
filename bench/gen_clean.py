#!/usr/bin/env python3
"""gen_clean.py - a reproducible clean-numeric batch (wide CSV, docs/data.md §2)
for the benchmark rule set bench/rules-clean.yaml.

    python3 bench/gen_clean.py --n 500000 --seed 1 --out bench/data/clean-500000-s1.csv

Python 3 standard library only. The same --n and --seed always give the same
bytes (random.Random(seed), no clock, no hash order); UTF-8 without BOM, LF
line ends, RFC 4180 quoting (csv module; no field needs quotes). About 150
bytes a row: 500 000 departments make a ~75 MB file.

The counterpart of bench/gen_batch.py for data as a database export gives it:
dept_id, dept_name, then 23 typed numeric columns, every cell a plain decimal
number (digits, at most one '.', no sign: no %, no thousands separators, no
words, no blanks, no 不适用). Every denominator the rules divide by is > 0,
so no value is missing, undefined or not applicable and every department is
scored on all 20 indicators. Money in 万元 with two decimals, counts whole,
rates as fractions (0.935, not 93.5%), days and hours with one decimal.

A per-department "quality" factor (as in gen_batch.py) spreads the totals
over all four grades; some figures hit their targets exactly (tasks.done =
tasks.planned, staff.in_post = staff.authorized, disclosure.rate = 1.000),
so the comparisons at a bound are exercised too.
"""
import argparse
import csv
import os
import random
import sys

from gen_batch import COUNTIES, OFFICES

HEADER = [
    "dept_id", "dept_name",
    "budget.total", "budget.adjusted", "spend.total", "spend.public", "carryover",
    "staff.authorized", "staff.in_post", "disclosure.rate",
    "tasks.planned", "tasks.done", "events.held", "service.count", "center.count",
    "complaints.received", "complaints.resolved", "training.hours",
    "online.users", "incidents", "delay.days", "cost.per_service", "response.hours",
    "coverage.rate", "satisfaction.rate",
]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, required=True, help="departments (rows)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output CSV ('-' for stdout)")
    args = ap.parse_args(argv)

    rnd = random.Random(args.seed)
    r = rnd.random
    uni = rnd.uniform
    rint = rnd.randint

    out = sys.stdout if args.out == "-" else None
    tmp = None
    if out is None:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        tmp = args.out + ".tmp"
        out = open(tmp, "w", encoding="utf-8", newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)

    rows = []
    for i in range(1, args.n + 1):
        # quality in (0.25, 1]: most departments near target, a tail of weak ones
        q = 1.0 - (r() ** 2.5) * 0.75

        # budget and spending (万元, two decimals); budget.total > 0
        bt = round(uni(50, 2000), 2)
        ba = 0.0 if r() < 0.3 else round(bt * uni(0, 0.4) / (0.5 + q), 2)
        st = round(bt * uni(0.72, 1.18) * (0.85 + 0.15 * q), 2)
        sp = round(st * uni(0.03, 0.16) * (1.3 - 0.3 * q), 2)
        co = round(bt * uni(0, 0.15) * (1.3 - q), 2)

        # staff: both > 0; a third exactly at the authorized number
        sa = rint(3, 80)
        si = sa if r() < 0.3 else max(1, sa + rint(-3, 6))

        # disclosure: a fraction with three decimals, a quarter exactly 1
        dr = 1.0 if r() < 0.25 else min(1.0, uni(0.8, 1.02) * (0.92 + 0.08 * q))

        # tasks: = 100 % often exactly
        tp = rint(20, 500)
        td = tp if r() < 0.4 else int(tp * uni(0.8, 1.05) * (0.9 + 0.1 * q))

        ev = int(uni(10, 150) * (0.5 + 0.5 * q))
        sc = int(uni(500, 9000) * (0.6 + 0.4 * q))
        x = r()
        cc = 0 if x < 0.15 else (1 if x < 0.9 else 2)

        # complaints: resolved <= received, received > 0
        cr = rint(10, 2000)
        cs = min(cr, int(cr * uni(0.7, 1.08) * (0.75 + 0.25 * q)))

        th = uni(15, 60) * (0.5 + 0.5 * q)
        ou = int(uni(2000, 30000) * (0.5 + 0.5 * q))
        inc = 0 if r() < 0.85 else rint(1, 3)
        dd = uni(0, 15) * (1.2 - q)
        cps = uni(60, 250) * (1.4 - 0.5 * q)
        rh = uni(2, 36) * (1.5 - 0.5 * q)
        cov = 1.0 if r() < 0.1 else min(1.0, uni(0.85, 1.0) * (0.92 + 0.08 * q))
        sat = uni(0.70, 1.0) * (0.85 + 0.15 * q)

        rows.append([
            "d%07d" % i, COUNTIES[i % len(COUNTIES)] + OFFICES[(i * 7) % len(OFFICES)],
            "%.2f" % bt, "%.2f" % ba, "%.2f" % st, "%.2f" % sp, "%.2f" % co,
            sa, si, "%.3f" % dr,
            tp, td, ev, sc, cc,
            cr, cs, "%.1f" % th,
            ou, inc, "%.1f" % dd, "%.2f" % cps, "%.1f" % rh,
            "%.4f" % cov, "%.3f" % sat,
        ])
        if len(rows) >= 20000:
            w.writerows(rows)
            rows.clear()
    w.writerows(rows)
    if tmp:
        out.close()
        os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
