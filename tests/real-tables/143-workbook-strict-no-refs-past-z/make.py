#!/usr/bin/python3
"""Writes input.xlsx by hand (zipfile, ../ooxml.py): Strict Open XML (the
purl.oclc.org namespaces, as Excel's "Strict Open XML Spreadsheet" saves),
rows and cells without r= (empty styled cells keep the columns), the table
starting at column AA, a <dimension> that lies, and the fund block in 元:
the unit stated once in the title row (单位：元), the figures typed as text
with thousands separators."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from ooxml import SharedStrings, cell, write  # noqa: E402

sst = SharedStrings()
COL0 = 27  # AA
grid = {}


def put(r, c, v, t=None, s=None):
    grid[(r, c + COL0 - 1)] = cell(None, v, t, s)


def text(r, c, v):
    put(r, c, sst.add(v), "s")


text(1, 1, "项目支出绩效自评表")
text(2, 8, "单位：元")
text(3, 1, "项目名称")
text(3, 3, "全民阅读推广")
text(4, 1, "主管部门")
text(4, 3, "某县文化和旅游局")
text(4, 6, "实施单位")
text(4, 7, "某县图书馆")
text(5, 1, "项目资金")
for c, h in zip(range(4, 10), ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    text(5, c, h)
text(6, 3, "年度资金总额")
text(6, 4, "500,000.00")
text(6, 5, "600,000.00")
text(6, 6, "450,000.00")
put(6, 7, 10)
put(6, 8, "0.75", s=1)
put(6, 9, "7.5")
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    text(8, c, h)
DATA = [
    ("产出指标", "数量指标", "举办阅读活动", "≥24场", "26场", 20, 20),
    ("产出指标", "数量指标", "参与人次", "≥5000人次", "4600人次", 15, 13.8, "部分活动改为线上"),
    ("产出指标", "质量指标", "活动达标率", "≥95%", "96%", 10, 10),
    ("产出指标", "成本指标", "场均活动成本", "≤2万元", "1.73万元", 5, 5),
    ("效益指标", "社会效益指标", "全民阅读氛围", "显著提升", "显著提升", 30, 30),
    ("满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", ("0.915",), 10, 10),
]
r = 9
for row in DATA:
    for j, v in enumerate(row):
        if isinstance(v, str):
            text(r, j + 1, v)
        elif isinstance(v, tuple):
            put(r, j + 1, v[0], s=1)
        else:
            put(r, j + 1, v)
    r += 1
text(r, 1, "总分")
put(r, 6, 100)
put(r, 7, 96.3)
# Rows and cells without r=: every row from 1 written, every cell from A.
rows = []
for rr in range(1, r + 1):
    last = max([c for (x, c) in grid if x == rr] or [0])
    rows.append((None, [grid.get((rr, c), cell(None, None, s=2)) for c in range(1, last + 1)]))
write(os.path.join(HERE, "input.xlsx"), [{"name": "Sheet1", "rows": rows}], sst=sst,
      xfs=(0, 10, 0), strict=True, dimension="A1:H20")
