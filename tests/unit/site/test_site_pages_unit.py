"""The page modules one by one, on the demo data's views (Markdown only: no MkDocs, no chart drawn)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from watchdog.events import FileModifiedEvent, FileOpenedEvent

import site_builder.__main__  # noqa: F401  (guarded: importing it runs nothing)
from site_builder.analyse.analysis import Analysis
from site_builder.analyse.view import View, make_view
from site_builder.load.periods import parse_period
from site_builder.office import report_pages
from site_builder.pipeline import serve
from site_builder.present import chart_jobs
from site_builder.site import (
    case_pages,
    pages,
    project_page,
    reference_page,
    remind_page,
)


@pytest.fixture(scope="module")
def analysis(demo_analysed: Analysis) -> Analysis:
    return demo_analysed


@pytest.fixture(scope="module")
def public(analysis: Analysis) -> View:
    return make_view(analysis, "public")


@pytest.fixture(scope="module")
def internal(analysis: Analysis) -> View:
    return make_view(analysis, "internal")


def test_python_dash_m_runs_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0 and "sctrack：供应链重点项目在线跟进" in result.stdout


def test_case_pages_publish_only_what_asked_to_be_public(public: View, internal: View):
    shown = case_pages.published_cases(public)
    assert len(shown) > 0 and shown["public"].all()
    made = case_pages.case_pages(public)
    assert [p.path for p in made[-2:]] == ["cases/index.md", "cases/tags.md"]
    assert len(made) == len(shown) + 2  # a page per case, the index and the tags page
    assert len(case_pages.case_pages(internal)) >= len(made)


def test_the_distribution_counts_every_followed_project_by_city(analysis: Analysis):
    table = chart_jobs.distribution(analysis)
    assert list(table.index)[0] == "太原市" and len(table) == 11
    assert 0 < table.to_numpy().sum() <= len(analysis.corpus.projects)
    job = chart_jobs.distribution_chart(analysis)
    assert job.path.startswith("assets/charts/") and job.kind == "stacked_bars"
    assert list(chart_jobs.period_rates(analysis).index) == sorted(
        chart_jobs.period_rates(analysis).index, key=parse_period
    )


def test_every_page_of_a_view_is_written_once(public: View, tmp_path: Path):
    made = list(pages.site_pages(public))
    paths = [p.path for p in made]
    assert len(paths) == len(set(paths)) and "index.md" in paths
    rendered = pages.render_site(public, tmp_path)
    assert rendered.pages == len(made)
    assert (tmp_path / "index.md").is_file()
    assert sum(1 for _ in tmp_path.rglob("*.md")) == len(made)


def test_a_project_page_shows_its_trend_and_its_reports(internal: View):
    project = internal.corpus.projects["taiyuan-region"]
    series = project_page.trend_series(internal, project)
    assert series and all({"name", "unit", "points"} <= set(entry) for entry in series)
    output = next(s for s in series if s["name"] == "重点产业产值")
    assert output["baseline"] == (2019, 820) and output["points"][0] == (2020, 846.0)
    published = set(case_pages.published_cases(internal)["slug"])
    page = project_page.project_page(internal, project, published, "")
    assert page.path == "projects/taiyuan-region.md"
    assert project.name in page.body


def test_the_field_reference_names_every_schema_file():
    page = reference_page.fields_page()
    assert page.body.startswith("# 字段说明")
    for heading in ("立项信息 project.yaml", "季度进展报告与年度工作总结"):
        assert heading in page.body


def test_the_reminder_page_is_internal(internal: View, public: View):
    page = remind_page.remind_page(internal)
    assert page.path == "remind/index.md" and page.body.startswith("# 催报清单")
    assert parse_period("2021-Q3").report_name == "2021年第三季度进展报告"
    assert remind_page.remind_link(public).body == ""
    assert "催报清单" in remind_page.remind_link(internal).body


def test_a_summary_report_page_per_period_newest_first(internal: View, monkeypatch):
    periods = report_pages.report_periods(internal)
    assert periods == sorted(periods, reverse=True) and len(periods) > 2
    # Every period's report is the site build's work (slow); two show the pages and the index.
    monkeypatch.setattr(report_pages, "report_periods", lambda view: periods[:2])
    made = report_pages.report_pages(report_pages.summary_reports(internal))
    assert [p.path for p in made] == [f"reports/{p.stem.lower()}.md" for p in periods[:2]] + [
        "reports/index.md"
    ]
    index = made[-1].body
    assert index.index(f"({periods[0].stem.lower()}.md)") < index.index(
        f"({periods[1].stem.lower()}.md)"
    )


def test_edits_in_a_burst_regenerate_once():
    done = threading.Event()
    calls: list[float] = []

    def action() -> None:
        calls.append(time.monotonic())
        done.set()

    handler = serve._Regenerate(action)
    handler.on_any_event(FileOpenedEvent("submissions/x.yaml"))
    for _ in range(3):
        handler.on_any_event(FileModifiedEvent("submissions/x.yaml"))
    assert done.wait(serve.DEBOUNCE_SECONDS * 4)
    time.sleep(serve.DEBOUNCE_SECONDS / 2)
    assert len(calls) == 1


def test_a_targets_assessment_shows_the_two_yearly_rates_it_compares(internal: View):
    project = internal.corpus.projects["changzhi-region"]
    rows = {r["id"]: r for r in project_page._target_rows(internal, project, [])}
    assert rows["T1"]["what"] == "重点产业产值（亿元）"
    assert (rows["T1"]["baseline"], rows["T1"]["target"]) == ("310（2019年）", "420（2022年）")
    # (372 / 310) ** (1 / 2) - 1 = +9.5% a year against (420 / 310) ** (1 / 3) - 1 = +10.7%.
    assert rows["T1"]["assessment"] == "需加快进度（实际年均增速+9.5%，所需+10.7%）"
    assert (rows["T4"]["target"], rows["T4"]["assessment"]) == ("2021年完成", "—")
