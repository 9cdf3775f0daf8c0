"""The `sctrack` command line: the group and its commands, one module each in `commands/`.

Exit codes: 0 success, 1 the data has errors, 2 wrong usage. Each command's
docstring is its help text, with an example. Heavy modules are imported
inside the commands, so `sctrack --help` stays fast.
"""

from __future__ import annotations

import click

from site_builder.cli.commands import (
    build,
    check_scope,
    codeowners,
    compliance,
    demo,
    diff,
    import_,
    new,
    report,
    serve,
    stats,
    template,
    validate,
)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
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
    report.report,
    codeowners.codeowners,
    check_scope.check_scope,
    diff.diff,
    stats.stats,
]
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    cli(prog_name="sctrack")
