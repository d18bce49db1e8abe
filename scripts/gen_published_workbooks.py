#!/usr/bin/python3
"""Workbooks in the published layout of the real 自评表 (fixtures/published/).

Run with Debian's Python and python3-openpyxl (not a pyenv python):

    /usr/bin/python3 scripts/gen_published_workbooks.py           # rewrite the .xlsx files
    /usr/bin/python3 scripts/gen_published_workbooks.py --check   # exit 1 if a committed .xlsx differs
    /usr/bin/python3 scripts/gen_published_workbooks.py --convert # also the LibreOffice copies (.xls, re-saved .xlsx)

Each table is laid out as its publisher printed it (SOURCES.md): title rows,
the header block, the fund block, 年度总体目标, the indicator table with the
一级 / 二级 cells merged down, breakdown / empty / …… rows where the publisher
had them, and the 总分 row when the stored copy shows it. Cells are typed as a
person types them in Excel: money and points as numbers, percents as
percent-formatted numbers where a cell holds a bare percent, targets with an
operator or a unit as text.

The scored rows of every layout are checked against the table's long CSV
(same indicator, path, weight, target, actual, claimed), so the workbook and
the CSV of a table say the same thing. The .xlsx files are byte-reproducible
(fixed document dates, fixed zip timestamps). The LibreOffice conversions
(--convert) are not byte-reproducible and are committed as made.
"""

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "fixtures", "published")
FIXED = datetime(2024, 1, 1, 0, 0, 0)


class P(float):
    """A number typed as a percent-formatted cell (value 0.95, shown 95%)."""

    def __new__(cls, value, fmt="0%"):
        o = float.__new__(cls, value)
        o.fmt = fmt
        return o


class N(float):
    """A number with a display format (8.0 shown with one decimal)."""

    def __new__(cls, value, fmt):
        o = float.__new__(cls, value)
        o.fmt = fmt
        return o


def row(name, weight, target, actual, claimed, note=None, csv_target=None, csv_actual=None):
    """A scored row. target/actual: the cell values; csv_*: their text in the long CSV when it differs."""
    return dict(kind="scored", name=name, weight=weight, target=target, actual=actual,
                claimed=claimed, note=note, csv_target=csv_target, csv_actual=csv_actual)


def sub(name, target, actual):
    """A breakdown row without points (其中…)."""
    return dict(kind="sub", name=name, target=target, actual=actual)


def empty(name=None):
    """A row with nothing to score (a 二级 with no indicator, an empty 成本指标 row)."""
    return dict(kind="empty", name=name)


DOTS = dict(kind="dots")   # the template's "……" row

# --------------------------------------------------------------------------
# The tables, as their publishers laid them out.

NATIONAL_COLS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
XIANJIE_COLS = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分", "未完成原因及拟采取的改进措施"]
YUNNAN_COLS = ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"]

TABLES = {}

