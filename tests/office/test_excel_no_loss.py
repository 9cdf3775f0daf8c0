"""Excel import loses nothing a clerk typed without saying so.

Each test starts from the clerk's own workbook: `sctrack template` for a project
with a report on file (so the workbook is pre-filled), edited with openpyxl the
way a clerk edits it in Excel or WPS, then `sctrack import`. What is clear is
read, with a warning at the cell; what is not is refused at the cell; what the
import does not read (an added sheet, text beside the form, a merge across two
items) is named. A refused import leaves the report on file as it was.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_excel import ALPHA, _column, _data, _import, _row, _sheet, _template

REPORT = f"{ALPHA}/2021-Q2.yaml"


def _workbook(root: Path, tmp_path: Path, edit) -> Path:
    """The template of alpha-region's 2021-Q2 report, edited by `edit(book)` and saved."""
    workbook = _template(root, "alpha-region", "2021-Q2", tmp_path / "季报.xlsx")
    book = openpyxl.load_workbook(workbook)
    edit(book)
    book.save(workbook)
    return workbook


def _cell(book, part: str, key: str):
    """The input cell of the form row `key` on the sheet of `part`."""
    ws = _sheet(book, part)
    return ws.cell(_row(ws, key), 3)


def _finding(result, workbook: Path, where: str, code: str) -> str:
    """The line of the finding `code` at `where` (`组织保障!C4`); fails when there is none."""
    prefix = f"{workbook} {where}: {code} "
    lines = [line for line in result.stderr.splitlines() if line.startswith(prefix)]
    assert len(lines) == 1, (where, code, result.stderr)
    return lines[0][len(prefix) :]


def _refused(result, root: Path, before: bytes) -> None:
    assert result.returncode == 1, result.stderr
    assert "未写入任何文件" in result.stderr and "Traceback" not in result.stderr
    assert (root / REPORT).read_bytes() == before


def test_figures_whose_meaning_is_clear_are_read_with_a_warning_at_the_cell(base_tree, tmp_path):
    typed = {
        ("finance", "finance.figures.scf_volume"): "１２．５",  # full-width, an IME left on
        ("performance", "performance.figures.key_industry_output"): "1,234.5",
        ("performance", "performance.figures.leading_enterprise_revenue"): "385.6亿元",
        ("finance", "finance.figures.financing_cost"): "5.9%",  # a % field
        ("global", "global.figures.import_export"): "4.4 亿",  # 亿 of an 亿元 field
    }

    def edit(book):
        for (part, key), value in typed.items():
            _cell(book, part, key).value = value
        growth = _cell(book, "performance", "performance.figures.key_industry_growth")
        growth.value, growth.number_format = 0.081, "0.0%"  # `8.1%` typed into Excel

    workbook = _workbook(base_tree, tmp_path, edit)
    result = _import(base_tree, workbook, "--force")

    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(workbook)
    for (part, key), value in typed.items():
        cell = _cell(book, part, key)
        message = _finding(result, workbook, f"{cell.parent.title}!{cell.coordinate}", "E001")
        assert message.startswith("警告：") and f"填的是“{value}”" in message
    growth = _cell(book, "performance", "performance.figures.key_industry_growth")
    where = f"{growth.parent.title}!{growth.coordinate}"
    assert "按显示的 8.1% 读作 8.1" in _finding(result, workbook, where, "E001")
    data = _data(base_tree / REPORT)
    assert data["finance"]["figures"]["scf_volume"] == 12.5
    assert data["finance"]["figures"]["financing_cost"] == 5.9
    assert data["performance"]["figures"] == {
        "key_industry_output": 1234.5,
        "key_industry_growth": 8.1,
        "leading_enterprise_revenue": 385.6,
    }
    assert data["global"]["figures"]["import_export"] == 4.4


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("12.5万元", "12.5万元即 0.00125亿元，写成 0.00125"),  # issue 23's 10,000× error
        ("１２５０万", "1250万元即 0.125亿元，写成 0.125"),
        ("1,250万元", "1250万元即 0.125亿元，写成 0.125"),
        ("3亿美元", "按汇率折算成人民币"),
        ("5%", "这里写的单位是%，而本项的单位是亿元"),
    ],
)
def test_a_figure_in_another_unit_is_refused_with_the_converted_value(
    base_tree, tmp_path, typed, words
):
    before = (base_tree / REPORT).read_bytes()

    def edit(book):
        _cell(book, "finance", "finance.figures.scf_volume").value = typed

    workbook = _workbook(base_tree, tmp_path, edit)
    result = _import(base_tree, workbook, "--force")

    _refused(result, base_tree, before)
    cell = _cell(openpyxl.load_workbook(workbook), "finance", "finance.figures.scf_volume")
    message = _finding(result, workbook, f"{cell.parent.title}!{cell.coordinate}", "S003")
    assert f"这里是“{typed}”" in message and words in message


