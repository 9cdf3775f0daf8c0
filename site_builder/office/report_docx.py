"""The summary report as a Word file, in the form a provincial department sends upward.

Chinese fonts are set explicitly (python-docx only sets the Latin font
otherwise): 方正小标宋简体 for the title, 黑体 for level-one headings, 楷体 for
level-two headings, 仿宋 for the body, as in GB/T 9704 official documents.
"""

from __future__ import annotations

import io
import tempfile
from copy import deepcopy
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from site_builder.load.periods import day_label
from site_builder.office.report import SummaryReport, numbered

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_FONT = "仿宋"
LATIN_FONT = "Times New Roman"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor(0, 0, 0)
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, font: str = BODY_FONT, size: float = 16, bold: bool = False,
               align=None, indent: bool = True, style: str | None = None):  # fmt: skip
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    _font(run, font, size, bold)
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)  # two characters, as official documents do
    if align is not None:
        paragraph.alignment = align
    return paragraph


# The text block of an A4 page with the margins below: 21.0 − 2.8 − 2.6 cm.
TEXT_WIDTH_CM = 15.6
TABLE_PT = 10.5
CELL_PADDING_CM = 0.55  # Word's default cell margins, 0.19 cm each side, and some air
PT_CM = 2.54 / 72


def _text_width(text: str) -> float:
    """A text's width in em at the table's size: a Chinese character (or a full-width mark)
    is one em, a digit or Latin letter a little over half of one (fallback fonts are wider),
    and Word and LibreOffice put a quarter em between Chinese and Latin (2020年)."""
    latin = [ord(ch) < 0x2E80 for ch in text]
    switches = sum(a != b for a, b in zip(latin, latin[1:], strict=False))
    return sum(0.62 if is_latin else 1.0 for is_latin in latin) + 0.25 * switches


def _header_parts(header: str) -> list[str]:
    """Where a header may break: before a bracketed note, never inside a word (全国试点城市)."""
    head, bracket, note = header.partition("（")
    return [head, bracket + note] if bracket and head else [header]


def column_widths(headers: list[str], rows: list[list[str]]) -> list[float]:
    """Column widths (cm) that fit the page: each column as wide as its longest cell, the
    widest shrinking first, never below its header's longest unbreakable part."""
    em = TABLE_PT * PT_CM
    content = [
        max(_text_width(str(v)) for v in [header, *(row[c] for row in rows)])
        for c, header in enumerate(headers)
    ]
    floor = [max(_text_width(part) for part in _header_parts(h)) for h in headers]
    room = TEXT_WIDTH_CM / em - CELL_PADDING_CM / em * len(headers)
    widths = list(content)
    # Take from the widest column, one em at a time, until the table fits (or none can give).
    while sum(widths) > room:
        slack = [w - f for w, f in zip(widths, floor, strict=True)]
        widest = max(range(len(widths)), key=lambda c: (slack[c] > 0, widths[c]))
        if slack[widest] <= 0:
            widths = [w * room / sum(widths) for w in widths]
            break
        widths[widest] = max(floor[widest], widths[widest] - 1)
    return [w * em + CELL_PADDING_CM for w in widths]


def _keep(paragraph, with_next: bool = True) -> None:
    fmt = paragraph.paragraph_format
    fmt.keep_with_next = with_next
    fmt.keep_together = True