TABLES["zhongjiang-shuili-2022"] = dict(
    sheet="中江水标尺", form="xianjie",
    title=["绩效目标自评表", "(2022年度)"],
    header=[("项目名称", "中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装", "项目负责人及电话", "（略）"),
            ("主管部门", "中江县水利局", "实施单位", "中江县水利局")],
    fund_label="资金情况(万元)",
    fund_cols=["全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    fund_rows=[("年度资金总额:", [20, 20, 10, P(1, "0.00%"), 10]),
               ("其中:本年财政拨款", [20, 20, None, None, None]),
               ("其他资金", [None, None, None, None, None])],
    goal=("年度总体目标", "年初设定目标", "年度总体目标完成情况综述",
          "对农村地区供水计量设施设备进行改进,对项目区农业用水计量,为项目区农业生产夯实基础,",
          "对项目区农业用水计量,为项目区农业生产夯实基础,"),
    cols=XIANJIE_COLS,
    groups=[
        ("产出指标(70分)", [
            ("数量指标", [row("安装坡面水标尺", 10, "≥266米", "≥266米", 10),
                          row("水标尺宽度", 10, "≥50厘米", "≥50厘米", 10)]),
            ("质量指标", [row("项目(工程)验收合格率", 20, P(1), P(1), 20, csv_target="100%", csv_actual="100%")]),
            ("时效指标", [row("及时(按期)开工率", 10, "≥90%", "≥90%", 10),
                          row("及时(按期)完工率", 10, "≥90%", "≥90%", 10)]),
            ("成本指标", [row("项目计划总投资", 10, "20万元", "20万元", 10)]),
        ]),
        ("效益指标(20分)", [
            ("经济效益指标", [empty()]),
            ("社会效益指标", [row("受益脱贫(含监测对象)户人口数", 10, "≥1000人", "≥1000人", 10),
                              row("群众生产生活条件改善状况", 10, "显著提升", "显著提升", 10)]),
        ]),
        ("满意度指标(10分)", [
            ("服务对象满意度指标", [row("受益脱贫(含监测对象)户满意度", 10, "≥95%", "≥95%", 10), DOTS]),
        ]),
    ],
    total=(100, 100),
    notes=["注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分,"
           "各部门根据各项指标重要程度确定三级指标的分值,得分最高不能超过该指标分值上限,"
           "分别按照该指标对应分值区间100-80%(含80%)、80-60%(含60%)、60-0%合理确定得分,3.定量指标若为正向…"],
)

TABLES["tangxi-weituo-2022"] = dict(
    sheet="委托业务项目", form="national",
    title=["附件:", "项目支出绩效自评表", "(2022年度)"],
    header=[("项目名称", "委托业务项目", None, None),
            ("主管部门", "219-池州市贵池区棠溪镇人民政府", "实施单位", "219001-池州市贵池区棠溪镇人民政府")],
    fund_label="项目资金 (万元)",
    fund_cols=["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    fund_rows=[("年度资金总额:", [0, 0, 0, 10, 0, 0]),
               ("其中:本年财政拨款", [90, 89.974, 89.974, None, None, None]),
               ("上年结转资金", [None] * 6),
               ("其他资金", [None] * 6)],
    goal=("年度总体目标", "预期目标", "实际完成情况",
          "本项目共申请预算资金90万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;30万元用于基建工程项目设计、规划、测绘。",
          "本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;29.99万元用于基建工程项目设计、规划、测绘。"),
    cols=NATIONAL_COLS,
    groups=[
        ("产出指标(50分)", [
            ("数量指标", [row("基建工程委托业务项目数量", 8, "≥50个", 50, 8)]),
            ("质量指标", [row("委托业务报告合格率", 8, "≥100百分比", 100, 8),
                          row("经费支出合规性", 8, "严格执行相关制度规定", "达成预期指标", 8)]),
            ("时效指标", [row("提交报告及时性", 8, "在项目计划完成时间内完成", "达成预期指标", 8)]),
            ("成本指标", [row("项目总成本", 8, "≤90万元", 90, 8),
                          row("单项业务成本", 10, "符合相关规定", "达成预期指标", 10)]),
        ]),
        ("效益指标(30分)", [
            ("社会效益指标", [row("对维护基建市场公平的影响程度", 10, "效果明显", "达成预期指标", 10)]),
            ("生态效益指标", [row("对控制基建项目成本影响程度", 10, "效果明显", "达成预期指标", 10)]),
            ("可持续影响指标", [row("对推动基建项目“四项制度”健全和落实的持续性影响", 10, "效果明显", "达成预期指标", 10)]),
            ("经济效益指标", [empty()]),
        ]),
        # The stored copy is cut in the next row ("满意度指标(10分) | 满意度指标 | 公众满…"): not typed.
    ],
    total=None,
)

