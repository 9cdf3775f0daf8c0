"""A quiet, honest first run: Chinese help and errors, progress from the start, no warnings."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, TODAY, invoke, run_cli

# Click's own English, which must not reach a user of `sctrack`.
ENGLISH = [
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message and exit.",
    "Show the version and exit.",
    "Example:",
    "Error:",
    "Try '",
    "for help",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    " TEXT ",
    " DIRECTORY",
    " FILE",
]


def _commands() -> list[str]:
    from site_builder.cli.main import cli

    return sorted(cli.commands)


def _english(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def test_main_help_is_chinese():
    result = invoke("--help")
    assert result.returncode == 0
    assert _english(result.stdout) == []
    assert result.stdout.startswith("用法：cli [选项] 命令 [参数]...")  # CliRunner names it "cli"
    assert "选项：" in result.stdout and "命令：" in result.stdout
    assert "显示本帮助并退出。" in result.stdout


@pytest.mark.parametrize("name", _commands())
def test_every_command_help_is_chinese(name):
    result = invoke(name, "--help")
    assert result.returncode == 0
    assert _english(result.stdout) == [], name
    assert "示例：" in result.stdout, name


def test_a_real_process_speaks_chinese_too():
    result = run_cli("stats", "--bogus")
    assert result.returncode == 2
    assert _english(result.stderr) == []
    assert "错误：没有选项“--bogus”。" in result.stderr
    assert "运行“sctrack stats --help”查看帮助。" in result.stderr


def test_a_wrong_value_is_reported_in_chinese(base_tree):
    result = invoke("report", "21Q3", "--root", str(base_tree))
    assert result.returncode == 2
    assert _english(result.stderr) == []
    assert "错误：" in result.stderr and "不是报告期" in result.stderr


def test_indicator_by_code_or_chinese_name(base_tree):
    common = ("stats", "--root", str(base_tree), "--period", "2021-Q2", "--format", "csv")
    by_code = invoke(*common, "--indicator", "revenue")
    by_name = invoke(*common, "--indicator", "营业收入")
    with_unit = invoke(*common, "--indicator", "营业收入（亿元）")
    assert by_code.returncode == 0, by_code.stderr
    assert by_name.stdout == by_code.stdout == with_unit.stdout


def test_unknown_indicator_lists_close_matches_in_chinese(base_tree):
    result = invoke("stats", "--root", str(base_tree), "--indicator", "融资")
    assert result.returncode == 2
    assert "没有指标“融资”" in result.stderr
    assert "供应链金融融资规模（scf_volume）" in result.stderr
    assert _english(result.stderr) == []


def _copy_repo(target: Path) -> Path:
    import shutil

    for name in ("submissions", "docs"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.mark.slow
def test_demo_says_what_it_does_before_the_work_and_ends_with_serve(tmp_path):
    """The first line comes while the demo is still working (not all at the end); no line is a
    warning; the last points to `sctrack serve`. How soon it comes is measured by hand, not here."""
    root = _copy_repo(tmp_path / "repo")
    env = {**os.environ, "SCTRACK_TODAY": TODAY, "PYTHONIOENCODING": "utf-8"}
    with subprocess.Popen(
        [sys.executable, "-m", "site_builder", "demo"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    ) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        still_working = process.poll() is None
        rest = process.stdout.read().splitlines()
        assert process.wait(timeout=900) == 0, rest
    assert first.startswith("生成示例仓库"), first
    assert still_working, "the first line came only when the demo had finished"
    assert any("已回放" in line for line in rest)
    lines = [first.rstrip("\n"), *rest]
    noisy = [
        line for line in lines if any(w in line.lower() for w in ("warn", "findfont", "error"))
    ]
    assert noisy == []
    assert "sctrack serve --root build/demo-repo" in lines[-1]
    assert (root / "site" / "index.html").exists() and (
        root / "site-internal" / "index.html"
    ).exists()


def test_a_missing_argument_or_option_is_named_in_chinese():
    argument = invoke("template")
    option = invoke("diff")
    assert argument.returncode == option.returncode == 2
    assert "错误：缺少参数 项目编号。" in argument.stderr
    assert "错误：缺少选项 --base。" in option.stderr


def _readme_commands() -> list[list[str]]:
    """Each `sctrack … --root build/demo-repo …` of the README's quick start, as written, with
    its optional parts ([…]) left out."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = []
    for snippet in re.findall(r"`(sctrack [^`]*--root build/demo-repo[^`]*)`", text):
        plain = re.sub(r"\s*\[[^\]]*\]", "", snippet)
        commands.append(shlex.split(plain)[1:])
    return commands


@pytest.mark.slow
def test_the_readme_commands_give_the_demos_figures(demo_copy, tmp_path):
    """In a fresh clone after `sctrack demo`, with no SCTRACK_TODAY: the demo's own day
    (2022-01-31, the due date of its last reporting window, the 2021 annual summaries) is
    today. Expected from the rules: linfen-region never reported 2021-Q4 (due 2022-01-15), so
    it is 16 days overdue; its 2021 summary is due today; datong-factoring's late 2021-Q3
    report (confirmed 2021-10-21) is the last of that quarter, so the report is as of then."""
    clone = _copy_repo(tmp_path / "clone")
    (clone / "build").mkdir()
    (clone / "build" / "demo-repo").symlink_to(demo_copy)
    commands = _readme_commands()
    names = {c[0] for c in commands}
    assert {"compliance", "remind", "report", "stats", "serve"} <= names, names
    outputs = {}
    for command in commands:
        if command[0] == "serve":
            continue
        result = run_cli(*command, cwd=clone, env={"SCTRACK_TODAY": ""})
        assert result.returncode == 0, (command, result.stderr)
        assert "确认历史不可用" not in result.stderr + result.stdout, command
        assert "确认时间未知" not in result.stderr, command
        outputs.setdefault(command[0], []).append((command, result.stdout))
    compliance = outputs["compliance"][0][1]
    assert compliance.startswith("截至 2022-01-31 24:00")
    remind = outputs["remind"][0][1]
    assert "已逾期16天" in remind and "今天截止" in remind
    overdue = [int(days) for days in re.findall(r"已逾期(\d+)天", remind)]
    assert overdue and max(overdue) < 366  # the demo's day, not years after it
    docx = [c for c, _ in outputs["report"] if "docx" in c]
    assert docx and (clone / docx[0][docx[0].index("-o") + 1]).stat().st_size > 0
    annual = [out for c, out in outputs["report"] if c[1] == "2021"][0]
    assert "本报告数据截至2022年1月31日" in annual
    quarter = run_cli(
        "report", "2021-Q3", "--root", "build/demo-repo", cwd=clone, env={"SCTRACK_TODAY": ""}
    )
    assert "本报告数据截至2021年10月21日" in quarter.stdout
    assert not [c for c in outputs["stats"][0][1].split() if c.endswith(".0")]


@pytest.mark.slow
@pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout")
def test_in_the_checkout_a_report_says_its_history_confirms_nothing():
    """The checkout's history is development history (every report committed long after its
    project's registration): one line of warning, and 确认历史不可用 in the report."""
    result = run_cli("report", "2021-Q3", env={"SCTRACK_TODAY": ""})
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "确认" in line]
    assert len(warnings) == 1 and "早于其项目的登记" in warnings[0]
    assert "确认历史不可用" in result.stdout
    assert "本期没有应报的报告" not in result.stdout