def _row_properties(row, header: bool) -> None:
    """A row never splits across pages; the header row is repeated on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))
    if header:
        tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))


class _CellFormats:
    """The run and paragraph properties of a table's cells, made once per table by the same
    calls as any other run's (`_font`, `_keep`) and copied into each cell: python-docx finds
    each property's place among its siblings per call, which was most of a large report's
    Word time (a province's tables have thousands of cells)."""

    def __init__(self) -> None:
        self._runs: dict[str, Any] = {}
        self._paragraphs: dict[tuple[Any, bool], Any] = {}

    def run(self, paragraph, text: str, font: str, line_break: bool = False) -> None:
        if font not in self._runs:
            scratch = Run(OxmlElement("w:r"), paragraph)
            _font(scratch, font, TABLE_PT, bold=False)
            self._runs[font] = scratch._r.rPr
        run = paragraph.add_run(text)
        if line_break:
            run.add_break()
        run._r.insert(0, deepcopy(self._runs[font]))

    def paragraph(self, paragraph, align, with_next: bool) -> None:
        key = (align, with_next)
        if key not in self._paragraphs:
            scratch = Paragraph(OxmlElement("w:p"), paragraph)
            scratch.alignment = align
            _keep(scratch, with_next)
            self._paragraphs[key] = scratch._p.pPr
        paragraph._p.insert(0, deepcopy(self._paragraphs[key]))


def _table(document, caption: str, headers: list[str], rows: list[list[str]]) -> None:
    """A numbered table: column widths for its Chinese headers, the header row repeated on
    each page, and every row kept with the next, so the table (and its 合计 row) stays on
    one page with its caption when it fits on one."""
    title = _paragraph(
        document, caption, HEADING_FONT, 12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    _keep(title)
    cells = [[str(v) for v in row] for row in rows]
    widths = column_widths(headers, cells)
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for c, width in enumerate(widths):
        table.columns[c].width = Cm(width)
    formats = _CellFormats()
    # A row's cells once per row: `table.cell(r, c)` lists every cell of the table per call.
    for r, (row, values) in enumerate(zip(table.rows, [headers, *cells], strict=True)):
        _row_properties(row, header=r == 0)
        last = r == len(cells)
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Cm(widths[c])
            cell.text = ""
            paragraph = cell.paragraphs[0]
            parts = _header_parts(value) if r == 0 else [value]
            # A header wider than its column breaks before its bracketed note, not mid-word.
            if (
                len(parts) > 1
                and _text_width(value) * TABLE_PT * PT_CM > widths[c] - CELL_PADDING_CM
            ):
                formats.run(paragraph, parts[0], HEADING_FONT, line_break=True)
                value = parts[1]
            formats.run(paragraph, value, HEADING_FONT if r == 0 else BODY_FONT)
            align = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or c > 0 else WD_ALIGN_PARAGRAPH.LEFT
            formats.paragraph(paragraph, align, with_next=not last)
    _paragraph(document, "", indent=False)


def render_docx(report: SummaryReport, chart_folder: Path | None = None) -> bytes:
    """The Word file; charts are taken from `chart_folder` when given, else drawn."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    assert section.start_type == WD_SECTION.NEW_PAGE
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    document.core_properties.title = report.title
    document.core_properties.author = report.issuer

    _paragraph(
        document, report.title, TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    _paragraph(document, "", indent=False)
    with tempfile.TemporaryDirectory() as folder:
        images = {}
        for job in report.charts:
            path = (chart_folder / job.path) if chart_folder else Path(folder) / job.path
            if not path.exists():  # drawn here only outside a build (which drew them all)
                from site_builder.present import charts  # matplotlib, only where it draws

                charts.save(job.draw(), path)
            images[job.path] = path
        for block in numbered(report.blocks):
            if block.kind == "heading":
                level = 1 if block.level == 1 else 2
                heading = document.add_heading("", level=level)
                run = heading.add_run(block.text)
                _font(run, HEADING_FONT if level == 1 else SUBHEADING_FONT, 16, bold=level == 2)
                heading.paragraph_format.first_line_indent = Pt(32)
                heading.paragraph_format.space_before = Pt(6)
                heading.paragraph_format.space_after = Pt(0)
            elif block.kind == "paragraph":
                _paragraph(document, block.text)
            elif block.kind == "bullets":
                for number, item in enumerate(block.items, start=1):
                    _paragraph(document, f"{number}. {item}")
            elif block.kind == "table":
                _table(document, block.text, block.headers, block.rows)
            elif block.kind == "image" and block.image in images:
                picture = document.add_paragraph()
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _keep(picture)  # the figure stays on the page of its caption
                picture.add_run().add_picture(str(images[block.image]), width=Cm(15))
                _paragraph(
                    document,
                    block.text,
                    HEADING_FONT,
                    12,
                    align=WD_ALIGN_PARAGRAPH.CENTER,
                    indent=False,
                )
    _paragraph(document, "", indent=False)
    _paragraph(document, report.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, day_label(report.date), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
