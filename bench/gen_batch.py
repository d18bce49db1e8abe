#!/usr/bin/env python3
"""gen_batch.py - a reproducible synthetic batch (wide CSV, docs/data.md §2) for the
benchmark rule set bench/rules.yaml.

    python3 bench/gen_batch.py --n 500000 --seed 1 --out bench/data/batch-500000.csv

Python 3 standard library only. The same --n and --seed always give the same
bytes (random.Random(seed), no clock, no hash order); UTF-8 without BOM, LF
line ends, RFC 4180 quoting (csv module). About 200 bytes a row: 500 000
departments make a ~100 MB file.

What the rows hold, on purpose (see bench/rules.yaml for the indicators):
  - a per-department "quality" factor, so totals spread over all four grades;
  - about 3 % of the numeric cells blank (missing → 0 points, or excluded for
    satisfaction.rate, which is also blank for ~12 % of the rows);
  - zero denominators: budget.total, budget.initial, staff.authorized,
    staff.in_post, screening.assigned, mediation.received/accepted and
    family.served are sometimes 0 (division by zero → undefined → 0 points);
  - 不适用 in screening.assigned and satisfaction.rate (indicator excluded,
    total rescaled to 100);
  - qualitative columns: publicity.grade (达成 / 部分达成 / 未达成, a few
    unknown words), project.quality (a word, optionally with the department's
    own fraction "部分达成 0.75" / "部分达成 72%", a few outside the level's
    band); mgmt.* as 是 / 否;
  - online.users sometimes with thousands separators ("14,000"), and
    satisfaction.rate written as "0.935" or "93.5%".
"""
import argparse
import csv
import os
import random
import sys

HEADER = [
    "dept_id", "dept_name", "fiscal_year",
    "budget.total", "budget.initial", "budget.adjusted",
    "spend.total", "spend.public", "spend.project", "carryover",
    "staff.authorized", "staff.in_post",
    "mgmt.rules", "mgmt.assets", "mgmt.disclosure",
    "screening.assigned", "screening.done",
    "mediation.received", "mediation.accepted", "mediation.succeeded",
    "training.sessions", "events.held", "family.served", "center.count",
    "criminal.cases", "publicity.grade", "project.quality", "online.users",
    "delay.days", "response.hours", "satisfaction.rate",
]

COUNTIES = ["岳阳县", "华容县", "湘阴县", "平江县", "汨罗市", "临湘市", "君山区", "云溪区",
            "岳阳楼区", "屈原区", "南湖新区", "经开区"]
OFFICES = ["妇女联合会", "教育局", "卫生健康局", "民政局", "司法局", "财政局", "文化旅游广电局",
           "农业农村局", "人力资源和社会保障局", "住房和城乡建设局", "自然资源局", "水利局",
           "交通运输局", "市场监督管理局", "统计局", "审计局", "档案馆", "科学技术协会"]

BLANK = 0.03


def money(x):
    """万元 with two decimals (whole fen)."""
    return "%.2f" % x


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

    def blank(s):
        return "" if r() < BLANK else s

    rows = []
    for i in range(1, args.n + 1):
        # quality in (0, 1]: most departments near target, a tail of weak ones
        q = 1.0 - (r() ** 2.5) * 0.75

        # budget and spending (万元)
        if r() < 0.003:
            bt = 0.0
        else:
            bt = round(uni(50, 2000), 2)
        st = round((bt if bt > 0 else uni(50, 500)) * uni(0.72, 1.18) * (0.85 + 0.15 * q), 2)
        if r() < 0.002:
            bi = 0.0
        else:
            bi = round(uni(50, 2000), 2)
        ba = 0.0 if r() < 0.3 else round(bi * uni(0, 0.4) / (0.5 + q), 2)
        sp = round(uni(5, 200), 2)
        spp = round(uni(10, 1000), 2)
        co = round(bt * uni(0, 0.15) * (1.3 - q), 2)

        # staff
        sa = 0 if r() < 0.003 else rint(3, 80)
        si = max(0, sa + rint(-3, 6)) if r() < 0.995 else 0
        if sa and si and r() < 0.3:
            si = sa

        m1 = "是" if r() < 0.85 else "否"
        m2 = "是" if r() < 0.85 else "否"
        m3 = "是" if r() < 0.80 else "否"

        # screening: = 100% often exactly
        x = r()
        if x < 0.01:
            sca, scd = "不适用", str(rint(0, 50))
        else:
            a = 0 if x < 0.015 else rint(50, 2000)
            if r() < 0.4:
                d = a
            else:
                d = int(a * uni(0.8, 1.05) * (0.9 + 0.1 * q))
            sca, scd = str(a), str(d)

        # mediation
        mr = 0 if r() < 0.002 else rint(100, 10000)
        if r() < 0.02:
            ma = 0
        else:
            ma = int(mr * uni(0.3, 1.0) * (0.6 + 0.4 * q))
        ms = int(ma * uni(0.15, 0.6) * (0.7 + 0.3 * q))

        ts = rint(1, 15)
        ev = int(uni(10, 150) * (0.5 + 0.5 * q))
        fs = 0 if r() < 0.003 else int(uni(500, 9000) * (0.6 + 0.4 * q))
        x = r()
        cc = "0" if x < 0.3 else ("1" if x < 0.9 else "2")
        cr = "0" if r() < 0.85 else str(rint(1, 3))

        x = r() * q
        pg = "达成" if x > 0.45 else ("部分达成" if x > 0.15 else ("未达成" if x > 0.01 else "较好"))

        # project.quality: word, optionally with the department's own fraction
        x = r() * q
        if x > 0.4:
            word, lo, hi = "达成", 0.8, 1.0
        elif x > 0.12:
            word, lo, hi = "部分达成", 0.6, 0.8
        else:
            word, lo, hi = "未达成", 0.0, 0.6
        y = r()
        if y < 0.45:
            pq = word
        else:
            if r() > 0.03:
                f = uni(lo, hi)
            elif lo > 0:
                f = uni(lo - 0.15, lo)          # a few out of the level's band
            else:
                f = uni(hi, hi + 0.15)
            if y < 0.8:
                pq = "%s %.2f" % (word, f)
            else:
                pq = "%s %d%%" % (word, int(round(f * 100)))

        ou = int(uni(2000, 30000) * (0.5 + 0.5 * q))
        ous = "{:,}".format(ou) if r() < 0.3 else str(ou)

        dd = "%.1f" % (uni(0, 15) * (1.2 - q))
        rh = "%.1f" % uni(2, 72)

        x = r()
        if x < 0.12:
            sat = ""
        elif x < 0.14:
            sat = "不适用"
        else:
            v = uni(0.70, 1.0) * (0.85 + 0.15 * q)
            sat = "%.3f" % v if r() < 0.6 else "%.1f%%" % (v * 100)

        rows.append([
            "d%07d" % i, COUNTIES[i % len(COUNTIES)] + OFFICES[(i * 7) % len(OFFICES)], "2024",
            blank(money(bt)), blank(money(bi)), blank(money(ba)),
            blank(money(st)), blank(money(sp)), blank(money(spp)), blank(money(co)),
            blank(str(sa)), blank(str(si)),
            blank(m1), blank(m2), blank(m3),
            blank(sca), blank(scd),
            blank(str(mr)), blank(str(ma)), blank(str(ms)),
            blank(str(ts)), blank(str(ev)), blank(str(fs)), blank(cc),
            blank(cr), blank(pg), blank(pq), blank(ous),
            blank(dd), blank(rh), sat,
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
