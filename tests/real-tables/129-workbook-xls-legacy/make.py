#!/usr/bin/python3
"""Writes input.xls: a legacy Excel 97-2003 自评表 (saved by LibreOffice from
an .xlsx this script writes), read with FreeXL, which sees no number
formats and no merged ranges: percent cells arrive as fractions, a date cell
as its serial number, a merged 一级 cell in its top-left cell only. Run with
/usr/bin/python3 (python3-openpyxl) and soffice on PATH."""
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


def put(r, c, v, fmt=None):
    cell = ws.cell(row=r, column=c, value=v)
    if fmt:
        cell.number_format = fmt


put(1, 1, "项目支出绩效自评表")
put(2, 1, "项目名称：乡村公益性岗位补贴")
put(3, 1, "实施单位：某县人力资源和社会保障局")
for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"], 1):
    put(5, c, h)
rows = [
    ("预算执行率", None, "预算执行率", "100%", ("pct", 0.95), 10, 9.5),
    ("产出指标", "数量指标", "开发公益性岗位", "≥200个", 210, 20, 20),
    (None, "质量指标", "岗位补贴足额发放率", "100%", ("pct", 1), 15, 15),
    (None, "时效指标", "补贴发放完成时间", "2024年12月31日前", datetime.date(2024, 11, 20), 15, 15),
    ("效益指标", "社会效益指标", "带动就业困难人员增收", "有效增加", "有效增加", 30, 30),
    ("满意度指标", "服务对象满意度指标", "上岗人员满意度", "≥90%", ("pct", 0.93), 10, 10),
    ("总分", None, None, None, None, 100, 99.5),
]
for k, row in enumerate(rows):
    for j, v in enumerate(row):
        if isinstance(v, tuple):
            put(6 + k, j + 1, v[1], "0%")
        elif isinstance(v, datetime.date):
            put(6 + k, j + 1, v, "yyyy-mm-dd")
        elif v is not None:
            put(6 + k, j + 1, v)
ws.merge_cells("A7:A9")
tmp = tempfile.mkdtemp()
try:
    src = os.path.join(tmp, "input.xlsx")
    wb.save(src)
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, src],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(tmp, "input.xls"), os.path.join(HERE, "input.xls"))
finally:
    shutil.rmtree(tmp)
