#!/usr/bin/python3
"""Writes input.xlsx by hand (zipfile, ../ooxml.py): targets and actuals
typed as numbers in cells whose custom number formats write the operator
and the unit around them, as a prepared template does: "≥"0"批次",
"≤"0"个工作日", "≤"0"元", "≥"0%, #,##0"元", 0"%" (95 shown as 95%)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from ooxml import SharedStrings, cell, ref, write  # noqa: E402

sst = SharedStrings()
rows = {}
NUMFMTS = {
    176: '"≥"0"批次"',
    177: '0"批次"',
    178: '"≥"0%',
    179: '"≤"0"个工作日"',
    180: '0"个工作日"',
    181: '"≤"0"元"',
    182: '#,##0"元"_ ',
    183: '0"%"',
}
XFS = (0, 10) + tuple(sorted(NUMFMTS))
STYLE = {fmt: i + 2 for i, fmt in enumerate(sorted(NUMFMTS))}


def put(r, c, v, t=None, s=None):
    rows.setdefault(r, []).append(cell(ref(r, c), v, t, s))


def text(r, c, v):
    put(r, c, sst.add(v), "s")


text(1, 1, "项目支出绩效自评表")
text(2, 1, "项目名称")
text(2, 3, "食品安全抽检")
text(2, 5, "实施单位")
text(2, 6, "某县市场监督管理局")
text(3, 1, "项目资金（万元）")
for c, h in zip(range(4, 10), ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    text(3, c, h)
text(4, 3, "年度资金总额")
for c, v in zip(range(4, 8), [50, 50, 48, 10]):
    put(4, c, v)
put(4, 8, "0.96", s=1)
put(4, 9, "9.6")
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    text(6, c, h)
DATA = [
    ("产出指标", "数量指标", "食品抽检批次", (1200, 176), (1260, 177), 20, 20),
    ("产出指标", "质量指标", "抽检合格率", ("0.95", 178), ("0.97", 1), 15, 15),
    ("产出指标", "时效指标", "检验报告出具时限", (15, 179), (18, 180), 10, 10),
    ("产出指标", "成本指标", "单批次抽检成本", (400, 181), (380, 182), 5, 5),
    ("效益指标", "社会效益指标", "食品安全保障", "有效保障", "有效保障", 30, 30),
    ("满意度指标", "服务对象满意度指标", "群众满意度", ("0.9", 178), (93, 183), 10, 10),
]
r = 7
for row in DATA:
    for j, v in enumerate(row):
        if isinstance(v, str):
            text(r, j + 1, v)
        elif isinstance(v, tuple):
            put(r, j + 1, v[0], s=v[1] if v[1] < 2 else STYLE[v[1]])
        else:
            put(r, j + 1, v)
    r += 1
text(r, 1, "总分")
put(r, 6, 100)
put(r, 7, 99.6)
write(os.path.join(HERE, "input.xlsx"), [{"name": "自评表", "rows": sorted(rows.items()),
                                          "merges": ["A%d:E%d" % (r, r)]}],
      sst=sst, xfs=XFS, numfmts=NUMFMTS)
