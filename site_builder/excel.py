"""The Excel round trip: a workbook to fill in for one report, and the report read back from it.

`make_template` lays the report schema out for one project and period: an
instructions sheet (说明), one sheet per part of the notice's outline, input
cells filled yellow, drop-down lists for the schema's fixed value sets,
numbers checked against the catalogue's range. Every data row carries its
YAML path in a hidden column A (tables: a hidden row of field keys), and a
hidden sheet records the project, period and schema, so import never depends
on a Chinese label or a sheet name.

`import_workbook` reads a filled workbook back into report data in the
schema's key order, checks every cell, runs the validator's schema check in
memory with positions that point at cells, then the rules across files on a
temporary copy of the project's folder. Problems come back as findings that
name the sheet and cell (`组织保障!C5`), as lib-cove does for spreadsheets.
Nothing here prints; only `write_report` writes, and only into the tree.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import shutil
import tempfile
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation

from . import catalogue, schema
from .compliance import due_date
from .findings import ERROR, WARNING
from .load import SUBMISSIONS
from .model import Policy
from .periods import Period, parse_period
from .yamlsafe import Positions, parse_file, parse_text, resolve_plain

FORMAT = "1"  # layout version of the workbook; import refuses any other
GENERATOR = "sctrack"
META_SHEET = "_sctrack"
GUIDE_SHEET = "说明"
GUIDE_ROWS = {"project": 4, "kind": 5, "period": 6}  # where 说明 shows them, in column B
MAX_BYTES = 20_000_000
BLANK_ROWS = {"problems": 5, "cases": 3}  # empty rows offered below the existing ones
EXTRA_ROWS = 200  # drop-downs and checks reach this far below a table, for added rows
MIN_TAG_COLUMNS = 3

# Form sheets: A hidden key, B label, C value, D last period, E explanation.
KEY_COL, LABEL_COL, VALUE_COL, PREVIOUS_COL, NOTE_COL = 1, 2, 3, 4, 5
FORM_WIDTHS = {"A": 24, "B": 30, "C": 70, "D": 16, "E": 50}

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
REFERENCE_FILL = PatternFill("solid", fgColor="EDEDED")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SUBHEAD_FILL = PatternFill("solid", fgColor="E2EFDA")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
GREY_TEXT = Font(color="7F7F7F")
BOLD = Font(bold=True)

# Cell styles, named so that Excel lists them and one assignment styles a cell.
INPUT_TEXT, INPUT_NUMBER, INPUT_CHOICE = "填写区（文字）", "填写区（数字）", "填写区（选择）"
REFERENCE, HEADER, LABEL, NOTE = "参考（不导入）", "表头", "项目名称", "填写说明"


def _named_styles() -> list[NamedStyle]:
    top = Alignment(vertical="top")
    grey = Font(color="7F7F7F")
    return [
        NamedStyle(INPUT_TEXT, fill=INPUT_FILL, border=BOX, alignment=WRAP, number_format="@"),
        NamedStyle(INPUT_NUMBER, fill=INPUT_FILL, border=BOX, alignment=top),
        NamedStyle(INPUT_CHOICE, fill=INPUT_FILL, border=BOX, alignment=CENTRE),
        NamedStyle(REFERENCE, fill=REFERENCE_FILL, border=BOX, alignment=WRAP, font=grey),
        NamedStyle(HEADER, font=Font(bold=True), fill=HEADER_FILL, border=BOX, alignment=CENTRE),
        NamedStyle(LABEL, border=BOX, alignment=WRAP),
        NamedStyle(NOTE, border=BOX, alignment=WRAP, font=grey),
    ]


YES, NO = "是", "否"


class WorkbookError(Exception):
    """The workbook or the request cannot be handled at all; the message says why, in Chinese."""


class UnknownProject(WorkbookError):
    """No such project folder (a wrong argument rather than bad data)."""


# --- the layout, derived from the schemas -----------------------------------------


@dataclass(frozen=True)
class Field:
    """One value the workbook asks for: a form row, or a table column (group)."""

    key: str  # data key (in a table: the key within the row)
    node: dict  # its schema

    @property
    def title(self) -> str:
        return self.node.get("title", self.key)

    @property
    def unit(self) -> str:
        return self.node.get("x-unit", "")

    @property
    def label(self) -> str:
        return f"{self.title}（{self.unit}）" if self.unit else self.title

    @property
    def type(self) -> str:
        """text, number, choice, boolean or choices (an array of fixed values)."""
        node = self.node
        if node.get("type") == "array":
            return "choices"
        if node.get("type") in ("number", "integer"):
            return "number"
        if node.get("type") == "boolean":
            return "boolean"
        return "choice" if "enum" in node else "text"

    @property
    def labels(self) -> dict[str, str]:
        """Code -> Chinese label of a choice (or of each item of `choices`)."""
        node = self.node["items"] if self.type == "choices" else self.node
        codes = node.get("enum", [])
        return {code: node.get("x-enum-labels", {}).get(code, code) for code in codes}

    @property
    def is_identifier(self) -> bool:
        pattern = self.node.get("pattern")
        return self.type == "text" and pattern is not None and pattern != r"\S"


@dataclass(frozen=True)
class Table:
    """A list of objects laid out as rows (targets progress, problems, cases)."""

    path: tuple[str, ...]  # of the list in the report
    node: dict  # schema of one row
    fields: tuple[Field, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(self.node.get("required", []))

    @property
    def identity(self) -> Field | None:
        """A column the template fills in itself (the target's id), not a sign of a filled row."""
        return next((f for f in self.fields if f.is_identifier), None)


@dataclass(frozen=True)
class SheetPlan:
    """One sheet: one part of the notice's outline, or one closing part."""

    key: str  # top-level data key
    title: str  # sheet name
    heading: str  # 一、组织保障
    node: dict
    texts: tuple[Field, ...] = ()  # narrative items (a string part: the part itself)
    figures: tuple[Field, ...] = ()
    table: Table | None = None

    @property
    def shape(self) -> str:
        """object (a section), array (a table of rows) or string (one text)."""
        return self.node.get("type", "object")

    @property
    def description(self) -> str:
        return _for_excel(self.node.get("description", ""))

    @property
    def table_node(self) -> dict:
        """Schema of the list a section holds (targets: progress)."""
        return self.node["properties"][self.table.path[-1]]


def audience_of(kind: str, enterprise_type: str | None) -> str:
    """Who the catalogue's `applies_to` calls this project: region, entity or financial."""
    return "region" if kind == "region" else (enterprise_type or "entity")


def _applies(node: dict, audience: str) -> bool:
    code = node.get("x-indicator")
    if code and code in catalogue.indicators():
        return audience in catalogue.indicators()[code].applies_to
    allowed = node.get("x-applies-to")
    return not allowed or audience in allowed


def _table(path: tuple[str, ...], node: dict) -> Table:
    items = node["items"]
    fields = tuple(Field(k, v) for k, v in items["properties"].items())
    return Table(path, items, fields)


def plan(kind: str, enterprise_type: str | None, annual: bool) -> list[SheetPlan]:
    """The sheets of a report of this kind, in the schema's order."""
    root = schema.load(schema.report_schema_name(annual))
    parts = {p.key: p for p in schema.report_parts(kind, annual)}
    audience = audience_of(kind, enterprise_type)
    sheets = []
    for key, node in root["properties"].items():
        if key in ("project", "period", "kind"):
            continue
        part = parts.get(key)
        if part is not None:
            node = part.schema
        elif node.get("type") != "string":
            continue  # a part this kind of project does not have
        title = node.get("title", key)
        heading = node.get("x-heading", title)
        if node.get("type") == "string":
            sheets.append(SheetPlan(key, title, heading, node, texts=(Field(key, node),)))
        elif node.get("type") == "array":
            sheets.append(SheetPlan(key, title, heading, node, table=_table((key,), node)))
        else:
            texts, table = [], None
            for item, sub in node.get("properties", {}).items():
                if item == "figures" or not _applies(sub, audience):
                    continue
                if sub.get("type") == "array":
                    table = _table((key, item), sub)
                else:
                    texts.append(Field(item, sub))
            figures = [
                Field(code, sub) for code, sub in part.figures.items() if _applies(sub, audience)
            ]
            sheets.append(SheetPlan(key, title, heading, node, tuple(texts), tuple(figures), table))
    return sheets


def _required_top(kind: str, annual: bool) -> set[str]:
    root = schema.load(schema.report_schema_name(annual))
    return set(root.get("required", [])) | set(schema.kind_branch(root, kind).get("required", []))


def _for_excel(text: str) -> str:
    """A schema description as a clerk in Excel reads it (no YAML syntax)."""
    text = text.replace("写 []", "留空").replace("不填）", "留空）")
    text = text.replace("true：", "选“是”：").replace("false 或不填", "选“否”或留空")
    return text.replace("没有的数据不填（不要写 0）", "没有的数据留空（不要填 0）")


def _range_text(node: dict) -> str:
    low, low_x, high = node.get("minimum"), node.get("exclusiveMinimum"), node.get("maximum")
    if low is not None and high is not None:
        return f"{low:g}～{high:g}"
    parts = []
    if low is not None:
        parts.append(f"不小于 {low:g}")
    if low_x is not None:
        parts.append(f"大于 {low_x:g}")
    if high is not None:
        parts.append(f"不大于 {high:g}")
    return "，".join(parts)


def schema_digest(name: str) -> str:
    """A short fingerprint of a schema: a template made before it changed is noticed."""
    text = json.dumps(schema.load(name), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


# --- reading the tree ------------------------------------------------------------------


def project_folder(root: Path, project_id: str) -> Path:
    return root / SUBMISSIONS / "projects" / project_id


def report_path(root: Path, project_id: str, period: Period) -> Path:
    return project_folder(root, project_id) / period.filename


def read_project(root: Path, project_id: str) -> dict:
    """The project's registration, schema-valid, or a WorkbookError."""
    folder = project_folder(root, project_id)
    path = folder / "project.yaml"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", project_id) or not path.is_file():
        known = sorted(p.name for p in folder.parent.iterdir()) if folder.parent.is_dir() else []
        hint = "、".join(known[:30]) or "（没有）"
        raise UnknownProject(
            f"找不到项目“{project_id}”（{SUBMISSIONS}/projects/{project_id}/project.yaml）。已有项目：{hint}。"
        )
    parsed = parse_file(path, _display(root, path))
    if parsed.data is None or not schema.is_valid("project", parsed.data):
        raise WorkbookError(
            f"立项信息 {_display(root, path)} 有错误，请先运行 sctrack validate 改正后再生成或导入。"
        )
    return parsed.data


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _policy(root: Path) -> Policy:
    path = root / SUBMISSIONS / "registry" / "policy.yaml"
    if path.is_file():
        data = parse_file(path, "policy.yaml").data
        if data is not None and schema.is_valid("policy", data):
            return Policy.from_data(data)
    return Policy()


def _read_report(root: Path, project_id: str, period: Period) -> dict | None:
    path = report_path(root, project_id, period)
    if not path.is_file():
        return None
    parsed = parse_file(path, _display(root, path))
    if parsed.data is None:
        problems = "；".join(f"第 {f.line} 行：{f.message}" for f in parsed.findings)
        raise WorkbookError(
            f"现有报告 {_display(root, path)} 无法读取（{problems}）。请先改正它，或删除后重新填写。"
        )
    return parsed.data


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


def _leaves(data: Any, path: tuple = ()) -> list[tuple]:
    """Paths of the values in a report (a list of choices counts as one value)."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _leaves(v, path + (k,))]
    if isinstance(data, list) and path[-1:] != ("tags",):
        return [p for i, v in enumerate(data) for p in _leaves(v, path + (i,))]
    return [path]


def _get(data: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data


def _width(text: str) -> int:
    """Display width: a CJK character is two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines(value: Any, width: float) -> int:
    if value is None or value == "":
        return 1
    per_line = max(int(width) - 1, 4)
    return sum(max(1, math.ceil(_width(line) / per_line)) for line in str(value).split("\n"))


def _height(cells: list[tuple[Any, float]], minimum: float) -> float:
    lines = max((_lines(value, width) for value, width in cells), default=1)
    return min(409.0, max(minimum, lines * 16.0 + 4))


def _cell_ref(sheet: str, row: int, col: int) -> str:
    name = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(col)}{row}"


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


# --- reading a workbook back -------------------------------------------------------------


@dataclass(frozen=True, order=True)
class CellFinding:
    """A problem found in a workbook, at a sheet and cell."""

    order: tuple  # sheet number, row, column: the order lines are printed in
    ref: str  # 组织保障!C5
    code: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def line(self, display: str) -> str:
        warning = "" if self.is_error else "警告："
        return f"{display} {self.ref}: {self.code} {warning}{self.message}"


@dataclass
class Imported:
    project: str
    period: Period
    data: dict | None  # None when there are errors
    findings: list[CellFinding]
    text: str = ""  # the report YAML, when there are no errors
    target: Path | None = None

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)