TABLES["xiaoxian-hexi-2023"] = dict(
    sheet="河西村特色种养", form="xianjie",
    title=["绩效目标自评表", "(2023年度)"],
    header=[("项目名称", "河西村特色种养补贴到户项目", "项目负责人及电话", "（略）"),
            ("主管部门", "县农业农村局", "实施单位", "张庄寨镇人民政府")],
    fund_label="资金情况 (万元)",
    fund_cols=["全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    fund_rows=[("年度资金总额:", [9.48, 9.48, 10, P(1), 10]),
               ("其中:本年财政拨款", [9.48, 9.48, 10, P(1), 10]),
               ("其他资金", ["-", "-", None, None, None])],
    goal=("年度总体目标", "年初设定目标", "年度总体目标完成情况综述",
          "落实39户特色种养业奖补政策,增加脱贫户家庭收入", "落实39户特色种养业奖补政策,增加脱贫户家庭收入"),
    cols=XIANJIE_COLS,
    groups=[
        ("产 出 指 标 (50分)", [
            ("数量指标", [row("★补助各类瓜果蔬菜种植面积", 20, "29.5亩", "29.5亩", 20),
                          sub("其中桃树种植面积", "1.5亩", "1.5亩"),
                          sub("其中苹果树种植面积", "5亩", "5亩"),
                          sub("其中露天蔬菜", "20亩", "20亩"),
                          sub("其中大棚蔬菜", "3亩", "3亩"),
                          row("★补助鱼塘面积", 10, "3亩", "3亩", 10),
                          sub("其中鱼塘养殖面积", "3亩", "3亩"),
                          row("★补助家畜家禽养殖数量", 10, "192只", "192只", 10),
                          sub("其中羊养殖数量", "180只", "180只"),
                          sub("其中猪养殖数量", "12头", "12头")]),
            ("质量指标", [empty(),
                          row("种植作物成活率", 5, P(0.95), P(0.95), 5, csv_target="95%", csv_actual="95%"),
                          row("养殖家畜家禽成活率", 5, P(0.95), P(1), 5, csv_target="95%", csv_actual="100%"),
                          DOTS]),
        ]),
        ("效 益 指 标 (30分)", [
            ("经济效益 指标", [empty(), row("特色产业带动增加受益农户收入(总收入)", 20, "≥11.376万元", "12万元", 20)]),
            ("社会效益 指标", [row("受益人口数量", 10, "90人", "90人", 10)]),
            ("生态效益 指标", [empty()]),
            ("可持续影响指标", [empty(), DOTS]),
        ]),
        # Cut at "满意…": the 满意度 block and the 总分 are not in the stored copy.
    ],
    total=None,
)

TABLES["suixi-linshi-2019"] = dict(
    sheet="临时救助", form="xianjie",
    title=["绩效目标自评表", " (2019年度)"],
    header=[("项目名称", "临时救助", None, None),
            ("主管部门", "[155]濉溪县民政局", None, None)],
    fund_label="资金情况(万元)",
    fund_cols=["全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    fund_rows=[("年度资金总额:", [30, 30, 10, P(1), 10]),
               ("其中:本年财政拨款", [30, 30, 10, P(1), 10]),
               ("其他资金", [None] * 5)],
    goal=("年度总体目标", "年初设定目标", "年度总体目标完成情况综述",
          "为建档立卡扶贫户解决临时性的困难",
          "全年救助建档立卡扶贫户临时救助87人次,救助资金30万元,完成目标任务。"),
    cols=XIANJIE_COLS,
    groups=[
        ("产出指标(50分)", [
            ("数量指标", [row("★★★农村低保发放人数(按月平均)(≥**人)", 5, ">=21933人", "21980人", 5),
                          row("★★★其中:农村低保对象中建档立卡贫困人口数量(按月平均)(≥**人)", 5, ">=9431人", "9453人", 5),
                          row("★★★建档立卡贫困人口中接受临时救助的人次数(≥**人次)", 5, ">=59人次", "87人次", 5),
                          row("★★★特困人员救助供养人数(按月平均)(≥**人)", 5, ">=4754人", "4604人", 5, note="特困人员实行动态管理"),
                          row("扶贫临时救助人数(按月平均)(≥**人)", 10, ">=7人", "7人", 10)]),
            ("质量指标", [row("★农村低保标准(≥**元/人·月)", 5, ">=530元/人*月", "583元/人*月", 5),
                          row("农村特困人员救助供养基本生活标准(≥**元/人·月)", 5, ">=570元/人*月", "758元/人*月", 5),
                          row("扶贫临时救助标准(<**元/户·年)——一户年最高5300元", 10, "<=5300元/户", "5830元/户", 10)]),
        ]),
        ("效益指标(30分)", [
            ("社会效益指标", [row("★★★受益建档立卡贫困人口数≥**人", 30, ">=80人", "87人", 30)]),
        ]),
        # Cut in the 满意度 row ("★受助对象满意度(≥**%) | 10 | >=9…"): not typed.
    ],
    total=None,
)

