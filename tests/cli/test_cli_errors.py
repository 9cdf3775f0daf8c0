"""Every command fails with a Chinese message and its exit code (1 data, 2 usage).

Never with a traceback.
"""

from __future__ import annotations

import pytest

from conftest import invoke, run_cli

BROKEN_REPORT = "submissions/projects/alpha-region/2021-Q2.yaml"

# (command line after the command's name, exit code, a word of the message); {root} is the tree.
ON_BROKEN_DATA = {
    "validate": ([], 1, "S005"),
    "build": ([], 1, "未生成站点"),
    "compliance": ([], 1, "请先改正"),
    "compliance-json": (["--format", "json"], 1, "请先改正"),
    "report": (["2021-Q2"], 1, "请先改正"),
    "stats": ([], 1, "请先改正"),
}
WRONG_USE = {
    "new unknown project": (["new", "no-such", "2021-Q3"], 1, "没有项目"),
    "new bad period": (["new", "alpha-region", "2021-Q5"], 2, "不是报告期"),
    "report bad period": (["report", "21Q3"], 2, "不是报告期"),
    "stats bad period": (["stats", "--period", "Q3"], 2, "不是报告期"),
    "template unknown project": (
        ["template", "no-such", "2021-Q1", "-o", "{tmp}/t.xlsx"],
        2,
        "找不到项目",
    ),
    "import not a workbook": (["import", "{root}/mkdocs.yml"], 1, "不是有效的 Excel 工作簿"),
    "check-scope unknown revision": (["check-scope", "--author", "x", "--base", "nope"], 2, "nope"),
    "diff unknown revision": (["diff", "--base", "nope"], 2, "nope"),
    "codeowners stale": (["codeowners", "--check"], 1, "CODEOWNERS"),
    "demo into a foreign folder": (
        ["demo", "--dir", "{root}/docs", "--no-build"],
        1,
        "不是示例仓库",
    ),
}


def _broken(root):
    path = root / BROKEN_REPORT
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: region", "kind: nowhere"), encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("name", list(ON_BROKEN_DATA))
def test_commands_refuse_broken_data_with_exit_1(base_tree, name):
    args, code, word = ON_BROKEN_DATA[name]
    result = invoke(name.split("-")[0], "--root", str(_broken(base_tree)), *args)
    assert result.returncode == code, result.stdout + result.stderr
    assert word in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", list(WRONG_USE))
def test_wrong_use_gives_its_exit_code_and_a_message(base_tree, tmp_path, name):
    args, code, word = WRONG_USE[name]
    args = [a.format(root=base_tree, tmp=tmp_path) for a in args]
    result = invoke(*args, "--root", str(base_tree))
    assert result.returncode == code, result.stdout + result.stderr
    assert word in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # two real processes that load the whole site stack (pandas, matplotlib)
def test_a_real_process_prints_no_traceback(base_tree):
    result = run_cli("build", "--root", str(_broken(base_tree)))
    assert result.returncode == 1
    assert "未生成站点" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("demo", "--root", str(base_tree), "--dir", str(base_tree / "docs"))
    assert result.returncode == 1
    assert "不是示例仓库" in result.stderr and "Traceback" not in result.stderr
