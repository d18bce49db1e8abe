#!/usr/bin/python3
"""Writes input.xlsx (run with /usr/bin/python3 and python3-openpyxl): two
projects' 自评表 pasted one under the other in one sheet, the first closed by
its 总分 row, a note and the signature line, the second with a 项目编码."""
import datetime
import os

import openpyxl

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
ws = wb.active
ws.title = "道路与饮水"


def table(top, project, code, fund, data, claimed_total):
    def put(r, c, v):
        ws.cell(row=top + r - 1, column=c, value=v)

    def merge(r1, c1, r2, c2):
        ws.merge_cells(start_row=top + r1 - 1, start_column=c1, end_row=top + r2 - 1, end_column=c2)

    put(1, 1, "项目支出绩效自评表")
    merge(1, 1, 1, 8)
    put(2, 1, "项目名称")
    put(2, 3, project)
    merge(2, 3, 2, 8)
    put(3, 1, "主管部门")
    put(3, 3, "某县交通运输局")
    put(3, 6, "实施单位")
    put(3, 7, "某镇人民政府")
    if code:
        put(4, 1, "项目编码")
        put(4, 3, code)
    put(5, 1, "项目资金（万元）")
    for c, h in zip(range(4, 10), ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        put(5, c, h)
    put(6, 3, "年度资金总额")
    for c, v in zip(range(4, 10), fund):
        put(6, c, v)
    for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                           "偏差原因分析及改进措施"], 1):
        put(7, c, h)
    r = 8
    for row in data:
        for j, v in enumerate(row):
            if v is not None:
                put(r, j + 1, v)
        r += 1
    put(r, 1, "总分")
    merge(r, 1, r, 5)
    put(r, 6, 100)
    put(r, 7, claimed_total)
    return top + r - 1


end = table(1, "农村道路养护", None, [20, 20, 19, 10, "95%", 9.5], [
    ("产出指标", "数量指标", "养护道路里程", "≥50公里", "50公里", 30, 30),
    ("产出指标", "质量指标", "道路完好率", "≥90%", "85%", 20, 18, "部分路段雨毁"),
    ("效益指标", "社会效益指标", "群众出行条件", "改善", "改善", 30, 30),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10),
], 97.5)
ws.cell(row=end + 1, column=1, value="注：1.一级指标分值按照产出50分、效益30分、满意度10分设置。")
ws.merge_cells(start_row=end + 1, start_column=1, end_row=end + 1, end_column=8)
ws.cell(row=end + 2, column=1, value="填表人：张三")
ws.cell(row=end + 2, column=5, value="联系电话：0551-12345678")
table(end + 5, "农村饮水工程维护", "340100-24-0012", [10, 12, 12, 10, "100%", 10], [
    ("产出指标", "数量指标", "维修供水设施", "≥15处", "12处", 30, 24, "部分设施改为新建"),
    ("产出指标", "质量指标", "供水保障率", "≥98%", "99%", 20, 20),
    ("效益指标", "社会效益指标", "安全饮水保障", "有效保障", "有效保障", 30, 30),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 10, 10),
], 94)
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "input.xlsx"))