TABLES["jinzhai-chagu-2023"] = dict(
    sheet="部门整体支出", form="national",
    title=["部门整体支出绩效自评表", "(2023年度)"],
    header=[("部门", "金寨县茶谷和美丽乡村建设服务中心", None, None)],
    fund_label="预算资金 (万元)",
    fund_cols=["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    fund_rows=[("年度资金总额", [329.77, 329.77, 338.31, 10, P(1.0259, "0.00%"), None]),
               ("其中:当年财政拨款", [329.77, 329.77, 338.31, "—", P(1.0259, "0.00%"), "—"]),
               ("上年结转资金", [None, None, None, "—", None, "—"]),
               ("其他资金", [None, None, None, "—", None, "—"])],
    goal=("年度总体目标", "预期目标", "实际完成情况",
          "1.建设徽风皖韵美丽乡村;2.整治美丽宜居自然村庄;3.推进农村改厕提质增效;4.深入开展村庄清洁行动;5.促进茶谷果岭融合发展。",
          "1.启动燕子河镇龙马村、花石乡大湾村等4个精品示范村建设;2.整治美丽宜居自然村庄202个;3.完成农村户用卫生厕所改造3061户;"
          "4.全面完成2022年度10个省级中心村各项建设任务,并顺利通过省级验收;加快2023年度10个省级中心村任务,确保2024年通过各级验收。"),
    cols=["一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值", "得分", "偏差原因分析及改进措施"],
    left_label="绩\n效\n指\n标",
    groups=[
        ("产出指标", [
            ("数量指标", [row("指标1:开展精品示范村建设数量", 10, "≤4", 4, 10),
                          row("指标2:建设美丽宜居自然村庄数量", 10, "≥200", 202, 10),
                          row("指标3:完成农村户用卫生厕所改造数量", 10, "≥2000", 3061, 10),
                          row("指标4:新建省级中心村数量", 10, "≥10", 10, 10)]),
            ("质量指标", [row("指标1:美丽宜居自然村庄验收通过率", 5, "≥95%", P(1), 5, csv_actual="100%"),
                          row("指标2:户用卫生厕所改造验收通过率", 5, "≥95%", P(1), 5, csv_actual="100%")]),
            ("时效指标", [row("指标1:完成美丽宜居自然村庄验收时间", 5, "9月前", "7月", 5),
                          row("指标2:完成户用卫生厕所改造验收时间", 5, "11月前", "10月", 5)]),
            # Cut at "成本指标 | 指标1:…": not typed.
        ]),
    ],
    total=None,
)

