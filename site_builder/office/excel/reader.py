"""Reading a filled workbook's cells by the plan of its sheets into report data.

Every value read is remembered with its cell, so that a finding about a data
path (the validator's) can be pointed back at the cell it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

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
    Table,
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
from site_builder.office.excel.sheet_rows import (
    Column,
    FormRows,
    RowValues,
    blank_row,
    duplicate_key,
    form_item,
    require_sheets,
    section_data,
)
from site_builder.office.excel.values import Invalid, Normalised, blank, convert
from site_builder.office.excel.workbook import Opened
from site_builder.spec import schema

# A cell as openpyxl yields it: a Cell, or a MergedCell inside a merged range (its value is
# None and its row and column are those of the range's cell).
Cell = Any

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

    def read(self) -> dict[str, Any]:
        sheets = plan(self.kind, self.meta.get("enterprise_type") or None, self.period.is_annual)
        found = self._parts()
        require_sheets(sheets, found)
        self._guide_cells()
        data: dict[str, Any] = {
            "project": self.meta["project"],
            "period": str(self.period),
            "kind": self.kind,
        }
        required = required_top(self.kind, self.period.is_annual)
        for sheet in sheets:
            self._read_part(data, found[sheet.key], sheet, sheet.key in required)
        self._leftovers(sheets, found)
        return data

    def _guide_cells(self) -> None:
        """Findings about the project and the period point at their rows of the instructions."""
        if GUIDE_SHEET in self.book.sheetnames:
            guide = self.book[GUIDE_SHEET]
            self.sheet_order[GUIDE_SHEET] = GUIDE_SHEET_INDEX
            for key, row in GUIDE_ROWS.items():
                self.cells[(key,)] = self._ref(guide, row, 2)

    def _read_part(
        self, data: dict[str, Any], ws: Worksheet, sheet: SheetPlan, required: bool
    ) -> None:
        """One part's value into `data`, or the finding that a required part is empty."""
        value, filled = self._sheet(ws, sheet)
        first = self._first_input(ws, sheet)
        self.cells.setdefault((sheet.key,), first)
        if sheet.shape == "array" and not value and not required:
            return  # no cases: the key is left out, as in a file without cases
        if value is not None:
            data[sheet.key] = value
        elif required and not filled:
            self._empty_part(data, sheet, first)

    def _empty_part(self, data: dict[str, Any], sheet: SheetPlan, first: Location) -> None:
        """A required part left empty: an empty table is a valid answer, an empty text is not."""
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

    def _first_input(self, ws, sheet: SheetPlan) -> Location:
        for row in range(1, ws.max_row + 1):
            key = ws.cell(row, KEY_COL).value
            if isinstance(key, str) and key and not key.startswith("#part"):
                if key.startswith("#table:"):
                    return self._ref(ws, row + 2, LABEL_COL)
                return self._ref(ws, row, VALUE_COL)
        return self._ref(ws, 1, LABEL_COL)

    def _sheet(self, ws: Worksheet, sheet: SheetPlan) -> tuple[Any, bool]:
        """The value of one part, and whether any of its cells was filled at all: each row
        read by its kind (a form row, or the marker row of the table that ends the sheet)."""
        read = FormRows()
        table_rows: list[dict[str, Any]] | None = None
        rows = ws.iter_rows(min_row=2)
        for row in rows:
            key = row[0].value if row else None
            if not isinstance(key, str) or not key:
                continue  # a heading, a note or an empty row
            if key.startswith("#table:"):
                table_rows, any_filled = self._table(ws, row, sheet, rows)
                read.filled = read.filled or any_filled
                break
            self._form_row(ws, row, key, sheet, read)
        return self._part_value(ws, sheet, read.forms, table_rows), read.filled

    def _form_row(
        self, ws: Worksheet, row: tuple[Cell, ...], key: str, sheet: SheetPlan, read: FormRows
    ) -> None:
        """One row of a form: a value in column C under its hidden key in column A."""
        path = tuple(key.split("."))
        row_number: int = row[0].row
        value_cell = row[VALUE_COL - 1] if len(row) >= VALUE_COL else ws.cell(row_number, VALUE_COL)
        where = self._ref(ws, row_number, VALUE_COL)
        item = form_item(sheet, path)
        if item is None:
            self.finding(
                where,
                "S002",
                f"这一行的隐藏标记“{key}”不是本表应有的项目，填报表可能被改动过。请用原模板填写。",
            )
            return
        if path in read.seen:
            # A second row with the same key would silently replace the visible one.
            self.finding(where, "S014", duplicate_key(key, read.seen[path]))
            return
        read.seen[path] = where
        self.cells[path] = where
        self._input(ws, row_number, VALUE_COL, item.title)
        self._reference(ws, row_number, path, item)
        if blank(value_cell.value):
            return
        read.filled = True
        value = self._convert(ws, value_cell, item, where)
        if value is not INVALID:
            read.forms[path] = value

    def _part_value(
        self,
        ws: Worksheet,
        sheet: SheetPlan,
        forms: dict[tuple[str, ...], Any],
        table_rows: list[dict[str, Any]] | None,
    ) -> Any:
        """The part's data by its shape: one text, the table's rows, or a section."""
        if sheet.shape == "string":
            return forms.get((sheet.key,))
        if sheet.shape == "array":
            if table_rows is None:
                raise WorkbookError(
                    f"工作表“{ws.title}”中找不到表格的隐藏标记行，填报表可能被改动过。请用原模板填写。"
                )
            return table_rows
        return section_data(sheet, forms, table_rows)

    def _table(
        self, ws: Worksheet, key_row: tuple[Cell, ...], sheet: SheetPlan, rows: Iterator[Any]
    ) -> tuple[list[dict[str, Any]], bool]:
        """The rows of the sheet's table, and whether any was filled."""
        table = sheet.table
        if table is None:  # a table's marker row copied onto a sheet that has no table
            raise WorkbookError(
                f"工作表“{ws.title}”中表格的隐藏标记行被改动过，无法读取。请用原模板填写。"
            )
        columns = self._table_columns(ws, key_row, table)
        next(rows, None)  # the visible header
        result: list[dict[str, Any]] = []
        filled_any = False
        for row in rows:
            self._table_inputs(ws, row[0].row, columns)
            cells = {c.column: c for c in row if c.column in columns}
            if blank_row(cells, columns, table.identity):
                continue
            filled_any = True
            result.append(self._table_row(ws, row[0].row, cells, columns, table, len(result)))
        return result, filled_any

    def _table_columns(
        self, ws: Worksheet, key_row: tuple[Cell, ...], table: Table
    ) -> dict[int, Column]:
        """The table's columns by number, read from the hidden keys of its marker row
        (`name`, or `name.0`, `name.1` for the items of a list)."""
        fields = {f.key: f for f in table.fields}
        columns: dict[int, Column] = {}
        seen: dict[tuple[str, int | None], Location] = {}
        for cell in key_row[1:]:
            key = cell.value
            if not isinstance(key, str) or key.startswith("#"):
                continue
            name, _, suffix = key.partition(".")
            if name not in fields:
                continue
            column = (fields[name], int(suffix) if suffix.isascii() and suffix.isdigit() else None)
            where = self._ref(ws, cell.row, cell.column)
            if (name, column[1]) in seen:
                self.finding(where, "S014", duplicate_key(key, seen[(name, column[1])]))
                continue
            seen[(name, column[1])] = where
            columns[cell.column] = column
        if not columns:
            raise WorkbookError(
                f"工作表“{ws.title}”中表格的隐藏标记行被改动过，无法读取。请用原模板填写。"
            )
        return columns

    def _table_row(
        self,
        ws: Worksheet,
        row_number: int,
        cells: dict[int, Cell],
        columns: dict[int, Column],
        table: Table,
        number: int,
    ) -> dict[str, Any]:
        """One filled row of the table as data; S001 for a required column left empty."""
        row_path = table.path + (number,)
        self.cells[row_path] = self._ref(ws, row_number, min(columns))
        row = RowValues()
        for col in sorted(columns):
            cell = cells.get(col) or ws.cell(row_number, col)
            self._table_cell(ws, cell, columns[col], row_path + (columns[col][0].key,), row)
        fields = {f.key: f for f in table.fields}
        for name in table.required:
            where = row.blanks.get(name)
            if where is not None and name not in row.values:
                self.finding(
                    where, "S001", f"这一行填了内容，但必填的“{fields[name].title}”没有填。"
                )
        return {k: row.values[k] for k in fields if k in row.values}

    def _table_cell(
        self, ws: Worksheet, cell: Cell, column: Column, path: tuple[Any, ...], row: RowValues
    ) -> None:
        """One cell of a table row: a value of its own, or one item of a list of values."""
        item, index = column
        where = self._ref(ws, cell.row, cell.column)
        if index is None or index == 0:
            self.cells.setdefault(path, where)
            row.blanks.setdefault(item.key, where)
        if blank(cell.value):
            return
        row.blanks[item.key] = None
        if index is None:
            value = self._convert(ws, cell, item, where)
            if value is not INVALID:
                row.values[item.key] = value
                self.cells[path] = where
            return
        element = Field(item.key, dict(item.node["items"], title=item.title))
        value = self._convert(ws, cell, element, where)
        if value is not INVALID:
            row.values.setdefault(item.key, []).append(value)
            self.cells[path + (len(row.values[item.key]) - 1,)] = where
