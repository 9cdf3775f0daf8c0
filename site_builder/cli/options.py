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

FINDINGS_FORMATS = ("text", "github", "json", "gitlab")
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


def as_of(help_text: str = "按哪一天计算。默认今天。"):
    """`--as-of D`: the repository as it stood at the end of D; the help says what the
    command takes without it (`sctrack report` does not take today)."""
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        metavar="YYYY-MM-DD",
        help=help_text,
    )


as_of_option = as_of()

audience_option = click.option(
    "--audience",
    type=click.Choice(list(AUDIENCE_LABELS)),
    default="public",
    show_default=True,
    help="public：公开版；internal：内部版（含经营数据、联系人、未公开案例）。",
)


# The tables a person reads print names; the codes behind them on demand (compliance, remind).
ids_option = click.option(
    "--ids",
    is_flag=True,
    help="表格中列出编号和代码而不是名称（如 2021-Q3、taiyuan-region）。",
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
    help=(
        "问题的列出方式。text：位置: CODE 说明；github：工作流注释；json：机器可读；"
        "gitlab：GitLab 代码质量报告（合并请求页面显示）。"
    ),
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

    name = "报告期"

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

    name = "版本"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        from site_builder.review.git import GitError, resolve

        root = ctx.params.get("root", Path(".")) if ctx else Path(".")
        try:
            return resolve(root, value)
        except GitError as err:
            self.fail(err.message, param, ctx)


class IndicatorType(click.ParamType):
    """An indicator of the catalogue, by its code (`scf_volume`) or its Chinese name (供应链金融融资规模)."""

    name = "指标"
    MAX_SUGGESTIONS = 5

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        from site_builder.spec import catalogue

        indicators = catalogue.indicators()
        wanted = str(value).strip()
        if wanted in indicators:
            return wanted
        for code, indicator in indicators.items():
            if wanted in (indicator.name, indicator.label):
                return code
        close = self.close_matches(wanted, indicators)
        hint = (
            "您是否要找：" + "、".join(close) + "。"
            if close
            else "可用 sctrack stats --help 或站点“字段说明”页的指标目录查找。"
        )
        self.fail(f"没有指标“{wanted}”（可写指标代码或中文名称）。{hint}", param, ctx)

    def close_matches(self, wanted: str, indicators: dict) -> list[str]:
        """Indicators whose name or code contains the text, or is near it, as "名称（code）"."""
        import difflib

        by_key = {}
        for code, indicator in indicators.items():
            by_key[code] = code
            by_key[indicator.name] = code
        found = [
            code
            for code, indicator in indicators.items()
            if wanted and (wanted in indicator.name or indicator.name in wanted or wanted in code)
        ]
        for key in difflib.get_close_matches(
            wanted, list(by_key), n=self.MAX_SUGGESTIONS, cutoff=0.5
        ):
            if by_key[key] not in found:
                found.append(by_key[key])
        return [f"{indicators[c].name}（{c}）" for c in found[: self.MAX_SUGGESTIONS]]


PERIOD = PeriodType()
INDICATOR = IndicatorType()
REVISION = RevisionType()