TABLES["nanhua-yejun"] = dict(
    sheet="野生菌加工车间", form="national",
    title=["项目支出绩效自评表"],
    header=[("项目名称", "南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建)", None, None),
            ("主管部门", "南华县农业农村局", "实施单位", "南华县国有资本管理有限公司")],
    fund_label="项目资金 (万元)",
    fund_cols=["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    fund_rows=[("年度资金总额", [1100, 1100, 1100, 10, P(1), 10]),
               ("其中:当年财政拨款", [1100, 1100, 1100, "—", P(1), "—"]),
               ("上年结转资金", [None, None, None, "—", None, "—"]),
               ("其他资金", [None, None, None, "—", None, "—"])],
    goal=("年度总体目标", "预期目标", "实际完成情况",
          "目标1:1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装,冷库仓储3100元每平方米,投资400万元;"
          "目标2:配套烘干杀菌设备及包装设备购置及安装550万元;目标3:配套电力设施1250KVA变压器3台,完成高压线接入及土建安装投资150万元。",
          "目标1:1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装,冷库仓储3100元每平方米,投资400万元;"
          "目标2:配套烘干杀菌设备及包装设备购置及安装550万元;目标3:配套电力设施1250KVA变压器3台,完成高压线接入及土建安装投资150万元。"),
    cols=NATIONAL_COLS,
    left_label="绩 效 指 标",
    groups=[
        ("产出指标(50分)", [
            ("数量指标", [row("1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装", 10.3, "≥1290.3平方米", "1290.3平方米", 10.3),
                          row("配套烘干杀菌设备及包装设备购置及安装", 9.3, 550, 20, 9.3),
                          row("配套电力设施1250KVA变压器3台", 9.3, 3, None, 9.3)]),
            ("经济效益 指标", [row("奖补资金兑付率(%)", 10.8, "≥100%", "≥100%", 10.8)]),
            ("时效指标", [row("任务完成时限(月)", 10.3, 10, 10, 10.3)]),
            ("成本指标", [empty()]),
        ]),
        # Cut at "绩 效 指 标 | 效益…": not typed.
    ],
    total=None,
)

TABLES["shidian-nongye-2019"] = dict(
    sheet="新型农业经营主体", form="yunnan",
    title=["项目支出绩效自评表"],
    unit_line=("单位名称:施甸县农业农村局", "填报日期:2022年7月5日"),
    header=[("项目名称", "2019年新型农业经营主体扶持项目", None, None),
            ("主管部门", "施甸县人民政府", "项目实施单位", "施甸县农业农村局"),
            ("项目类别", "1、部门预算项目 □ 2、上级专项 þ", None, None),
            ("项目属性", "1、持续性项目 □ 2、新增性项目þ", None, None)],
    fund_label="预算执行情况(万元)(20分)",
    fund_cols=["预算数(A)", "执行数(B)", "执行率(B/A)", "得分 (20分*执行率)"],
    fund_rows=[("年度财政资金总额", [650, 94, 0.1, N(2.9, "0.0")])],
    goal=None,
    cols=YUNNAN_COLS,
    left_label="年度绩效目标1 (80分)",
    groups=[
        ("产出指标", [("数量指标", [row("扶持发展新型农业经营主体 (个)", None, 15, 6, N(8.0, "0.0")),
                                    row("带动贫困户(人)", None, 11442, 4164, 7.3)])]),
        ("效益指标", [("经济效益指标", [row("新型经营主体实现产值(%)", None, 8000, 12767.36, 31.9),
                                        row("新型经营主体助农增收 (元)", None, 1980, 2074, 10.5)])]),
        ("满意度指标", [("服务对象满意度指标", [row("满意度(%)", None, 90, 100, 11.1)])]),
    ],
    total=(None, N(71.7, "0.0")),
    after=[("偏差大或\n目标未完成\n原因分析",
            "一是相关台账不健全,部分新型农业经营主体提供带动建档立卡户发展的相关支撑材料不足,与扶持奖补要求和标准有差距;"
            "二是新型农业经营主体自身发展状况欠佳,带动建档立卡户发展的能力有限;三是项目执行先建后补,有的经营主体没有带动建档立卡户,"
            "或建设内容与项目扶持奖补不符,不具备扶持奖补条件,经现场核实综合评价后据实补贴,资金结余,没有100%执行完毕。"),
           ("改进措施及\n结果应用方案",
            "一是加大新型农业经营主体管理指导力度,增强管理意识,健全内部管理制度,规范业务管")],
    repeat_second=True,    # the stored copy repeats 数量指标 / 经济效益指标 on each row
    # The form has no 分值 column: the CSV's weights 20/20/20/10/10 are inferred (SOURCES.md).
    inferred_weights=[20, 20, 20, 10, 10],
)

