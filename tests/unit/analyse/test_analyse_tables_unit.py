"""Adjustment recommendations, the download tables and the shared number format, on the demo data."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder.analyse import adjustment, datasets, numbers
from site_builder.analyse.analysis import Analysis
from site_builder.analyse.view import make_view

from analysed import AS_OF


@pytest.fixture(scope="module")
def analysis(demo_analysed: Analysis) -> Analysis:
    return demo_analysed


def test_rates_have_one_decimal_and_a_dash_for_none():
    assert numbers.rate(12.345) == "12.3%"
    assert numbers.rate(None) == "—" and numbers.rate(float("nan")) == "—"


def test_a_cancelled_project_says_by_which_decision(analysis: Analysis):
    corpus = analysis.corpus
    found = adjustment.recommendations(corpus, [], [], AS_OF, judged=False)
    by_project = {r.project: r for r in found}
    assert set(by_project) == set(corpus.projects)
    cancelled = by_project["xinzhou-pharma"]
    assert cancelled.recommendation == "cancelled"
    assert "示例晋商建函〔2021〕105号" in cancelled.reasons[0]
    # Without a trusted history nobody is warned or proposed for cancellation.
    others = {r.recommendation for p, r in by_project.items() if p != "xinzhou-pharma"}
    assert others == {"none"}


def test_before_the_decision_the_project_is_not_cancelled(analysis: Analysis):
    found = adjustment.recommendations(analysis.corpus, [], [], date(2021, 9, 9), judged=False)
    assert {r.recommendation for r in found} == {"none"}


def test_the_public_downloads_hold_no_enterprise_figure(analysis: Analysis):
    public = {d.name: d for d in datasets.all_datasets(make_view(analysis, "public"))}
    internal = {d.name: d for d in datasets.all_datasets(make_view(analysis, "internal"))}
    assert set(public) == set(internal) >= {"projects", "figures", "compliance"}
    assert len(public["projects"].frame) == len(analysis.corpus.projects)
    assert 0 < len(public["figures"].frame) < len(internal["figures"].frame)
    assert all(title for d in public.values() for title in (d.title, d.description))
    assert "公开版只含可公开的区域项目指标" in public["figures"].description
