"""Options and parameter types several commands share, each written once.

`--root` is eager: it is read before every other parameter, so that a revision
(`--base`, `--head`) can be checked against the repository it names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from site_builder.cli.output import FORMAT_KEY

F = TypeVar("F", bound=Callable[..., Any])

FINDINGS_FORMATS = ("text", "github", "json")
AUDIENCE_LABELS = {"public": "公开版", "internal": "内部版"}

# Every command takes --root (DESIGN section 6).
root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    is_eager=True,
    help="仓库根目录（包含 submissions/ 的文件夹）。",
)

as_of_option = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="按哪一天计算（YYYY-MM-DD）。默认今天。",
)

audience_option = click.option(
    "--audience",
    type=click.Choice(list(AUDIENCE_LABELS)),
    default="public",
    show_default=True,
    help="public：公开版；internal：内部版（含经营数据、联系人、未公开案例）。",
)


def _remember_format(ctx: click.Context, param: click.Parameter, value: str) -> str:
    # The CLI edge prints an error's findings in the format the command was asked for.
    ctx.meta[FORMAT_KEY] = value
    return value


def format_option(*choices: str, help: str | None = None) -> Callable[[F], F]:
    """`--format` with these choices, the first one the default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        callback=_remember_format,
        help=help,
    )


findings_format_option = format_option(
    *FINDINGS_FORMATS,
    help="问题的列出方式。text：位置: CODE 说明；github：工作流注释；json：机器可读。",
)


def output_file_option(help: str) -> Callable[[F], F]:
    """`-o/--output FILE`."""
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=help
    )


def folder_option(*declarations: str, help: str) -> Callable[[F], F]:
    """An option naming a folder that the command creates or replaces."""
    return click.option(*declarations, type=click.Path(file_okay=False, path_type=Path), help=help)


class PeriodType(click.ParamType):
    """A report period: `2021-Q3` (a quarter) or `2021` (a year)."""

    name = "period"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        from site_builder.load.periods import Period, parse_period

        if isinstance(value, Period):
            return value
        parsed = parse_period(value)
        if parsed is None:
            self.fail(f"“{value}”不是报告期，应写成 2021-Q3（季度）或 2021（年度）。", param, ctx)
        return parsed


class RevisionType(click.ParamType):
    """A git revision of the --root repository, resolved to its commit id."""

    name = "revision"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        from site_builder.review.git import GitError, resolve

        root = ctx.params.get("root", Path(".")) if ctx else Path(".")
        try:
            return resolve(root, value)
        except GitError as err:
            self.fail(err.message, param, ctx)


PERIOD = PeriodType()
REVISION = RevisionType()
