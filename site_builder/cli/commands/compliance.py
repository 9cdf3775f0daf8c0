"""`sctrack compliance`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.cli.options import format_option, ids_option
from site_builder.cli.stages import analysis_options, load_analysis


@click.command()
@analysis_options
@format_option("table", "json")
@click.option(
    "--allow-unknown",
    is_flag=True,
    help="git 历史无法采信时仍然列出（状态均为“确认时间未知”，不作预警），退出码为 0。",
)
@ids_option
def compliance(
    root: Path, as_of: datetime | None, output_format: str, allow_unknown: bool, ids: bool
) -> None:
    """报送情况：每个项目每期报告的截止日期、提交和确认时间、是否按时，以及动态调整建议。

    确认时间是报告合并进主分支的时间（北京时间，按 policy.yaml 的 calendar.timezone），
    截止日当天 24 时前确认的算按时。--as-of 给出那一天结束时仓库里的数据和确认记录。
    git 历史无法采信时（浅克隆、数据不在仓库中……），第一行说明原因，所有报告为“确认时间未知”，
    不作预警，退出码为 1；加 --allow-unknown 仍然列出。

    示例：

        sctrack compliance --as-of 2022-03-31

        sctrack compliance --format json > compliance.json
    """
    from site_builder.office.command_reports import compliance_report

    analysis = load_analysis(root, as_of, announce=False)
    click.echo(compliance_report(analysis, output_format, ids=ids, allow_unknown=allow_unknown))
