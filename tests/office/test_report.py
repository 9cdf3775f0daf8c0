"""The summary report for the ministry, as Markdown and as a Word file read back."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from conftest import invoke


def test_markdown_report_has_every_part(demo_copy):
    result = invoke("report", "2021-Q3", "--root", str(demo_copy))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# 山西省重点供应链项目2021年第三季度进展情况汇总报告")
    for heading in (
        "## 一、总体情况",
        "## 二、报送确认情况",
        "## 三、供应链绩效情况",
        "## 四、",
        "## 五、存在的问题和建议",
        "## 六、动态调整情况",
        "## 七、下一步工作",
    ):
        assert heading in text, heading
    assert "报送率" in text and "同比" in text


def _read(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _figure_total(projects, period: str, code: str) -> tuple[float, int]:
    """Sum of one figure over the projects' report files of a period, and how many gave it."""
    values = []
    for folder in projects:
        path = folder / f"{period}.yaml"
        if not path.exists():
            continue
        for section in _read(path).values():
            if isinstance(section, dict) and code in (section.get("figures") or {}):
                values.append(section["figures"][code])
    return sum(values), len(values)


def _figure(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def test_report_figures_are_those_of_the_submission_files(demo_copy):
    """Figures of the 2021-Q3 report, recomputed here from the YAML files the projects submitted."""
    text = invoke("report", "2021-Q3", "--root", str(demo_copy)).stdout
    folders = sorted(p for p in (demo_copy / "submissions" / "projects").iterdir() if p.is_dir())
    reports = [_read(f / "2021-Q3.yaml") for f in folders if (f / "2021-Q3.yaml").exists()]
    assert f"本期共收到季度进展报告{len(reports)}份。" in text

    decisions = _read(demo_copy / "submissions" / "registry" / "adjustments.yaml")["decisions"]
    cancelled = {d["project"] for d in decisions if d["decision"] == "cancel"}
    cancelled -= {d["project"] for d in decisions if d["decision"] == "restore"}
    assert f"重点供应链项目共{len(folders) - len(cancelled)}个" in text
    assert f"另有{len(cancelled)}个项目已被取消重点培育资格" in text

    regions = [f for f in folders if _read(f / "project.yaml")["kind"] == "region"]
    total, count = _figure_total(regions, "2021-Q3", "scf_volume")
    # 同比 like-for-like (issue 14): only the regions that reported the figure in both years.
    both = [
        f
        for f in regions
        if _figure_total([f], "2021-Q3", "scf_volume")[1]
        and _figure_total([f], "2020-Q3", "scf_volume")[1]
    ]
    now, _ = _figure_total(both, "2021-Q3", "scf_volume")
    before, _ = _figure_total(both, "2020-Q3", "scf_volume")
    change = (now - before) / before * 100
    assert count >= 2 and before > 0
    assert (
        f"| 重点区域供应链金融融资规模 | {_figure(total)} | 亿元 | {count} | {change:+.1f}% |"
        in text
    )

    problems = [(r["project"], p) for r in reports for p in r.get("problems") or []]
    assert f"本期{len({name for name, _ in problems})}个项目共反映问题{len(problems)}条" in text
    cases = [c for r in reports for c in r.get("cases") or []]
    assert f"本期各项目共总结实践案例{len(cases)}篇" in text


def test_bad_period_is_a_usage_error(demo_copy):
    assert invoke("report", "2021-Q5", "--root", str(demo_copy)).returncode == 2


@pytest.fixture(scope="module")
def word_file(demo_copy, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.docx"
    result = invoke("report", "2021", "--root", str(demo_copy), "--format", "docx", "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_word_file_reads_back(word_file):
    document = Document(io.BytesIO(word_file.read_bytes()))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "山西省重点供应链项目2021年度进展情况汇总报告"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [h[:2] for h in headings if re.match(r"^[一二三四五六七]、", h)] == [
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
        "六、",
        "七、",
    ]
    assert len(document.tables) >= 3
    assert len(document.inline_shapes) >= 2
    fonts = {el.get(qn("w:eastAsia")) for el in document.element.body.iter(qn("w:rFonts"))}
    assert {"仿宋", "黑体"} <= fonts


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed (.ci/run installs it; under CI this test must run)",
)
def test_word_file_converts_to_pdf(word_file, tmp_path):
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(word_file)],
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "report.pdf"
    assert pdf.exists() and pdf.read_bytes()[:4] == b"%PDF"
