#!/usr/bin/env python3
"""gen_synthetic_batch.py - a large, reproducible synthetic batch for the
statistics cross-check (tests/stats/numpy_check.py, tests/cli/stats_numpy.sh).

    python3 scripts/gen_synthetic_batch.py --n 10000 --seed 1 --out /tmp/batch.csv

Writes a wide CSV (docs/data.md §2) of N invented county departments scored by the
shipped rule set indicators/yueyang-women-federation (the variables are the
ones listed in fixtures/README.md). Python 3 standard library only; the same
--n and --seed always give the same bytes (random.Random(seed), no clock, no
hash order), UTF-8 without BOM, LF line ends, RFC 4180 quoting.

What the rows look like, on purpose:
  - figures drawn around the rule set's targets, scaled by a per-department
    "quality" factor (most departments near target, a tail of weak ones), so
    that the totals spread over several grades;
  - money in 万元 with two decimals, drawn in whole fen so that the budget
    checks hold exactly: spend.basic = basic_personnel + basic_public,
    spend.project = the three project spends, spend.total = basic + project,
    budget.project = the three project budgets; and mediation.succeeded <=
    accepted <= received. Nearly every row is therefore scored; the only
    checks that can fail are org.offices (a warning) and none of the errors;
  - about 3 % of the variable cells blank (missing), drawn cell by cell;
  - a few zero denominators: mediation.accepted = 0 (婚姻调解成功率 undefined),
    rarely staff.in_post = 0 or budget.project = 0;
  - publicity.grade among 达成 / 部分达成 / 未达成; satisfaction.rate blank
    for about 12 % of the rows (indicator excluded, total rescaled), written
    as "93.5%" or "0.935";
  - some cells with a unit ("236.74万元", "2367400元" in a money column,
    "5700人次") or a thousands separator ("8,832"); 是/否 yes/no cells.
"""
import argparse
import csv
import io
import os
import random
import sys

# the seed rule set's variables, in the demo batch's column order
from gen_demo_batch import VARIABLES  # scripts/ is on sys.path when run
HEADER = ["dept_id", "dept_name", "fiscal_year"] + VARIABLES

BLANK_RATE = 0.03          # share of variable cells left empty
SATISFACTION_BLANK = 0.12  # rows that report no satisfaction survey
ZERO_ACCEPTED = 0.01       # rows with mediation.accepted = 0

KINDS = ["局", "委员会", "中心", "办公室", "联合会", "服务中心", "管理站", "协会"]
PLACES = ["岳阳", "华容", "湘阴", "平江", "汨罗", "临湘", "君山", "云溪", "屈原", "南湖"]


def fen_to_money(fen):
    """Whole fen (0.01 万元) as a two-decimal 万元 figure."""
    return "%d.%02d" % divmod(fen, 100)


def count(rng, x):
    """An integer cell; 1000 or more sometimes with a thousands separator."""
    n = max(0, int(round(x)))
    if n >= 1000 and rng.random() < 0.2:
        return "{:,}".format(n)
    return str(n)


def money_cell(rng, fen):
    """A 万元 cell, now and then with its unit written, in 万元 or in 元."""
    text = fen_to_money(fen)
    u = rng.random()
    if u < 0.03:
        return text + "万元"
    if u < 0.04:
        return "%d元" % (fen * 100)  # 1 fen of 万元 = 100 元
    return text


