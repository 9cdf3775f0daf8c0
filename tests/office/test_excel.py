"""The Excel round trip: `sctrack template` writes a workbook, `sctrack import` reads it back.

Workbooks are real files in tmp_path, edited with openpyxl as a clerk would in
Excel; cells are found by the hidden keys in column A, so the tests do not
depend on where a row happens to land.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from site_builder.load.report_layout import report_text
from site_builder.load.yamlsafe import parse_file

from conftest import REPO, invoke

BETA = "submissions/projects/beta-firm"
ALPHA = "submissions/projects/alpha-region"


def _template(root: Path, project: str, period: str, out: Path) -> Path:
    result = invoke("template", project, period, "-o", str(out), "--root", str(root))
    assert result.returncode == 0, result.stderr
    return out


def _import(root: Path, workbook: Path, *extra: str):
    return invoke("import", str(workbook), "--root", str(root), *extra)


def _data(path: Path) -> dict:
    parsed = parse_file(path, path.name)
    assert parsed.ok, parsed.findings
    return parsed.data


def _row(ws, key: str) -> int:
    """The row whose hidden key (column A) is `key`."""
    for (cell,) in ws.iter_rows(min_col=1, max_col=1):
        if cell.value == key:
            return cell.row
    raise AssertionError(f"no row {key} in {ws.title}")


def _column(ws, table: str, field: str) -> int:
    """The column of `field` in the table whose hidden key row is `#table:<table>`."""
    row = _row(ws, f"#table:{table}")
    for cell in ws[row]:
        if cell.value == field:
            return cell.column
    raise AssertionError(f"no column {field} in {table}")


def _sheet(book, part: str):
    for ws in book.worksheets:
        if ws.cell(1, 1).value == f"#part:{part}":
            return ws
    raise AssertionError(part)


# --- the round trip ----------------------------------------------------------------


def _demo_reports() -> list[Path]:
    projects = REPO / "submissions" / "projects"
    return sorted(p for p in projects.glob("*/*.yaml") if p.name != "project.yaml")


@pytest.mark.slow
def test_round_trip_gives_back_every_demo_report(tmp_path):
    """Template of each existing demo report, imported back with --force, is the same file."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "submissions", root / "submissions")
    reports = _demo_reports()
    assert len(reports) > 100
    for original in reports:
        project, stem = original.parent.name, original.stem
        period = stem.replace("-annual", "")
        workbook = _template(root, project, period, tmp_path / f"{project}-{stem}.xlsx")
        result = _import(root, workbook, "--force")
        assert result.returncode == 0, (original, result.stderr)
        assert " E00" not in result.stderr, result.stderr  # the template's own cells are not named
        written = root / "submissions/projects" / project / original.name
        assert _data(written) == _data(original), original
        # The demo's files are in the one layout every door writes: an Excel round trip
        # changes no byte (the file's opening comment lines are kept).
        assert written.read_bytes() == original.read_bytes(), original
        workbook.unlink()
    assert not list((root / "submissions").rglob("*.tmp"))
    result = invoke("validate", "--root", str(root))
    assert result.returncode == 0, result.stdout


# --- the template ------------------------------------------------------------------