MULTI = ("anhui-xiaoxian-suixi.xlsx", ["xiaoxian-hexi-2023", "suixi-linshi-2019"])

# --------------------------------------------------------------------------
# Layout.

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
LEFT = Alignment(wrap_text=True, vertical="center", horizontal="left")


def put(ws, r, c, v, align=WRAP, bold=False):
    cell = ws.cell(row=r, column=c)
    if isinstance(v, (P, N)):
        cell.value = float(v)
        cell.number_format = v.fmt
    elif isinstance(v, float) and v.is_integer():
        cell.value = int(v)
    else:
        cell.value = v
    cell.alignment = align
    cell.border = BOX
    if bold:
        cell.font = Font(bold=True)
    return cell


def merge(ws, r1, c1, r2, c2):
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def layout(ws, t):
    ncol = 1 + len(t["cols"])          # column A: the merged left label
    r = 1
    for line in t["title"]:
        put(ws, r, 1, line, bold=(line not in ("附件:",)))
        merge(ws, r, 1, r, ncol)
        r += 1
    if t.get("unit_line"):
        a, b = t["unit_line"]
        put(ws, r, 1, a, LEFT)
        merge(ws, r, 1, r, 4)
        put(ws, r, 5, b, LEFT)
        merge(ws, r, 5, r, ncol)
        r += 1
    for k1, v1, k2, v2 in t["header"]:
        put(ws, r, 1, k1)
        merge(ws, r, 1, r, 2)
        if k2 is None:
            put(ws, r, 3, v1, LEFT)
            merge(ws, r, 3, r, ncol)
        else:
            put(ws, r, 3, v1, LEFT)
            merge(ws, r, 3, r, 5)
            put(ws, r, 6, k2)
            put(ws, r, 7, v2, LEFT)
            merge(ws, r, 7, r, ncol)
        r += 1

    # Fund block: label (merged down) | row label (2 columns) | figures.
    top = r
    put(ws, r, 1, t["fund_label"])
    put(ws, r, 2, None)
    merge(ws, r, 2, r, 3)
    for j, h in enumerate(t["fund_cols"]):
        put(ws, r, 4 + j, h)
    r += 1
    for label, vals in t["fund_rows"]:
        put(ws, r, 2, label, LEFT)
        merge(ws, r, 2, r, 3)
        for j, v in enumerate(vals):
            put(ws, r, 4 + j, v)
        r += 1
    merge(ws, top, 1, r - 1, 1)

    if t.get("goal"):
        g, h1, h2, v1, v2 = t["goal"]
        put(ws, r, 1, g)
        merge(ws, r, 1, r + 1, 1)
        put(ws, r, 2, h1)
        merge(ws, r, 2, r, 5)
        put(ws, r, 6, h2)
        merge(ws, r, 6, r, ncol)
        put(ws, r + 1, 2, v1, LEFT)
        merge(ws, r + 1, 2, r + 1, 5)
        put(ws, r + 1, 6, v2, LEFT)
        merge(ws, r + 1, 6, r + 1, ncol)
        ws.row_dimensions[r + 1].height = 60
        r += 2

    # Indicator table.
    cols = t["cols"]
    ci = {name: 2 + i for i, name in enumerate(cols)}
    c_target = ci.get("年度指标值", ci.get("年度\n指标值", ci.get("年初目标值(A)")))
    c_actual = ci.get("实际完成值", ci.get("全年实际值", ci.get("实际\n完成值", ci.get("实际完成值(B)"))))
    c_weight = ci.get("分值")
    c_score = ci["得分"]
    c_note = ci.get("偏差原因分析及改进措施", ci.get("未完成原因及拟采取的改进措施"))
    table_top = r
    put(ws, r, 1, t.get("left_label", "绩效指标"))
    for name, c in ci.items():
        put(ws, r, c, name)
    r += 1
    for g1, seconds in t["groups"]:
        g1_top = r
        for g2, rows in seconds:
            g2_top = r
            for x in rows:
                for c in range(2, ncol + 1):
                    put(ws, r, c, None)
                if x["kind"] == "dots":
                    put(ws, r, ci["三级指标"], "……")
                elif x["kind"] == "empty":
                    if x.get("name"):
                        put(ws, r, ci["三级指标"], x["name"], LEFT)
                elif x["kind"] == "sub":
                    put(ws, r, ci["三级指标"], x["name"], LEFT)
                    put(ws, r, c_target, x["target"])
                    put(ws, r, c_actual, x["actual"])
                else:
                    put(ws, r, ci["三级指标"], x["name"], LEFT)
                    if c_weight is not None:
                        put(ws, r, c_weight, x["weight"])
                    put(ws, r, c_target, x["target"])
                    put(ws, r, c_actual, x["actual"])
                    put(ws, r, c_score, x["claimed"])
                    if c_note is not None and x.get("note"):
                        put(ws, r, c_note, x["note"], LEFT)
                r += 1
            if t.get("repeat_second", False):
                for rr in range(g2_top, r):         # the 二级 typed on every row, not merged
                    put(ws, rr, ci["二级指标"], g2)
            else:
                put(ws, g2_top, ci["二级指标"], g2)
                merge(ws, g2_top, ci["二级指标"], r - 1, ci["二级指标"])
        put(ws, g1_top, ci["一级指标"], g1)
        merge(ws, g1_top, ci["一级指标"], r - 1, ci["一级指标"])
    if t.get("total"):
        points, claimed = t["total"]
        put(ws, r, 2, "总分")
        last = (c_weight or c_target) - 1
        merge(ws, r, 2, r, last)
        if c_weight is not None:
            put(ws, r, c_weight, points)
            put(ws, r, c_score, claimed)
        else:
            put(ws, r, last + 1, claimed)
            merge(ws, r, last + 1, r, ncol)
        r += 1
    merge(ws, table_top, 1, r - 1, 1)
    for label, text in t.get("after", []):
        put(ws, r, 1, label)
        merge(ws, r, 1, r, 2)
        put(ws, r, 3, text, LEFT)
        merge(ws, r, 3, r, ncol)
        ws.row_dimensions[r].height = 75
        r += 1
    for note in t.get("notes", []):
        put(ws, r, 1, note, LEFT)
        merge(ws, r, 1, r, ncol)
        ws.row_dimensions[r].height = 45
        r += 1
    widths = [8, 14, 14, 34, 14, 14, 10, 10, 22]
    for i in range(ncol):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = widths[i] if i < len(widths) else 12


