#!/usr/bin/python3
"""Writes input.xlsx by hand (zipfile, ../ooxml.py) as WPS saves it: sheet
parts named sheet7.xml.. through workbook.xml.rels with absolute targets
(/xl/worksheets/...), docProps/custom.xml, x14ac attributes; a 封面 (cover)
first, then two departments' 自评表 and, between them, a hidden sheet with
last year's table."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from ooxml import SharedStrings, cell, ref, write  # noqa: E402

sst = SharedStrings()


def table(unit, project, fund, data, claimed_total):
    rows = {}

    def put(r, c, v, t=None, s=None):
        rows.setdefault(r, []).append(cell(ref(r, c), v, t, s))

    def text(r, c, v):
        put(r, c, sst.add(v), "s")

    text(1, 1, "项目支出绩效自评表")
    text(2, 1, "（2024年度）")
    text(3, 1, "项目名称")
    text(3, 3, project)
    text(4, 1, "主管部门")
    text(4, 3, "某区住房和城乡建设局")
    text(4, 6, "实施单位")
    text(4, 7, unit)
    text(5, 1, "项目资金（万元）")
    for c, h in zip(range(4, 10), ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        text(5, c, h)
    text(6, 3, "年度资金总额")
    for c, v in zip(range(4, 10), fund):
        put(6, c, v[0], s=1) if isinstance(v, tuple) else put(6, c, v)
    for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                           "偏差原因分析及改进措施"], 1):
        text(7, c, h)
    r = 8
    for row in data:
        for j, v in enumerate(row):
            if isinstance(v, str):
                text(r, j + 1, v)
            elif v is not None:
                put(r, j + 1, v)
        r += 1
    text(r, 1, "总分")
    put(r, 6, 100)
    put(r, 7, claimed_total)
    merges = ["A1:H1", "A2:H2", "A3:B3", "C3:H3", "A4:B4", "C4:E4", "G4:H4", "A5:C5", "A%d:E%d" % (r, r)]
    return {"rows": sorted(rows.items()), "merges": merges}


a = table("某街道办事处", "社区环境整治", [30, 40, 40, 10, ("1",), 10], [
    ("产出指标", "数量指标", "整治背街小巷", "≥20条", "22条", 20, 20),
    ("产出指标", "质量指标", "验收合格率", "100%", "100%", 15, 15),
    ("产出指标", "时效指标", "按期完成率", "≥95%", "90%", 10, 10),
    ("产出指标", "成本指标", "每条整治成本", "≤2万元", "1.8万元", 5, 5),
    ("效益指标", "社会效益指标", "居民生活环境", "明显改善", "明显改善", 30, 30),
    ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92%", 10, 10),
], 100)
b = table("某街道办事处", "老旧小区改造", [100, 120, 96, 10, ("0.8",), 8], [
    ("产出指标", "数量指标", "改造小区数量", "≥6个", "6个", 20, 20),
    ("产出指标", "质量指标", "工程质量合格率", "100%", "100%", 15, 15),
    ("产出指标", "时效指标", "开工及时率", "≥90%", "100%", 10, 10),
    ("产出指标", "成本指标", "户均改造成本", "≤3万元", "2.9万元", 5, 5),
    ("效益指标", "社会效益指标", "居住条件", "有效改善", "有效改善", 30, 30),
    ("满意度指标", "服务对象满意度指标", "住户满意度", "≥85%", "88%", 10, 10),
], 98)
old = table("某街道办事处", "2023年社区环境整治", [30, 30, 15, 10, ("0.5",), 5], [
    ("产出指标", "数量指标", "整治背街小巷", "≥20条", "10条", 50, 25),
    ("效益指标", "社会效益指标", "居民生活环境", "明显改善", "部分改善", 30, 20),
    ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "60%", 10, 5),
], 55)
cover = {"rows": [
    (3, [cell("A3", sst.add("2024年度项目支出绩效自评材料"), "s")]),
    (6, [cell("A6", sst.add("填报单位（盖章）：某街道办事处"), "s")]),
    (7, [cell("A7", sst.add("项目名称：社区环境整治、老旧小区改造"), "s")]),
    (8, [cell("A8", sst.add("报送日期："), "s"), cell("B8", "45672", None, 2)]),
]}
sheets = [dict(cover, name="封面"), dict(a, name="自评表1"), dict(old, name="2023年", state="hidden"),
          dict(b, name="自评表2")]
write(os.path.join(HERE, "input.xlsx"), sheets, sst=sst, xfs=(0, 10, 14), wps=True, absolute=True,
      part_name=lambda i: "worksheets/sheet%d.xml" % (i + 7), x14ac=True)
