"""Reading a filled workbook's cells by the plan of its sheets into report data.

Every value read is remembered with its cell, so that a finding about a data
path (the validator's) can be pointed back at the cell it came from.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from site_builder.findings import WARNING, Finding, Location
from site_builder.load.periods import checked_period
from site_builder.office.excel.layout import (
    GUIDE_ROWS,
    GUIDE_SHEET,
    KEY_COL,
    LABEL_COL,
    PREVIOUS_COL,
    VALUE_COL,
    Field,
    SheetPlan,
    WorkbookError,
    get_path,
    plan,
    required_top,
)
from site_builder.office.excel.leftovers import (
    Where,
    added_sheet,
    beside_guide,
    comments,
    copied_sheet,
    merges_across_items,
    strays,
)
from site_builder.office.excel.meta import META_SHEET
from site_builder.office.excel.values import Invalid, Normalised, blank, convert
from site_builder.office.excel.workbook import Opened
from site_builder.spec import schema

INVALID = object()  # what a cell that holds no value of its field reads as
GUIDE_SHEET_INDEX = -1  # the instructions sheet sorts before the parts


def cell_location(display: str, sheet: str, row: int, col: int, sheet_index: int) -> Location:
    """A workbook cell as a finding's location: `季报.xlsx 组织保障!C5`."""
    return Location(display, sheet_index, row, col, sheet)


