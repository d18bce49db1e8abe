#!/usr/bin/python3
"""Writes input.xlsx: the 2021+ national 项目支出绩效自评表 as a county
bureau fills it in Excel (run with /usr/bin/python3 and python3-openpyxl)."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "项目支出绩效自评表"


def put(r, c, v, fmt=None):
    cell = ws.cell(row=r, column=c, value=v)
    if fmt:
        cell.number_format = fmt


put(1, 1, "项目支出绩效自评表")
ws.merge_cells("A1:I1")
put(2, 1, "（2024年度）")
ws.merge_cells("A2:I2")
put(3, 1, "项目名称")
put(3, 3, "农村饮水安全巩固提升工程")
ws.merge_cells("C3:I3")
put(4, 1, "主管部门")
put(4, 3, "某县水利局")
ws.merge_cells("C4:E4")
put(4, 6, "实施单位")
put(4, 7, "某县农村饮水安全管理站")
ws.merge_cells("G4:I4")
put(5, 1, "项目资金（万元）")
ws.merge_cells("A5:B9")
for c, h in zip(range(4, 10), ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    put(5, c, h)
put(6, 3, "年度资金总额")
put(6, 4, 100)
put(6, 5, 120)
put(6, 6, 118)
put(6, 7, 10)
put(6, 8, 118 / 120, "0.00%")
put(6, 9, 9.83)
put(7, 3, "其中：当年财政拨款")
put(7, 4, 100)
put(7, 5, 120)
put(7, 6, 118)
put(8, 3, "上年结转资金")
for c in (4, 5, 6):
    put(8, c, "—")
put(9, 3, "其他资金")
for c in (4, 5, 6):
    put(9, c, "/")
put(10, 1, "年度总体目标")
ws.merge_cells("A10:A11")
put(10, 2, "预期目标")
ws.merge_cells("B10:E10")
put(10, 6, "实际完成情况")
ws.merge_cells("F10:I10")
put(11, 2, "新建集中供水工程3处，受益人口≥1.2万人。")
ws.merge_cells("B11:E11")
put(11, 6, "新建3处，受益1.25万人。")
ws.merge_cells("F11:I11")
for c, h in enumerate(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                       "分值", "得分", "偏差原因分析及改进措施"], 1):
    put(12, c, h)
rows = [
    ("产出指标", "数量指标", "新建集中供水工程", "≥3处", "3处", 15, 15),
    ("产出指标", "数量指标", "受益人口", "≥1.2万人", 12500, 15, 15),
    ("产出指标", "数量指标", "其中：脱贫人口", "≥3000人", "3120人", None, None),
    ("产出指标", "质量指标", "水质达标率", "≥95%", ("pct", 0.97), 10, 10),
    ("产出指标", "时效指标", "工程完工时间", "2024年11月30日前", datetime.date(2024, 11, 20), 5, 5),
    ("产出指标", "成本指标", "工程建设成本", "≤120万元", 118, 5, 5),
    ("产出指标", "……", "……", None, None, None, None),
    ("效益指标", "社会效益指标", "农村饮水条件", "明显改善", "明显改善", 20, 20),
    ("效益指标", "可持续影响指标", "工程运行年限", "≥20年", "20年", 10, 10),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", ("pct", 0.95), 10, 10),
]
r = 13
for row in rows:
    put(r, 1, "绩效指标")
    for j, v in enumerate(row):
        if isinstance(v, tuple):
            put(r, j + 2, v[1], "0%")
        elif isinstance(v, datetime.date):
            put(r, j + 2, v, "yyyy-mm-dd")
        elif v is not None:
            put(r, j + 2, v)
    r += 1
ws.merge_cells(start_row=13, start_column=1, end_row=r - 1, end_column=1)
ws.merge_cells("B13:B19")
ws.merge_cells("B20:B21")
ws.merge_cells("C13:C15")
put(r, 1, "总分")
ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
put(r, 7, 100)
put(r, 8, 99.83)
put(r + 1, 1, "偏差大或目标未完成原因分析")
put(r + 1, 3, "无")
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
