"""Every command that judges input prints its findings through the shared reporters."""

from __future__ import annotations

import json
import re

import openpyxl
import pytest

from conftest import FIXTURES, invoke
from gitrepo import Repo, base_repo

BROKEN_REPORT = "submissions/projects/alpha-region/2021-Q2.yaml"


def _break(root) -> None:
    path = root / BROKEN_REPORT
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: region", "kind: nowhere"), encoding="utf-8"
    )


def _count_line(output: str) -> str:
    (line,) = [line for line in output.splitlines() if line.startswith("检查了 ")]
    return line


def test_build_prints_the_same_findings_and_counts_as_validate(base_tree):
    _break(base_tree)
    validated = invoke("validate", "--root", str(base_tree))
    built = invoke("build", "--root", str(base_tree))
    assert (validated.returncode, built.returncode) == (1, 1)
    assert _count_line(built.stderr) == _count_line(validated.stdout)
    files = int(re.search(r"检查了 (\d+) 个文件", validated.stdout).group(1))
    assert files > 1
    findings = [line for line in validated.stdout.splitlines() if line.startswith("submissions/")]
    assert findings and all(line in built.stderr for line in findings)
    assert "未生成站点" in built.stderr


def test_build_json_matches_validate_json(base_tree):
    _break(base_tree)
    validated = json.loads(invoke("validate", "--root", str(base_tree), "--format", "json").stdout)
    result = invoke("build", "--root", str(base_tree), "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == validated
    assert "未生成站点" in result.stderr


def _workbook_with_text_in_a_number_cell(root, path):
    result = invoke("template", "beta-firm", "2021-Q2", "-o", str(path), "--root", str(root))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(path)
    (sheet,) = [ws for ws in book.worksheets if ws.cell(1, 1).value == "#part:performance"]
    (row,) = [
        cell.row
        for (cell,) in sheet.iter_rows(min_col=1, max_col=1)
        if cell.value == "performance.figures.revenue"
    ]
    sheet.cell(row, 3).value = "十二亿元"
    book.save(path)
    return sheet.title, row


def test_import_json_points_at_sheet_and_cell(base_tree, tmp_path):
    workbook = tmp_path / "bad.xlsx"
    sheet, row = _workbook_with_text_in_a_number_cell(base_tree, workbook)
    result = invoke("import", str(workbook), "--root", str(base_tree), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["files"] == 1
    (finding,) = [f for f in data["findings"] if f["cell"] == f"{sheet}!C{row}"]
    assert finding["path"] == str(workbook) and finding["sheet"] == sheet
    assert (finding["line"], finding["col"], finding["code"]) == (row, 3, "S003")
    assert "未写入任何文件" in result.stderr and "Traceback" not in result.stderr


def test_import_github_names_the_cell_in_the_message(base_tree, tmp_path):
    workbook = tmp_path / "bad.xlsx"
    sheet, row = _workbook_with_text_in_a_number_cell(base_tree, workbook)
    result = invoke("import", str(workbook), "--root", str(base_tree), "--format", "github")
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if f"{sheet}!C{row}" in line)
    assert line.startswith("::error title=S003 ") and "file=" not in line
    assert _count_line(result.stdout).startswith("检查了 1 个工作簿：")


@pytest.fixture
def repo(tmp_path, git_history: None) -> Repo:
    return base_repo(tmp_path / "repo", "2021-06-01")


def _check_scope(repo: Repo, author: str, *extra: str):
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "change", date="2021-06-02")
    return invoke(
        "check-scope", "--root", str(repo.root), "--author", author, "--base", "main", *extra
    )


REGISTRY = "submissions/registry/policy.yaml"