def department_row(rng, i):
    dept_id = "syn-%05d" % (i + 1)
    name = "%s县第%d%s" % (rng.choice(PLACES), i + 1, rng.choice(KINDS))
    r = {"dept_id": dept_id, "dept_name": name, "fiscal_year": "2024"}
    # quality: most near 1, a tail of weak departments
    q = rng.gauss(1.0, 0.1)
    if rng.random() < 0.08:
        q = rng.uniform(0.4, 0.85)
    q = max(0.3, min(1.4, q))

    def perf(base, spread=0.2):
        return max(0.0, base * q * rng.uniform(1 - spread, 1 + spread))

    # staff
    authorized = rng.randint(5, 120)
    in_post = authorized - rng.randint(0, max(1, authorized // 10))
    if rng.random() < 0.05:
        in_post = authorized + rng.randint(1, 4)  # over establishment: deduct
    if rng.random() < 0.002:
        in_post = 0  # public_cost_per_staff: division by zero
    r["staff.authorized"] = str(authorized)
    r["staff.in_post"] = str(in_post)
    r["org.offices"] = str(rng.randint(1, 14) if rng.random() > 0.01 else 0)

    # money, in fen of 万元 (integers), so the sums are exact
    scale = 0.6 + authorized / 40.0
    b = [int(rng.uniform(8, 40) * scale * 100),
         int(rng.uniform(4, 15) * scale * 100),
         int(rng.uniform(6, 25) * scale * 100)]
    if rng.random() < 0.002:
        b = [0, 0, 0]  # budget_execution_rate: division by zero
    execution = min(1.05, rng.uniform(0.85, 1.02) * (0.9 + 0.1 * q))
    s = [int(x * min(1.05, execution * rng.uniform(0.97, 1.03))) for x in b]
    staff = max(in_post, 1)
    personnel = int(staff * rng.uniform(10.5, 13.5) * 100)
    public = int(staff * rng.uniform(6.0, 17.5) * 100)  # around the 15 万元/head target
    basic = personnel + public
    budget_project = sum(b)
    spend_project = sum(s)
    total = basic + spend_project
    r["budget.project_cancer"], r["budget.project_mediation"], r["budget.project_care"] = (
        money_cell(rng, x) for x in b)
    r["budget.project"] = money_cell(rng, budget_project)
    r["spend.basic_personnel"] = money_cell(rng, personnel)
    r["spend.basic_public"] = money_cell(rng, public)
    r["spend.basic"] = money_cell(rng, basic)
    r["spend.project_cancer"], r["spend.project_mediation"], r["spend.project_care"] = (
        money_cell(rng, x) for x in s)
    r["spend.project"] = money_cell(rng, spend_project)
    r["spend.total"] = money_cell(rng, total)

    # 两癌 screening: counts for most, the yes/no statement for some
    if rng.random() < 0.3:
        r["screening.completed"] = "是" if rng.random() < 0.85 else "否"
    else:
        assigned = rng.randint(200, 3200)
        done = assigned if rng.random() < 0.7 * q else int(assigned * rng.uniform(0.85, 0.995))
        r["screening.assigned"] = count(rng, assigned)
        r["screening.done"] = count(rng, done)
    r["cancer_aid.applicants"] = count(rng, perf(32))
    r["training.sessions"] = count(rng, max(1, perf(5.2, 0.35)))
    r["column.issues"] = count(rng, max(1, perf(4.2, 0.4)))

    # mediation: succeeded <= accepted <= received
    received = rng.randint(300, 9800)
    accepted = int(received * min(0.75, rng.uniform(0.3, 0.6) * q))
    succeeded = int(accepted * min(0.6, rng.uniform(0.28, 0.42) * q))
    if rng.random() < ZERO_ACCEPTED:
        accepted, succeeded = 0, 0  # 婚姻调解成功率 undefined
    r["mediation.received"] = count(rng, received)
    r["mediation.accepted"] = count(rng, accepted)
    r["mediation.succeeded"] = count(rng, succeeded)
    r["mediation.criminal_cases"] = "0" if rng.random() < 0.85 else str(rng.randint(1, 3))

    r["donation.value"] = money_cell(rng, int(perf(16, 0.45) * 100))
    r["caring_mothers.pairs"] = count(rng, perf(8.3, 0.4))
    r["dispute.trainees"] = count(rng, perf(125, 0.3))

    # family education
    events = perf(82, 0.25)
    r["family_edu.launch_attendance"] = count(rng, perf(125, 0.25))
    r["family_edu.events"] = count(rng, events)
    served = int(round(events * rng.uniform(45, 80)))
    r["family_edu.served"] = ("%d人次" % served) if rng.random() < 0.03 else count(rng, served)
    r["family_edu.online"] = count(rng, perf(11000, 0.5))  # > 150 %: target_too_low
    r["assessment.completed"] = "是" if rng.random() < 0.8 + 0.1 * q else "否"
    r["consult.visits"] = count(rng, perf(155, 0.3))
    r["support.schools"] = count(rng, max(1, perf(4.1, 0.4)))
    r["support.students"] = count(rng, perf(45, 0.4))
    r["support.parents"] = count(rng, perf(580, 0.35))
    r["reading.sessions"] = count(rng, perf(6.3, 0.4))
    r["video.count"] = count(rng, perf(5.3, 0.4))
    r["video.families"] = count(rng, perf(32, 0.4))
    r["video.views"] = count(rng, perf(34000, 0.6))  # > 150 %: target_too_low

    u = rng.random()
    if q >= 1.0:
        grade = "达成" if u < 0.8 else "部分达成"
    elif q >= 0.85:
        grade = "达成" if u < 0.45 else ("部分达成" if u < 0.9 else "未达成")
    else:
        grade = "部分达成" if u < 0.5 else "未达成"
    r["publicity.grade"] = grade
    r["center.count"] = "1" if rng.random() < 0.4 else "0"

    if rng.random() >= SATISFACTION_BLANK:
        rate = min(0.999, rng.uniform(0.8, 0.98) * (0.92 + 0.08 * q))
        if rng.random() < 0.3:
            r["satisfaction.rate"] = "%.3f" % rate
        else:
            r["satisfaction.rate"] = "%.1f%%" % (rate * 100)

    # about 3 % of the cells blank (missing), independently
    for var in VARIABLES:
        if rng.random() < BLANK_RATE:
            r[var] = ""
    return r


def build(n, seed):
    rng = random.Random(seed)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(HEADER)
    for i in range(n):
        r = department_row(rng, i)
        w.writerow([r.get(c, "") for c in HEADER])
    return buf.getvalue().encode("utf-8")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="departments (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", required=True, help="CSV file to write ('-' for stdout)")
    args = ap.parse_args(argv[1:])
    if args.n < 0:
        ap.error("--n must be >= 0")
    data = build(args.n, args.seed)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        return 0
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
