"""`sctrack stats`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.cli.options import INDICATOR, PERIOD, format_option, output_file_option
from site_builder.cli.stages import analysis_options, load_analysis
from site_builder.load.periods import Period


@click.command()
@analysis_options
@click.option(
    "--by",
    type=click.Choice(["city", "tier", "kind", "industry"]),
    default="city",
    show_default=True,
    help="按什么分组。",
)
@click.option("--period", type=PERIOD, help="报告期，如 2021-Q2 或 2021。默认最近一个季度。")
@click.option(
    "--indicator",
    type=INDICATOR,
    help="指标代码或中文名称（见字段说明的指标目录），如 scf_volume 或 供应链金融融资规模。",
)
@format_option("table", "csv", "json", "xlsx")
@output_file_option("输出文件（xlsx 必须指定）。")
def stats(
    root: Path,
    by: str,
    period: Period | None,
    indicator: str | None,
    output_format: str,
    output: Path | None,
    as_of: datetime | None,
) -> None:
    """统计查询（授权用户）：按城市、层级、类别或行业统计项目数、报送数和指标。

    示例：

        sctrack stats --by city --period 2021-Q2

        sctrack stats --by tier --period 2021 --indicator revenue --format xlsx -o 营收.xlsx

        sctrack stats --period 2021-Q4 --indicator 营业收入
    """
    from site_builder.office.command_reports import STATS_TEXT, stats_file, stats_of

    if output_format == "xlsx" and output is None:
        raise click.UsageError("--format xlsx 需要用 -o 指定输出文件。")
    stats = stats_of(load_analysis(root, as_of), by, period, indicator)
    if output:
        output.write_bytes(stats_file(stats, output_format))
        click.echo(f"已写入 {output}")
    else:
        click.echo(STATS_TEXT[output_format](stats))
