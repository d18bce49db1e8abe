# A 自评表 whose heading takes two rows (绩效指标 over 一级 / 二级 / 三级指标;
# 年度指标值, 实际完成值, 分值, 得分 on the upper row only): tests/cli/workbooks.sh.
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "自评表"
ws.append(["项目支出绩效自评表"]); ws.merge_cells("A1:H1")
ws.append(["项目名称", "", "两行表头项目"]); ws.append(["实施单位", "", "两行表头局"])
ws.append(["绩效指标", "", "", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
ws.merge_cells("A4:C4")
ws.append(["一级指标", "二级指标", "三级指标"])
rows = [["预算执行率", "", "预算执行率", "≥100%", "100%", 10, 10, ""],
        ["产出指标", "数量指标", "完成数量", "≥100个", "80个", 50, 50, "材料涨价"],
        ["效益指标", "社会效益指标", "群众受益", "有效", "有效", 30, 30, ""],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, 10, ""],
        ["总分", "", "", "", "", 100, 100, ""]]
for r in rows: ws.append(r)
wb.save(sys.argv[1])
