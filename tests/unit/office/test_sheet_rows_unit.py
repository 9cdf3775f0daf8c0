"""The stateless pieces of reading a part's sheet (office/excel/sheet_rows.py), on the plan of
a real report: which field a form row's key names, what a section is made of, blank rows."""

from __future__ import annotations

import pytest

from site_builder.findings import Location
from site_builder.office.excel import layout, sheet_rows

SHEETS = {s.key: s for s in layout.plan("region", None, annual=False)}


def _section_sheet() -> layout.SheetPlan:
    return next(s for s in SHEETS.values() if s.shape == "object" and s.figures)


def test_a_form_key_names_a_text_or_a_figure_of_its_own_sheet_only():
    sheet = _section_sheet()
    text, figure = sheet.texts[0], sheet.figures[0]
    assert sheet_rows.form_item(sheet, (sheet.key, text.key)) is text
    assert sheet_rows.form_item(sheet, (sheet.key, "figures", figure.key)) is figure
    other = next(key for key in SHEETS if key != sheet.key)
    assert sheet_rows.form_item(sheet, (other, text.key)) is None


def test_a_section_keeps_the_schema_order_and_leaves_out_what_is_empty():
    sheet = _section_sheet()
    text, figure = sheet.texts[0], sheet.figures[0]
    forms = {(sheet.key, "figures", figure.key): 7.5, (sheet.key, text.key): "开展了工作"}
    section = sheet_rows.section_data(sheet, forms, table_rows=[])
    assert section == {text.key: "开展了工作", "figures": {figure.key: 7.5}}
    assert sheet_rows.section_data(sheet, {}, table_rows=None) is None


def test_a_missing_sheet_stops_the_reading_with_its_name():
    sheets = list(SHEETS.values())
    with pytest.raises(layout.WorkbookError, match=sheets[0].title):
        sheet_rows.require_sheets(sheets, {s.key: object() for s in sheets[1:]})


def test_a_duplicate_key_names_the_first_cell():
    first = Location("季报.xlsx", 1, 5, 3, "组织保障")
    assert "第一次在 组织保障!C5" in sheet_rows.duplicate_key("org.a", first)
