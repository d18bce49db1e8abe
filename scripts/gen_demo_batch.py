#!/usr/bin/env python3
"""gen_demo_batch.py - writes fixtures/demo/departments.csv, the demo batch.

The demo scores a whole county's departments with the seed's rule set
(indicators/yueyang-women-federation/rules.yaml), so every row reports the
same variables. Row 1 is the seed department (岳阳县妇女联合会, 2024) with the
report's own figures; the other rows are invented but plausible county
departments, drawn from a fixed random seed so that every run writes the file
byte for byte the same:

    python3 scripts/gen_demo_batch.py            # rewrite the CSV
    python3 scripts/gen_demo_batch.py --check    # exit 1 if the file differs

Python 3 standard library only. The CSV is wide (docs/data.md §2): dept_id,
dept_name, fiscal_year, one column per variable, then target.<id> and
note.<id> columns; UTF-8 without BOM, LF line ends, RFC 4180 quoting.

What the batch exercises, on purpose (row by dept_id):
  - most departments good (优/良), a few weak ones (中/差);
  - empty cells = missing values (satisfaction.rate, consult.visits, ...);
  - yueyang-tongji: mediation.accepted 0 -> 婚姻调解成功率 undefined;
  - every department passes the budget checks, so the README's demo command
    exits 0 (rejections are exercised by tests/cli/score_data_errors.sh);
  - yueyang-dangan: center.count 不适用 -> that indicator excluded;
  - thousands separators ("8,832"), units in cells ("5700人次", "96.5%",
    "1234.56万元"), 是/否, decimal satisfaction rates ("0.93");
  - target.family_edu_events overrides (">= 60 场", "≥100场") and a few
    note.<id> explanations;
  - completions above 150% (overshoot on family_edu_online / video_views),
    an in-post count above the establishment (deduct), public cost per head
    above 15 万元 (inverse), 部分达成/未达成 words (grade).
"""
import csv
import io
import os
import random
import sys

SEED = 20240508  # the seed report's date; any fixed number would do

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, os.pardir, "fixtures", "demo", "departments.csv")

VARIABLES = [
    "staff.authorized", "staff.in_post", "org.offices",
    "budget.project_cancer", "budget.project_mediation", "budget.project_care",
    "budget.project",
    "spend.basic_personnel", "spend.basic_public", "spend.basic",
    "spend.project_cancer", "spend.project_mediation", "spend.project_care",
    "spend.project", "spend.total",
    "screening.assigned", "screening.done", "screening.completed",
    "cancer_aid.applicants", "training.sessions", "column.issues",
    "mediation.received", "mediation.accepted", "mediation.succeeded",
    "mediation.criminal_cases",
    "donation.value", "caring_mothers.pairs", "dispute.trainees",
    "family_edu.launch_attendance", "family_edu.events", "family_edu.served",
    "family_edu.online", "assessment.completed",
    "consult.visits", "support.schools", "support.students", "support.parents",
    "reading.sessions", "video.count", "video.families", "video.views",
    "publicity.grade", "center.count", "satisfaction.rate",
]
EXTRA = [
    "target.family_edu_events",
    "note.budget_execution_rate",
    "note.mediation_success_rate",
    "note.center_built",
]
HEADER = ["dept_id", "dept_name", "fiscal_year"] + VARIABLES + EXTRA

# The seed department, as fixtures/seed/yueyang-fulian-2024.yaml has it.
SEED_ROW = {
    "dept_id": "yueyang-fulian", "dept_name": "岳阳县妇女联合会", "fiscal_year": "2024",
    "staff.authorized": "7", "staff.in_post": "7", "org.offices": "4",
    "budget.project_cancer": "33.00", "budget.project_mediation": "10.08",
    "budget.project_care": "14.72", "budget.project": "57.80",
    "spend.basic_personnel": "82.22", "spend.basic_public": "96.72", "spend.basic": "178.94",
    "spend.project_cancer": "33.00", "spend.project_mediation": "10.08",
    "spend.project_care": "14.72", "spend.project": "57.80", "spend.total": "236.74",
    "screening.assigned": "", "screening.done": "", "screening.completed": "是",
    "cancer_aid.applicants": "33", "training.sessions": "5", "column.issues": "4",
    "mediation.received": "8832", "mediation.accepted": "4561", "mediation.succeeded": "1607",
    "mediation.criminal_cases": "0",
    "donation.value": "20", "caring_mothers.pairs": "9", "dispute.trainees": "140",
    "family_edu.launch_attendance": "150", "family_edu.events": "90",
    "family_edu.served": "5700", "family_edu.online": "14000", "assessment.completed": "是",
    "consult.visits": "163", "support.schools": "4", "support.students": "40",
    "support.parents": "700", "reading.sessions": "8", "video.count": "6",
    "video.families": "40", "video.views": "50000",
    "publicity.grade": "达成", "center.count": "0", "satisfaction.rate": "",
    "note.center_built": "根据妇女儿童发展纲要（规划）要求，县市区要建设1所妇女儿童活动中心的目标没有实现。",
}

