"""One report under its period's heading, its parts in the notice's order.

Shared by the project page (the newest report) and the project's report pages by year
(`report_archive`). Both are one folder deep under docs/, which the links here assume.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from markupsafe import Markup

from site_builder.load.records import Project, Report
from site_builder.present.markdown import html_table, link, num
from site_builder.present.markup import html_block, html_paragraphs, html_text, text
from site_builder.spec import catalogue, schema


def report_title(report: Report) -> str:
    """What a report is called on the pages: 2021年第三季度进展报告, 2021年度工作总结."""
    return report.period.report_name


def report_anchor(report: Report) -> str:
    """The id of a report's heading, for links to it."""
    return f"report-{report.period.stem.lower()}"


def _figures_table(part: schema.Part, figures: dict) -> Markup:
    rows = []
    for code, sub in part.figures.items():
        if code in figures:
            rows.append([sub["title"], num(figures[code]), sub.get("x-unit", "")])
    return html_table(["指标", "数值", "单位"], rows, right=frozenset({1}))


def _cases_list(cases: pd.DataFrame, published: set[str]) -> list[str]:
    """A report's cases (rows of the view's cases table), linked when they have a page: in
    Markdown, so MkDocs checks and rewrites the links."""
    lines = []
    for _, case in cases.sort_values("number").iterrows():
        label = (
            link(case["title"], f"../cases/{case['slug']}.md")
            if case["slug"] in published
            else text(case["title"])
        )
        note = "" if case["public"] else "（未申请公开）"
        lines += [f"- {label}{note}：{text(case['summary'])}"]
    return lines


# The HTML below is built as plain strings from escaped pieces (`html_text`, `html_table`):
# `Markup.format` parses its template in Python for each call, and a province's reports make
# a million of them.


def _heading(title: str) -> str:
    return f"<p><strong>{html_text(title)}</strong></p>"


def _paragraphs(value: object, lead: str = "") -> list[str]:
    """`<p>` per paragraph; `lead` (a numbered item's title, HTML) opens the first."""
    blocks: list[str] = [*html_paragraphs(value)] or [""]
    return [f"<p>{lead}{blocks[0]}</p>", *(f"<p>{b}</p>" for b in blocks[1:])]


def _targets(value: dict, project: Project) -> list[str]:
    lines = _paragraphs(value["summary"]) if value.get("summary") else []
    targets = {t.id: t for t in project.targets}
    rows = []
    for row in value.get("progress", []):
        target = targets.get(row["target"])
        rows.append(
            [
                row["target"],
                target.wording("promise", num) if target else row["target"],
                catalogue.label("target_status", row["status"]),
                row.get("note", ""),
            ]
        )
    if rows:
        lines.append(html_table(["编号", "目标", "状态", "说明"], rows))
    return lines


def _items(part: schema.Part, value: dict) -> list[str]:
    """A part made of numbered items (the notice's 1. 2. 3.), then its figures."""
    lines = []
    for number, (key, sub) in enumerate(part.items, start=1):
        if value.get(key):
            lead = f"{number}. <strong>{html_text(sub['title'])}</strong>　"
            lines += _paragraphs(value[key], lead)
    if value.get("figures"):
        lines.append(_figures_table(part, value["figures"]))
    return lines


def _part_html(part: schema.Part, value: Any, project: Project) -> list[str]:
    """HTML lines of one part of a report other than its cases."""
    if part.key == "targets":
        return _targets(value, project)
    if part.key == "problems":
        rows = [
            [catalogue.label("problem_theme", p["theme"]), p["problem"], p.get("suggestion", "")]
            for p in value
        ]
        return [html_table(["类别", "存在的问题", "建议"], rows)]
    if part.key == "next_steps":
        return _paragraphs(value)
    return _items(part, value)


def render_report(
    report: Report,
    project: Project,
    cases: pd.DataFrame,
    published: set[str],
) -> Markup:
    """One report under its period's heading, parts in the notice's order.

    The heading is Markdown (it is in the page's contents); the text is raw HTML blocks
    (`markup.html_block`), but for the list of cases, whose links MkDocs checks. No report's
    text goes into the search index, which a browser downloads whole before its first search:
    the newest reports alone were three fifths of the internal index at 500 projects (52 MB
    before compaction, 22 MB without them) and a third of the engine's time, and finding a word in the newest report only, not in the
    older ones, was a search nobody could rely on. Projects are found by name, city and
    summary; the reports are read on their project's page.
    """
    anchor = report_anchor(report)
    blocks: list[str] = [f"### {text(report_title(report))} {{ #{anchor} data-search-exclude }}"]
    run = [f"<p><small>文件：<code>{html_text(report.path)}</code></small></p>"]
    if report.period.is_annual and report.data.get("overall"):
        run += [_heading("年度工作总体情况"), *_paragraphs(report.data["overall"])]
    for part in schema.report_parts(project.kind, report.period.is_annual):
        value = report.data.get(part.key)
        if value in (None, [], {}):
            continue
        run.append(_heading(part.heading))
        if part.key != "cases":
            run += _part_html(part, value, project)
            continue
        blocks += [
            html_block(run),
            "\n".join(_cases_list(cases[cases["period"] == str(report.period)], published)),
        ]
        run = []
    if run:
        blocks.append(html_block(run))
    return Markup("\n\n".join(blocks) + "\n")
