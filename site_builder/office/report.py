"""The summary report the province sends to the ministry (通知 四(四)), for a quarter or a year.

Every number is a figure of `report_json.report_figures`, built first and
looked up by id, so `sctrack report --format json` lists each number the
Markdown and Word files print, with the projects it is computed from. The
report is the join of its sections (`report_sections`): a list of blocks
(headings, paragraphs, tables, images) and the charts they show, rendered to
Markdown for the internal site and `sctrack report --format md`, and to Word
by `report_docx`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from site_builder.analyse.analysis import Analysis
from site_builder.load.periods import Period, day_label
from site_builder.office.report_figures import performance
from site_builder.office.report_json import Figures, report_figures
from site_builder.office.report_sections import (
    CN_NUMBERS,
    Block,
    Section,
    adjustment,
    highlights,
    introduction,
    next_steps,
    overview,
    problems,
    reporting,
)
from site_builder.present.markdown import ChartJob

# The report's numbered sections, in order.
SECTIONS: list[Callable[[Analysis, Period, Figures], Section]] = [
    overview,
    reporting,
    performance,
    highlights,
    problems,
    adjustment,
    next_steps,
]


@dataclass
class SummaryReport:
    period: Period
    title: str
    issuer: str
    date: date  # the as-of date: 数据截至 and the date it is signed
    blocks: list[Block]
    charts: list[ChartJob]  # the images the blocks refer to, by file name
    figures: Figures  # every number the blocks print, by id


def build_report(analysis: Analysis, period: Period, issuer: str = "山西省商务厅") -> SummaryReport:
    """The report of `period` as of the analysis date (`report_json.report_as_of` picks it)."""
    figures = report_figures(analysis, period)
    blocks = introduction(analysis, period)
    charts: list[ChartJob] = []
    for number, make in zip(CN_NUMBERS, SECTIONS, strict=False):
        section = make(analysis, period, figures)
        blocks += [Block("heading", f"{number}、{section.title}", level=1), *section.blocks]
        charts += section.charts
    title = f"山西省重点供应链项目{period.label}进展情况汇总报告"
    return SummaryReport(period, title, issuer, analysis.supervision.as_of, blocks, charts, figures)


def numbered(blocks: list[Block]) -> list[Block]:
    """Tables and figures numbered in the order they appear (表1, 图1 ...)."""
    counters = {"table": 0, "image": 0}
    result = []
    for block in blocks:
        if block.kind in counters:
            counters[block.kind] += 1
            prefix = "表" if block.kind == "table" else "图"
            block = Block(
                **{**block.__dict__, "text": f"{prefix}{counters[block.kind]}　{block.text}"}
            )
        result.append(block)
    return result


def to_markdown(report: SummaryReport, chart_prefix: str = "", site: bool = False) -> str:
    """The report as Markdown; plain text only, escaped by the caller's page writer where needed.
    On the `site`, a chart is the page's picture: its wide drawing and its phone drawing."""
    from site_builder.present.markdown import image, table
    from site_builder.present.markup import text

    lines = [
        f"# {text(report.title)}",
        "",
        f"<small>{text(report.issuer)} · {day_label(report.date)}</small>",
        "",
    ]
    for block in numbered(report.blocks):
        if block.kind == "heading":
            lines += [("## " if block.level == 1 else "### ") + str(text(block.text)), ""]
        elif block.kind == "paragraph":
            lines += [str(text(block.text)), ""]
        elif block.kind == "bullets":
            lines += [f"- {text(item)}" for item in block.items] + [""]
        elif block.kind == "table":
            lines += [f"**{text(block.text)}**", "", str(table(block.headers, block.rows)), ""]
        elif block.kind == "image":
            src = f"{chart_prefix}{block.image}"
            lines += [
                str(image(block.alt, src))
                if site
                else f"![{text(block.alt)}]({src}){{ loading=lazy }}",
                "",
                f"<small>{text(block.text)}</small>",
                "",
            ]
    return "\n".join(lines)
