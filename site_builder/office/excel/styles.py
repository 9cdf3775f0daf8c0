"""How the template looks: fills, borders, the named cell styles and row heights."""

from __future__ import annotations

import math
from typing import Any

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from site_builder.present.textable import width as display_width

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


def named_styles() -> list[NamedStyle]:
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


def _lines(value: Any, width: float) -> int:
    if value is None or value == "":
        return 1
    per_line = max(int(width) - 1, 4)
    return sum(max(1, math.ceil(display_width(line) / per_line)) for line in str(value).split("\n"))


def row_height(cells: list[tuple[Any, float]], minimum: float) -> float:
    """A row tall enough for its wrapped text: (value, column width) per cell, in points."""
    lines = max((_lines(value, width) for value, width in cells), default=1)
    return min(409.0, max(minimum, lines * 16.0 + 4))
