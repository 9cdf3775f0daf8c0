"""`sctrack remind`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.cli.options import format_option
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
@format_option("text", "markdown", "json")
@click.option(
    "--allow-unknown",
    is_flag=True,
    help="git 历史无法采信时退出码仍为 0（清单为空，只说明原因）。",
)
def remind(
    root: Path,
    as_of: datetime | None,
    days_before: list[int] | None,
    output_format: str,
    allow_unknown: bool,
) -> None:
    """催报清单：各市（省属企业另列省国资委）即将到期和已逾期、尚未确认的报告。

    每个城市每个报告期一段：项目、截止日期、还剩几天或已逾期几天、要通知的报送人
    （project.yaml 的 submitters）和审核团队。截止前 remind_days_before 天和截止后每
    chase_every_days 天为提醒日（JSON 的 remind_today）。日期按北京时间
    （policy.yaml 的 calendar.timezone）。已取消资格或培育期结束的项目不列出。
    git 历史无法采信时不列出任何报告，只说明原因，退出码为 1（加 --allow-unknown 为 0）。

    示例：

        sctrack remind --as-of 2021-10-12

        sctrack remind --format markdown > 催报.md

        sctrack remind --format json --days-before 7,3,1
    """
    import json

    from site_builder.analyse.reminders import reminders, to_json
    from site_builder.site.remind_page import notices

    analysis = load_analysis(root, as_of, announce=False)
    result = reminders(analysis, days_before)
    if output_format == "json":
        click.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        policy = analysis.corpus.registry.policy
        lines = notices(result, policy, markdown=output_format == "markdown")
        click.echo("\n".join(lines).rstrip())
    if not result.trusted and not allow_unknown:
        raise DataError(
            f"{result.reason}；无法判断哪些报告已确认（加 --allow-unknown 退出码为 0）。"
        )
