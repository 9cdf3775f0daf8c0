"""Writing the workbook to fill in (`sctrack template`)."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation

from site_builder.spec import catalogue
from site_builder.spec import schema
from site_builder.analyse.calendar import due_date
from site_builder.load.periods import Period
from site_builder.office.excel.layout import (  # the shared layout: columns, styles, the plan of sheets
    BLANK_ROWS,
    BOLD,
    EXTRA_ROWS,
    FORM_WIDTHS,
    FORMAT,
    GENERATOR,
    GREY_TEXT,
    GUIDE_SHEET,
    HEADER,
    INPUT_CHOICE,
    INPUT_NUMBER,
    INPUT_TEXT,
    KEY_COL,
    LABEL,
    LABEL_COL,
    META_SHEET,
    MIN_TAG_COLUMNS,
    NO,
    NOTE,
    NOTE_COL,
    PREVIOUS_COL,
    REFERENCE,
    SUBHEAD_FILL,
    VALUE_COL,
    WRAP,
    YES,
    Field,
    SheetPlan,
    Table,
    WorkbookError,
    _display,
    _for_excel,
    _get,
    _height,
    _leaves,
    _named_styles,
    _policy,
    _range_text,
    _read_report,
    plan,
    read_project,
    report_path,
    schema_digest,
)

# --- the template --------------------------------------------------------------------


@dataclass
class Template:
    workbook: Workbook
    prefilled: str | None  # the report the values came from
    previous: Period | None  # the period whose figures are shown for reference
    notes: list[str] = field(default_factory=list)  # what could not be carried over


def make_template(root: Path, project_id: str, period: Period) -> Template:
    """The workbook for one project and period, pre-filled from the report if it exists."""
    project = read_project(root, project_id)
    kind, enterprise_type = project["kind"], project.get("enterprise_type")
    existing = _read_report(root, project_id, period)
    previous_period = period.previous()
    previous = None
    if existing is None:
        try:
            previous = _read_report(root, project_id, previous_period)
        except WorkbookError:
            previous = None
    writer = _Writer(project, period, existing, previous, previous_period if previous else None)
    sheets = plan(kind, enterprise_type, period.is_annual)
    writer.guide(sheets, due_date(period, _policy(root)), existing is not None)
    for sheet in sheets:
        writer.sheet(sheet)
    writer.meta(sheets, _display(root, report_path(root, project_id, period)) if existing else "")
    notes = [
        f"现有报告中的“{'.'.join(map(str, p))}”在模板中没有对应的位置，未带入。"
        for p in _leaves(existing or {})
        if p[0] not in ("project", "period", "kind") and p not in writer.placed
    ]
    return Template(
        writer.book,
        _display(root, report_path(root, project_id, period)) if existing else None,
        previous_period if previous else None,
        notes,
    )


class _Writer:
    """Builds the workbook sheet by sheet."""

    def __init__(
        self,
        project: dict,
        period: Period,
        existing: dict | None,
        previous: dict | None,
        previous_period: Period | None,
    ):
        self.project = project
        self.period = period
        self.existing = existing
        self.previous = previous
        self.previous_period = previous_period
        self.book = Workbook()
        for style in _named_styles():
            self.book.add_named_style(style)
        self.placed: set[tuple] = set()

    # cells

    def _put(self, ws, row: int, col: int, value: Any):
        cell = ws.cell(row, col)
        if value is None:
            return cell
        if isinstance(value, bool) or not isinstance(value, (int, float, str, date)):
            value = str(value)
        try:
            cell.value = value
        except IllegalCharacterError:
            raise WorkbookError(
                f"现有报告中有 Excel 不能保存的控制字符（在“{ws.title}”{get_column_letter(col)}{row}），"
                "请先在报告中删除它。"
            ) from None
        if isinstance(value, str):
            cell.data_type = "s"  # text beginning with "=" stays text, not a formula
        return cell

    def _input(self, cell, field: Field) -> None:
        # Text cells are formatted as text, so typed identifiers keep their leading zeros.
        cell.style = {"text": INPUT_TEXT, "number": INPUT_NUMBER}.get(field.type, INPUT_CHOICE)

    def _value(self, field: Field, value: Any) -> Any:
        """A data value as the cell shows it: labels for codes, 是/否 for booleans."""
        if value is None:
            return None
        if field.type in ("choice", "choices") and isinstance(value, str):
            return field.labels.get(value, value)
        if field.type == "boolean" and isinstance(value, bool):
            return YES if value else NO
        return value

    def _validation(self, ws, field: Field, ranges: str) -> None:
        kind = field.type
        if kind in ("choice", "choices", "boolean"):
            options = list(field.labels.values()) if kind != "boolean" else [YES, NO]
            listing = ",".join(options)
            dv = DataValidation(
                type="list",
                formula1=f'"{listing}"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="请从列表中选择",
                error=f"“{field.title}”只能选：{'、'.join(options)}。",
            )
        elif kind == "number":
            node = field.node
            low, low_x, high = (
                node.get("minimum"),
                node.get("exclusiveMinimum"),
                node.get("maximum"),
            )
            bounds = _range_text(node)
            if low_x is not None and high is None:
                dv = DataValidation(type="decimal", operator="greaterThan", formula1=f"{low_x:g}")
            elif low is not None and high is None:
                dv = DataValidation(
                    type="decimal", operator="greaterThanOrEqual", formula1=f"{low:g}"
                )
            elif high is not None and low is None and low_x is None:
                dv = DataValidation(
                    type="decimal", operator="lessThanOrEqual", formula1=f"{high:g}"
                )
            else:
                floor = low if low is not None else (low_x if low_x is not None else -1e15)
                dv = DataValidation(
                    type="decimal",
                    operator="between",
                    formula1=f"{floor:g}",
                    formula2=f"{high if high is not None else 1e15:g}",
                )
            dv.allow_blank = True
            dv.showErrorMessage = True
            dv.errorTitle = "请填写数字"
            dv.error = (
                f"“{field.title}”只填数字（单位：{field.unit or '无'}），不写单位和 %"
                + (f"，范围 {bounds}" if bounds else "")
                + "。没有数据就留空。"
            )
            dv.showInputMessage = True
            dv.promptTitle = field.title[:32]
            dv.prompt = _for_excel(field.node.get("description", ""))[:250]
        else:
            return
        dv.add(ranges)
        ws.add_data_validation(dv)

    # sheets

    def _sheet(self, title: str):
        if self.book.worksheets and self.book.active.title == "Sheet":
            ws = self.book.active
            ws.title = title
        else:
            ws = self.book.create_sheet(title)
        ws.sheet_view.zoomScale = 110
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        return ws

    def _title_rows(self, ws, heading: str, description: str, last_col: int) -> None:
        ws.cell(1, LABEL_COL, heading).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=LABEL_COL, end_row=1, end_column=last_col)
        ws.row_dimensions[1].height = 24
        note = f"{self.project['name']} · {self.period.label}。{description}".strip()
        note += "浅黄色单元格为填写区；灰色为参考，不导入。"
        cell = ws.cell(2, LABEL_COL, note)
        cell.alignment = WRAP
        cell.font = GREY_TEXT
        ws.merge_cells(start_row=2, start_column=LABEL_COL, end_row=2, end_column=last_col)
        ws.row_dimensions[2].height = _height([(note, 150)], 20)

    def guide(self, sheets: list[SheetPlan], due: date, prefilled: bool) -> None:
        """The instructions sheet (说明): the project, the period, how to fill in."""
        ws = self._sheet(GUIDE_SHEET)
        ws.column_dimensions["A"].width = 18
        ws.column_dimensions["B"].width = 90
        name = schema.load(schema.report_schema_name(self.period.is_annual))["title"]
        ws.cell(1, 1, f"{name}填报表").font = Font(bold=True, size=16)
        ws.merge_cells("A1:B1")
        ws.row_dimensions[1].height = 28
        project = self.project
        kind = catalogue.label("kind", project["kind"])
        if project["kind"] == "enterprise" and project.get("enterprise_type"):
            kind += f"（{catalogue.label('enterprise_type', project['enterprise_type'])}）"
        status = (
            "已按现有报告预填，可直接修改后导入（更正）。"
            if prefilled
            else "新报告。"
            + (
                f"各表“上期数”列是 {self.previous_period} 报告的数字，仅供参考，不会导入。"
                if self.previous_period
                else ""
            )
        )
        rows: list[tuple[str, Any]] = [  # from row 3; see GUIDE_ROWS
            ("项目名称", project["name"]),
            ("项目编号", project["id"]),
            ("项目类别", kind),
            ("报告期", f"{self.period.label}（{self.period}）"),
            ("报送截止日期", due),
            ("填报单位", project.get("unit", "")),
            ("本表内容", status),
        ]
        for offset, (label, value) in enumerate(rows, start=3):
            ws.cell(offset, 1, label).font = BOLD
            cell = self._put(ws, offset, 2, value)
            cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
            if isinstance(value, date):
                cell.number_format = 'yyyy"年"m"月"d"日"'
        figures = [f for s in sheets for f in s.figures]
        units = list(dict.fromkeys(f.unit for f in figures if f.unit))
        flows = [
            catalogue.indicators()[f.key].name
            for f in figures
            if f.key in catalogue.indicators() and catalogue.indicators()[f.key].measure == "flow"
        ]
        steps = [
            "只在浅黄色单元格中填写。灰色单元格（“上期数”等）只供参考，导入时不读取。",
            "每个工作表对应通知的一个部分；左边是项目，右边“填写说明”列说明要写什么。",
            "文字：直接输入，可以分段（单元格内换行按 Alt+Enter）。内容长时单元格只显示一部分，"
            "选中单元格后可在编辑栏中看到全文。没有内容的项目留空。",
            "数字：只填阿拉伯数字，不写单位、千分位逗号或 %；单位见项目名称后的括号"
            + (f"（本表用到：{'、'.join(units)}）" if units else "")
            + "。",
            "本年累计：金额、数量等流量指标填本年 1 月 1 日至报告期末的累计值（不是单季值）；"
            "增速、比率等填本期值。" + (f"本表中的流量指标：{'、'.join(flows)}。" if flows else ""),
            "没有的数据留空，不要填 0（0 表示确实为零）。",
            "带下拉箭头的单元格请从列表中选择（进展状态、问题类别、主题标签、是否公开）。",
            "问题和案例每行一条；行不够时在表格下方接着填写。",
            "不要删除、改名或移动工作表，不要取消隐藏的行列：导入靠它们找到每个值。",
            "填好后保存，运行 sctrack import 文件名.xlsx 导入（或交给负责提交的同事）。"
            "系统先校验，有问题会逐条列出“工作表!单元格”和原因，改正后再导入即可。",
        ]
        row = len(rows) + 4
        ws.cell(row, 1, "填写方法").font = Font(bold=True, size=12)
        for number, step in enumerate(steps, start=1):
            row += 1
            ws.cell(row, 1, f"{number}.").alignment = Alignment(horizontal="right", vertical="top")
            ws.cell(row, 2, step).alignment = WRAP
            ws.row_dimensions[row].height = _height([(step, 90)], 16)
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

    def sheet(self, plan_: SheetPlan) -> None:
        ws = self._sheet(plan_.title)
        ws.column_dimensions["A"].hidden = True
        ws.cell(1, KEY_COL, f"#part:{plan_.key}")
        if plan_.shape == "array":
            self._table_sheet(ws, plan_)
            return
        for col, width in FORM_WIDTHS.items():
            ws.column_dimensions[col].width = width
        self._title_rows(ws, plan_.heading, plan_.description, NOTE_COL)
        previous_label = f"上期数（{self.previous_period}）" if self.previous_period else "上期数"
        for col, label in enumerate(("项目", "填写内容", previous_label, "填写说明"), start=2):
            ws.cell(3, col, label).style = HEADER
        if not plan_.figures:
            ws.cell(3, PREVIOUS_COL).value = None
            ws.merge_cells(start_row=3, start_column=VALUE_COL, end_row=3, end_column=PREVIOUS_COL)
        ws.freeze_panes = "A4"
        row = 4
        base = () if plan_.shape == "string" else (plan_.key,)
        # A part that is one text (下一步工作计划) gets a large box; items a smaller one.
        minimum = 240 if plan_.shape == "string" else 60
        for item in plan_.texts:
            self._form_row(ws, row, base + (item.key,), item, minimum)
            row += 1
        if plan_.figures:
            row = self._subheading(ws, row, plan_.node["properties"]["figures"])
            for item in plan_.figures:
                self._form_row(ws, row, (plan_.key, "figures", item.key), item, 20)
                row += 1
        if plan_.table is not None:
            row = self._subheading(ws, row + 1, plan_.table_node)
            self._table(ws, row, plan_.table)

    def _subheading(self, ws, row: int, node: dict) -> int:
        text = f"{node.get('title', '')}：{_for_excel(node.get('description', ''))}"
        cell = ws.cell(row, LABEL_COL, text)
        cell.font = BOLD
        cell.fill = SUBHEAD_FILL
        cell.alignment = WRAP
        ws.merge_cells(start_row=row, start_column=LABEL_COL, end_row=row, end_column=NOTE_COL)
        ws.row_dimensions[row].height = _height([(text, 150)], 18)
        return row + 1

    def _form_row(self, ws, row: int, path: tuple, item: Field, minimum: float) -> None:
        ws.cell(row, KEY_COL, ".".join(path))
        ws.cell(row, LABEL_COL, item.label).style = LABEL
        width = FORM_WIDTHS["C"]
        if item.type != "number":
            # Text spans the last-period column, which only figures use. Merged before
            # it is styled, which spares openpyxl redrawing the borders of the range.
            ws.merge_cells(
                start_row=row, start_column=VALUE_COL, end_row=row, end_column=PREVIOUS_COL
            )
            width += FORM_WIDTHS["D"]
        value = _get(self.existing, path)
        if value is not None:
            self.placed.add(path)
        cell = self._put(ws, row, VALUE_COL, self._value(item, value))
        self._input(cell, item)
        self._validation(ws, item, cell.coordinate)
        reference = ws.cell(row, PREVIOUS_COL)
        if item.type == "number":
            reference.style = REFERENCE
            old = _get(self.previous, path)
            if isinstance(old, (int, float)) and not isinstance(old, bool):
                reference.value = old
        else:
            reference.style = cell.style
        note = _for_excel(item.node.get("description", ""))
        if item.type == "number" and _range_text(item.node):
            note += f"填写范围：{_range_text(item.node)}。"
        ws.cell(row, NOTE_COL, note).style = NOTE
        ws.row_dimensions[row].height = _height(
            [(cell.value, width), (note, FORM_WIDTHS["E"]), (item.label, FORM_WIDTHS["B"])],
            minimum,
        )

    def _table_sheet(self, ws, plan_: SheetPlan) -> None:
        table = plan_.table
        columns = self._columns(table)
        last = LABEL_COL + len(columns) - 1
        for offset, (_, _, width) in enumerate(columns):
            ws.column_dimensions[get_column_letter(LABEL_COL + offset)].width = width
        hints = "".join(
            f"{item.title}：{_for_excel(item.node.get('description', ''))}" for item in table.fields
        )
        self._title_rows(ws, plan_.heading, f"{plan_.description}{hints}", last)
        self._table(ws, 3, table, columns)

    def _columns(self, table: Table) -> list[tuple[Field, int | None, int]]:
        """(field, index within a list of choices, width) per column."""
        columns: list[tuple[Field, int | None, int]] = []
        existing = _get(self.existing, table.path) or []
        for item in table.fields:
            if item.type == "choices":
                longest = max(
                    (len(row.get(item.key) or []) for row in existing if isinstance(row, dict)),
                    default=0,
                )
                count = min(len(item.labels), max(MIN_TAG_COLUMNS, longest))
                columns += [(item, i, 14) for i in range(count)]
            elif item.type in ("choice", "boolean"):
                columns.append((item, None, 14))
            elif item.is_identifier:
                columns.append((item, None, 12))
            else:
                length = item.node.get("maxLength", 20000)
                columns.append((item, None, 30 if length <= 60 else 45 if length <= 300 else 70))
        if table.identity is not None:
            # A table below form rows (targets progress) shares their column widths:
            # the id under the labels, text under the wide value column, choices after.
            columns.sort(key=lambda c: (c[0] is not table.identity, c[0].type != "text"))
        return columns

    def _table(self, ws, row: int, table: Table, columns=None) -> None:
        columns = columns or self._columns(table)
        described = table.identity is not None
        ws.cell(row, KEY_COL, "#table:" + ".".join(table.path))
        for offset, (item, index, _) in enumerate(columns):
            key = item.key if index is None else f"{item.key}.{index}"
            ws.cell(row, LABEL_COL + offset, key)
        if described:
            ws.cell(row, LABEL_COL + len(columns), "#reference")
        ws.row_dimensions[row].hidden = True
        header = row + 1
        for offset, (item, index, _) in enumerate(columns):
            label = item.title if index is None else f"{item.title}{index + 1}"
            if item.key in table.required and (index is None or index == 0):
                label += "（必填）"
            ws.cell(header, LABEL_COL + offset, label).style = HEADER
        if described:
            ws.cell(header, LABEL_COL + len(columns), "目标内容（立项信息）").style = HEADER
        if ws.freeze_panes is None or ws.freeze_panes == "A1":
            ws.freeze_panes = f"A{header + 1}"
        rows = self._rows(table)
        first = header + 1
        for number, data in enumerate(rows):
            r = first + number
            cells = []
            for offset, (item, index, width) in enumerate(columns):
                value = data.get(item.key)
                if index is not None:
                    value = value[index] if isinstance(value, list) and index < len(value) else None
                path = table.path + (number, item.key) + (() if index is None else (index,))
                if value is not None and _get(self.existing, path) is not None:
                    self.placed.add(table.path + (number, item.key))
                cell = self._put(ws, r, LABEL_COL + offset, self._value(item, value))
                self._input(cell, item)
                cells.append((cell.value, width))
            if described:
                text = self._target_text(data.get(table.identity.key))
                ws.cell(r, LABEL_COL + len(columns), text).style = REFERENCE
                cells.append((text, 50))
            ws.row_dimensions[r].height = _height(cells, 60 if not described else 45)
        last = first + max(len(rows), 1) + EXTRA_ROWS
        for offset, (item, _, _) in enumerate(columns):
            letter = get_column_letter(LABEL_COL + offset)
            self._validation(ws, item, f"{letter}{first}:{letter}{last}")
        if described:
            ids = [t["id"] for t in self.project.get("targets", [])]
            if ids and len(",".join(ids)) < 250:
                letter = get_column_letter(
                    LABEL_COL + columns.index(next(c for c in columns if c[0] is table.identity))
                )
                dv = DataValidation(
                    type="list",
                    formula1='"' + ",".join(ids) + '"',
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="请从列表中选择",
                    error="目标编号只能是立项信息中的编号：" + "、".join(ids) + "。",
                )
                dv.add(f"{letter}{first}:{letter}{last}")
                ws.add_data_validation(dv)

    def _rows(self, table: Table) -> list[dict]:
        existing = [r for r in (_get(self.existing, table.path) or []) if isinstance(r, dict)]
        identity = table.identity
        if identity is None:
            return existing + [{} for _ in range(BLANK_ROWS.get(table.path[0], 3))]
        # One row per target of the project: the report's own rows first, in its order.
        seen = {row.get(identity.key) for row in existing}
        return existing + [
            {identity.key: t["id"]} for t in self.project.get("targets", []) if t["id"] not in seen
        ]

    def _target_text(self, target_id: Any) -> str:
        for target in self.project.get("targets", []):
            if target.get("id") != target_id:
                continue
            if target.get("text"):
                return f"{target['text']}（{target.get('target_year', '')}年）"
            indicator = catalogue.indicators().get(target.get("indicator", ""))
            if indicator is None:
                return ""
            base = target.get("baseline")
            text = f"{indicator.name}：" + (
                f"{base:g}{indicator.unit}（{target.get('baseline_year', '')}年）→ "
                if isinstance(base, (int, float))
                else ""
            )
            goal = target.get("target")
            if isinstance(goal, (int, float)):
                text += f"{goal:g}{indicator.unit}"
            return text + f"（{target.get('target_year', '')}年）"
        return "（立项信息中没有这个目标编号）" if target_id else ""

    def meta(self, sheets: list[SheetPlan], prefilled: str) -> None:
        """The hidden sheet that says which project, period and schema this workbook is for."""
        ws = self.book.create_sheet(META_SHEET)
        name = schema.report_schema_name(self.period.is_annual)
        rows = {
            "generator": GENERATOR,
            "format": FORMAT,
            "project": self.project["id"],
            "period": str(self.period),
            "kind": self.project["kind"],
            "enterprise_type": self.project.get("enterprise_type") or "",
            "schema": name,
            "schema_id": schema.load(name).get("$id", ""),
            "schema_digest": schema_digest(name),
            "parts": ",".join(s.key for s in sheets),
            "prefilled_from": prefilled,
            "created": datetime.now().isoformat(timespec="seconds"),
        }
        for row, (key, value) in enumerate(rows.items(), start=1):
            ws.cell(row, 1, key)
            self._put(ws, row, 2, value)
        ws.sheet_state = "veryHidden"
        props = self.book.properties
        props.creator = GENERATOR
        props.title = f"{self.project['name']} {self.period.label}"
        props.subject = name
        props.keywords = f"sctrack;{self.project['id']};{self.period};format={FORMAT}"
        self.book.active = 0


def save(workbook: Workbook, output: Path) -> None:
    """Write atomically: a temporary file next to the target, then rename."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    temporary = output.with_name(f".{output.name}.tmp")
    temporary.write_bytes(buffer.getvalue())
    os.replace(temporary, output)
