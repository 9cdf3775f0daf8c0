"""Every period of the demo history renders, at any day, in every format, with the same figures.

The demo's programme runs from 2020-04-16 to 2021-12-31; quarterly reports are due on the 15th of
the month after the quarter, annual summaries on 31 January (submissions/registry/policy.yaml).
Each day below is chosen for what the rules say the report must state on it.
"""

from __future__ import annotations

import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document

from site_builder.cli.stages import load_analysis
from site_builder.load.periods import parse_period
from site_builder.office.report import build_report, numbered, to_markdown
from site_builder.office.report_docx import render_docx
from site_builder.office.report_json import to_json
from site_builder.present.markup import text as escaped

from conftest import invoke

PERIODS = [*(f"{y}-Q{q}" for y, q in [(2020, 2), (2020, 3), (2020, 4)]), "2020"]
PERIODS += [f"2021-Q{q}" for q in (1, 2, 3, 4)] + ["2021"]
DAYS = ["2020-04-20", "2020-07-01", "2021-01-20", "2022-06-30"]


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture(scope="module")
def analyses(demo_copy):
    return {
        day: load_analysis(demo_copy, datetime.fromisoformat(day), announce=False) for day in DAYS
    }


@pytest.mark.parametrize("day", DAYS)
def test_every_period_renders_the_same_figures_in_every_format(analyses, day, tmp_path):
    analysis = analyses[day]
    for text in PERIODS:
        period = parse_period(text)
        report = build_report(analysis, period)
        markdown = to_markdown(report)
        flat = re.sub(r"\s", "", markdown)
        figures = {f["id"]: f for f in to_json(report.figures, period, report.date)["figures"]}
        word = _docx_text(render_docx(report, tmp_path))
        # Every paragraph and table cell of the report is in the Word file, word for word.
        for block in numbered(report.blocks):
            for line in [block.text, *block.items, *(c for row in block.rows for c in row)]:
                assert line in word, (text, day, line)
                assert re.sub(r"\s", "", str(escaped(line))) in flat, (text, day, line)
        # The reporting sentence prints the JSON's figures.
        if "reporting.expected" in figures and analysis.supervision.history.available:
            expected = int(figures["reporting.expected"]["value"])
            assert f"本期应报{expected}份" in markdown
        assert f"本期共收到{'年度工作总结' if period.is_annual else '季度进展报告'}" in markdown
        received = int(figures["reports.received"]["value"])
        assert re.search(f"本期共收到\\w+?{received}份", markdown), (text, day)


def _section(markdown: str, heading: str) -> str:
    return markdown.split(heading, 1)[1].split("\n## ", 1)[0]


def test_each_gap_is_said_in_one_sentence(analyses):
    """What is missing, from the rules: a quarter not over, reports not yet due, no year before."""
    q2 = parse_period("2020-Q2")

    def reporting(day: str, period=q2) -> str:
        text = to_markdown(build_report(analyses[day], period))
        return _section(text, "二、报送确认情况").strip()

    assert reporting("2020-04-20") == (
        "截至2020年4月20日，2020年第二季度尚未结束，本期报告还未到报送时间。"
    )
    assert (
        reporting("2020-07-01") == "本期报告的报送期限为2020年7月15日，截至2020年7月1日尚未到期。"
    )
    first = to_markdown(build_report(analyses["2022-06-30"], q2))
    # The programme's first quarter has no quarter before it and no year before it.
    assert "上期（2020年第一季度）没有同口径的报送数据，不作环比。" in first
    assert "2019年第二季度没有可比较的数据，本期不作同比。" in first
    # No report confirmed yet: the performance section says so rather than showing empty tables.
    early = to_markdown(build_report(analyses["2020-07-01"], q2))
    assert "本期尚未收到报告，暂无可汇总的绩效数据。" in _section(early, "三、供应链绩效情况")
    assert "本期各项目未报送新的实践案例。" in early


@pytest.mark.parametrize("output_format", ["md", "json", "docx"])
def test_the_first_quarter_renders_from_the_command_line(demo_copy, tmp_path, output_format):
    """The programme's first quarter, with no practice case yet (issue 25: KeyError 'project')."""
    for as_of in ([], ["--as-of", "2020-07-20"]):
        out = tmp_path / f"q2.{output_format}"
        result = invoke(
            "report", "2020-Q2", "--root", str(demo_copy), "--format", output_format,
            "-o", str(out), *as_of,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        if output_format == "json":
            data = json.loads(out.read_text(encoding="utf-8"))
            cases = next(f for f in data["figures"] if f["id"] == "cases.count")
            assert cases["value"] == 0
        assert Path(out).stat().st_size > 0


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["md", "json", "docx"])
def test_one_city_no_case_no_year_before(tmp_path, output_format):
    """A programme of one regional project in 太原: its 2021-Q1 report merged on 04-14 (due
    04-15). No case, no 2020-Q1 to compare with, no project in the registry's other cities:
    each is said in a sentence, and the three formats carry the same figures."""
    from conftest import FIXTURES
    from gitrepo import Repo

    base = FIXTURES / "base" / "submissions"
    repo = Repo(tmp_path / "repo")
    repo.write("submissions/registry/adjustments.yaml", "decisions: []\nflags: []\n")
    for name in ("cities", "policy"):
        path = f"registry/{name}.yaml"
        repo.write(f"submissions/{path}", (base / path).read_text(encoding="utf-8"))
    alpha = "projects/alpha-region"
    project = (base / alpha / "project.yaml").read_text(encoding="utf-8")
    repo.write(f"submissions/{alpha}/project.yaml", project)
    repo.commit("登记项目", "2020-04-16")
    q1 = (base / alpha / "2021-Q1.yaml").read_text(encoding="utf-8")
    repo.merge_pr(2, {f"submissions/{alpha}/2021-Q1.yaml": q1}, "2021-04-12", "2021-04-14")
    out = tmp_path / f"report.{output_format}"
    result = invoke("report", "2021-Q1", "--root", str(repo.root), "--format", output_format,
                    "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    if output_format == "json":
        figures = {f["id"]: f["value"] for f in json.loads(out.read_text("utf-8"))["figures"]}
        assert figures["projects.total"] == 1 and figures["projects.cities"] == 1
        assert figures["reporting.expected"] == 1 and figures["reporting.on_time"] == 1
        assert figures["cases.count"] == 0
        return
    text = out.read_text("utf-8") if output_format == "md" else _docx_text(out.read_bytes())
    assert "大同市、晋城市暂无纳入跟进的项目，不列入下表。" in text
    assert "本期各项目未报送新的实践案例。" in text
    assert "2020年第一季度没有可比较的数据，本期不作同比。" in text
    assert "本期应报1份，已在线确认1份，其中按时确认1份" in text
