"""Stage 4, render: a view as Markdown pages, chart images and data files.

`render_site` chooses the pages (the view says which optional ones it gets),
writes them into the build folder's `docs/` and collects the charts still to
draw and each page's place in the navigation; the pipeline adds the summary
reports' pages (`office.report_pages`), draws the charts and writes `mkdocs.yml`
with the navigation of the pages made. What a page
shows is what its view holds: see `analyse.view`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.analyse.view import (
    CITY_DESK,
    PROJECT_DETAIL,
    REMINDERS_PAGE,
    TEAMS_PAGE,
    View,
)
from site_builder.present.markdown import ChartJob, NavPlace, Page
from site_builder.present.markup import RenderedMarkdown
from site_builder.site.case_pages import case_pages, published_cases
from site_builder.site.chart_drawing import ChartDrawer
from site_builder.site.desk import desk_index_page
from site_builder.site.directory_pages import directory_pages, teams_page
from site_builder.site.downloads import downloads_page, query_page
from site_builder.site.home_page import home_page
from site_builder.site.nav import GUIDES, HAND_WRITTEN
from site_builder.site.project_page import project_page
from site_builder.site.reference_page import fields_page
from site_builder.site.remind_page import remind_page
from site_builder.site.report_archive import year_pages
from site_builder.site.summary_page import summary_page
from site_builder.site.supervision_pages import adjustments_page, compliance_page


@dataclass
class Rendered:
    """Pages go to disk as they are made (at province scale they are hundreds of MB), their
    charts to the `drawer` if there is one (else they wait in `charts`)."""

    docs: Path
    pages: int = 0
    charts: list[ChartJob] = field(default_factory=list)
    nav: list[tuple[str, NavPlace]] = field(default_factory=list)  # (path, place), in order made
    drawer: ChartDrawer | None = None  # draws each page's charts as soon as the page is made

    def add(self, pages: Iterable[Page]) -> None:
        for page in pages:
            page.write(self.docs)
            self.pages += 1
            twins = [twin for job in page.charts for twin in (job, job.for_phone())]
            self.charts += twins
            if self.drawer is not None:
                self.drawer.add(twins)
            if page.nav is not None:
                self.nav.append((page.path, page.nav))


def site_pages(
    view: View,
    repository: str = "",
    memo: RenderedMarkdown | None = None,
    archive: bool = True,
    projects: bool = True,
    downloads: bool = True,
) -> Iterable[Page]:
    """Every generated page of the view, one at a time (`memo`: submitters' Markdown rendered
    before, a build session's); without `archive`, not the year pages (`archive_pages`);
    without `projects`, not the project pages (`project_pages`); without `downloads`, not the
    page listing the downloads (the build writes it with them)."""
    yield home_page(view)
    yield from directory_pages(view, repository)
    yield from case_pages(view, memo)
    yield summary_page(view)
    yield compliance_page(view)
    yield adjustments_page(view)
    yield replace(fields_page(), nav=NavPlace(GUIDES, "字段说明", 40))
    if downloads:
        yield downloads_page(view)
    yield query_page(view)
    if view.shows(TEAMS_PAGE):
        yield teams_page(view)
    if view.shows(REMINDERS_PAGE):
        yield remind_page(view)
    if view.shows(CITY_DESK):
        yield desk_index_page(view)
    if projects:
        yield from project_pages(view, repository, archive)


def project_pages(view: View, repository: str = "", archive: bool = True) -> Iterable[Page]:
    """Every project's page, each followed by its year pages where the view shows them."""
    published = set(published_cases(view)["slug"])
    for project in view.corpus.projects.values():
        yield project_page(view, project, published, repository)
        if archive and view.shows(PROJECT_DETAIL):
            yield from year_pages(view, project, published)


def archive_pages(view: View) -> Iterable[Page]:
    """Every project's year pages (its older reports in full), where the view shows them."""
    if not view.shows(PROJECT_DETAIL):
        return
    published = set(published_cases(view)["slug"])
    for project in view.corpus.projects.values():
        yield from year_pages(view, project, published)


def render_site(view: View, docs: Path, repository: str = "") -> Rendered:
    """Write every generated page of the view under `docs`; return the charts still to draw."""
    result = Rendered(docs)
    result.add(site_pages(view, repository))
    return result


def copy_static_docs(source: Path, docs: Path) -> list[tuple[str, NavPlace]]:
    """The hand-written pages in the repository's docs/ folder; returns their navigation places."""
    if not source.is_dir():
        return []
    shutil.copytree(source, docs, dirs_exist_ok=True)
    return [(path, place) for path, place in HAND_WRITTEN.items() if (docs / path).is_file()]
