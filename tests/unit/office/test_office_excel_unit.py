"""The Excel modules one by one, on the base fixture tree: plan, template, meta, workbook,
zip limits, reader, cell map, YAML writer, import."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from site_builder.load.periods import parse_period
from site_builder.load.tree import SubmissionsTree
from site_builder.load.yamlsafe import parse_text
from site_builder.office.excel import (
    cells,
    guide,
    importer,
    layout,
    meta,
    project_files,
    reader,
    report_yaml,
    styles,
    template,
    workbook,
    zipcheck,
)
from site_builder.office.excel.cellmap import CellMap

Q2 = parse_period("2021-Q2")


@pytest.fixture
def filled(base_tree: Path, tmp_path: Path) -> Path:
    """The template of alpha-region's 2021-Q2 report (pre-filled from the report), saved."""
    made = template.make_template(base_tree, "alpha-region", Q2)
    assert made.prefilled == "submissions/projects/alpha-region/2021-Q2.yaml"
    path = tmp_path / "季报.xlsx"
    template.save(made.workbook, path)
    return path


def test_the_plan_has_a_sheet_per_part_and_hidden_keys(base_tree: Path):
    sheets = layout.plan("region", None, annual=False)
    assert len(sheets) >= 5 and len({s.title for s in sheets}) == len(sheets)
    assert {"project", "period", "kind"} <= layout.required_top("region", annual=False)
    assert layout.population_of("enterprise", "financial") != layout.population_of("region", None)
    data = {"a": {"b": [1, 2]}, "c": "x", "tags": ["绿色", "金融"]}
    assert layout.get_path(data, ("a", "b", 1)) == 2
    assert layout.get_path(data, ("a", "z", 0)) is None
    assert layout.leaves(data) == [("a", "b", 0), ("a", "b", 1), ("c",), ("tags",)]


def test_a_template_round_trips_into_the_same_report(base_tree: Path, filled: Path):
    opened = workbook.open_workbook(filled)
    info = meta.read_meta(opened.book)
    assert (info["project"], info["period"], info["kind"]) == ("alpha-region", "2021-Q2", "region")
    assert info["schema_digest"] == meta.schema_digest(info["schema"])
    assert opened.book.sheetnames[0] == layout.GUIDE_SHEET == "说明"
    assert any("sctrack import" in step for step in guide.STEPS)
    imported = importer.import_workbook(base_tree, filled)
    assert imported.ok, [f.message for f in imported.findings]
    tree = SubmissionsTree(base_tree)
    assert imported.data == project_files.read_report(tree, "alpha-region", Q2)
    assert parse_text(imported.text, "x").data == imported.data
    assert imported.text.startswith("# yaml-language-server: $schema=")


def test_a_changed_cell_is_reported_at_its_sheet_and_cell(base_tree: Path, filled: Path):
    opened = workbook.open_workbook(filled)
    book = opened.book
    # Column A holds each row's hidden YAML path; find a number input and spoil it.
    for ws in book.worksheets:
        hits = [
            c for c in ws["A"] if isinstance(c.value, str) and c.value.endswith("bad_debt_ratio")
        ]
        if hits:
            row = hits[0].row
            ws.cell(row=row, column=3, value="很多")
            sheet = ws.title
            break
    else:
        pytest.skip("the template has no bad-debt ratio row")
    book.save(filled)
    imported = importer.import_workbook(base_tree, filled)
    assert not imported.ok
    (finding,) = imported.findings
    assert (finding.path, finding.location.sheet, finding.line, finding.col) == (
        "季报.xlsx",
        sheet,
        row,
        3,
    )
    assert "应填数字" in finding.message and "很多" in finding.message


def test_a_workbook_that_is_not_a_template_is_refused(tmp_path: Path):
    import openpyxl

    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(layout.WorkbookError, match="不是用 sctrack template 生成的"):
        meta.read_meta(workbook.open_workbook(path).book)
    text = tmp_path / "old.xls"
    text.write_bytes(b"\xd0\xcf\x11\xe0not a zip")
    with pytest.raises(layout.WorkbookError, match=r"\.xls"):
        workbook.open_workbook(text)


def test_a_sheet_claiming_a_million_rows_is_refused_before_it_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", '<worksheet><row r="1048576"/></worksheet>')
    with zipfile.ZipFile(buffer) as archive, pytest.raises(layout.WorkbookError, match="拒绝读取"):
        zipcheck.check_size(archive)


def test_cells_keep_text_as_text_and_refuse_what_excel_cannot_hold():
    import openpyxl

    ws = openpyxl.Workbook().active
    ws.title = "组织保障"
    assert cells.put(ws, 2, 3, "=SUM(A1:A9)").data_type == "s"
    assert cells.put(ws, 3, 3, 12.5).value == 12.5
    assert cells.put(ws, 4, 3, None).value is None
    with pytest.raises(layout.WorkbookError, match="“组织保障”C5"):
        cells.put(ws, 5, 3, "坏\x01字符")
    yes_no = layout.Field("public", {"type": "boolean", "title": "公开"})
    assert cells.shown_value(yes_no, True) == "是" and cells.shown_value(yes_no, False) == "否"
    assert {s.name for s in styles.named_styles()} >= {styles.INPUT_TEXT, styles.INPUT_NUMBER}


def test_a_cell_location_is_the_sheet_row_and_column():
    location = reader.cell_location("季报.xlsx", "组织保障", 5, 3, 2)
    assert (location.path, location.sheet, location.line, location.col) == (
        "季报.xlsx",
        "组织保障",
        5,
        3,
    )
    assert CellMap({}, location).fallback is location


def test_the_yaml_writer_never_overwrites_without_force(tmp_path: Path):
    target = tmp_path / "2021-Q2.yaml"
    assert report_yaml.write_report(target, "a: 1\n", force=False)
    assert not report_yaml.write_report(target, "a: 2\n", force=False)
    assert target.read_text(encoding="utf-8") == "a: 1\n"
    assert report_yaml.write_report(target, "a: 2\n", force=True)
    assert target.read_text(encoding="utf-8") == "a: 2\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test_project_files_read_the_tree(base_tree: Path):
    tree = SubmissionsTree(base_tree)
    assert project_files.read_project(tree, "beta-firm")["kind"] == "enterprise"
    assert project_files.read_report(tree, "beta-firm", parse_period("2030-Q1")) is None
    with pytest.raises(layout.UnknownProject):
        project_files.read_project(tree, "gamma")
    assert project_files.read_policy(tree).timezone == "Asia/Shanghai"
