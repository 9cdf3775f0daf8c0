"""The summary report as a Word file, in the form a provincial department sends upward.

Chinese fonts are set explicitly (python-docx only sets the Latin font
otherwise): 方正小标宋简体 for the title, 黑体 for level-one headings, 楷体 for
level-two headings, 仿宋 for the body, as in GB/T 9704 official documents.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from site_builder.load.periods import day_label
from site_builder.office.report import SummaryReport, numbered
from site_builder.site import charts

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


def _table(document, caption: str, headers: list[str], rows: list[list[str]]) -> None:
    _paragraph(document, caption, HEADING_FONT, 12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate([headers, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(value))
            _font(run, HEADING_FONT if r == 0 else BODY_FONT, 10.5, bold=False)
            cell.paragraphs[0].alignment = (
                WD_ALIGN_PARAGRAPH.CENTER if r == 0 or c > 0 else WD_ALIGN_PARAGRAPH.LEFT
            )
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
            if not path.exists():
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