def test_an_added_sheet_is_named_and_the_report_still_imports(base_tree, tmp_path):
    def edit(book):
        notes = book.create_sheet("备注")
        notes["B2"] = "平台三期已立项，下季度报送。"

    workbook = _workbook(base_tree, tmp_path, edit)
    result = _import(base_tree, workbook, "--force")

    assert result.returncode == 0, result.stderr
    message = _finding(result, workbook, "备注!B2", "E002")
    assert "“备注”不是填报表的一部分" in message and "不会导入" in message


def test_a_copied_part_sheet_is_refused(base_tree, tmp_path):
    before = (base_tree / REPORT).read_bytes()

    def edit(book):
        copy = book.copy_worksheet(_sheet(book, "organisation"))
        copy.title = "组织保障（修改稿）"
        copy.cell(_row(copy, "organisation.coordination_mechanism"), 3).value = "改过的内容。"

    workbook = _workbook(base_tree, tmp_path, edit)
    result = _import(base_tree, workbook, "--force")

    _refused(result, base_tree, before)
    message = _finding(result, workbook, "组织保障（修改稿）!B1", "E002")
    assert "与“组织保障”是同一部分" in message


def test_text_outside_the_input_cells_is_named(base_tree, tmp_path):
    def edit(book):
        ws = _sheet(book, "organisation")
        row = _row(ws, "organisation.coordination_mechanism")
        ws.cell(row, 6).value = "联席会议纪要另附。"  # beside the form, column F
        ws.cell(ws.max_row + 2, 3).value = "其他：成立链长制办公室。"  # below the last item
        targets = _sheet(book, "targets")
        first = _row(targets, "#table:targets.progress") + 2
        targets.cell(first, targets.max_column + 1).value = "见附件"  # right of the table
        book["说明"]["D5"] = "二季度数字已与统计局核对。"  # beside the instructions
        note = openpyxl.comments.Comment("会议纪要待市政府印发后补充。", "填报人")
        ws.cell(row, 3).comment = note  # a comment (批注) on an input cell

    workbook = _workbook(base_tree, tmp_path, edit)
    book = openpyxl.load_workbook(workbook)
    organisation, targets = _sheet(book, "organisation"), _sheet(book, "targets")
    row = _row(organisation, "organisation.coordination_mechanism")
    first = _row(targets, "#table:targets.progress") + 2
    result = _import(base_tree, workbook, "--force")

    assert result.returncode == 0, result.stderr
    letter = openpyxl.utils.get_column_letter
    places = {
        f"组织保障!F{row}": "联席会议纪要另附。",
        f"组织保障!C{organisation.max_row}": "其他：成立链长制办公室。",
        f"目标完成情况!{letter(targets.max_column)}{first}": "见附件",
    }
    places[f"组织保障!C{row}"] = "会议纪要待市政府印发后补充。"
    places["说明!D5"] = "二季度数字已与统计局核对。"
    for where, text in places.items():
        message = _finding(result, workbook, where, "E003")
        assert f"“{text}”不会导入" in message
    assert result.stderr.count(" E003 ") == len(places)  # the template's own text is not named


