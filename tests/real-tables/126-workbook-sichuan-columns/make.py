#!/usr/bin/python3
"""Writes input.xlsx: the Sichuan form (指标性质 / 指标值 / 度量单位 in
columns of their own, 权重, 完成值), numbers typed as numbers, the 项目编码
in the title rows (run with /usr/bin/python3 and python3-openpyxl)."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "绩效自评"
ws.cell(row=1, column=1, value="2023年度项目支出绩效自评表")
ws.cell(row=2, column=1, value="项目名称：城乡居民医疗救助资金")
ws.cell(row=2, column=6, value="单位名称：某县医疗保障局")
ws.cell(row=3, column=1, value="项目编码：51142523T000001234567")
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重",
                       "完成值", "得分", "偏差原因"], 1):
    ws.cell(row=5, column=c, value=h)
rows = [
    ("预算执行率", None, "预算执行率", "≥", 100, "%", 10, 98.5, 9.85),
    ("产出指标", "数量指标", "医疗救助人次", "≥", 3000, "人次", 20, 3250, 20),
    ("产出指标", "质量指标", "救助政策落实率", "＝", 100, "%", 15, 100, 15),
    ("产出指标", "时效指标", "救助资金发放时限", "≤", 15, "个工作日", 10, 12, 10),
    ("产出指标", "成本指标", "人均救助金额", "≤", 2000, "元", 5, 2100, 5),
    ("效益指标", "社会效益指标", "困难群众就医负担", "定性", "有效减轻", "/", 30, "有效减轻", 30),
    ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥", 90, "%", 10, 94.6, 10),
    ("总分", None, None, None, None, None, 100, None, 99.85),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        if v is not None:
            ws.cell(row=6 + k, column=j + 1, value=v)
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
