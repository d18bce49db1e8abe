#!/usr/bin/python3
"""Writes input.xlsx (run with /usr/bin/python3 and python3-openpyxl): the
fund figures written beside their labels on one row (年初预算数（万元）| 100 |
全年预算数（万元）| 120 | 全年执行数（万元）| 108 | 得分 | 9), as county forms
put them in the header block, instead of a heading row over 年度资金总额."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "自评表"
ws["A1"] = "项目支出绩效自评表"
ws.merge_cells("A1:H1")
ws["A2"] = "项目名称"
ws["B2"] = "农村实用人才培训"
ws.merge_cells("B2:D2")
ws["E2"] = "实施单位"
ws["F2"] = "某县农业农村局"
ws.merge_cells("F2:H2")
for col, v in zip("ABCDEFGH", ["年初预算数（万元）", 100, "全年预算数（万元）", 120, "全年执行数（万元）", 108,
                              "得分", 9]):
    ws[col + "3"] = v
ws["A4"] = "年度总体目标"
ws["B4"] = "培训农村实用人才500人次以上，提升生产技能。"
ws.merge_cells("B4:H4")
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    ws.cell(row=5, column=c, value=h)
rows = [
    ("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 50, 50),
    ("效益指标", "社会效益指标", "农民增收", "有效", "有效", 30, 30),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", 10, 10),
    ("总分", None, None, None, None, 100, 99),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        if v is not None:
            ws.cell(row=6 + k, column=j + 1, value=v)
ws.merge_cells("A9:E9")
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
