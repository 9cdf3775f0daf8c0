"""Each command module: its Chinese help, its options, and one real run where it is cheap."""

from __future__ import annotations

import json

import click
import pytest

from site_builder.cli import chinese, options, output
from site_builder.cli.commands import (
    build,
    check_scope,
    cms_config,
    codeowners,
    compliance,
    demo,
    diff,
    editor_config,
    import_,
    new,
    remind,
    remind_sync,
    report,
    serve,
    stats,
    template,
    validate,
)

from conftest import REPO, invoke

COMMANDS = [
    build.build,
    check_scope.check_scope,
    cms_config.cms_config,
    codeowners.codeowners,
    compliance.compliance,
    demo.demo,
    diff.diff,
    editor_config.editor_config,
    import_.import_,
    new.new,
    remind.remind,
    remind_sync.remind_sync,
    report.report,
    serve.serve,
    stats.stats,
    template.template,
    validate.validate,
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_explains_itself_in_chinese(command: click.Command):
    outcome = invoke(command.name, "--help")
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.startswith(f"用法：cli {command.name} [选项]")
    assert "选项：" in outcome.stdout and "显示本帮助并退出" in outcome.stdout
    assert "Usage:" not in outcome.stdout and "Show this message" not in outcome.stdout
    assert chinese.display_width(command.help.splitlines()[0]) > 0


def test_display_width_counts_chinese_as_two_columns():
    assert chinese.display_width("报送") == 4
    assert chinese.display_width(click.style("ab", fg="red")) == 2


def test_click_texts_are_translated_and_unknown_ones_kept():
    assert chinese.gettext("Missing parameter: {param_name}") == "缺少参数：{param_name}"
    assert chinese.gettext("no such text") == "no such text"


def test_a_wrong_choice_is_a_usage_error_in_chinese():
    outcome = invoke("validate", "--format", "xml")
    assert outcome.returncode == 2
    assert "的值无效" in outcome.stderr and "xml" in outcome.stderr


def test_format_option_remembers_the_choice_for_the_error_path():
    @click.command()
    @options.format_option(*options.FINDINGS_FORMATS)
    def probe(output_format: str) -> None:
        click.echo(f"{output_format} {output.chosen_format()}")

    from click.testing import CliRunner

    result = CliRunner().invoke(probe, ["--format", "json"])
    assert result.output.strip() == "json json"
    assert CliRunner().invoke(probe, []).output.strip() == "text text"


def test_validate_json_reports_the_demo_data_clean():
    outcome = invoke("validate", "--format", "json", "--root", str(REPO))
    assert outcome.returncode == 0, outcome.stderr
    verdict = json.loads(outcome.stdout)
    assert verdict["ok"] is True and verdict["errors"] == 0 and verdict["files"] > 150


def test_stats_by_city_lists_the_eleven_cities():
    outcome = invoke("stats", "--by", "city", "--format", "json")
    assert outcome.returncode == 0, outcome.stderr
    rows = json.loads(outcome.stdout)
    assert len(rows) == 11 and rows[0]["城市"] == "太原市"
    assert all(row["项目数"] >= 1 for row in rows)


def test_codeowners_check_agrees_with_the_registry():
    outcome = invoke("codeowners", "--check")
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr


def test_an_unknown_project_is_named_with_the_projects_there_are():
    outcome = invoke("new", "no-such-project", "2021-Q3")
    assert outcome.returncode == 1
    assert "没有项目“no-such-project”" in outcome.stderr and "taiyuan-region" in outcome.stderr