# --------------------------------------------------------------------------
# Checks against the long CSVs.

def cell_text(v):
    if v is None:
        return ""
    if isinstance(v, P):
        return ("%g" % (float(v) * 100)) + "%"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def scored_rows(tid, t):
    out = []
    weights = iter(t.get("inferred_weights", []))
    for g1, seconds in t["groups"]:
        for g2, rows in seconds:
            for x in rows:
                if x["kind"] != "scored":
                    continue
                w = x["weight"] if x["weight"] is not None else next(weights)
                out.append(dict(indicator=x["name"], path="%s/%s" % (g1, g2), weight=cell_text(w),
                                target=x["csv_target"] or cell_text(x["target"]),
                                actual=x["csv_actual"] or cell_text(x["actual"]),
                                note=x.get("note") or "", claimed=cell_text(x["claimed"])))
    return out


def check_against_csv(tid, t):
    with open(os.path.join(DIR, tid + ".csv"), encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["indicator"] not in ("预算执行率", "总分")]
    want = [dict(indicator=r["indicator"], path=r["path"], weight=r["weight"], target=r["target"],
                 actual=r["actual"], note=r["note"], claimed=r["claimed"]) for r in rows]
    got = scored_rows(tid, t)

    def norm(d):
        d = dict(d)
        for k in ("weight", "claimed"):
            if d[k]:
                d[k] = "%g" % float(d[k])
        return d
    got = [norm(d) for d in got]
    want = [norm(d) for d in want]
    if got != want:
        for a, b in zip(got, want):
            if a != b:
                print("%s: workbook %r\n%s: csv      %r" % (tid, a, " " * len(tid), b), file=sys.stderr)
        if len(got) != len(want):
            print("%s: %d scored rows in the layout, %d in the CSV" % (tid, len(got), len(want)), file=sys.stderr)
        raise SystemExit(1)