class Reader:
    """Turns the cells of one workbook into report data, a cell for every path, and findings."""

    def __init__(
        self, opened: Opened, meta: dict[str, str], display: str, previous: dict | None = None
    ):
        self.opened = opened
        self.previous = previous  # the last period's report, whose figures column D shows
        self.book = opened.book
        self.meta = meta
        self.display = display  # the workbook's name in findings
        self.period = checked_period(meta["period"])
        self.kind = meta["kind"]
        self.name = schema.report_schema_name(self.period.is_annual)
        self.cells: dict[tuple, Location] = {}  # data path -> its cell
        self.findings: list[Finding] = []
        self.sheet_order: dict[str, int] = {}
        self.inputs: dict[str, dict[Where, str]] = {}  # sheet -> input cell -> what it holds
        self.references: dict[str, dict[Where, Any]] = {}  # sheet -> 上期数 cell -> its figure

    def _ref(self, ws, row: int, col: int) -> Location:
        return cell_location(self.display, ws.title, row, col, self.sheet_order.get(ws.title, 0))

    def finding(self, where: Location, code: str, message: str) -> None:
        self.findings.append(Finding(where, code, message))

    def _convert(self, ws, cell, item: Field, where: Location) -> Any:
        """The cell's data value, or INVALID once its finding is recorded."""
        value = convert(self.opened, ws, cell, item)
        if isinstance(value, Invalid):
            self.finding(where, value.code, value.message)
            return INVALID
        if isinstance(value, Normalised):
            self.findings.append(Finding(where, "E001", value.message(item), WARNING))
            return value.value
        return value

    def _input(self, ws, row: int, col: int, what: str) -> None:
        """Remember an input cell, for the merges and stray text around it."""
        self.inputs.setdefault(ws.title, {})[(row, col)] = what

    def _table_inputs(self, ws, row: int, columns: dict[int, tuple[Field, int | None]]) -> None:
        for col, (item, _) in columns.items():
            self._input(ws, row, col, f"第 {row} 行的“{item.title}”")

    def _reference(self, ws, row: int, path: tuple, item: Field) -> None:
        """Remember what the last-period cell of a form row shows: a figure's last value;
        nothing for a text row, whose value box covers the cell."""
        shown = get_path(self.previous, path) if item.type == "number" else None
        self.references.setdefault(ws.title, {})[(row, PREVIOUS_COL)] = shown

    def _parts(self) -> dict[str, Any]:
        """The sheets of the outline's parts by key; findings for the other sheets."""
        found: dict[str, Any] = {}
        for number, ws in enumerate(self.book.worksheets):
            self.sheet_order[ws.title] = number
            marker = ws.cell(1, KEY_COL).value
            is_part = isinstance(marker, str) and marker.startswith("#part:")
            part = marker[len("#part:") :] if isinstance(marker, str) and is_part else ""
            if not is_part:
                if ws.title not in (GUIDE_SHEET, META_SHEET):
                    self._note(added_sheet(ws, partial(self._ref, ws)))
            elif part in found:
                where = self._ref(ws, 1, LABEL_COL)
                self.findings.append(copied_sheet(ws, where, found[part].title))
            else:
                found[part] = ws
        return found

    def _note(self, finding: Finding | None) -> None:
        if finding is not None:
            self.findings.append(finding)

    def _leftovers(self, sheets: list[SheetPlan], found: dict[str, Any]) -> None:
        """What was typed where no value is read: added sheets, stray text, wide merges."""
        planned = {s.key for s in sheets}
        if GUIDE_SHEET in self.book.sheetnames:
            guide = self.book[GUIDE_SHEET]
            self.findings.extend(beside_guide(guide, partial(self._ref, guide)))
        for key, ws in found.items():
            if key not in planned:  # a part this project's report does not have
                self._note(added_sheet(ws, partial(self._ref, ws)))
                continue
            inputs = self.inputs.get(ws.title, {})
            references = self.references.get(ws.title, {})
            self.findings.extend(strays(ws, inputs, references, partial(self._ref, ws)))
            self.findings.extend(merges_across_items(ws, inputs, partial(self._ref, ws)))
            self.findings.extend(comments(ws, partial(self._ref, ws)))

    def read(self) -> dict:
        sheets = plan(self.kind, self.meta.get("enterprise_type") or None, self.period.is_annual)
        found = self._parts()
        missing = [s for s in sheets if s.key not in found]
        if missing:
            names = "、".join(f"“{s.title}”" for s in missing)
            raise WorkbookError(
                f"填报表中找不到工作表{names}（可能被删除，或第一列隐藏的标记被改动）。"
                "请用原模板填写，不要删除工作表；或重新运行 sctrack template 生成模板。"
            )
        if GUIDE_SHEET in self.book.sheetnames:
            guide = self.book[GUIDE_SHEET]
            self.sheet_order[GUIDE_SHEET] = GUIDE_SHEET_INDEX
            for key, row in GUIDE_ROWS.items():
                self.cells[(key,)] = self._ref(guide, row, 2)
        data: dict[str, Any] = {
            "project": self.meta["project"],
            "period": str(self.period),
            "kind": self.kind,
        }
        required = required_top(self.kind, self.period.is_annual)
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
        self._leftovers(sheets, found)
        return data

    def _first_input(self, ws, sheet: SheetPlan) -> Location:
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
        seen: dict[tuple, Location] = {}
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
            if path in seen:
                # A second row with the same key would silently replace the visible one.
                self.finding(where, "S014", _duplicate_key(key, seen[path]))
                continue
            seen[path] = where
            self.cells[path] = where
            self._input(ws, value_cell.row, VALUE_COL, item.title)
            self._reference(ws, value_cell.row, path, item)
            if blank(value_cell.value):
                continue
            filled = True
            value = self._convert(ws, value_cell, item, where)
            if value is not INVALID:
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
        if table is None:
            raise ValueError(f"{sheet.key}: a sheet without a table")  # the callers check
        fields = {f.key: f for f in table.fields}
        columns: dict[int, tuple[Field, int | None]] = {}
        seen: dict[tuple, Location] = {}
        for cell in key_row[1:]:
            key = cell.value
            if not isinstance(key, str) or key.startswith("#"):
                continue
            name, _, suffix = key.partition(".")
            if name not in fields:
                continue
            column = (fields[name], int(suffix) if suffix.isascii() and suffix.isdigit() else None)
            if (name, column[1]) in seen:
                where = self._ref(ws, cell.row, cell.column)
                self.finding(where, "S014", _duplicate_key(key, seen[(name, column[1])]))
                continue
            seen[(name, column[1])] = self._ref(ws, cell.row, cell.column)
            columns[cell.column] = column
        if not columns:
            raise WorkbookError(
                f"工作表“{ws.title}”中表格的隐藏标记行被改动过，无法读取。请用原模板填写。"
            )
        next(rows, None)  # the visible header
        result: list[dict] = []
        filled_any = False
        identity = table.identity
        for row in rows:
            self._table_inputs(ws, row[0].row, columns)
            cells = {c.column: c for c in row if c.column in columns}
            if all(
                blank(c.value)
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
            blanks: dict[str, Location | None] = {}
            for col in sorted(columns):
                item, index = columns[col]
                cell = cells.get(col) or ws.cell(row[0].row, col)
                where = self._ref(ws, cell.row, col)
                path = row_path + (item.key,)
                if index is None or index == 0:
                    self.cells.setdefault(path, where)
                    blanks.setdefault(item.key, where)
                if blank(cell.value):
                    continue
                blanks[item.key] = None
                if index is None:
                    value = self._convert(ws, cell, item, where)
                    if value is not INVALID:
                        values[item.key] = value
                        self.cells[path] = where
                else:
                    element = Field(item.key, dict(item.node["items"], title=item.title))
                    value = self._convert(ws, cell, element, where)
                    if value is not INVALID:
                        values.setdefault(item.key, []).append(value)
                        self.cells[path + (len(values[item.key]) - 1,)] = where
            for name in table.required:
                blank_at = blanks.get(name)
                if blank_at is not None and name not in values:
                    self.finding(
                        blank_at,
                        "S001",
                        f"这一行填了内容，但必填的“{fields[name].title}”没有填。",
                    )
            result.append({k: values[k] for k in fields if k in values})
        return result, filled_any


def _duplicate_key(key: str, first: Location) -> str:
    return (
        f"隐藏标记“{key}”重复（第一次在 {first.cell}），同一项只能有一处填写，"
        "填报表可能被改动过。请用原模板填写。"
    )
