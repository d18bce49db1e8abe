#!/usr/bin/python3
"""Writes input.xlsx by hand (zipfile, ../ooxml.py) as Excel saves a 自评表
that openpyxl cannot write: shared strings with rich-text runs, a phonetic
run (<rPh>) that is not part of the text, _x000D_ and xml:space="preserve",
inline strings, numbers stored as text ("98%", "1,250"), percent-formatted
numbers, formula cells with cached values (a shared formula among them,
and values with binary noise: 0.94999999999999996, 4.9999999999999991),
an error cell (#DIV/0!), empty cells holding only a style, date cells
(a deadline and the day it was done), the x14ac namespace, a <dimension>
that lies, and the table starting at column B."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from ooxml import SharedStrings, cell, ref, write  # noqa: E402

sst = SharedStrings()
rows = {}
COL0 = 2  # the table starts at column B


def put(r, c, v=None, t=None, s=None, f=None):
    rows.setdefault(r, []).append(cell(ref(r, c + COL0 - 1), v, t, s, f))


def text(r, c, v):
    put(r, c, sst.add(v), "s")


# styles: 0 General, 1 0.00%, 2 yyyy"年"m"月"d"日", 3 General (a border, say)
XFS = (0, 10, 176, 0)
NUMFMTS = {176: 'yyyy"年"m"月"d"日"'}

text(1, 1, "项目支出绩效自评表")
text(2, 1, "（2024年度）")
text(3, 1, "项目名称")
text(3, 3, "社区养老服务补助")
text(4, 1, "主管部门")
text(4, 3, "某区民政局")
text(4, 6, "实施单位")
text(4, 7, "某区养老服务中心")
text(5, 1, "项目资金\n（万元）")
for c, h in zip(range(4, 10), ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    text(5, c, h)
text(6, 3, "年度资金总额")
put(6, 4, 50)
put(6, 5, 60)
put(6, 6, 57)
put(6, 7, 10)
put(6, 8, "0.94999999999999996", s=1, f="G6/F6")
put(6, 9, "9.4999999999999982", f="H6*I6")
text(7, 3, "其中：当年财政拨款")
put(7, 4, 50)
put(7, 5, 60)
put(7, 6, 57)
text(8, 3, "其他资金")
put(8, 4, s=3)
put(8, 5, "#DIV/0!", t="e", f="1/0")
put(8, 6, s=3)
text(9, 1, "一级指标")
text(9, 2, "二级指标")
text(9, 3, "三级指标")
put(9, 4, sst.raw('<r><rPr><b/><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr>'
                  '<t>年度</t></r><r><rPr><sz val="11"/></rPr>'
                  '<t xml:space="preserve">_x000D_\n指标值</t></r>'
                  '<rPh sb="0" eb="2"><t>ネンド</t></rPh><phoneticPr fontId="1"/>'), "s")
text(9, 5, "实际\n完成值")
text(9, 6, "分 值")
text(9, 7, "得　分")
text(9, 8, "偏差原因分析及改进措施")
DATA = [
    ("产出指标", "数量指标", "服务老人人次", "≥12000人次", (10800,), 20, 20, "疫情影响"),
    (None, None, "新增床位", ("inline", "≥50张"), ("inline", "52张"), 10, 10, None),
    (None, "质量指标", "服务合格率", "≥95%", "98%", 10, 10, None),
    (None, "时效指标", "补助发放完成时间", ("date", 45657), ("date", 45646), 5, 5, None),
    (None, "成本指标", "人均补助标准", "≤1,200元", "1,250", 5, ("f", "4.9999999999999991"), None),
    ("效益指标", "社会效益指标", "老年人生活质量", "明显提升", "明显提升", 20, 20, None),
    (None, "可持续影响指标", "服务机制长效运行", "长期", "长期", 10, 10, None),
    ("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", ("pctf", "0.96"), 10, 10, None),
]
r = 10
for row in DATA:
    for j, v in enumerate(row):
        c = j + 1
        if v is None:
            if c in (1, 2):
                put(r, c, s=3)  # an empty cell with a border
            continue
        if isinstance(v, str):
            text(r, c, v)
        elif isinstance(v, int):
            put(r, c, v)
        elif v[0] == "inline":
            put(r, c, v[1], t="inlineStr")
        elif v[0] == "date":
            put(r, c, v[1], s=2)
        elif v[0] == "pctf":
            put(r, c, v[1], s=1, f='<f t="shared" ref="F17:F17" si="0">C17/D17</f>')
        elif v[0] == "f":
            put(r, c, v[1], f="ROUND(G15*1200/E15,2)")
        else:
            put(r, c, v[0])
    r += 1
text(r, 1, "总分")
put(r, 6, "100", f="SUM(G10:G17)+H6")
put(r, 7, "99.499999999999986", f="SUM(H10:H17)+J6")
merges = ["B1:J1", "B2:J2", "B3:C3", "D3:J3", "B4:C4", "D4:F4", "H4:J4", "B5:C8",
          "B10:B14", "B15:B16", "C10:C11", "B%d:F%d" % (r, r)]
for k in rows:
    rows[k].sort(key=lambda c: (len(c["ref"]), c["ref"]))
write(os.path.join(HERE, "input.xlsx"),
      [{"name": "项目支出绩效自评表", "rows": sorted(rows.items()), "merges": merges}],
      sst=sst, xfs=XFS, numfmts=NUMFMTS, x14ac=True, dimension="A1")