# --------------------------------------------------------------------------
# Output.

def reproducible(data):
    """Rewrite a zip with fixed timestamps and a fixed order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def workbook(sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, builder in sheets:
        ws = wb.create_sheet(title)
        builder(ws)
    wb.properties.creator = "jixiao fixtures"
    wb.properties.lastModifiedBy = "jixiao fixtures"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    return reproducible(buf.getvalue())


def explain_sheet(ws):
    ws["A1"] = "说明"
    ws["A2"] = "本工作簿收录两张公开的绩效目标自评表（萧县张庄寨镇 2023年度、濉溪县民政局 2019年度），各占一个工作表。"
    ws["A3"] = "两表的公开存档均截止于满意度指标之前，未录入的行不作补全。来源见 fixtures/published/SOURCES.md。"
    ws["A4"] = "本工作表不含自评表。"
    ws.column_dimensions["A"].width = 100


def outputs():
    files = {}
    for tid, t in TABLES.items():
        files[tid + ".xlsx"] = workbook([(t["sheet"], lambda ws, t=t: layout(ws, t))])
    name, tids = MULTI
    sheets = [(TABLES[x]["sheet"], lambda ws, t=TABLES[x]: layout(ws, t)) for x in tids]
    sheets.append(("说明", explain_sheet))
    files[name] = workbook(sheets)
    return files


def convert():
    """LibreOffice copies: a legacy .xls and a re-saved .xlsx."""
    jobs = [("zhongjiang-shuili-2022.xlsx", "xls", "zhongjiang-shuili-2022.xls"),
            ("tangxi-weituo-2022.xlsx", "xlsx", "tangxi-weituo-2022-libreoffice.xlsx"),
            ("anhui-xiaoxian-suixi.xlsx", "xls", "anhui-xiaoxian-suixi.xls")]
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        for src, fmt, dst in jobs:
            outdir = os.path.join(tmp, "out")
            os.makedirs(outdir, exist_ok=True)
            subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--norestore",
                            "--convert-to", fmt, "--outdir", outdir, os.path.join(DIR, src)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
            made = os.path.join(outdir, os.path.splitext(src)[0] + "." + fmt)
            shutil.move(made, os.path.join(DIR, dst))
            print("wrote fixtures/published/%s (%d bytes)" % (dst, os.path.getsize(os.path.join(DIR, dst))))


def main():
    for tid, t in TABLES.items():
        check_against_csv(tid, t)
    files = outputs()
    if "--check" in sys.argv[1:]:
        bad = [n for n, data in files.items()
               if not os.path.exists(os.path.join(DIR, n)) or open(os.path.join(DIR, n), "rb").read() != data]
        for n in bad:
            print("differs: fixtures/published/%s" % n, file=sys.stderr)
        return 1 if bad else 0
    for n, data in files.items():
        with open(os.path.join(DIR, n), "wb") as fh:
            fh.write(data)
        print("wrote fixtures/published/%s (%d bytes)" % (n, len(data)))
    if "--convert" in sys.argv[1:]:
        convert()
    return 0


if __name__ == "__main__":
    sys.exit(main())
