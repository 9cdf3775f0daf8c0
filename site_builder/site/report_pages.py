"""汇总报告 pages: each period's summary report, built once per view for its page and its Word file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from site_builder.analyse.view import View
from site_builder.load.periods import Period
from site_builder.site.markdown import NavPlace, Page, link
from site_builder.site.markup import text
from site_builder.site.nav import SUPERVISION

if TYPE_CHECKING:
    from site_builder.office.report import SummaryReport

# The reports of the view last asked about. The page and the Word file of a period print the
# same report, which is a fifth of an internal build's generation time: build it once. Only the
# last view is kept, so a preview server's next build starts afresh.
_built: tuple[View | None, dict[Period, SummaryReport]] = (None, {})


def summary_report(view: View, period: Period) -> SummaryReport:
    """The summary report of `period` in `view`, built on first use."""
    from site_builder.office.report import build_report

    global _built
    if _built[0] is not view:
        _built = (view, {})
    reports = _built[1]
    if period not in reports:
        reports[period] = build_report(view, period)
    return reports[period]


def report_periods(view: View) -> list:
    """The periods with a summary report: every period a report was expected for, newest first."""
    return sorted({s.period for s in view.supervision.statuses}, reverse=True)


def report_pages(view: View) -> list[Page]:
    """汇总报告: the summary report of every period, newest first, with its Word file."""
    from site_builder.office.report import to_markdown

    periods = report_periods(view)
    pages = []
    items = []
    for period in periods:
        report = summary_report(view, period)
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
