"""The workbook's layout, derived from the report schema: sheets, rows, tables, styles."""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from site_builder.spec import catalogue
from site_builder.spec import schema
from site_builder.load.tree import SUBMISSIONS
from site_builder.load.records import Policy
from site_builder.load.periods import Period
from site_builder.load.yamlsafe import parse_file

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
