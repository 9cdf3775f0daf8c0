"""The `sctrack` command line: the group and its commands, one module each in `commands/`.

Exit codes: 0 success, 1 the data has errors, 2 wrong usage. Each command's
docstring is its help text, with an example. Heavy modules are imported
inside the commands, so `sctrack --help` stays fast. Commands let every
`SctrackError` through: `SctrackGroup` alone turns it into output and an exit code.
"""

from __future__ import annotations

import click

from site_builder.cli.chinese import chinese_help
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
from site_builder.cli.output import show_error
from site_builder.cli.stages import missing_extra
from site_builder.errors import SctrackError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class SctrackGroup(click.Group):
    """The CLI edge: an error from any stage becomes its findings, a message and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SctrackError as error:
            show_error(error)
            ctx.exit(error.exit_code)
        except ModuleNotFoundError as error:
            usage = missing_extra(error)
            if usage is None:
                raise
            show_error(usage)
            ctx.exit(usage.exit_code)


@click.group(cls=SctrackGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="sctrack")
def cli() -> None:
    """sctrack：供应链重点项目在线跟进。

    报送数据放在 submissions/，每份报告一个 YAML 文件；本工具校验数据、生成站点和汇总报告。
    """


# The order `sctrack --help` lists them in.
COMMANDS = [
    validate.validate,
    new.new,
    template.template,
    import_.import_,
    build.build,
    serve.serve,
    demo.demo,
    compliance.compliance,
    remind.remind,
    report.report,
    codeowners.codeowners,
    cms_config.cms_config,
    check_scope.check_scope,
    diff.diff,
    stats.stats,
    remind_sync.remind_sync,
    editor_config.editor_config,
]
for command in COMMANDS:
    cli.add_command(command)
chinese_help(cli)


def main() -> None:
    cli(prog_name="sctrack")
