#!/usr/bin/python3
"""Writes input.xlsx (run with /usr/bin/python3 and python3-openpyxl): 分值
and 得分 cells merged down over the rows of one 二级指标, the points of the
rows together, as some departments lay them out."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "自评表"
ws["A1"] = "项目名称：职业技能提升行动"
ws["D1"] = "实施单位：某县就业服务中心"
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    ws.cell(row=2, column=c, value=h)
rows = [
    ("预算执行率", None, "预算执行率", "100%", "100%", 10, 10),
    ("产出指标", "数量指标", "培训人次", "≥500人次", "450人次", 30, 28.5, "部分学员延期"),
    ("产出指标", "数量指标", "培训场次", "≥10场", "10场", None, None),
    ("产出指标", "质量指标", "培训合格率", "≥95%", "96%", 20, 20),
    ("效益指标", "社会效益指标", "促进就业", "有效", "有效", 30, 30),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", 10, 5),
    ("满意度指标", "服务对象满意度指标", "投诉处理满意度", "≥90%", "85%", None, 4.7),
    ("总分", None, None, None, None, 100, 98.2),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        if v is not None:
            ws.cell(row=3 + k, column=j + 1, value=v)
ws.merge_cells("A3:B3")
ws.merge_cells("F4:F5")  # 30 points for the two 数量指标 rows
ws.merge_cells("G4:G5")  # 28.5 claimed for them
ws.merge_cells("F8:F9")  # 10 points for the two 满意度 rows, claimed apart
ws.merge_cells("A10:E10")
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
