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


def _drop_sections(text: str, keys: set[str]) -> str:
    """The report without the top-level blocks `keys` (each key line and its indented lines)."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if not line.startswith(" "):
            skipping = line.split(":")[0] in keys
        if not skipping:
            kept.append(line)
    return "".join(kept)


def test_every_missing_section_is_listed_in_one_run(base_tree):
    """Three sections left out: three findings, each where its section belongs, in file order."""
    path = base_tree / REPORT
    text = path.read_text(encoding="utf-8")
    path.write_text(_drop_sections(text, {"groundwork", "innovation", "green"}), encoding="utf-8")

    result = invoke("validate", "--root", str(base_tree), str(path))

    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if " S001 " in line]
    assert len(lines) == 3, result.stdout
    assert ["基础工作" in lines[0], "工作创新" in lines[1], "绿色供应链" in lines[2]] == [True] * 3
    written = path.read_text(encoding="utf-8").splitlines()
    for line, follower in zip(lines, ("targets:", "finance:", "global:"), strict=True):
        number = int(line.split(":")[1])
        assert written[number - 1] == follower  # it points at the key it must be put before
        assert f"（{follower[:-1]}）之前" in line
    assert "3 个错误" in result.stdout


def test_wrong_fields_in_different_sections_are_all_listed(base_tree):
    path = base_tree / REPORT
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("status: completed", "status: done"),
        ("key_industry_growth: 8.1", "key_industry_growth: 8.1%"),
        ("scf_volume: 7.2", "scf_volume: 720万元"),
        ("import_export: 4.4", "import_export: true"),
        ("- theme: finance", "- theme: money"),
    ):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")

    result = invoke("validate", "--root", str(base_tree), "--format", "json")

    findings = json.loads(result.stdout)["findings"]
    where = [(f["line"], f["code"]) for f in findings]
    assert where == sorted(where)
    lines = text.splitlines()
    named = [lines[f["line"] - 1].strip().split(":")[0] for f in findings]
    assert named == ["status", "key_industry_growth", "scf_volume", "import_export", "- theme"]
    assert "0.072" in findings[2]["message"]  # 720万元 converted to the field's 亿元


def test_missing_keys_at_one_place_are_listed_in_the_outline_order(base_tree):
    """name and unit both belong before kind: listed name first, as the registration reads."""
    path = base_tree / "submissions/projects/alpha-region/project.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith(("name:", "unit:"))),
        encoding="utf-8",
    )

    result = invoke("validate", "--root", str(base_tree), str(path))

    missing = [line for line in result.stdout.splitlines() if " S001 " in line]
    assert [("（name）" in line, "（unit）" in line) for line in missing] == [
        (True, False),
        (False, True),
    ], result.stdout
    assert all("请补在“项目类别”（kind）之前" in line for line in missing)


def test_a_rule_across_files_names_the_line_in_a_file_with_no_finding_of_its_own(base_tree):
    """Such a file's positions are not kept from its own check: it is parsed again for them."""
    path = base_tree / "submissions/projects/beta-firm/project.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("city: datong", "city: nowhere"), encoding="utf-8"
    )
    result = invoke("validate", "--root", str(base_tree))
    assert result.returncode == 1
    assert "submissions/projects/beta-firm/project.yaml:6:1: X007" in result.stdout