def test_template_lays_out_the_outline_for_the_project(base_tree, tmp_path):
    book = openpyxl.load_workbook(_template(base_tree, "beta-firm", "2021-Q2", tmp_path / "b.xlsx"))
    assert book.sheetnames[0] == "说明"
    assert book.sheetnames[1:11] == [
        "组织保障",
        "基础工作",
        "项目目标完成情况",
        "企业供应链绩效情况",
        "工作创新与示范带动情况",
        "发展绿色供应链情况",
        "布局全球供应链情况",
        "存在的问题及建议",
        "下一步工作计划",
        "实践案例",
    ]
    assert book["_sctrack"].sheet_state == "veryHidden"
    guide = book["说明"]
    assert guide["B4"].value == "beta-firm" and "2021-Q2" in guide["B6"].value
    assert guide["B7"].is_date  # the due date is a date, not text
    # The enterprise's 统一社会信用代码 beside its name, so the filler sees whose workbook it is.
    assert (guide["A9"].value, guide["B9"].value) == ("统一社会信用代码", "91140200000000100T")

    performance = _sheet(book, "performance")
    assert performance.column_dimensions["A"].hidden
    keys = [c.value for (c,) in performance.iter_rows(min_col=1, max_col=1) if c.value]
    # beta-firm is an entity firm: its indicators and items, none of a financial institution's
    assert "performance.figures.revenue" in keys and "performance.quality" in keys
    assert "performance.figures.npl_ratio" not in keys and "performance.risk_control" not in keys
    row = _row(performance, "performance.figures.revenue")
    assert performance.cell(row, 2).value == "营业收入（亿元）"
    value = performance.cell(row, 3)
    assert value.fill.fgColor.rgb.endswith("FFF2CC")  # input cells are marked
    assert value.value is None  # a new report: nothing carried over as a value...
    assert performance.cell(row, 4).value == 14.1  # ...but last period's figure for reference
    assert "上期数" in performance.cell(3, 4).value
    checks = {str(dv.sqref): dv for dv in performance.data_validations.dataValidation}
    assert checks[value.coordinate].type == "decimal"

    targets = _sheet(book, "targets")
    first = _row(targets, "#table:targets.progress") + 2
    assert targets.cell(first, _column(targets, "targets.progress", "target")).value == "T1"
    status = _column(targets, "targets.progress", "status")
    lists = [dv for dv in targets.data_validations.dataValidation if dv.type == "list"]
    assert any("推进中" in dv.formula1 for dv in lists)
    assert any(
        f"{openpyxl.utils.get_column_letter(status)}{first}" in str(dv.sqref) for dv in lists
    )

    problems = _sheet(book, "problems")
    header = _row(problems, "#table:problems") + 1
    assert problems.max_row >= header + 5  # several empty rows to fill in


def test_template_of_existing_report_is_prefilled(base_tree, tmp_path):
    book = openpyxl.load_workbook(
        _template(base_tree, "alpha-region", "2021-Q1", tmp_path / "a.xlsx")
    )
    assert book.sheetnames[1] == "组织保障" and "积极布局全球供应链情况" in book.sheetnames
    original = _data(base_tree / ALPHA / "2021-Q1.yaml")
    organisation = _sheet(book, "organisation")
    key = next(iter(original["organisation"]))
    assert (
        organisation.cell(_row(organisation, f"organisation.{key}"), 3).value
        == (original["organisation"][key])
    )


def test_annual_template_has_the_overall_sheet(base_tree, tmp_path):
    book = openpyxl.load_workbook(_template(base_tree, "beta-firm", "2020", tmp_path / "y.xlsx"))
    assert book.sheetnames[1] == "年度工作总体情况"
    overall = _sheet(book, "overall")
    assert overall.cell(_row(overall, "overall"), 3).value == "全年工作总体平稳。"


def test_template_usage_errors(base_tree, tmp_path):
    out = str(tmp_path / "x.xlsx")
    assert (
        invoke("template", "beta-firm", "2021-Q5", "-o", out, "--root", str(base_tree)).returncode
        == 2
    )
    result = invoke("template", "no-such", "2021-Q1", "-o", out, "--root", str(base_tree))
    assert result.returncode == 2 and "找不到项目" in result.stderr
    assert not Path(out).exists()


def test_template_does_not_overwrite_a_workbook(base_tree, tmp_path):
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(b"a clerk's work")
    args = ("template", "beta-firm", "2021-Q2", "-o", str(filled), "--root", str(base_tree))
    result = invoke(*args)
    assert result.returncode == 1 and "已存在" in result.stderr
    assert filled.read_bytes() == b"a clerk's work"
    assert invoke(*args, "--force").returncode == 0
    assert openpyxl.load_workbook(filled).sheetnames[0] == "说明"


