"""A quiet, honest first run: Chinese help and errors, progress from the start, no warnings."""

from __future__ import annotations

import os
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
