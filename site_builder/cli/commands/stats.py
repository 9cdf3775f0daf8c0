"""`sctrack stats`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.cli.options import INDICATOR, PERIOD, format_option, output_file_option
from site_builder.cli.stages import analysis_options, load_analysis
from site_builder.errors import UsageError
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
    import json

    import pandas as pd

    from site_builder.analyse.stats import stats_table
    from site_builder.present.sheetcells import csv_text
    from site_builder.present.textable import aligned
    from site_builder.site.downloads import csv_bytes, xlsx_bytes
    from site_builder.spec import catalogue

    if output_format == "xlsx" and output is None:
        raise click.UsageError("--format xlsx 需要用 -o 指定输出文件。")
    analysis = load_analysis(root, as_of)
    parsed = period or analysis.latest_period
    if parsed is None:
        raise UsageError("还没有任何季度报告。")
    table = stats_table(analysis, by, parsed, indicator)
    if output_format == "xlsx" and output is not None:  # (checked above)
        output.write_bytes(xlsx_bytes(table, "统计"))
        click.echo(f"已写入 {output}")
        return
    if output_format == "csv":
        text = csv_text(table)
    elif output_format == "json":
        text = json.dumps(
            json.loads(table.to_json(orient="records", force_ascii=False)),
            ensure_ascii=False,
            indent=2,
        )
    else:
        title = f"{parsed.label}" + (
            f" · {catalogue.indicators()[indicator].name}" if indicator else ""
        )
        rows = [["—" if pd.isna(v) else v for v in row] for row in table.itertuples(index=False)]
        text = (
            title
            + "\n"
            + aligned(list(table.columns), rows, right=set(range(1, len(table.columns))))
        )
    if output:
        output.write_bytes(csv_bytes(table) if output_format == "csv" else text.encode("utf-8"))
        click.echo(f"已写入 {output}")
    else:
        click.echo(text)
