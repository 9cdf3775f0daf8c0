"""One report under its period's heading, its parts in the notice's order.

Shared by the project page (the newest report) and the project's report pages by year
(`report_archive`). Both are one folder deep under docs/, which the links here assume.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from site_builder.load.records import Project, Report
from site_builder.present.markdown import link, num, table
from site_builder.present.markup import paragraphs, text
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
    return table(["指标", "数值", "单位"], rows, ["---", "--:", "---"])


def _cases_list(cases: pd.DataFrame, published: set[str]) -> list[str]:
    """A report's cases (rows of the view's cases table), linked when they have a page."""
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


def _part(
    report: Report, part: schema.Part, cases: pd.DataFrame, published: set[str], project: Project
) -> list[str]:
    """Markdown lines of one part of a report; nothing when the report left it out."""
    value = report.data.get(part.key)
    if value in (None, [], {}):
        return []
    lines = [f"**{text(part.heading)}**", ""]
    if part.key == "targets":
        if value.get("summary"):
            lines += [paragraphs(value["summary"]), ""]
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
            lines += [table(["编号", "目标", "状态", "说明"], rows), ""]
    elif part.key == "problems":
        rows = [
            [catalogue.label("problem_theme", p["theme"]), p["problem"], p.get("suggestion", "")]
            for p in value
        ]
        lines += [table(["类别", "存在的问题", "建议"], rows), ""]
    elif part.key == "next_steps":
        lines += [paragraphs(value), ""]
    elif part.key == "cases":
        lines += _cases_list(cases[cases["period"] == str(report.period)], published)
        lines.append("")
    else:
        for number, (key, sub) in enumerate(part.items, start=1):
            if value.get(key):
                lines += [f"{number}\\. **{text(sub['title'])}**　{paragraphs(value[key])}", ""]
        if value.get("figures"):
            lines += [_figures_table(part, value["figures"]), ""]
    return lines


def render_report(
    report: Report,
    project: Project,
    cases: pd.DataFrame,
    published: set[str],
    searchable: bool = True,
) -> Markup:
    """One report under its period's heading, parts in the notice's order.

    Only a project's newest report goes into the search index: every report's text
    would make the index hundreds of megabytes at province scale, too big for a browser.
    """
    exclude = "" if searchable else " data-search-exclude"
    anchor = report_anchor(report)
    lines = [f"### {text(report_title(report))} {{ #{anchor}{exclude} }}", ""]
    lines += [f"<small>文件：`{report.path}`</small>", ""]
    if report.period.is_annual and report.data.get("overall"):
        lines += ["**年度工作总体情况**", "", paragraphs(report.data["overall"]), ""]
    for part in schema.report_parts(project.kind, report.period.is_annual):
        lines += _part(report, part, cases, published, project)
    return Markup("\n".join(str(line) for line in lines))
