"""`sctrack remind`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from site_builder.cli.options import format_option, ids_option
from site_builder.cli.stages import analysis_options, load_analysis
from site_builder.errors import DataError

if TYPE_CHECKING:
    from site_builder.analyse.reminders import Reminders
    from site_builder.load.records import Policy

HEADERS = ["市", "报告期", "项目", "截止日期", "情况", "报送人", "审核团队"]
# Display columns (a Chinese character is two) of the cells that run long: a project's name
# (up to some 30 characters) and several submitters (a handle runs to 24) wrap in their column.
WRAP = {2: 24, 5: 24}


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
    import json

    from site_builder.analyse.reminders import reminders, to_json
    from site_builder.site.remind_page import notices

    analysis = load_analysis(root, as_of, announce=False)
    result = reminders(analysis, days_before)
    policy = analysis.corpus.registry.policy
    if output_format == "json":
        click.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    elif output_format == "markdown":
        click.echo("\n".join(notices(result, policy, markdown=True)).rstrip())
    else:
        click.echo(_table(result, policy, ids))
    if not result.trusted and not allow_unknown:
        raise DataError(
            f"{result.reason}；无法判断哪些报告已确认（加 --allow-unknown 退出码为 0）。"
        )


def _table(result: Reminders, policy: Policy, ids: bool) -> str:
    """One row a report (one for a city's period all confirmed), names in words, codes with
    `ids`; or the one line saying why there is nothing to urge."""
    from site_builder.analyse.calendar import zone_name
    from site_builder.load.periods import day_label
    from site_builder.present.textable import aligned
    from site_builder.site.remind_page import handles, nothing_to_urge, urgency

    nothing = nothing_to_urge(result)
    if nothing is not None:
        return nothing
    rows: list[list[object]] = []
    for group in result.groups:
        owner = group.owner if ids else group.owner_name
        period = str(group.period) if ids else group.period.label
        due = day_label(group.due)
        if group.all_confirmed:
            rows.append([owner, period, "—", due, "已全部确认", "", group.team])
        for item in group.items:
            project = item.project if ids else item.project_name
            rows.append([owner, period, project, due, urgency(item), handles(item), group.team])
    heading = f"截至{day_label(result.as_of)}24时（{zone_name(policy)}）的催报清单："
    return heading + "\n" + aligned(HEADERS, rows, wrap=WRAP)
