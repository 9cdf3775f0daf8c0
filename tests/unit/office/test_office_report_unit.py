"""The summary report's modules on the demo data (no git history: statuses unknown)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from site_builder.analyse.analysis import Analysis
from site_builder.load.periods import parse_period
from site_builder.load.yamlsafe import parse_text
from site_builder.office import (
    new_report,
    report,
    report_docx,
    report_figures,
    report_json,
    report_sections,
)

Q3 = parse_period("2021-Q3")


@pytest.fixture(scope="module")
def analysis(demo_analysed: Analysis) -> Analysis:
    return demo_analysed


@pytest.fixture(scope="module")
def summary(analysis: Analysis) -> report.SummaryReport:
    return report.build_report(analysis, Q3)


def test_the_report_has_a_title_sections_and_figures(summary: report.SummaryReport):
    assert summary.title == "山西省重点供应链项目2021年第三季度进展情况汇总报告"
    assert summary.issuer == "山西省商务厅"
    headings = [b.text for b in summary.blocks if b.kind == "heading" and b.level == 1]
    assert headings[0].startswith("一、") and len(headings) >= 5
    assert summary.figures and all(f.id == key for key, f in summary.figures.items())


def test_markdown_numbers_the_headings_and_prints_the_title(summary: report.SummaryReport):
    text = report.to_markdown(summary)
    assert text.startswith(f"# {summary.title}")
    assert "## 一、" in text and "山西省商务厅" in text


def test_the_word_file_opens_and_carries_the_same_title(summary: report.SummaryReport):
    document = Document(io.BytesIO(report_docx.render_docx(summary)))
    texts = [p.text for p in document.paragraphs]
    assert summary.title in texts
    assert any(t.startswith("一、") for t in texts)


def test_every_figure_is_in_the_json_with_its_projects(summary: report.SummaryReport):
    data = report_json.to_json(summary.figures, Q3, summary.date)
    assert data["period"] == "2021-Q3" and data["as_of"] == summary.date.isoformat()
    assert {f["id"] for f in data["figures"]} == set(summary.figures)
    assert report_json.year_before(Q3) == parse_period("2020-Q3")


def test_sections_count_the_period_reports(analysis: Analysis):
    reports = report_sections.reports_in(analysis, Q3)
    expected = [r for r in analysis.corpus.reports if r.period == Q3]
    assert len(reports) == len(expected) > 0
    assert Q3.report_kind == "季度进展报告" and Q3.report_name == "2021年第三季度进展报告"
    assert parse_period("2021").report_kind == "年度工作总结"


def test_performance_section_speaks_of_the_indicators(analysis: Analysis):
    figures = report_json.report_figures(analysis, Q3)
    section = report_figures.performance(analysis, Q3, figures)
    assert section.title and section.blocks
    assert all(
        block.kind in {"heading", "paragraph", "table", "image", "bullets"}
        for block in section.blocks
    )


def test_a_skeleton_is_valid_yaml_carried_forward(analysis: Analysis):
    corpus = analysis.corpus
    project = corpus.projects["taiyuan-region"]
    text = new_report.skeleton(corpus, project, parse_period("2022-Q2"), "2022-07-15")
    parsed = parse_text(text, "skeleton.yaml")
    assert parsed.ok
    assert parsed.data["project"] == "taiyuan-region" and parsed.data["period"] == "2022-Q2"
    assert "2022-07-15 前提交" in text and "上期" in text
