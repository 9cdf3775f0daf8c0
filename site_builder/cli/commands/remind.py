"""`sctrack remind`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.cli.options import format_option, ids_option
from site_builder.cli.stages import analysis_options, load_analysis
from site_builder.errors import DataError


def _days(ctx: click.Context, param: click.Parameter, value: str | None) -> list[int] | None:
    if value is None:
        return None
    try:
        days = sorted({int(part) for part in value.split(",") if part.strip()}, reverse=True)
    except ValueError:
        days = []
    if not days or min(days) < 0:
        raise click.BadParameter(f"“{value}”应写成逗号分隔的天数，如 7,3,1。", ctx, param)
    return days


@click.command()
@analysis_options
@click.option(
    "--days-before",
    callback=_days,
    metavar="7,3,1",
    help="截止前几天提醒（逗号分隔）。默认取 policy.yaml 的 calendar.remind_days_before。",
)
@format_option(
    "text",
    "markdown",
    "json",
    help="text：表格；markdown：每市每期一段通知（催报议题的正文）；json：机器可读。",
)
@click.option(
    "--allow-unknown",
    is_flag=True,
    help="git 历史无法采信时退出码仍为 0（清单为空，只说明原因）。",
)
@ids_option
def remind(
    root: Path,
    as_of: datetime | None,
    days_before: list[int] | None,
    output_format: str,
    allow_unknown: bool,
    ids: bool,
) -> None:
    """催报清单：各市（省属企业另列省国资委）即将到期和已逾期、尚未确认的报告。

    每份报告一行：城市、报告期、项目、截止日期、还剩几天或已逾期几天、要通知的报送人
    （project.yaml 的 submitters）和审核团队；某市某期已全部确认的，写一行“已全部确认”。
    --format markdown 为每个城市每个报告期一段可直接粘贴的通知（催报议题的正文）。

    截止前 remind_days_before 天和截止后每 chase_every_days 天为提醒日（JSON 的 remind_today）。
    日期按北京时间（policy.yaml 的 calendar.timezone）。已取消资格或培育期结束的项目不列出。
    git 历史无法采信时不列出任何报告，只说明原因，退出码为 1（加 --allow-unknown 为 0）。

    示例：

        sctrack remind --as-of 2021-10-12

        sctrack remind --format markdown > 催报.md

        sctrack remind --format json --days-before 7,3,1
    """
    from site_builder.office.command_reports import remind_report

    analysis = load_analysis(root, as_of, announce=False)
    text, result = remind_report(analysis, days_before, output_format, ids)
    click.echo(text)
    if not result.trusted and not allow_unknown:
        raise DataError(
            f"{result.reason}；无法判断哪些报告已确认（加 --allow-unknown 退出码为 0）。"
        )
