"""The Excel template prints on A4, its instructions on one page."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import REPO, invoke

GUIDE = "说明"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("print") / "季报.xlsx"
    result = invoke("template", "taiyuan-region", "2021-Q3", "-o", str(out), "--root", str(REPO))
    assert result.returncode == 0, result.stderr
    return out


def test_every_sheet_is_set_for_a4_one_page_wide(workbook):
    book = openpyxl.load_workbook(workbook)
    printed = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    assert printed[0].title == GUIDE
    for ws in printed:
        setup = ws.page_setup
        assert str(setup.paperSize) == ws.PAPERSIZE_A4 == "9", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert int(setup.fitToWidth) == 1, ws.title
    guide = printed[0].page_setup
    assert int(guide.fitToHeight) == 1 and guide.orientation == "portrait"


def _pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"]


@pytest.mark.slow  # LibreOffice converts the workbook to PDF: seconds of an office suite
@pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdfinfo") is None)
    and not os.environ.get("CI"),
    reason="LibreOffice Calc and poppler-utils are not installed (.ci/run installs them)",
)
def test_libreoffice_prints_the_instructions_on_one_a4_page(workbook, tmp_path):
    book = openpyxl.load_workbook(workbook)
    for ws in book.worksheets[1:]:
        book.remove(ws)
    guide = tmp_path / "guide.xlsx"
    book.save(guide)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(guide)],
        capture_output=True,
        timeout=300,
    )
    pages, size = _pages(tmp_path / "guide.pdf")
    assert pages == 1
    assert "(A4)" in size
