#!/usr/bin/python3
"""Writes input.xlsx (run with /usr/bin/python3 and python3-openpyxl): a
header block labelled as many provincial forms do: 预算项目编码,
预算部门 for the 主管部门, 项目实施单位 for the 实施单位 (written with its
value in one cell, a full-width space between, no colon)."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "自评表"
ws["A1"] = "项目支出绩效自评表"
ws.merge_cells("A1:H1")
ws["A2"] = "预算项目编码"
ws["C2"] = "43012124T000000123"
ws["E2"] = "项目名称"
ws["F2"] = "城乡环境卫生整治"
ws.merge_cells("F2:H2")
ws["A3"] = "预算部门"
ws["C3"] = "某区城市管理局"
ws["E3"] = "项目实施单位　某区环境卫生管理所"  # label and value in one cell, no colon
ws.merge_cells("E3:H3")
ws["A4"] = "项目资金（万元）"
for col, h in zip("CDEFGH", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    ws[col + "4"] = h
ws["B5"] = "年度资金总额"
for col, v in zip("CDEFGH", [80, 80, 80, 10, "100%", 10]):
    ws[col + "5"] = v
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    ws.cell(row=6, column=c, value=h)
rows = [
    ("产出指标", "数量指标", "清扫保洁面积", "≥120万平方米", "125万平方米", 25, 25),
    ("产出指标", "时效指标", "垃圾清运及时率", "≥98%", "97%", 25, 25),
    ("效益指标", "社会效益指标", "环境卫生状况", "明显改善", "明显改善", 30, 30),
    ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92%", 10, 10),
    ("总分", None, None, None, None, 100, 100),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        if v is not None:
            ws.cell(row=7 + k, column=j + 1, value=v)
ws.merge_cells("A11:E11")
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