# (dept_id, dept_name, size: staff establishment, quality: 1 = on target)
DEPARTMENTS = [
    ("yueyang-jiaoyu", "岳阳县教育局", 96, 1.15),
    ("yueyang-weijian", "岳阳县卫生健康局", 74, 1.10),
    ("yueyang-minzheng", "岳阳县民政局", 48, 1.05),
    ("yueyang-sifa", "岳阳县司法局", 52, 1.08),
    ("yueyang-wenlyu", "岳阳县文化旅游广电体育局", 61, 1.00),
    ("yueyang-tuanxianwei", "共青团岳阳县委员会", 9, 1.12),
    ("yueyang-canlian", "岳阳县残疾人联合会", 14, 1.06),
    ("yueyang-caizheng", "岳阳县财政局", 88, 1.18),
    ("yueyang-renshe", "岳阳县人力资源和社会保障局", 70, 1.04),
    ("yueyang-ziran", "岳阳县自然资源局", 83, 0.97),
    ("yueyang-zhujian", "岳阳县住房和城乡建设局", 66, 0.92),
    ("yueyang-jiaotong", "岳阳县交通运输局", 58, 0.95),
    ("yueyang-shuili", "岳阳县水利局", 55, 1.02),
    ("yueyang-nongye", "岳阳县农业农村局", 92, 1.07),
    ("yueyang-shangwu", "岳阳县商务局", 21, 0.88),
    ("yueyang-yingji", "岳阳县应急管理局", 33, 1.03),
    ("yueyang-shijian", "岳阳县市场监督管理局", 110, 1.01),
    ("yueyang-tongji", "岳阳县统计局", 17, 0.99),
    ("yueyang-yibao", "岳阳县医疗保障局", 26, 1.09),
    ("yueyang-tuiyi", "岳阳县退役军人事务局", 19, 1.05),
    ("yueyang-linye", "岳阳县林业局", 44, 0.90),
    ("yueyang-chengguan", "岳阳县城市管理和综合执法局", 78, 0.84),
    ("yueyang-shenji", "岳阳县审计局", 28, 1.06),
    ("yueyang-kegongxin", "岳阳县科学技术和工业信息化局", 31, 0.94),
    ("yueyang-fagai", "岳阳县发展和改革局", 36, 1.00),
    ("yueyang-dangan", "岳阳县档案馆", 12, 0.98),
    ("yueyang-zonggonghui", "岳阳县总工会", 15, 1.10),
    ("yueyang-kexie", "岳阳县科学技术协会", 8, 0.72),
    ("yueyang-gongshanglian", "岳阳县工商业联合会", 10, 0.93),
    ("yueyang-hongshizihui", "岳阳县红十字会", 7, 1.04),
    ("yueyang-gongxiaoshe", "岳阳县供销合作社联合社", 24, 0.62),
    ("yueyang-wenlian", "岳阳县文学艺术界联合会", 6, 0.86),
    ("yueyang-rongmeiti", "岳阳县融媒体中心", 64, 1.13),
    ("yueyang-xinfang", "岳阳县信访局", 18, 0.50),
]

