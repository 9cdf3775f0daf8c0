"""The summary report's Word file as a province official prints it: converted to PDF by
LibreOffice and read page by page with pdftotext. Tables keep their rows (and 合计) with their
caption on one page, every city of the registry is listed, and a table too long for a page
repeats its header row on the next."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from conftest import invoke

pytestmark = pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None)
    and not os.environ.get("CI"),
    reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)",
)


def pdf_pages(docx: Path) -> list[str]:
    """The text of each page of the Word file once LibreOffice has laid it out."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    pdf = docx.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def quarter(demo_copy, tmp_path_factory):
    path = tmp_path_factory.mktemp("print") / "report.docx"
    result = invoke(
        "report", "2021-Q4", "--root", str(demo_copy), "--format", "docx", "-o", str(path)
    )
    assert result.returncode == 0, result.stderr
    return path, pdf_pages(path)


def test_each_table_stays_on_one_page_with_its_caption_and_last_row(quarter):
    path, pages = quarter
    document = Document(str(path))
    captions = [p.text for p in document.paragraphs if re.match(r"^表\d+", p.text)]
    assert len(captions) == len(document.tables) >= 5
    for caption, table in zip(captions, document.tables, strict=True):
        holding = [n for n, page in enumerate(pages) if squeeze(caption) in squeeze(page)]
        assert len(holding) == 1, caption
        page = squeeze(pages[holding[0]])
        after = page[page.index(squeeze(caption)) :]
        # pdftotext interleaves the lines of wrapped cells: look for each cell's beginning.
        for row in (table.rows[1], table.rows[-1]):
            starts = [squeeze(c.text)[:4] for c in row.cells]
            assert all(start in after for start in starts), (caption, starts)
    # 表1 and 表2 end in their 合计 / last city on the caption's page.
    assert squeeze(document.tables[0].rows[-1].cells[0].text) == "合计"


def test_per_city_tables_list_every_city_of_the_registry(quarter, demo_copy):
    import yaml

    path, pages = quarter
    cities = yaml.safe_load(
        (demo_copy / "submissions/registry/cities.yaml").read_text(encoding="utf-8")
    )
    names = [c["name"] for c in (cities["cities"] if isinstance(cities, dict) else cities)]
    assert len(names) == 11
    document = Document(str(path))
    for table in document.tables[:2]:  # 项目分布, 各市报送确认情况
        listed = [row.cells[0].text for row in table.rows[1:]]
        assert [n for n in listed if n != "合计"] == names
    text = squeeze("".join(pages))
    assert "忻州市0000" in text  # a city with no project, printed with its zeros


def test_header_cells_do_not_break_inside_a_word(quarter):
    """Each line of each table's header cell prints on one line (`全国试点城市`, not `试点城` and
    `市`). Only the headers: body text wraps between any two characters, as Chinese does."""
    path, pages = quarter
    text = "".join(pages)
    assert "全国试点城市" in text and "全国试点企业" in text
    printed = [squeeze(line) for page in pages for line in page.splitlines()]
    for table in Document(str(path)).tables:
        for cell in table.rows[0].cells:
            for part in filter(None, map(squeeze, cell.text.splitlines())):
                assert any(part in line for line in printed), part


def test_a_table_longer_than_a_page_repeats_its_header(demo_copy, tmp_path, today):
    """The real report, its 各市 table made five times as long (a province of 55 cities)."""
    from site_builder.cli.stages import load_analysis
    from site_builder.load.periods import parse_period
    from site_builder.office.report import build_report
    from site_builder.office.report_docx import render_docx

    report = build_report(load_analysis(demo_copy, None, announce=False), parse_period("2021-Q4"))
    blocks = [
        dataclasses.replace(b, rows=b.rows * 5) if b.text == "各市报送确认情况" else b
        for b in report.blocks
    ]
    path = tmp_path / "long.docx"
    path.write_bytes(render_docx(dataclasses.replace(report, blocks=blocks)))
    pages = [squeeze(page) for page in pdf_pages(path)]
    header = "城市应报已确认按时报送率及时率"
    holding = [n for n, page in enumerate(pages) if header in page]
    assert len(holding) >= 2, holding
    # The pages the table runs on follow each other, each starting with the header row.
    assert holding == list(range(holding[0], holding[-1] + 1))
    assert all(pages[n].startswith(header) for n in holding[1:]), [pages[n][:60] for n in holding]