def test_check_scope_json_lists_each_refused_path(repo):
    repo.write(REGISTRY, "{}\n")
    repo.write(".github/workflows/x.yml", "on: push\n")
    result = _check_scope(repo, "alpha-clerk", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["files"] == 2
    codes = {f["path"]: f["code"] for f in data["findings"]}
    assert codes == {REGISTRY: "R005", ".github/workflows/x.yml": "R006"}
    assert all(f["line"] == 0 for f in data["findings"])
    assert "无权修改" in result.stderr


def test_check_scope_github_annotates_without_a_line(repo):
    repo.write(REGISTRY, "{}\n")
    result = _check_scope(repo, "alpha-clerk", "--format", "github")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error title=R005 ") and f"::{REGISTRY}: " in first
    assert "file=" not in first


def test_check_scope_json_when_allowed_is_still_json(repo):
    repo.write(REGISTRY, "{}\n")
    result = _check_scope(repo, "province-admin", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["ok"] is True
    assert "允许" in result.stderr


def test_check_scope_text_keeps_path_colon_reason(repo):
    repo.write(REGISTRY, "{}\n")
    result = _check_scope(repo, "alpha-clerk")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{REGISTRY}: R005 登记信息")


def test_diff_json_lists_corrections_and_deletions_as_warnings(repo):
    report = repo.root / "submissions/projects/alpha-region/2021-Q2.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("scf_volume: 7.2", "scf_volume: 8.0"),
        encoding="utf-8",
    )
    (repo.root / "submissions/projects/alpha-region/2021-Q1.yaml").unlink()
    repo.commit("change", "2021-06-02")
    result = invoke(
        "diff", "--root", str(repo.root), "--base", "main", "--head", "pr", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["errors"] == 0 and data["files"] == 2
    codes = {(f["path"].rsplit("/", 1)[1], f["code"]) for f in data["findings"]}
    assert codes == {("2021-Q2.yaml", "R101"), ("2021-Q1.yaml", "R103")}
    assert all(f["severity"] == "warning" for f in data["findings"])


def test_revisions_are_read_in_the_root_named_after_them(repo):
    repo.write(REGISTRY, "{}\n")
    repo.commit("change", "2021-06-02")
    result = invoke(
        "check-scope", "--base", "main", "--author", "province-admin", "--root", str(repo.root)
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["validate", "import", "check-scope", "build", "diff"])
def test_every_judging_command_speaks_every_findings_format(name):
    from site_builder.cli.main import cli

    (option,) = [p for p in cli.commands[name].params if p.name == "output_format"]
    assert {"text", "github", "json"} <= set(option.type.choices)


def test_validate_writes_gitlab_code_quality_for_the_merge_request_widget(base_tree):
    """The same findings as `--format json`, in GitLab's Code Quality report format."""
    _break(base_tree)
    code = base_tree / "submissions/projects/beta-firm/project.yaml"
    text = code.read_text(encoding="utf-8")
    code.write_text(text.replace("91140200000000100T", "91140200000000100X"), encoding="utf-8")
    validated = json.loads(invoke("validate", "--root", str(base_tree), "--format", "json").stdout)
    result = invoke("validate", "--root", str(base_tree), "--format", "gitlab")
    assert result.returncode == 1
    issues = json.loads(result.stdout)
    assert len(issues) == len(validated["findings"]) >= 2
    for issue, finding in zip(issues, validated["findings"], strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding["code"]
        assert issue["location"] == {"path": finding["path"], "lines": {"begin": finding["line"]}}
        assert issue["severity"] == ("critical" if finding["severity"] == "error" else "minor")
        assert finding["message"] in issue["description"]
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    (wrong_code,) = [i for i in issues if i["check_name"] == "X020"]
    assert "校验码应为“T”" in wrong_code["description"]
    assert wrong_code["location"]["path"].endswith("beta-firm/project.yaml")
    # Nothing to report is an empty list, which GitLab reads as "no issues".
    clean = invoke("validate", "--root", str(FIXTURES / "base"), "--format", "gitlab")
    assert clean.returncode == 0 and json.loads(clean.stdout) == []