# Cells deliberately left empty (missing): (dept_id, variable).
MISSING = {
    ("yueyang-jiaotong", "satisfaction.rate"),
    ("yueyang-linye", "satisfaction.rate"),
    ("yueyang-kexie", "satisfaction.rate"),
    ("yueyang-zhujian", "consult.visits"),
    ("yueyang-shangwu", "video.views"),
    ("yueyang-chengguan", "dispute.trainees"),
    ("yueyang-gongxiaoshe", "support.parents"),
    ("yueyang-xinfang", "reading.sessions"),
}

NOTES = {
    ("yueyang-zhujian", "note.budget_execution_rate"):
        "部分项目资金因工程结算审计未完成，年底未能支付，已结转下年度使用。",
    ("yueyang-xinfang", "note.mediation_success_rate"):
        "当年接待的婚姻家庭纠纷多为积案，调解难度大，成功率偏低；下一步将联合司法所开展联调。",
    ("yueyang-gongxiaoshe", "note.center_built"):
        "活动中心选址尚在协调，已列入下年度计划。",
}

TARGETS = {
    ("yueyang-tuanxianwei", "target.family_edu_events"): ">= 60 场",
    ("yueyang-jiaoyu", "target.family_edu_events"): "≥100场",
}


def money(x):
    return "%.2f" % x


def count(rng, x):
    """An integer cell; a count of 1000 or more sometimes with a thousands separator."""
    n = int(round(x))
    if n >= 1000 and rng.random() < 0.3:
        return "{:,}".format(n)
    return str(n)