# --- import ------------------------------------------------------------------------


def test_import_reports_each_problem_by_sheet_and_cell(base_tree, tmp_path):
    workbook = _template(base_tree, "beta-firm", "2021-Q2", tmp_path / "bad.xlsx")
    book = openpyxl.load_workbook(workbook)
    performance = _sheet(book, "performance")
    revenue = _row(performance, "performance.figures.revenue")
    performance.cell(revenue, 3).value = "十二亿元"  # text in a number cell
    growth = _row(performance, "performance.figures.revenue_growth")
    performance.cell(growth, 3).value = 5000  # outside the catalogue's range
    turnover = _row(performance, "performance.figures.inventory_turnover")
    performance.cell(turnover, 3).value = "=1+2"  # a formula that was never computed
    problems = _sheet(book, "problems")
    first = _row(problems, "#table:problems") + 2
    theme = _column(problems, "problems", "theme")
    text = _column(problems, "problems", "problem")
    problems.cell(first, theme).value = "天气"  # not in the drop-down
    problems.cell(first, text).value = "原材料涨价。"
    problems.cell(first + 1, text).value = "缺少类别的问题。"  # required theme left empty
    cases = _sheet(book, "cases")
    case_row = _row(cases, "#table:cases") + 2
    cases.cell(case_row, _column(cases, "cases", "title")).value = "只有标题的案例"
    book.save(workbook)

    result = _import(base_tree, workbook)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    shown = str(workbook)
    letter = openpyxl.utils.get_column_letter

    def expect(ref: str, code: str, words: str) -> None:
        assert any(
            line.startswith(f"{shown} {ref}: {code} ") and words in line for line in lines
        ), (ref, code, result.stderr)

    expect(f"企业供应链绩效情况!C{revenue}", "S003", "“营业收入”应填数字")
    expect(f"企业供应链绩效情况!C{growth}", "S008", "超出允许范围")
    expect(f"企业供应链绩效情况!C{turnover}", "S003", "公式")
    expect(f"存在的问题及建议!{letter(theme)}{first}", "S005", "不在下拉列表中")
    expect(f"存在的问题及建议!{letter(theme)}{first + 1}", "S001", "问题类别")
    expect("下一步工作计划!C4", "S001", "必填")
    for field in ("summary", "body", "tags.0"):
        column = letter(_column(cases, "cases", field))
        expect(f"实践案例!{column}{case_row}", "S001", "必填")
    assert "组织保障!C4: S001" in result.stderr  # a required part left empty
    assert "未写入任何文件" in result.stderr and "Traceback" not in result.stderr
    assert not (base_tree / BETA / "2021-Q2.yaml").exists()


