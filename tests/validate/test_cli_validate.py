"""`sctrack validate`: output formats, exit codes, path mode."""

from __future__ import annotations

import json
import re

from conftest import invoke, run_cli

REPORT = "submissions/projects/alpha-region/2021-Q2.yaml"


def _break(root):
    path = root / REPORT
    path.write_text(
        path.read_text(encoding="utf-8").replace("scf_volume: 7.2", "scf_volume: 7.2亿"),
        encoding="utf-8",
    )
    return path


def test_valid_tree_exits_0(base_tree):
    result = invoke("validate", "--root", str(base_tree))
    assert result.returncode == 0
    assert "没有发现问题" in result.stdout


def test_text_format_is_path_line_col_code_message(base_tree):
    _break(base_tree)
    result = invoke("validate", "--root", str(base_tree))
    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    assert re.fullmatch(rf"{re.escape(REPORT)}:\d+:\d+: S003 .*亿元.*", line), line


def test_github_format_prints_annotations(base_tree):
    _break(base_tree)
    result = invoke("validate", "--root", str(base_tree), "--format", "github")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={REPORT},line=")
    assert ",title=S003 " in first


def test_json_format(base_tree):
    _break(base_tree)
    result = invoke("validate", "--root", str(base_tree), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["errors"] == 1
    (finding,) = data["findings"]
    assert finding["path"] == REPORT and finding["code"] == "S003" and finding["line"] > 1


def test_path_mode_reports_only_named_files(base_tree):
    _break(base_tree)
    other = base_tree / "submissions/projects/beta-firm/2021-Q1.yaml"
    assert invoke("validate", "--root", str(base_tree), str(other)).returncode == 0
    assert invoke("validate", "--root", str(base_tree), str(base_tree / REPORT)).returncode == 1


def test_folder_argument(base_tree):
    _break(base_tree)
    folder = base_tree / "submissions/projects/alpha-region"
    result = invoke("validate", "--root", str(base_tree), str(folder))
    assert result.returncode == 1 and REPORT in result.stdout


def test_wrong_usage_exits_2(base_tree):
    assert invoke("validate", "--root", str(base_tree), "--format", "xml").returncode == 2
    assert invoke("validate", "--root", str(base_tree / "nope")).returncode == 2


def test_python_dash_m_runs_the_same_cli(base_tree):
    result = run_cli("validate", "--root", str(base_tree))
    assert result.returncode == 0, result.stderr


def test_every_command_is_documented_with_an_example():
    from site_builder.cli.main import cli

    for name, command in cli.commands.items():
        assert command.help and "示例：" in command.help, name