def department_row(rng, dept_id, dept_name, size, q):
    r = {"dept_id": dept_id, "dept_name": dept_name, "fiscal_year": "2024"}

    def perf(base, spread=0.15):
        """A count around base scaled by the department's quality."""
        return max(0.0, base * q * rng.uniform(1 - spread, 1 + spread))

    # staff and offices
    authorized = size
    in_post = authorized - rng.randint(0, max(1, size // 12))
    if dept_id == "yueyang-chengguan":
        in_post = authorized + 3  # over the establishment: deduct
    r["staff.authorized"] = str(authorized)
    r["staff.in_post"] = str(in_post)
    r["org.offices"] = str(max(3, min(14, size // 8 + rng.randint(1, 4))))

    # budgets and spending, 万元; sums are computed from the rounded parts
    scale = 0.6 + size / 40.0
    b = [round(rng.uniform(8, 40) * scale, 2),
         round(rng.uniform(4, 15) * scale, 2),
         round(rng.uniform(6, 25) * scale, 2)]
    execution = min(1.0, rng.uniform(0.9, 1.02) * (0.9 + 0.1 * q))
    if dept_id == "yueyang-zhujian":
        execution = 0.78
    s = [round(x * min(1.0, execution * rng.uniform(0.98, 1.02)), 2) for x in b]
    personnel = round(in_post * rng.uniform(10.5, 13.5), 2)
    public = round(in_post * rng.uniform(5.0, 14.0), 2)
    if dept_id in ("yueyang-wenlian", "yueyang-kexie"):
        public = round(in_post * 17.8, 2)  # public cost per head above 15 万元: inverse
    budget_project = round(sum(b), 2)
    spend_project = round(sum(s), 2)
    basic = round(personnel + public, 2)
    total = round(basic + spend_project, 2)
    r["budget.project_cancer"], r["budget.project_mediation"], r["budget.project_care"] = map(money, b)
    r["budget.project"] = money(budget_project)
    r["spend.basic_personnel"] = money(personnel)
    r["spend.basic_public"] = money(public)
    r["spend.basic"] = money(basic)
    r["spend.project_cancer"], r["spend.project_mediation"], r["spend.project_care"] = map(money, s)
    r["spend.project"] = money(spend_project)
    r["spend.total"] = money(total)
    if dept_id in ("yueyang-weijian", "yueyang-rongmeiti"):
        r["spend.total"] = money(total) + "万元"

    # 两癌 screening: counts for most, the yes/no statement for some
    kind = rng.random()
    if dept_id == "yueyang-gongxiaoshe":
        r["screening.assigned"], r["screening.done"], r["screening.completed"] = "", "", "否"
    elif kind < 0.25:
        r["screening.assigned"], r["screening.done"], r["screening.completed"] = "", "", "是"
    else:
        assigned = rng.randint(200, 3200)
        done = assigned if rng.random() < 0.7 * q else int(assigned * rng.uniform(0.9, 0.995))
        r["screening.assigned"] = count(rng, assigned)
        r["screening.done"] = count(rng, done)
        r["screening.completed"] = ""
    r["cancer_aid.applicants"] = str(int(round(perf(34))))
    r["training.sessions"] = str(max(1, int(round(perf(5.5, 0.3)))))
    r["column.issues"] = str(max(1, int(round(perf(4.5, 0.4)))))

    # mediation
    received = rng.randint(600, 9800)
    accepted = int(received * min(0.7, rng.uniform(0.38, 0.58) * q))
    succeeded = int(accepted * min(0.6, rng.uniform(0.3, 0.4) * q))
    if dept_id == "yueyang-tongji":
        accepted, succeeded = 0, 0  # 婚姻调解成功率 undefined
    r["mediation.received"] = count(rng, received)
    r["mediation.accepted"] = count(rng, accepted)
    r["mediation.succeeded"] = count(rng, succeeded)
    r["mediation.criminal_cases"] = "0" if rng.random() < 0.8 + 0.1 * (q - 1) * 10 else str(rng.randint(1, 2))

    r["donation.value"] = money(perf(18, 0.4))
    r["caring_mothers.pairs"] = str(int(round(perf(8.5, 0.35))))
    r["dispute.trainees"] = str(int(round(perf(135, 0.25))))

    # family education
    events = perf(88, 0.2)
    r["family_edu.launch_attendance"] = str(int(round(perf(140, 0.2))))
    r["family_edu.events"] = str(int(round(events)))
    served = int(round(events * rng.uniform(48, 75)))
    r["family_edu.served"] = count(rng, served)
    if dept_id in ("yueyang-minzheng", "yueyang-sifa", "yueyang-yibao"):
        r["family_edu.served"] = "%d人次" % served
    r["family_edu.online"] = count(rng, perf(12500, 0.35))
    r["assessment.completed"] = "是" if rng.random() < 0.85 + 0.15 * (q - 0.8) else "否"
    r["consult.visits"] = str(int(round(perf(160, 0.25))))
    r["support.schools"] = str(max(1, int(round(perf(4.2, 0.35)))))
    r["support.students"] = str(int(round(perf(45, 0.4))))
    r["support.parents"] = str(int(round(perf(650, 0.3))))
    r["reading.sessions"] = str(int(round(perf(7, 0.35))))
    r["video.count"] = str(int(round(perf(5.5, 0.4))))
    r["video.families"] = str(int(round(perf(36, 0.4))))
    r["video.views"] = count(rng, perf(38000, 0.5))

    u = rng.random()
    if q >= 1.0:
        grade = "达成" if u < 0.8 else "部分达成"
    elif q >= 0.85:
        grade = "达成" if u < 0.4 else "部分达成"
    else:
        grade = "部分达成" if u < 0.5 else "未达成"
    r["publicity.grade"] = grade
    r["center.count"] = "1" if rng.random() < 0.35 else "0"
    if dept_id == "yueyang-dangan":
        r["center.count"] = "不适用"

    rate = min(0.995, rng.uniform(0.86, 0.97) * (0.92 + 0.08 * q))
    if rng.random() < 0.15:
        r["satisfaction.rate"] = "%.2f" % rate
    else:
        r["satisfaction.rate"] = "%.1f%%" % (rate * 100)

    for (d, col), text in list(NOTES.items()) + list(TARGETS.items()):
        if d == dept_id:
            r[col] = text
    for d, var in MISSING:
        if d == dept_id:
            r[var] = ""
    return r


def build():
    rng = random.Random(SEED)
    rows = [SEED_ROW]
    for dept_id, dept_name, size, q in DEPARTMENTS:
        rows.append(department_row(rng, dept_id, dept_name, size, q))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(HEADER)
    for r in rows:
        w.writerow([r.get(c, "") for c in HEADER])
    return buf.getvalue().encode("utf-8")


def main(argv):
    data = build()
    path = os.path.normpath(OUT)
    if "--check" in argv[1:]:
        try:
            with open(path, "rb") as f:
                same = f.read() == data
        except OSError:
            same = False
        if not same:
            sys.stderr.write("%s differs from what gen_demo_batch.py writes\n" % path)
            return 1
        return 0
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
