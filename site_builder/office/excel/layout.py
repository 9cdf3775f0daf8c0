"""The workbook's layout, derived from the report schema: sheets, rows, tables and columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from site_builder.errors import DataError, UsageError
from site_builder.spec import catalogue, schema

GUIDE_SHEET = "说明"
GUIDE_ROWS = {"project": 4, "kind": 5, "period": 6}  # where 说明 shows them, in column B
GUIDE_LAST_COL = 2  # 说明 fills columns A and B only
BLANK_ROWS = {"problems": 5, "cases": 3}  # empty rows offered below the existing ones
EXTRA_ROWS = 200  # drop-downs and checks reach this far below a table, for added rows
MIN_TAG_COLUMNS = 3

# Form sheets: A hidden key, B label, C value, D last period, E explanation.
KEY_COL, LABEL_COL, VALUE_COL, PREVIOUS_COL, NOTE_COL = 1, 2, 3, 4, 5
FORM_WIDTHS = {"A": 24, "B": 30, "C": 70, "D": 16, "E": 50}

YES, NO = "是", "否"


class WorkbookError(DataError):
    """The workbook or the request cannot be handled at all; the message says why, in Chinese."""


class UnknownProject(UsageError):
    """No such project folder: a wrong argument (exit 2). `import` reports it as a
    WorkbookError instead, since there the project comes from the workbook."""


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
        return for_excel(self.node.get("description", ""))

    @property
    def table_node(self) -> dict:
        """Schema of the list a section holds (targets: progress)."""
        if self.table is None:
            raise ValueError(f"{self.key}: a part without a list")
        return self.node["properties"][self.table.path[-1]]


def population_of(kind: str, enterprise_type: str | None) -> str:
    """Who the catalogue's `applies_to` calls this project: region, entity or financial."""
    return "region" if kind == "region" else (enterprise_type or "entity")


def _applies(node: dict, population: str) -> bool:
    code = node.get("x-indicator")
    if code and code in catalogue.indicators():
        return population in catalogue.indicators()[code].applies_to
    allowed = node.get("x-applies-to")
    return not allowed or population in allowed


def _table(path: tuple[str, ...], node: dict) -> Table:
    items = node["items"]
    fields = tuple(Field(k, v) for k, v in items["properties"].items())
    return Table(path, items, fields)


def plan(kind: str, enterprise_type: str | None, annual: bool) -> list[SheetPlan]:
    """The sheets of a report of this kind, in the schema's order."""
    root = schema.load(schema.report_schema_name(annual))
    parts = {p.key: p for p in schema.report_parts(kind, annual)}
    population = population_of(kind, enterprise_type)
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
                if item == "figures" or not _applies(sub, population):
                    continue
                if sub.get("type") == "array":
                    table = _table((key, item), sub)
                else:
                    texts.append(Field(item, sub))
            figures = [
                Field(code, sub)
                for code, sub in (part.figures if part else {}).items()
                if _applies(sub, population)
            ]
            sheets.append(SheetPlan(key, title, heading, node, tuple(texts), tuple(figures), table))
    return sheets


def required_top(kind: str, annual: bool) -> set[str]:
    root = schema.load(schema.report_schema_name(annual))
    return set(root.get("required", [])) | set(schema.kind_branch(root, kind).get("required", []))


def for_excel(text: str) -> str:
    """A schema description as a clerk in Excel reads it (no YAML syntax)."""
    text = text.replace("写 []", "留空").replace("不填）", "留空）")
    text = text.replace("true：", "选“是”：").replace("false 或不填", "选“否”或留空")
    return text.replace("没有的数据不填（不要写 0）", "没有的数据留空（不要填 0）")


def range_text(node: dict) -> str:
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


def leaves(data: Any, path: tuple = ()) -> list[tuple]:
    """Paths of the values in a report (a list of choices counts as one value)."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in leaves(v, path + (k,))]
    if isinstance(data, list) and path[-1:] != ("tags",):
        return [p for i, v in enumerate(data) for p in leaves(v, path + (i,))]
    return [path]


def get_path(data: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data