def test_import_of_a_new_report_writes_it_where_it_belongs(base_tree, tmp_path):
    workbook = _template(base_tree, "beta-firm", "2021-Q2", tmp_path / "new.xlsx")
    book = openpyxl.load_workbook(workbook)
    texts = {
        "organisation": "organisation.mechanism",
        "groundwork": "groundwork.informatisation",
        "targets": "targets.summary",
        "performance": "performance.summary",
        "innovation": "innovation.technology",
        "green": "green.summary",
        "global": "global.summary",
        "next_steps": "next_steps",
    }
    for part, key in texts.items():
        ws = _sheet(book, part)
        ws.cell(_row(ws, key), 3).value = f"{part} 二季度情况。"
    performance = _sheet(book, "performance")
    performance.cell(_row(performance, "performance.figures.revenue"), 3).value = 29.0
    performance.cell(_row(performance, "performance.figures.revenue_growth"), 3).value = "13.5"
    targets = _sheet(book, "targets")
    first = _row(targets, "#table:targets.progress") + 2
    targets.cell(first, _column(targets, "targets.progress", "status")).value = "推进中"
    problems = _sheet(book, "problems")
    row = _row(problems, "#table:problems") + 2
    problems.cell(row, _column(problems, "problems", "theme")).value = "人才"
    cell = problems.cell(row, _column(problems, "problems", "problem"), "=缺少 0351 型号工程师")
    cell.data_type = "s"  # typed into a text cell, as Excel keeps it: text, not a formula
    problems.cell(row, _column(problems, "problems", "suggestion")).value = 7  # typed digits
    cases = _sheet(book, "cases")
    row = _row(cases, "#table:cases") + 2
    for field, value in (
        ("title", "协同平台接入供应商"),
        ("summary", "接入 40 家供应商。"),
        ("body", "### 做法\n\n1. 统一接口；\n2. 共享库存。\n"),
        ("tags.0", "技术创新"),
        ("tags.1", "模式创新"),
        ("public", "是"),
    ):
        cases.cell(row, _column(cases, "cases", field)).value = value
    book.save(workbook)

    result = _import(base_tree, workbook)
    assert result.returncode == 0, result.stderr
    target = base_tree / BETA / "2021-Q2.yaml"
    data = _data(target)
    assert list(data)[:4] == ["project", "period", "kind", "organisation"]
    assert list(data) == [
        "project",
        "period",
        "kind",
        "organisation",
        "groundwork",
        "targets",
        "performance",
        "innovation",
        "green",
        "global",
        "problems",
        "next_steps",
        "cases",
    ]
    figures = data["performance"]["figures"]
    assert figures == {"revenue": 29, "revenue_growth": 13.5}
    assert isinstance(figures["revenue"], int)  # a whole Excel number stays an int
    assert data["targets"]["progress"] == [{"target": "T1", "status": "in_progress"}]
    assert data["problems"] == [
        {"theme": "talent", "problem": "=缺少 0351 型号工程师", "suggestion": "7"}
    ]
    assert data["cases"] == [
        {
            "title": "协同平台接入供应商",
            "summary": "接入 40 家供应商。",
            "body": "### 做法\n\n1. 统一接口；\n2. 共享库存。\n",
            "tags": ["technology", "business_model"],
            "public": True,
        }
    ]
    text = target.read_text(encoding="utf-8")
    assert "\n\n# 一、组织保障\norganisation:\n" in text
    assert "    body: |\n" in text
    assert text == report_text(data, annual=False)  # what the form and `sctrack new` write
    assert invoke("validate", "--root", str(base_tree)).returncode == 0


def test_overwrite_refused_without_force(base_tree, tmp_path):
    target = base_tree / ALPHA / "2021-Q1.yaml"
    before = target.read_bytes()
    workbook = _template(base_tree, "alpha-region", "2021-Q1", tmp_path / "a.xlsx")
    result = _import(base_tree, workbook)
    assert result.returncode == 1
    assert "已存在" in result.stderr and "--force" in result.stderr
    assert target.read_bytes() == before


