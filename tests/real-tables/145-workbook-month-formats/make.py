#!/usr/bin/python3
"""Writes input.xlsx by hand (zipfile, ../ooxml.py): deadlines typed as
dates in formats that show the month only, as a Chinese Excel offers
them: a custom yyyy"年"m"月" and the built-in format 57 (yyyy"年"m"月" in
a Chinese Excel), beside a day in yyyy-mm-dd (built-in 14)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from ooxml import SharedStrings, cell, ref, write  # noqa: E402

sst = SharedStrings()
rows = {}
XFS = (0, 10, 176, 57, 14)  # General, 0%, yyyy"年"m"月", built-in 57, built-in 14
NUMFMTS = {176: 'yyyy"年"m"月"'}
S_PCT, S_MONTH, S_57, S_DAY = 1, 2, 3, 4


def put(r, c, v, t=None, s=None):
    rows.setdefault(r, []).append(cell(ref(r, c), v, t, s))


def text(r, c, v):
    put(r, c, sst.add(v), "s")


text(1, 1, "项目支出绩效自评表")
text(2, 1, "项目名称：校舍维修改造")
text(2, 5, "实施单位：某县教育局")
text(3, 1, "项目资金（万元）")
for c, h in zip(range(4, 10), ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    text(3, c, h)
text(4, 3, "年度资金总额")
for c, v in zip(range(4, 10), [200, 200, 192, 10]):
    put(4, c, v)
put(4, 8, "0.96", s=S_PCT)
put(4, 9, "9.6")
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    text(6, c, h)
# 45505 = 2024-08-01, 45529 = 2024-08-25, 45566 = 2024-10-01, 45575 = 2024-10-10
DATA = [
    ("产出指标", "数量指标", "维修校舍面积", "≥5000平方米", "5200平方米", 20, 20),
    ("产出指标", "时效指标", "工程完工时间", (45505, S_MONTH), (45529, S_DAY), 15, 15),
    ("产出指标", "时效指标", "资金拨付时间", (45566, S_57), (45575, S_57), 10, 10),
    ("产出指标", "质量指标", "验收合格率", "100%", "100%", 5, 5),
    ("效益指标", "社会效益指标", "办学条件", "明显改善", "明显改善", 30, 30),
    ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "95%", 10, 10),
]
r = 7
for row in DATA:
    for j, v in enumerate(row):
        if isinstance(v, str):
            text(r, j + 1, v)
        elif isinstance(v, tuple):
            put(r, j + 1, v[0], s=v[1])
        else:
            put(r, j + 1, v)
    r += 1
text(r, 1, "总分")
put(r, 6, 100)
put(r, 7, 99.6)
write(os.path.join(HERE, "input.xlsx"), [{"name": "自评表", "rows": sorted(rows.items()),
                                          "merges": ["A%d:E%d" % (r, r)]}],
      sst=sst, xfs=XFS, numfmts=NUMFMTS)
