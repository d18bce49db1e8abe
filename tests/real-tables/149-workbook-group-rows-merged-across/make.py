#!/usr/bin/python3
"""Writes input.xlsx (run with /usr/bin/python3 and python3-openpyxl): a
table with no 一级指标 column whose first levels are group rows merged
across the table ("一、产出指标（50分）"), the layout of several county
forms."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "自评表"
ws["A1"] = "项目支出绩效自评表"
ws.merge_cells("A1:G1")
ws["A2"] = "项目名称：农民工技能培训"
ws.merge_cells("A2:C2")
ws["D2"] = "实施单位：某县人力资源和社会保障局"
ws.merge_cells("D2:G2")
for c, h in enumerate(["二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"], 1):
    ws.cell(row=3, column=c, value=h)
r = 4


def group(text):
    global r
    ws.cell(row=r, column=1, value=text)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    r += 1


def row(*values):
    global r
    for j, v in enumerate(values):
        ws.cell(row=r, column=j + 1, value=v)
    r += 1


row("预算执行率", "预算执行率", "100%", "100%", 10, 10)
group("一、产出指标（50分）")
row("数量指标", "培训人次", "≥500人次", "520人次", 30, 30)
row("质量指标", "培训合格率", "≥95%", "90%", 20, 19, "部分学员未参加考核")
row(None, "小计", None, None, 50, 49)
group("二、效益指标（30分）")
row("社会效益指标", "促进就业", "有效", "有效", 30, 30)
row("效益指标小计", None, None, None, 30, 30)
group("三、满意度指标（10分）")
row("服务对象满意度指标", "学员满意度", "≥90%", "95%", 10, 10)
ws.cell(row=r, column=1, value="总分")
ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
ws.cell(row=r, column=5, value=100)
ws.cell(row=r, column=6, value=99)
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
