#!/usr/bin/python3
"""Writes input.xlsx: a header over two rows whose upper row reads 指标
(merged over 一级 / 二级 / 三级指标) beside 年度指标值, 实际完成值, 分值, 得分
merged down (run with /usr/bin/python3 and python3-openpyxl)."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "自评表"
ws.cell(row=1, column=1, value="部门项目支出绩效自评表")
ws.cell(row=2, column=1, value="指标")
ws.merge_cells("A2:C2")
for c, h in zip(range(4, 9), ["年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]):
    ws.cell(row=2, column=c, value=h)
    ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
for c, h in enumerate(["一级指标", "二级指标", "三级指标"], 1):
    ws.cell(row=3, column=c, value=h)
rows = [
    ("预算执行率", None, "预算执行率", "100%", "100%", 10, 10),
    ("产出指标", "数量指标", "培训人次", "≥500人次", "450人次", 50, 45),
    ("效益指标", "社会效益指标", "群众受益", "有效", "有效", 30, 30),
    ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, 10),
    ("总分", None, None, None, None, 100, 95),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        if v is not None:
            ws.cell(row=4 + k, column=j + 1, value=v)
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
