#!/usr/bin/python3
"""Writes input.xls: a 自评表 whose figures are partly formulas (执行率,
得分, an 实际完成值 computed from the fund block, the 总分 sums), saved by
LibreOffice from an .xlsx this script writes, so every formula carries its
cached value, as an .xls from Excel or WPS does. Run with /usr/bin/python3
(python3-openpyxl) and soffice on PATH."""
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "自评表"


def put(ref, v, fmt=None):
    ws[ref] = v
    if fmt:
        ws[ref].number_format = fmt


put("A1", "项目支出绩效自评表")
ws.merge_cells("A1:H1")
put("A2", "项目名称")
put("C2", "耕地地力保护补贴")
ws.merge_cells("C2:H2")
put("A3", "主管部门")
put("C3", "某县农业农村局")
put("E3", "实施单位")
put("F3", "某县农业农村局")
put("A4", "项目资金（万元）")
for col, h in zip("CDEFGH", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    put(col + "4", h)
put("B5", "年度资金总额")
put("C5", 800)
put("D5", 800)
put("E5", 800)
put("F5", 10)
put("G5", "=E5/D5", "0.00%")
put("H5", "=F5*G5")
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    ws.cell(row=6, column=c, value=h)
rows = [
    ("产出指标", "数量指标", "补贴发放面积", "≥50万亩", "51.2万亩", 20, 20),
    (None, "质量指标", "补贴资金足额发放率", "100%", ("=E5/D5", "0%"), 15, 15),
    (None, "时效指标", "补贴发放完成时间", "2024年6月30日前", datetime.date(2024, 6, 20), 10, 10),
    (None, "成本指标", "亩均补贴标准", "≤160元", "158元", 5, 5),
    ("效益指标", "社会效益指标", "农民种粮积极性", "有效提高", "有效提高", 30, 30),
    ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", (0.94, "0%"), 10, 10),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        cell = ws.cell(row=7 + k, column=j + 1)
        if isinstance(v, tuple):
            cell.value, cell.number_format = v
        elif isinstance(v, datetime.date):
            cell.value, cell.number_format = v, "yyyy-mm-dd"
        elif v is not None:
            cell.value = v
ws.merge_cells("A7:A10")
put("A13", "总分")
ws.merge_cells("A13:E13")
put("F13", "=SUM(F7:F12)+F5")
put("G13", "=SUM(G7:G12)+H5")
tmp = tempfile.mkdtemp()
try:
    src = os.path.join(tmp, "input.xlsx")
    wb.save(src)
    # LibreOffice calculates the formulas on load and stores the results.
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, src],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(tmp, "input.xls"), os.path.join(HERE, "input.xls"))
finally:
    shutil.rmtree(tmp)
