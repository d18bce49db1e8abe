#!/usr/bin/python3
"""Writes input.xlsx (run with /usr/bin/python3 and python3-openpyxl): the
national form with a 绩效指标 label column before 一级指标 (merged down over
the indicator rows), and the 总分 row written in that label column alone,
not merged across the row, as a sheet retyped in WPS leaves it."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "绩效自评表"
ws["A1"] = "项目支出绩效自评表"
ws["A2"] = "项目名称"
ws["B2"] = "农村饮水安全巩固提升工程"
ws["A3"] = "实施单位"
ws["B3"] = "县农村供水站"
for c, h in enumerate(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                       "分值", "得分", "偏差原因分析及改进措施"], 1):
    ws.cell(row=4, column=c, value=h)
rows = [
    (None, "预算执行率", None, "预算执行率", "100%", "96%", 10, 9.6),
    (None, "产出指标(50分)", "数量指标", "新建供水工程", "≥12处", "12处", 15, 15),
    (None, None, None, "改造管网长度", "≥35公里", "36.5公里", 10, 10),
    (None, None, "质量指标", "水质达标率", "≥95%", "97.2%", 10, 10),
    (None, None, "时效指标", "完工时间", "2024年11月底前", "2024年10月", 10, 10),
    (None, None, "成本指标", "单位造价", "≤40万元/处", "41.6万元/处", 5, 4, "材料涨价"),
    (None, "效益指标(30分)", "社会效益指标", "受益人口", "≥2.5万人", "2.6万人", 15, 15),
    (None, None, "可持续影响指标", "工程运行管护机制", "健全", "健全", 15, 15),
    (None, "满意度指标(10分)", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10, 10),
    ("总分", None, None, None, None, None, 100, 98.6),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        if v is not None:
            ws.cell(row=5 + k, column=j + 1, value=v)
ws.merge_cells("A5:A13")
ws.merge_cells("B6:B10")
ws.merge_cells("C6:C7")
ws.merge_cells("B11:B12")
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
