"""Writing the workbook to fill in (`sctrack template`): one sheet per part of the outline."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from site_builder.analyse.calendar import due_date
from site_builder.load.periods import Period
from site_builder.load.records import Target
from site_builder.load.tree import SubmissionsTree
from site_builder.office.excel.cells import add_validation, put, shown_value, style_input
from site_builder.office.excel.guide import write_guide
from site_builder.office.excel.layout import (
    BLANK_ROWS,
    EXTRA_ROWS,
    FORM_WIDTHS,
    GUIDE_SHEET,
    KEY_COL,
    LABEL_COL,
    MIN_TAG_COLUMNS,
    NOTE_COL,
    PREVIOUS_COL,
    VALUE_COL,
    Field,
    SheetPlan,
    Table,
    WorkbookError,
    for_excel,
    get_path,
    leaves,
    plan,
    range_text,
)
from site_builder.office.excel.meta import write_meta
from site_builder.office.excel.project_files import read_policy, read_project, read_report
from site_builder.office.excel.styles import (
    BOLD,
    GREY_TEXT,
    HEADER,
    LABEL,
    NOTE,
    REFERENCE,
    SUBHEAD_FILL,
    WRAP,
    named_styles,
    row_height,
)
from site_builder.present.sheetcells import without_formulas

# (field, index within a list of choices, width) per column of a table.
Columns = list[tuple[Field, int | None, int]]


@dataclass
class Template:
    workbook: Workbook
    prefilled: str | None  # the report the values came from
    previous: Period | None  # the period whose figures are shown for reference
    notes: list[str] = field(default_factory=list)  # what could not be carried over


def make_template(root: Path, project_id: str, period: Period) -> Template:
    """The workbook for one project and period, pre-filled from the report if it exists."""
    tree = SubmissionsTree(root)
    project = read_project(tree, project_id)
    existing = read_report(tree, project_id, period)
    previous_period = period.previous()
    previous = None
    if existing is None:
        try:
            previous = read_report(tree, project_id, previous_period)
        except WorkbookError:
            previous = None
    shown_previous = previous_period if previous else None
    prefilled = tree.display(tree.report_file(project_id, period)) if existing else None
    writer = _Writer(project, period, existing, previous, shown_previous)
    sheets = plan(project["kind"], project.get("enterprise_type"), period.is_annual)
    due = due_date(period, read_policy(tree))
    write_guide(
        writer.new_sheet(GUIDE_SHEET, pages_tall=1),
        project,
        period,
        shown_previous,
        sheets,
        due,
        existing is not None,
    )
    for sheet in sheets:
        writer.sheet(sheet)
    write_meta(writer.book, project, period, sheets, prefilled or "")
    writer.book.active = 0
    notes = [
        f"现有报告中的“{'.'.join(map(str, p))}”在模板中没有对应的位置，未带入。"
        for p in leaves(existing or {})
        if p[0] not in ("project", "period", "kind") and p not in writer.placed
    ]
    return Template(writer.book, prefilled, shown_previous, notes)


class _Writer:
    """Builds the sheets of the outline's parts, one by one."""

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
        for style in named_styles():
            self.book.add_named_style(style)
        self.placed: set[tuple] = set()

    def new_sheet(self, title: str, pages_tall: int = 0) -> Worksheet:
        """A sheet printed on A4 (China's paper, not openpyxl's Letter), one page wide;
        `pages_tall` 1 keeps it on one portrait page (the instructions), 0 lets it run on."""
        active = self.book.active
        if isinstance(active, Worksheet) and active.title == "Sheet":
            ws = active
            ws.title = title
        else:
            ws = self.book.create_sheet(title)
        ws.sheet_view.zoomScale = 110
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        # The instructions read top to bottom: portrait; the forms and tables are wide: landscape.
        ws.page_setup.orientation = "portrait" if pages_tall else "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = pages_tall
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.horizontalCentered = True
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
        ws.row_dimensions[2].height = row_height([(note, 150)], 20)

    def sheet(self, plan_: SheetPlan) -> None:
        ws = self.new_sheet(plan_.title)
        ws.column_dimensions["A"].hidden = True
        ws.cell(1, KEY_COL, f"#part:{plan_.key}")
        if plan_.shape == "array":
            self._table_sheet(ws, plan_)
            return
        for letter, width in FORM_WIDTHS.items():
            ws.column_dimensions[letter].width = width
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
        text = f"{node.get('title', '')}：{for_excel(node.get('description', ''))}"
        cell = ws.cell(row, LABEL_COL, text)
        cell.font = BOLD
        cell.fill = SUBHEAD_FILL
        cell.alignment = WRAP
        ws.merge_cells(start_row=row, start_column=LABEL_COL, end_row=row, end_column=NOTE_COL)
        ws.row_dimensions[row].height = row_height([(text, 150)], 18)
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
        value = get_path(self.existing, path)
        if value is not None:
            self.placed.add(path)
        cell = put(ws, row, VALUE_COL, shown_value(item, value))
        style_input(cell, item)
        add_validation(ws, item, cell.coordinate)
        reference = ws.cell(row, PREVIOUS_COL)
        if item.type == "number":
            reference.style = REFERENCE
            old = get_path(self.previous, path)
            if isinstance(old, (int, float)) and not isinstance(old, bool):
                reference.value = old
        else:
            reference.style = cell.style
        note = for_excel(item.node.get("description", ""))
        if item.type == "number" and range_text(item.node):
            note += f"填写范围：{range_text(item.node)}。"
        ws.cell(row, NOTE_COL, note).style = NOTE
        ws.row_dimensions[row].height = row_height(
            [(cell.value, width), (note, FORM_WIDTHS["E"]), (item.label, FORM_WIDTHS["B"])],
            minimum,
        )

    def _table_sheet(self, ws, plan_: SheetPlan) -> None:
        table = plan_.table
        if table is None:
            raise ValueError(f"{plan_.key}: an array part without its table")
        columns = self._columns(table)
        last = LABEL_COL + len(columns) - 1
        for offset, (_, _, width) in enumerate(columns):
            ws.column_dimensions[get_column_letter(LABEL_COL + offset)].width = width
        hints = "".join(
            f"{item.title}：{for_excel(item.node.get('description', ''))}" for item in table.fields
        )
        self._title_rows(ws, plan_.heading, f"{plan_.description}{hints}", last)
        self._table(ws, 3, table, columns)

    def _columns(self, table: Table) -> list[tuple[Field, int | None, int]]:
        """(field, index within a list of choices, width) per column."""
        columns: list[tuple[Field, int | None, int]] = []
        existing = get_path(self.existing, table.path) or []
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

    def _table(self, ws: Worksheet, row: int, table: Table, columns: Columns | None = None) -> None:
        """A table: its hidden key row, its header, a row per existing or expected entry,
        and the validation of its columns."""
        columns = columns or self._columns(table)
        _table_keys(ws, row, table, columns)
        header = row + 1
        _table_header(ws, header, table, columns)
        if ws.freeze_panes is None or ws.freeze_panes == "A1":
            ws.freeze_panes = f"A{header + 1}"
        rows = self._rows(table)
        first = header + 1
        for number, data in enumerate(rows):
            self._table_row(ws, first + number, number, data, table, columns)
        last = first + max(len(rows), 1) + EXTRA_ROWS
        for offset, (item, _, _) in enumerate(columns):
            letter = get_column_letter(LABEL_COL + offset)
            add_validation(ws, item, f"{letter}{first}:{letter}{last}")
        if table.identity is not None:
            self._target_choices(ws, first, last, table.identity, columns)

    def _table_row(
        self,
        ws: Worksheet,
        r: int,
        number: int,
        data: dict[str, Any],
        table: Table,
        columns: Columns,
    ) -> None:
        """One row of a table, filled from the report when it has one; beside a target's id,
        what the target promises (grey, not read back)."""
        cells: list[tuple[Any, float]] = []
        for offset, (item, index, width) in enumerate(columns):
            value = data.get(item.key)
            if index is not None:
                value = value[index] if isinstance(value, list) and index < len(value) else None
            path = table.path + (number, item.key) + (() if index is None else (index,))
            if value is not None and get_path(self.existing, path) is not None:
                self.placed.add(table.path + (number, item.key))
            cell = put(ws, r, LABEL_COL + offset, shown_value(item, value))
            style_input(cell, item)
            cells.append((cell.value, width))
        if table.identity is not None:
            text = self._target_text(data.get(table.identity.key))
            ws.cell(r, LABEL_COL + len(columns), text).style = REFERENCE
            cells.append((text, 50))
        ws.row_dimensions[r].height = row_height(cells, 60 if table.identity is None else 45)

    def _target_choices(
        self, ws: Worksheet, first: int, last: int, identity: Field, columns: Columns
    ) -> None:
        """The target id column offers the project's ids as a list, when they fit in Excel's
        255 characters of a list validation."""
        ids = [t["id"] for t in self.project.get("targets", [])]
        if not ids or len(",".join(ids)) >= 250:
            return
        letter = get_column_letter(
            LABEL_COL + columns.index(next(c for c in columns if c[0] is identity))
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
        existing = [r for r in (get_path(self.existing, table.path) or []) if isinstance(r, dict)]
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
            if target.get("id") == target_id:
                return Target(**target).wording("path")
        return "（立项信息中没有这个目标编号）" if target_id else ""


def _table_keys(ws: Worksheet, row: int, table: Table, columns: Columns) -> None:
    """The hidden row of keys the reader reads the table's columns by."""
    ws.cell(row, KEY_COL, "#table:" + ".".join(table.path))
    for offset, (item, index, _) in enumerate(columns):
        key = item.key if index is None else f"{item.key}.{index}"
        ws.cell(row, LABEL_COL + offset, key)
    if table.identity is not None:
        ws.cell(row, LABEL_COL + len(columns), "#reference")
    ws.row_dimensions[row].hidden = True


def _table_header(ws: Worksheet, header: int, table: Table, columns: Columns) -> None:
    """The visible header: each column's title, numbered for a list's items, 必填 marked."""
    for offset, (item, index, _) in enumerate(columns):
        label = item.title if index is None else f"{item.title}{index + 1}"
        if item.key in table.required and (index is None or index == 0):
            label += "（必填）"
        ws.cell(header, LABEL_COL + offset, label).style = HEADER
    if table.identity is not None:
        ws.cell(header, LABEL_COL + len(columns), "目标内容（立项信息）").style = HEADER


def save(workbook: Workbook, output: Path) -> None:
    """Write atomically: a temporary file next to the target, then rename.

    Any cell openpyxl took for a formula is made text first: the template computes
    nothing, so a formula could only come from submitted text (a project's name).
    """
    without_formulas(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    temporary = output.with_name(f".{output.name}.tmp")
    temporary.write_bytes(buffer.getvalue())
    os.replace(temporary, output)
