"""A project's reports: the newest on its page, the older ones on one page per year."""

from __future__ import annotations

import pytest

from site_builder.analyse.view import make_view
from site_builder.site import report_archive, report_render


@pytest.fixture(scope="module")
def internal(demo_analysed):
    return make_view(demo_analysed, "internal")


def test_every_older_report_is_linked_and_on_its_years_page(internal):
    project = internal.corpus.projects["taiyuan-region"]
    ordered = report_archive.newest_first(internal.corpus.reports_of(project.id))
    assert [r.period for r in ordered] == sorted((r.period for r in ordered), reverse=True)
    older = ordered[1:]
    links = "".join(report_archive.archive_links(project, older))
    pages = list(report_archive.year_pages(internal, project, set()))
    assert [p.path for p in pages] == [
        report_archive.year_path(project, year)
        for year in sorted({r.period.year for r in older}, reverse=True)
    ]
    for report in older:
        page = next(p for p in pages if p.path.endswith(f"-{report.period.year}.md"))
        anchor = report_render.report_anchor(report)
        assert f"{page.path.split('/')[-1]}#{anchor}" in links
        assert f"{{ #{anchor} data-search-exclude }}" in page.body
    # Out of the search index as a whole: the engine does not parse their report text for it.
    assert all(p.meta["search"] == {"exclude": True} for p in pages)
    assert ordered[0].period.label not in "".join(p.body for p in pages)  # the newest is not


def test_report_titles_name_the_period_and_the_kind(internal):
    reports = internal.corpus.reports_of("taiyuan-region")
    titles = {report_render.report_title(r) for r in reports}
    assert "2021年第三季度进展报告" in titles and "2021年度工作总结" in titles
