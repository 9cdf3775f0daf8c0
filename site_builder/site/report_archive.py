"""A project's older reports, one page per year (`project-reports/<id>-<year>.md`).

The project page carries its newest report only and links the older ones here: carrying
every report inline made the internal site hundreds of megabytes at province scale. The
pages are one folder deep, like the project pages, so report links work unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from markupsafe import Markup

from site_builder.analyse.view import View
from site_builder.load.records import Project, Report
from site_builder.present.markdown import Page, link
from site_builder.present.markup import text
from site_builder.site.report_render import render_report, report_anchor, report_title

FOLDER = "project-reports"
ARCHIVE_TEMPLATE = "archive.html"


def year_path(project: Project, year: int) -> str:
    return f"{FOLDER}/{project.id}-{year}.md"


def _by_year(newest_first: list[Report]) -> Iterable[tuple[int, list[Report]]]:
    for year, reports in groupby(newest_first, key=lambda r: r.period.year):
        yield year, list(reports)


def archive_links(project: Project, older: list[Report]) -> list[Markup]:
    """One line per year, newest first, linking each older report on its year's page."""
    lines = []
    for year, reports in _by_year(older):
        target = f"../{year_path(project, year)}"
        items = Markup("、").join(
            link(report_title(r), f"{target}#{report_anchor(r)}") for r in reports
        )
        lines.append(Markup("- **{}年**：{}").format(year, items))
    return lines


def newest_first(reports: list[Report]) -> list[Report]:
    """A project's reports, newest first: the first is on the project page, the rest here."""
    return sorted(reports, key=lambda r: r.period, reverse=True)


def year_pages(view: View, project: Project, published: set[str]) -> Iterable[Page]:
    """A page per year holding that year's older reports in full, newest first."""
    cases = view.cases_of(project.id)
    city = view.corpus.registry.city_name(project.city)
    for year, reports in _by_year(newest_first(view.corpus.reports_of(project.id))[1:]):
        title = f"{project.name}{year}年报告"
        body = [
            str(
                Markup(" › ").join(
                    [
                        link("项目名录", "../projects/index.md"),
                        link(city, f"../cities/{project.city}.md"),
                        link(project.name, f"../projects/{project.id}.md"),
                        text(f"{year}年报告"),
                    ]
                )
            ),
            "{: .sc-breadcrumbs }",
            "",
            f"# {text(title)}",
            "",
        ]
        body += [str(render_report(r, project, cases, published)) for r in reports]
        # The theme's template without the navigation tree (`overrides/archive.html`). Out of
        # the search index: its reports' text already was (`render_report`), and parsing
        # each page's 60 KB of report text for a title entry was a third of its engine time;
        # the project page, which is in the index, links every year.
        yield Page(
            year_path(project, year),
            "\n".join(body),
            {"title": title, "template": ARCHIVE_TEMPLATE, "search": {"exclude": True}},
        )
