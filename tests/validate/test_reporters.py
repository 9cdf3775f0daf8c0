"""The shared reporters print a finding wherever it points: a file's line, a cell, a path."""

from __future__ import annotations

import json

from site_builder.findings import Finding, Location, at, at_path
from site_builder.validate.reporters import as_json, github, text

IN_FILE = at("submissions/projects/a/2021-Q2.yaml", "S003", "应填数字", line=7, col=5)
IN_CELL = Finding(
    Location("填报表.xlsx", sheet_index=2, line=5, col=3, sheet="组织保障"), "S001", "必填"
)
ON_PATH = at_path("submissions/registry/policy.yaml", "R005", "登记信息只能由省商务厅修改。")
DELETED = at_path("submissions/projects/a/2021-Q1.yaml", "R103", "删除了整个文件", warning=True)
ALL = [IN_FILE, IN_CELL, ON_PATH, DELETED]


def test_text_names_each_kind_of_location():
    lines = text(ALL, 4).splitlines()
    assert lines[:4] == [
        "submissions/projects/a/2021-Q2.yaml:7:5: S003 应填数字",
        "填报表.xlsx 组织保障!C5: S001 必填",
        "submissions/registry/policy.yaml: R005 登记信息只能由省商务厅修改。",
        "submissions/projects/a/2021-Q1.yaml: R103 警告：删除了整个文件",
    ]
    assert lines[4] == "检查了 4 个文件：3 个错误，1 个警告。请按上面的提示修改后重新提交。"


def test_the_caller_names_what_was_judged():
    assert text([], 1, "个工作簿") == "检查了 1 个工作簿，没有发现问题。"
    assert github([IN_CELL], 1, "个工作簿").endswith(
        "检查了 1 个工作簿：1 个错误，0 个警告。请按上面的提示修改后重新提交。"
    )


def test_github_puts_file_and_line_only_on_a_file_line():
    first, cell, path, deleted, _summary = github(ALL, 4).splitlines()
    assert first.startswith(
        "::error file=submissions/projects/a/2021-Q2.yaml,line=7,col=5,title=S003 "
    )
    for line in (cell, path, deleted):
        assert "file=" not in line and "line=" not in line
    assert cell.startswith("::error title=S001 ") and cell.endswith(
        "::填报表.xlsx 组织保障!C5: 必填"
    )
    assert path.endswith("::submissions/registry/policy.yaml: 登记信息只能由省商务厅修改。")
    assert deleted.startswith("::warning title=R103 ")


def test_json_has_every_field_for_every_kind():
    data = json.loads(as_json(ALL, 4))
    assert (data["ok"], data["files"], data["errors"], data["warnings"]) == (False, 4, 3, 1)
    in_file, in_cell, on_path, deleted = data["findings"]
    assert in_file == {
        "path": "submissions/projects/a/2021-Q2.yaml",
        "line": 7,
        "col": 5,
        "sheet": "",
        "cell": "",
        "code": "S003",
        "severity": "error",
        "message": "应填数字",
    }
    assert (in_cell["path"], in_cell["sheet"], in_cell["cell"]) == (
        "填报表.xlsx",
        "组织保障",
        "组织保障!C5",
    )
    assert (in_cell["line"], in_cell["col"]) == (5, 3)
    assert (on_path["line"], on_path["code"]) == (0, "R005")
    assert deleted["severity"] == "warning"


def test_a_hostile_file_name_stays_on_its_own_line_in_text_output():
    # A line of CI output that starts with "::" is a workflow command in GitHub Actions.
    from site_builder.findings import at
    from site_builder.validate.reporters import text

    name = "submissions/projects/a/2021-Q3\n::error file=x::fake\u2028.yaml"
    output = text([at(name, "X002", f"“{name}”不符合命名规则")], 1)
    lines = output.splitlines()
    assert len(lines) == 2 and lines[0].startswith("submissions/projects/a/2021-Q3\\n::error")
    assert not any(line.startswith("::") for line in lines)
