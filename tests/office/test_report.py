"""The summary report for the ministry, as Markdown and as a Word file read back."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
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
