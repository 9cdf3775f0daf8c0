"""What a clerk put in a workbook where import reads no value: nothing is dropped unsaid.

The reader takes values from the input cells of the sheets the template made.
A clerk may also add a sheet, type beside the form (a note in column F, a row
inserted without its hidden key) or merge cells across two items, so that only
the first of them is read. Each of these is a finding naming the cell.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from site_builder.findings import WARNING, Finding, Location
from site_builder.office.excel.layout import GUIDE_LAST_COL, KEY_COL
from site_builder.office.excel.styles import INPUT_CHOICE, INPUT_NUMBER, INPUT_TEXT, REFERENCE
from site_builder.office.excel.values import blank, quoted

# The styles of cells the template writes for a clerk to fill in.
INPUT_STYLES = {INPUT_TEXT, INPUT_NUMBER, INPUT_CHOICE}
# The style of a cell the template never touched (its titles are merged ranges of it).
PLAIN_STYLE = "Normal"
STRAY_ADVICE = "属于报告的内容请移到对应项目的浅黄色填写区；不需要的请删除。"
REFERENCE_ADVICE = "灰色的“上期数”列只作参考；本期数请填在左边浅黄色的“填写内容”列。"

Where = tuple[int, int]  # a cell's row and column
Locate = Callable[[int, int], Location]  # a row and column of the sheet at hand as a location


def filled_cells(ws: Worksheet) -> Iterator:
    """The cells of a sheet that hold something."""
    for row in ws.iter_rows():
        for cell in row:
            if not blank(getattr(cell, "value", None)):
                yield cell


def added_sheet(ws: Worksheet, locate: Locate) -> Finding | None:
    """A sheet the template did not make: a warning at its first filled cell, if any."""
    cell = next(filled_cells(ws), None)
    if cell is None:
        return None  # an empty sheet loses nothing
    return Finding(
        locate(cell.row, cell.column),
        "E002",
        f"工作表“{ws.title}”不是填报表的一部分，其中的内容（如 {cell.coordinate}"
        f"“{quoted(cell.value)}”）不会导入。属于报告的内容请填到对应工作表的浅黄色填写区。",
        WARNING,
    )


def copied_sheet(ws: Worksheet, where: Location, first: str) -> Finding:
    """A second sheet for the same part (a copy): which one the clerk filled is unclear."""
    return Finding(
        where,
        "E002",
        f"工作表“{ws.title}”与“{first}”是同一部分（可能是复制出来的），无法确定以哪一张为准。"
        "请把内容合并到一张表中，删除另一张后重新导入。",
    )


def strays(
    ws: Worksheet, inputs: dict[Where, str], references: dict[Where, Any], locate: Locate
) -> Iterator[Finding]:
    """Filled cells outside the input cells that the template did not write either.

    The template writes its own text (labels, notes, headers) in named styles, and its
    titles as merged ranges; a cell a clerk typed into beside the form has the plain
    style, or an input style where no value is read (a row inserted by copying an input
    row, which has no hidden key). A last-period cell (上期数) that shows anything but the
    last period's figure was typed over.
    """
    merged_tops = {(r.min_row, r.min_col) for r in ws.merged_cells.ranges}
    key_rows = {  # a table's hidden row of field keys
        cell.row
        for (cell,) in ws.iter_rows(min_col=KEY_COL, max_col=KEY_COL)
        if isinstance(cell.value, str) and cell.value.startswith("#table:")
    }
    for cell in filled_cells(ws):
        place = (cell.row, cell.column)
        if place in references:
            if not _same(cell.value, references[place]):
                advice = REFERENCE_ADVICE if cell.style == REFERENCE else STRAY_ADVICE
                yield _stray(cell, locate, advice)
        elif place in inputs or cell.column == KEY_COL or cell.row in key_rows:
            continue
        elif cell.style in INPUT_STYLES or (cell.style == PLAIN_STYLE and place not in merged_tops):
            yield _stray(cell, locate, STRAY_ADVICE)


def _stray(cell, locate: Locate, advice: str) -> Finding:
    return Finding(
        locate(cell.row, cell.column),
        "E003",
        f"这一格不在填写区，这里的“{quoted(cell.value)}”不会导入。{advice}",
        WARNING,
    )


def beside_guide(ws: Worksheet, locate: Locate) -> Iterator[Finding]:
    """Text typed to the right of the instructions (说明), which hold no input cell."""
    for cell in filled_cells(ws):
        if cell.column > GUIDE_LAST_COL:
            yield _stray(cell, locate, STRAY_ADVICE)


def comments(ws: Worksheet, locate: Locate) -> Iterator[Finding]:
    """Cell comments (批注): the template has none, and import reads none."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell, Cell) and cell.comment is not None and cell.comment.text.strip():
                yield Finding(
                    locate(cell.row, cell.column),
                    "E003",
                    f"这一格的批注“{quoted(cell.comment.text.strip())}”不会导入。"
                    "属于报告的内容请写进填写区；只是给同事的说明可以不管。",
                    WARNING,
                )


def _same(typed: Any, shown: Any) -> bool:
    """Whether a last-period cell still shows the figure the template put there."""
    if isinstance(shown, (int, float)) and isinstance(typed, (int, float)):
        return math.isclose(typed, shown, rel_tol=1e-12)
    return typed == shown


def merges_across_items(
    ws: Worksheet, inputs: dict[Where, str], locate: Locate
) -> Iterator[Finding]:
    """Merged ranges that cover two or more input cells: only the first of them is read."""
    for merged in ws.merged_cells.ranges:
        covered = [  # by the input cells, not the range's: a range may span a whole column
            what
            for (row, col), what in inputs.items()
            if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col
        ]
        if len(covered) < 2:
            continue
        yield Finding(
            locate(merged.min_row, merged.min_col),
            "E004",
            f"合并单元格 {merged.coord} 跨了 {len(covered)} 个填写格"
            f"（{'、'.join(dict.fromkeys(covered))}），合并后只能读到左上角一格的内容，"
            "其余各格的内容会丢失。请取消合并，每格分别填写。",
        )
