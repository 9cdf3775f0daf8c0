"""汇总报告 pages: each period's summary report, as a site page beside its Word file."""

from __future__ import annotations

from collections.abc import Mapping

from site_builder.analyse.view import View
from site_builder.load.periods import Period
from site_builder.office.report import SummaryReport, build_report, to_markdown
from site_builder.present.markdown import NavPlace, Page, link
from site_builder.present.markup import text
from site_builder.site.nav import SUPERVISION


def report_periods(view: View) -> list[Period]:
    """The periods with a summary report: every period a report was expected for, newest first."""
    return sorted({s.period for s in view.supervision.statuses}, reverse=True)


def summary_reports(view: View) -> dict[Period, SummaryReport]:
    """The summary report of every period, newest first: built once, for its page and its
    Word file (together they are a fifth of an internal build's generation time)."""
    return {period: build_report(view, period) for period in report_periods(view)}


def report_pages(reports: Mapping[Period, SummaryReport]) -> list[Page]:
    """汇总报告: the summary report of every period, newest first, with its Word file."""
    pages = []
    items = []
    for period, report in reports.items():
        stem = period.stem.lower()
        body = to_markdown(report, chart_prefix="../assets/charts/", site=True)
        body += f"\n\n[下载 Word 版](report-{stem}.docx){{ .md-button }}\n"
        pages.append(Page(f"reports/{stem}.md", body, {"title": report.title}))
        items.append(f"- {link(report.title, f'{stem}.md')}（[Word 版](report-{stem}.docx)）")
    intro = text(
        "按照通知第四部分第（四）项，省商务厅汇总分析全省重点供应链项目进展情况，定期报商务部。"
        "以下报告由平台数据自动生成，可下载 Word 版修改后行文。"
    )
    pages.append(
        Page(
            "reports/index.md",
            "\n\n".join(["# 汇总报告", str(intro), "\n".join(items)]),
            {"title": "汇总报告"},
            NavPlace(SUPERVISION, "汇总报告", 30),
        )
    )
    return pages