def test_force_overwrites_with_the_correction_and_it_validates(base_tree, tmp_path):
    target = base_tree / ALPHA / "2021-Q2.yaml"
    original = _data(target)
    workbook = _template(base_tree, "alpha-region", "2021-Q2", tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(workbook)
    ws = _sheet(book, "next_steps")
    ws.cell(_row(ws, "next_steps"), 3).value = "更正后的下一步计划：\n一是扩大平台；\n二是培训。"
    book.save(workbook)

    result = _import(base_tree, workbook, "--force")
    assert result.returncode == 0, result.stderr
    data = _data(target)
    assert data["next_steps"] == "更正后的下一步计划：\n一是扩大平台；\n二是培训。"
    assert {k: v for k, v in data.items() if k != "next_steps"} == {
        k: v for k, v in original.items() if k != "next_steps"
    }
    assert "next_steps: |-\n" in target.read_text(encoding="utf-8")
    assert not list(target.parent.glob(".*.tmp"))
    assert invoke("validate", "--root", str(base_tree), str(target)).returncode == 0


def test_rules_across_files_point_at_the_cell(base_tree, tmp_path):
    workbook = _template(base_tree, "alpha-region", "2021-Q2", tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(workbook)
    targets = _sheet(book, "targets")
    first = _row(targets, "#table:targets.progress") + 2
    column = _column(targets, "targets.progress", "target")
    targets.cell(first, column).value = "T9"  # not a target of the project
    book.save(workbook)
    result = _import(base_tree, workbook, "--force")
    assert result.returncode == 1
    ref = f"目标完成情况!{openpyxl.utils.get_column_letter(column)}{first}"
    assert f"{workbook} {ref}: X013 " in result.stderr


@pytest.mark.parametrize("case", ["not_template", "csv", "corrupt", "missing_sheet"])
def test_workbooks_not_made_by_template_are_refused(base_tree, tmp_path, case):
    path = tmp_path / f"{case}.xlsx"
    if case == "not_template":
        book = openpyxl.Workbook()
        book.active["A1"] = "项目编号"
        book.save(path)
    elif case == "csv":
        path.write_text("project,period\nbeta-firm,2021-Q2\n", encoding="utf-8")
    elif case == "corrupt":
        good = _template(base_tree, "beta-firm", "2021-Q2", tmp_path / "good.xlsx")
        path.write_bytes(good.read_bytes()[:2000])
    else:
        good = _template(base_tree, "beta-firm", "2021-Q2", tmp_path / "good.xlsx")
        book = openpyxl.load_workbook(good)
        del book["基础工作"]
        book.save(path)
    result = _import(base_tree, path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}: ")
    expected = {
        "not_template": "不是用 sctrack template 生成的",
        "csv": "不是有效的 Excel 工作簿",
        "corrupt": "不是有效的 Excel 工作簿",
        "missing_sheet": "找不到工作表“基础工作”",
    }[case]
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert not (base_tree / BETA / "2021-Q2.yaml").exists()


def test_warnings_are_shown_and_the_report_is_still_written(base_tree, tmp_path):
    workbook = _template(base_tree, "alpha-region", "2021-Q2", tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(workbook)
    finance = _sheet(book, "finance")
    row = _row(finance, "finance.figures.scf_volume")
    finance.cell(row, 3).value = 2.5  # year-to-date, yet below Q1's 3.5: a warning, not an error
    book.save(workbook)
    result = _import(base_tree, workbook, "--force")
    assert result.returncode == 0, result.stderr
    assert f"{workbook} 规范发展供应链金融情况!C{row}: X016 警告：" in result.stderr
    assert _data(base_tree / ALPHA / "2021-Q2.yaml")["finance"]["figures"]["scf_volume"] == 2.5


def test_import_checks_in_memory_and_writes_nothing_on_errors(base_tree, tmp_path, monkeypatch):
    """No temporary copy of the tree is made, and a report with errors leaves every file as it was."""
    import hashlib
    import tempfile

    workbook = _template(base_tree, "alpha-region", "2021-Q2", tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(workbook)
    targets = _sheet(book, "targets")
    first = _row(targets, "#table:targets.progress") + 2
    targets.cell(first, _column(targets, "targets.progress", "target")).value = "T9"
    book.save(workbook)

    def snapshot() -> dict[str, tuple[str, int]]:
        return {
            p.relative_to(base_tree).as_posix(): (
                hashlib.sha256(p.read_bytes()).hexdigest(),
                p.stat().st_mtime_ns,
            )
            for p in base_tree.rglob("*")
            if p.is_file()
        }

    def no_copy(*args, **kwargs):
        raise AssertionError("import must not copy the tree")

    before = snapshot()
    monkeypatch.setattr(tempfile, "mkdtemp", no_copy)
    monkeypatch.setattr(shutil, "copytree", no_copy)
    result = _import(base_tree, workbook, "--force")
    assert result.returncode == 1
    assert "X013" in result.stderr and "未写入任何文件" in result.stderr
    assert snapshot() == before
