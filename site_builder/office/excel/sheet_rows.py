"""The pieces of reading a part's sheet that need no workbook state: which field a form
row's hidden key names, what a section's data is made of, whether a table row is blank,
and the records a sheet's rows fill while they are read (`reader.Reader`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import Cell

from site_builder.findings import Location
from site_builder.office.excel.layout import Field, SheetPlan, WorkbookError
from site_builder.office.excel.values import blank

# A table column: its field, and for one item of a list field, the item's index.
Column = tuple[Field, int | None]


@dataclass
class FormRows:
    """What the form rows of one sheet hold: values and cells by data path, and whether any
    value was filled in."""

    forms: dict[tuple[str, ...], Any] = field(default_factory=dict)
    seen: dict[tuple[str, ...], Location] = field(default_factory=dict)
    filled: bool = False


@dataclass
class RowValues:
    """One table row being read: its values, and the first cell of each column still empty
    (where a missing required value is pointed at)."""

    values: dict[str, Any] = field(default_factory=dict)
    blanks: dict[str, Location | None] = field(default_factory=dict)


def require_sheets(sheets: list[SheetPlan], found: dict[str, Any]) -> None:
    """Every planned part has its sheet: without one the workbook cannot be read."""
    missing = [s for s in sheets if s.key not in found]
    if missing:
        names = "、".join(f"“{s.title}”" for s in missing)
        raise WorkbookError(
            f"填报表中找不到工作表{names}（可能被删除，或第一列隐藏的标记被改动）。"
            "请用原模板填写，不要删除工作表；或重新运行 sctrack template 生成模板。"
        )


def form_item(sheet: SheetPlan, path: tuple[str, ...]) -> Field | None:
    """The field a form row's key names in this sheet; None for a key the sheet has not."""
    texts = {f.key: f for f in sheet.texts}
    if sheet.shape == "string" and path == (sheet.key,):
        return texts.get(sheet.key)
    if len(path) == 2 and path[0] == sheet.key:
        return texts.get(path[1])
    if len(path) == 3 and path[:2] == (sheet.key, "figures"):
        return {f.key: f for f in sheet.figures}.get(path[2])
    return None


def section_data(
    sheet: SheetPlan, forms: dict[tuple[str, ...], Any], table_rows: list[dict[str, Any]] | None
) -> dict[str, Any] | None:
    """A section part's data in its schema's order: texts, figures and the table's rows."""
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
    return section or None


def blank_row(cells: dict[int, Cell], columns: dict[int, Column], identity: Field | None) -> bool:
    """Nothing filled in the row but the column the template fills in itself (the target's id)."""
    return all(
        blank(c.value)
        for col, c in cells.items()
        if identity is None or columns[col][0] is not identity
    )


def duplicate_key(key: str, first: Location) -> str:
    return (
        f"隐藏标记“{key}”重复（第一次在 {first.cell}），同一项只能有一处填写，"
        "填报表可能被改动过。请用原模板填写。"
    )
