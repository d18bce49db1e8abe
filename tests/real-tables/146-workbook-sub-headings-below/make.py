#!/usr/bin/python3
"""Writes input.xlsx (run with /usr/bin/python3 and python3-openpyxl): a
header over two rows where the upper row's 指标值 is merged over two
sub-headings on the row below, 年度目标值 and 实际完成值, and the other
headings are merged down over both rows."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "绩效自评表"
ws["A1"] = "2024年度项目支出绩效自评表"
ws.merge_cells("A1:H1")
ws["A2"] = "项目名称：基本公共卫生服务"
ws.merge_cells("A2:D2")
ws["E2"] = "实施单位：某县卫生健康局"
ws.merge_cells("E2:H2")
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "指标值", None, "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    if h:
        ws.cell(row=3, column=c, value=h)
ws.merge_cells("D3:E3")
for c in (1, 2, 3, 6, 7, 8):
    ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
ws["D4"] = "年度目标值"
ws["E4"] = "实际完成值"
rows = [
    ("预算执行率", None, "预算执行率", "100%", "95%", 10, 9.5),
    ("产出指标", "数量指标", "建立居民健康档案", "≥8万份", "8.2万份", 20, 20),
    ("产出指标", "质量指标", "档案合格率", "≥90%", "88%", 15, 15),
    ("产出指标", "时效指标", "资金拨付及时率", "100%", "100%", 15, 15),
    ("效益指标", "社会效益指标", "居民健康水平", "逐步提高", "逐步提高", 30, 30),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥85%", "90%", 10, 10),
    ("总分", None, None, None, None, 100, 99.5),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        if v is not None:
            ws.cell(row=5 + k, column=j + 1, value=v)
ws.merge_cells("A5:B5")
ws.merge_cells("A11:E11")
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