@dataclass
class Opened:
    """A workbook as written (formulas as formulas), and its bytes for the cached values."""

    book: Workbook
    raw: bytes
    _cached: Workbook | None = None

    def cached(self) -> Workbook:
        """The same workbook with each formula's last computed value (read only when needed)."""
        if self._cached is None:
            self._cached = _load(self.raw, data_only=True)
        return self._cached


def open_workbook(path: Path) -> Opened:
    """The workbook, or a WorkbookError that says why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise WorkbookError(f"无法读取文件：{err.strerror}。") from None
    if len(raw) > MAX_BYTES:
        raise WorkbookError(f"文件有 {len(raw) / 1e6:.1f} MB，超过 20 MB，不像是填报表。")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        hint = (
            "这是旧版 Excel（.xls）文件，请在 Excel/WPS 中另存为 .xlsx。"
            if raw.startswith(b"\xd0\xcf\x11\xe0")
            else "它可能是改了扩展名的 CSV 或文本文件，或文件已损坏。"
        )
        raise WorkbookError(f"不是有效的 Excel 工作簿（.xlsx）。{hint}")
    return Opened(_load(raw, data_only=False), raw)


def _load(raw: bytes, data_only: bool) -> Workbook:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Data Validation extension is not supported"
            return load_workbook(io.BytesIO(raw), data_only=data_only)
    except Exception as err:  # openpyxl raises many kinds on a damaged file
        raise WorkbookError(
            f"无法作为 Excel 工作簿打开（文件损坏或格式不对：{type(err).__name__}）。"
            "请在 Excel/WPS 中打开后另存为 .xlsx 再试。"
        ) from None


def read_meta(book) -> dict[str, str]:
    refusal = (
        "这个工作簿不是用 sctrack template 生成的填报表，无法导入。"
        "请先运行 sctrack template 项目编号 报告期 -o 文件名.xlsx 生成模板，在模板中填写。"
    )
    if META_SHEET not in book.sheetnames:
        raise WorkbookError(refusal)
    ws = book[META_SHEET]
    meta = {}
    for key, value, *_ in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(key, str):
            meta[key] = "" if value is None else str(value)
    if meta.get("generator") != GENERATOR:
        raise WorkbookError(refusal)
    if meta.get("format") != FORMAT:
        raise WorkbookError(
            f"这个填报表是旧版本 sctrack 生成的（格式 {meta.get('format')}，当前 {FORMAT}），"
            "请用 sctrack template 重新生成模板，把内容复制过去后再导入。"
        )
    period = parse_period(meta.get("period", ""))
    if period is None or meta.get("kind") not in catalogue.KINDS or not meta.get("project"):
        raise WorkbookError(refusal)
    if meta.get("schema") != schema.report_schema_name(period.is_annual):
        raise WorkbookError(refusal)
    return meta


class _Reader:
    """Turns the cells of one workbook into report data, a cell for every path, and findings."""

    def __init__(self, opened: Opened, meta: dict[str, str]):
        self.opened = opened
        self.book = opened.book
        self.meta = meta
        self.period = parse_period(meta["period"])
        self.kind = meta["kind"]
        self.name = schema.report_schema_name(self.period.is_annual)
        self.cells: dict[tuple, tuple[str, tuple]] = {}  # data path -> (ref, order)
        self.findings: list[CellFinding] = []
        self.sheet_order: dict[str, int] = {}

    def _ref(self, ws, row: int, col: int) -> tuple[str, tuple]:
        return _cell_ref(ws.title, row, col), (self.sheet_order.get(ws.title, 0), row, col)

    def finding(self, where: tuple[str, tuple], code: str, message: str) -> None:
        ref, order = where
        self.findings.append(CellFinding(order, ref, code, message))

    def read(self) -> dict:
        sheets = plan(self.kind, self.meta.get("enterprise_type") or None, self.period.is_annual)
        found = {}
        for number, ws in enumerate(self.book.worksheets):
            self.sheet_order[ws.title] = number
            marker = ws.cell(1, KEY_COL).value
            if isinstance(marker, str) and marker.startswith("#part:"):
                found[marker[len("#part:") :]] = ws
        missing = [s for s in sheets if s.key not in found]
        if missing:
            names = "、".join(f"“{s.title}”" for s in missing)
            raise WorkbookError(
                f"填报表中找不到工作表{names}（可能被删除，或第一列隐藏的标记被改动）。"
                "请用原模板填写，不要删除工作表；或重新运行 sctrack template 生成模板。"
            )
        if GUIDE_SHEET in self.book.sheetnames:
            guide = self.book[GUIDE_SHEET]
            self.sheet_order[GUIDE_SHEET] = -1
            for key, row in GUIDE_ROWS.items():
                self.cells[(key,)] = self._ref(guide, row, 2)
        data: dict[str, Any] = {
            "project": self.meta["project"],
            "period": str(self.period),
            "kind": self.kind,
        }
        required = _required_top(self.kind, self.period.is_annual)
        for sheet in sheets:
            ws = found[sheet.key]
            value, filled = self._sheet(ws, sheet)
            first = self._first_input(ws, sheet)
            self.cells.setdefault((sheet.key,), first)
            if sheet.shape == "array" and not value and sheet.key not in required:
                continue  # no cases: the key is left out, as in a file without cases
            if value is not None:
                data[sheet.key] = value
            elif sheet.key in required and not filled:
                if sheet.shape == "array":
                    data[sheet.key] = []
                elif sheet.shape == "string":
                    self.finding(first, "S001", f"“{sheet.title}”是必填项，请填写。")
                else:
                    self.finding(
                        first,
                        "S001",
                        f"“{sheet.title}”是必填部分，没有填写任何内容。请至少填写一项。",
                    )
        return data

    def _first_input(self, ws, sheet: SheetPlan) -> tuple[str, tuple]:
        for row in range(1, ws.max_row + 1):
            key = ws.cell(row, KEY_COL).value
            if isinstance(key, str) and key and not key.startswith("#part"):
                if key.startswith("#table:"):
                    return self._ref(ws, row + 2, LABEL_COL)
                return self._ref(ws, row, VALUE_COL)
        return self._ref(ws, 1, LABEL_COL)

    def _sheet(self, ws, sheet: SheetPlan) -> tuple[Any, bool]:
        """The value of one part, and whether any of its cells was filled at all."""
        forms: dict[tuple, Any] = {}
        table_rows: list[dict] | None = None
        filled = False
        texts = {f.key: f for f in sheet.texts}
        figures = {f.key: f for f in sheet.figures}
        rows = ws.iter_rows(min_row=2)
        for row in rows:
            key = row[0].value if row else None
            if not isinstance(key, str) or not key:
                continue
            if key.startswith("#table:"):
                table_rows, any_filled = self._table(ws, row, sheet, rows)
                filled = filled or any_filled
                break
            path = tuple(key.split("."))
            value_cell = (
                row[VALUE_COL - 1] if len(row) >= VALUE_COL else ws.cell(row[0].row, VALUE_COL)
            )
            where = self._ref(ws, value_cell.row, VALUE_COL)
            item = None
            if sheet.shape == "string" and path == (sheet.key,):
                item = texts.get(sheet.key)
            elif len(path) == 2 and path[0] == sheet.key:
                item = texts.get(path[1])
            elif len(path) == 3 and path[:2] == (sheet.key, "figures"):
                item = figures.get(path[2])
            if item is None:
                self.finding(
                    where,
                    "S002",
                    f"这一行的隐藏标记“{key}”不是本表应有的项目，填报表可能被改动过。请用原模板填写。",
                )
                continue
            self.cells[path] = where
            if _blank(value_cell.value):
                continue
            filled = True
            value = self._convert(ws, value_cell, item, where)
            if value is not _INVALID:
                forms[path] = value
        if sheet.shape == "string":
            return forms.get((sheet.key,)), filled
        if sheet.shape == "array":
            if table_rows is None:
                raise WorkbookError(
                    f"工作表“{ws.title}”中找不到表格的隐藏标记行，填报表可能被改动过。请用原模板填写。"
                )
            return table_rows, filled
        section: dict[str, Any] = {}
        for item, sub in sheet.node.get("properties", {}).items():
            if item == "figures":
                values = {
                    code: forms[(sheet.key, "figures", code)]
                    for code in sub.get("properties", {})
                    if (sheet.key, "figures", code) in forms
                }
                if values:
                    section["figures"] = values
            elif sheet.table is not None and item == sheet.table.path[-1]:
                if table_rows:
                    section[item] = table_rows
            elif (sheet.key, item) in forms:
                section[item] = forms[(sheet.key, item)]
        return section or None, filled

    def _table(self, ws, key_row, sheet: SheetPlan, rows) -> tuple[list[dict], bool]:
        table = sheet.table
        fields = {f.key: f for f in table.fields}
        columns: dict[int, tuple[Field, int | None]] = {}
        for cell in key_row[1:]:
            key = cell.value
            if not isinstance(key, str) or key.startswith("#"):
                continue
            name, _, index = key.partition(".")
            if name in fields:
                columns[cell.column] = (fields[name], int(index) if index.isdigit() else None)
        if not columns:
            raise WorkbookError(
                f"工作表“{ws.title}”中表格的隐藏标记行被改动过，无法读取。请用原模板填写。"
            )
        next(rows, None)  # the visible header
        result: list[dict] = []
        filled_any = False
        identity = table.identity
        for row in rows:
            cells = {c.column: c for c in row if c.column in columns}
            if all(
                _blank(c.value)
                for col, c in cells.items()
                if identity is None or columns[col][0] is not identity
            ):
                continue
            filled_any = True
            number = len(result)
            row_path = table.path + (number,)
            first_col = min(columns)
            self.cells[row_path] = self._ref(ws, row[0].row, first_col)
            values: dict[str, Any] = {}
            blanks: dict[str, tuple] = {}
            for col in sorted(columns):
                item, index = columns[col]
                cell = cells.get(col) or ws.cell(row[0].row, col)
                where = self._ref(ws, cell.row, col)
                path = row_path + (item.key,)
                if index is None or index == 0:
                    self.cells.setdefault(path, where)
                    blanks.setdefault(item.key, where)
                if _blank(cell.value):
                    continue
                blanks[item.key] = None
                if index is None:
                    value = self._convert(ws, cell, item, where)
                    if value is not _INVALID:
                        values[item.key] = value
                        self.cells[path] = where
                else:
                    element = Field(item.key, dict(item.node["items"], title=item.title))
                    value = self._convert(ws, cell, element, where)
                    if value is not _INVALID:
                        values.setdefault(item.key, []).append(value)
                        self.cells[path + (len(values[item.key]) - 1,)] = where
            for name in table.required:
                if blanks.get(name) is not None and name not in values:
                    self.finding(
                        blanks[name],
                        "S001",
                        f"这一行填了内容，但必填的“{fields[name].title}”没有填。",
                    )
            result.append({k: values[k] for k in fields if k in values})
        return result, filled_any

    def _convert(self, ws, cell, item: Field, where) -> Any:
        """The data value of a filled cell, or _INVALID (and a finding) when it cannot be one."""
        value = cell.value
        if cell.data_type == "f":  # the template has no formulas; a clerk may have typed one
            value = self.opened.cached()[ws.title][cell.coordinate].value
            if value is None:
                self.finding(
                    where,
                    "S003",
                    "这个单元格是公式，但文件中没有它的计算结果（可能不是用 Excel/WPS 保存的）。"
                    "请直接填写内容，或在 Excel/WPS 中打开并保存后再导入。",
                )
                return _INVALID
        kind = item.type
        if kind == "number":
            number = _number(value)
            if number is None:
                self.finding(
                    where,
                    "S003",
                    f"“{item.title}”应填数字（单位：{item.unit or '无'}），这里是“{_show(value)}”。"
                    "只填阿拉伯数字，不写单位、千分位逗号或 %；没有数据就留空。",
                )
                return _INVALID
            if "%" in (cell.number_format or "") and isinstance(value, (int, float)):
                self.finding(
                    where,
                    "S003",
                    f"“{item.title}”单元格设成了百分比格式（显示 {number * 100:g}%，实际值是 {number:g}）。"
                    f"请把单元格改为“常规”格式，直接填 {number * 100:g}。",
                )
                return _INVALID
            return number
        if kind == "choice":
            text = _text(value).strip()
            for code, label in item.labels.items():
                if text in (label, code):
                    return code
            self.finding(
                where,
                "S005",
                f"“{item.title}”的“{_show(value)}”不在下拉列表中。请从列表中选择：{'、'.join(item.labels.values())}。",
            )
            return _INVALID
        if kind == "boolean":
            if isinstance(value, bool):
                return value
            text = _text(value).strip().lower()
            if text in (YES, "true"):
                return True
            if text in (NO, "false"):
                return False
            self.finding(where, "S005", f"“{item.title}”只能选“是”或“否”，这里是“{_show(value)}”。")
            return _INVALID
        return _text(value)


class _Invalid:
    pass


_INVALID = _Invalid()
_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)\Z")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and _DECIMAL.match(value.strip()):
        value = float(value.strip())
    if isinstance(value, (int, float)) and math.isfinite(value):
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    return None


def _text(value: Any) -> str:
    """A text cell's value; a number that Excel made of typed digits comes back as typed."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _show(value: Any) -> str:
    text = _text(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _positions(cells: dict[tuple, tuple[str, tuple]]) -> tuple[Positions, dict[int, tuple]]:
    """Positions whose line numbers are cell numbers, so the validator's findings find their cell."""
    positions = Positions()
    refs: dict[int, tuple] = {}
    for number, (path, where) in enumerate(cells.items(), start=2):
        positions.keys[path] = (number, 1)
        refs[number] = where
    positions.values[()] = (1, 1)
    return positions, refs


def import_workbook(root: Path, path: Path, display: str | None = None) -> Imported:
    """Read a filled template and check it as `sctrack validate` would; nothing is written."""
    display = display or path.name
    opened = open_workbook(path)
    meta = read_meta(opened.book)
    project_id = meta["project"]
    period = parse_period(meta["period"])
    project = read_project(root, project_id)
    reader = _Reader(opened, meta)
    data = reader.read()
    findings = list(reader.findings)
    row = GUIDE_ROWS["project"]
    guide = reader.cells.get(("project",), (f"{GUIDE_SHEET}!B{row}", (-1, row, 2)))
    warnings_ = []
    if meta.get("schema_digest") != schema_digest(reader.name):
        warnings_.append(
            CellFinding(
                guide[1],
                guide[0],
                "S099",
                "这个填报表生成之后，报告的字段定义有过更新。已按新定义检查；若有问题，请重新生成模板。",
                WARNING,
            )
        )
    target = report_path(root, project_id, period)
    imported = Imported(project_id, period, None, [], "", target)
    if project["kind"] != meta["kind"] or (project.get("enterprise_type") or "") != meta.get(
        "enterprise_type", ""
    ):
        findings.append(
            CellFinding(
                guide[1],
                guide[0],
                "X011",
                "立项信息中本项目的类别（或企业类型）在模板生成后改变了，表中的项目与之不符。请重新生成模板。",
            )
        )
    positions, refs = _positions(reader.cells)
    from .validate import check_schema

    for finding in check_schema(reader.name, data, positions, display):
        if finding.code == "S001":
            continue  # every required value is checked at its cell above
        where = refs.get(finding.line, guide)
        findings.append(
            CellFinding(where[1], where[0], finding.code, finding.message, finding.severity)
        )
    if any(f.is_error for f in findings):
        imported.findings = sorted(set(findings)) + warnings_
        return imported
    text = to_yaml(data, period.is_annual, path.name)
    findings += _rules(root, project_id, period, text, reader.cells, guide)
    imported.findings = sorted(set(findings)) + warnings_
    if imported.ok:
        imported.data = data
        imported.text = text
    return imported


def _rules(
    root: Path, project_id: str, period: Period, text: str, cells: dict, guide: tuple
) -> list[CellFinding]:
    """The validator's rules across files, run on a temporary copy of the project's folder."""
    from .validate import validate

    parsed = parse_text(text, period.filename)
    by_position: dict[tuple[int, int], tuple] = {v: k for k, v in parsed.positions.values.items()}
    by_position.update({v: k for k, v in parsed.positions.keys.items()})
    result = []
    with tempfile.TemporaryDirectory(prefix="sctrack-import-") as temporary:
        copy = Path(temporary)
        registry = root / SUBMISSIONS / "registry"
        if registry.is_dir():
            shutil.copytree(registry, copy / SUBMISSIONS / "registry", symlinks=True)
        folder = copy / SUBMISSIONS / "projects" / project_id
        shutil.copytree(project_folder(root, project_id), folder, symlinks=True)
        target = folder / period.filename
        if target.is_symlink():
            target.unlink()
        target.write_text(text, encoding="utf-8")
        for finding in validate(copy, [target]).findings:
            path = by_position.get((finding.line, finding.col), ())
            while path and path not in cells:
                path = path[:-1]
            where = cells.get(path, guide)
            result.append(
                CellFinding(where[1], where[0], finding.code, finding.message, finding.severity)
            )
    return result


# --- writing the report ------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as the demo files are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


class _QuotedDumper(_Dumper):
    pass


FOLD_WIDTH = 80  # display columns above which a one-line text is written as a `>-` block
YAML_WIDTH = 60  # characters per folded line; PyYAML counts a CJK character as one


def _pretty_str(dumper: yaml.SafeDumper, value: str):
    style = None
    if "\n" in value:
        style = "|"
    elif _width(value) > FOLD_WIDTH:
        style = ">"
    elif not isinstance(resolve_plain(value), str):
        style = '"'  # "2021", "true", "010": quoted, so YAML 1.2 reads them as text
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _quoted_str(dumper: yaml.SafeDumper, value: str):
    plain = isinstance(resolve_plain(value), str) and "\n" not in value
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')


_Dumper.add_representer(str, _pretty_str)
_QuotedDumper.add_representer(str, _quoted_str)


def to_yaml(data: dict, annual: bool, source: str) -> str:
    """The report as the repository keeps it: schema line, origin, block style, headings."""
    name = schema.report_schema_name(annual)
    header = (
        f"# yaml-language-server: $schema=../../../site_builder/schemas/{name}.schema.json\n"
        f"# 由 Excel 导入（{source}）\n"
    )
    headings = {p.key: p.heading for p in schema.report_parts(data["kind"], annual)}
    for dumper in (_Dumper, _QuotedDumper):
        body = yaml.dump(
            data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=YAML_WIDTH, indent=2
        )
        lines = []
        for line in body.splitlines():
            key = line[:-1] if line.endswith(":") and not line.startswith(" ") else None
            if key in headings:
                line = f"{line:<20} # {headings[key]}"
            lines.append(line)
        text = header + "\n".join(lines) + "\n"
        parsed = parse_text(text, "check")
        if parsed.ok and parsed.data == data:
            return text
    raise AssertionError("report YAML does not read back to the same data")  # pragma: no cover


def write_report(path: Path, text: str, force: bool) -> bool:
    """Write the report atomically; False (nothing written) when it exists and not `force`."""
    if path.exists() and not force:
        return False
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    try:
        if force:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)  # fails if the report appeared in the meantime
        except FileExistsError:
            return False
        except OSError:
            if path.exists():
                return False
            os.replace(temporary, path)
        return True
    finally:
        temporary.unlink(missing_ok=True)