def test_a_merge_across_two_items_is_refused(base_tree, tmp_path):
    before = (base_tree / REPORT).read_bytes()

    def edit(book):
        ws = _sheet(book, "groundwork")
        first = _row(ws, "groundwork.infrastructure")
        for row in (first, first + 1):  # each text row's C:D is one merged box
            ws.unmerge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        ws.merge_cells(start_row=first, start_column=3, end_row=first + 1, end_column=4)
        problems = _sheet(book, "problems")
        row = _row(problems, "#table:problems") + 2
        theme = _column(problems, "problems", "theme")
        problems.cell(row + 1, _column(problems, "problems", "problem")).value = "融资贵。"
        problems.merge_cells(start_row=row, start_column=theme, end_row=row + 1, end_column=theme)

    workbook = _workbook(base_tree, tmp_path, edit)
    book = openpyxl.load_workbook(workbook)
    groundwork, problems = _sheet(book, "groundwork"), _sheet(book, "problems")
    first = _row(groundwork, "groundwork.infrastructure")
    row = _row(problems, "#table:problems") + 2
    theme = openpyxl.utils.get_column_letter(_column(problems, "problems", "theme"))
    result = _import(base_tree, workbook, "--force")

    _refused(result, base_tree, before)
    message = _finding(result, workbook, f"基础工作!C{first}", "E004")
    assert f"C{first}:D{first + 1}" in message and "跨了 2 个填写格" in message
    message = _finding(result, workbook, f"存在的问题及建议!{theme}{row}", "E004")
    assert f"第 {row + 1} 行的“问题类别”" in message


def test_warnings_do_not_overwrite_without_force(base_tree, tmp_path):
    before = (base_tree / REPORT).read_bytes()

    def edit(book):
        _cell(book, "finance", "finance.figures.scf_volume").value = "7.5亿元"

    workbook = _workbook(base_tree, tmp_path, edit)
    result = _import(base_tree, workbook)

    assert result.returncode == 1
    assert " E001 " in result.stderr and "已存在，未覆盖" in result.stderr
    assert (base_tree / REPORT).read_bytes() == before


def test_a_figure_typed_into_the_last_period_column_is_named(base_tree, tmp_path):
    """Column D shows the last period's figures, greyed; a clerk typing this period's there
    (and leaving the input cell empty) is told, while the untouched figures are not named."""
    workbook = _template(base_tree, "alpha-region", "2021-Q3", tmp_path / "三季度.xlsx")
    book = openpyxl.load_workbook(workbook)
    ws = _sheet(book, "finance")
    row = _row(ws, "finance.figures.scf_volume")
    assert ws.cell(row, 4).value == 7.2  # 2021-Q2's figure, for reference
    ws.cell(row, 4).value = 9.8
    book.save(workbook)

    result = _import(base_tree, workbook)

    message = _finding(result, workbook, f"规范发展供应链金融情况!D{row}", "E003")
    assert "“9.8”不会导入" in message and "上期数" in message
    assert result.stderr.count(" E003 ") == 1


def test_a_percent_cell_in_a_field_of_another_unit_is_refused(base_tree, tmp_path):
    before = (base_tree / REPORT).read_bytes()

    def edit(book):
        cell = _cell(book, "finance", "finance.figures.scf_volume")
        cell.value, cell.number_format = 0.072, "0.0%"  # shows 7.2% in an 亿元 field

    workbook = _workbook(base_tree, tmp_path, edit)
    result = _import(base_tree, workbook, "--force")

    _refused(result, base_tree, before)
    cell = _cell(openpyxl.load_workbook(workbook), "finance", "finance.figures.scf_volume")
    message = _finding(result, workbook, f"{cell.parent.title}!{cell.coordinate}", "S003")
    assert "百分比格式（显示 7.2%" in message and "直接填 7.2（单位：亿元）" in message
