"""The instructions sheet (说明): which project and period, and how to fill the workbook in."""

from __future__ import annotations

from datetime import date
from typing import Any

from openpyxl.styles import Alignment, Font

from site_builder.load.periods import Period
from site_builder.office.excel.cells import put
from site_builder.office.excel.layout import SheetPlan
from site_builder.office.excel.styles import BOLD, INPUT_TEXT, REFERENCE, WRAP, row_height
from site_builder.spec import catalogue, schema

STEPS = [
    "只在浅黄色单元格中填写，不要合并单元格。灰色单元格（“上期数”等）只供参考，导入时不读取；"
    "填写区以外和自己添加的工作表中的内容也不导入，导入时会逐格指出。",
    "每个工作表对应通知的一个部分；左边是项目，右边“填写说明”列说明要写什么。",
    "文字：直接输入，可以分段（单元格内换行按 Alt+Enter）。内容长时单元格只显示一部分，"
    "选中单元格后可在编辑栏中看到全文。没有内容的项目留空。",
    "数字：只填阿拉伯数字，不写单位、千分位逗号或 %；单位见项目名称后的括号{units}。",
    "本年累计：金额、数量等流量指标填本年 1 月 1 日至报告期末的累计值（不是单季值）；"
    "增速、比率等填本期值。{flows}",
    "没有的数据留空，不要填 0（0 表示确实为零）。",
    "带下拉箭头的单元格请从列表中选择（进展状态、问题类别、主题标签、是否公开）。",
    "问题和案例每行一条；行不够时在表格下方接着填写。",
    "不要删除、改名或移动工作表，不要取消隐藏的行列：导入靠它们找到每个值。",
    "填好后保存，运行 sctrack import 文件名.xlsx 导入（或交给负责提交的同事）。"
    "系统先校验，有问题会逐条列出“工作表!单元格”和原因，改正后再导入即可。",
]


def _kind(project: dict) -> str:
    kind = catalogue.label("kind", project["kind"])
    if project["kind"] == "enterprise" and project.get("enterprise_type"):
        kind += f"（{catalogue.label('enterprise_type', project['enterprise_type'])}）"
    return kind


def _steps(sheets: list[SheetPlan]) -> list[str]:
    figures = [f for s in sheets for f in s.figures]
    units = list(dict.fromkeys(f.unit for f in figures if f.unit))
    indicators = catalogue.indicators()
    flows = [
        indicators[f.key].name
        for f in figures
        if f.key in indicators and indicators[f.key].measure == "flow"
    ]
    return [
        step.format(
            units=f"（本表用到：{'、'.join(units)}）" if units else "",
            flows=f"本表中的流量指标：{'、'.join(flows)}。" if flows else "",
        )
        for step in STEPS
    ]


def write_guide(
    ws,
    project: dict,
    period: Period,
    previous_period: Period | None,
    sheets: list[SheetPlan],
    due: date,
    prefilled: bool,
) -> None:
    """Fill the instructions sheet; its rows 4-6 are read back (see GUIDE_ROWS)."""
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 90
    name = schema.load(schema.report_schema_name(period.is_annual))["title"]
    ws.cell(1, 1, f"{name}填报表").font = Font(bold=True, size=16)
    ws.merge_cells("A1:B1")
    ws.row_dimensions[1].height = 28
    if prefilled:
        status = "已按现有报告预填，可直接修改后导入（更正）。"
    else:
        status = "新报告。" + (
            f"各表“上期数”列是 {previous_period} 报告的数字，仅供参考，不会导入。"
            if previous_period
            else ""
        )
    rows: list[tuple[str, Any]] = [  # from row 3; see GUIDE_ROWS
        ("项目名称", project["name"]),
        ("项目编号", project["id"]),
        ("项目类别", _kind(project)),
        ("报告期", f"{period.label}（{period}）"),
        ("报送截止日期", due),
        ("填报单位", project.get("unit", "")),
        # An enterprise's code, so that whoever fills in the workbook sees whose it is.
        *([("统一社会信用代码", project["credit_code"])] if project.get("credit_code") else []),
        ("本表内容", status),
    ]
    for offset, (label, value) in enumerate(rows, start=3):
        ws.cell(offset, 1, label).font = BOLD
        cell = put(ws, offset, 2, value)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        if isinstance(value, date):
            cell.number_format = 'yyyy"年"m"月"d"日"'
    row = len(rows) + 4
    ws.cell(row, 1, "填写方法").font = Font(bold=True, size=12)
    for number, step in enumerate(_steps(sheets), start=1):
        row += 1
        ws.cell(row, 1, f"{number}.").alignment = Alignment(horizontal="right", vertical="top")
        ws.cell(row, 2, step).alignment = WRAP
        ws.row_dimensions[row].height = row_height([(step, 90)], 16)
    row += 2
    ws.cell(row, 1, "颜色").font = Font(bold=True, size=12)
    row += 1
    ws.cell(row, 1).style = INPUT_TEXT
    ws.cell(row, 2, "填写区")
    row += 1
    ws.cell(row, 1).style = REFERENCE
    ws.cell(row, 2, "参考（上期数、目标内容等），不导入")
    row += 2
    ws.cell(row, 1, "工作表").font = Font(bold=True, size=12)
    for sheet in sheets:
        row += 1
        ws.cell(row, 1, sheet.title)
        ws.cell(row, 2, sheet.heading if sheet.heading != sheet.title else "").alignment = WRAP
