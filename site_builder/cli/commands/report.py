"""`sctrack report`."""

from __future__ import annotations

import json
from datetime import datetime
from functools import partial
from pathlib import Path

import click

from site_builder.cli.options import (
    PERIOD,
    format_option,
    output_file_option,
)
from site_builder.cli.stages import analysis_options, load_analysis
from site_builder.load.periods import Period


def _write(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"已写入 {output}")
    else:
        click.echo(text)


AS_OF_HELP = "报告截至哪一天（当日24时）。不给时为该期报告全部确认之时，不晚于今天。"


@click.command()
@partial(analysis_options, as_of_help=AS_OF_HELP)
@click.argument("period", type=PERIOD, metavar="报告期")
@format_option("md", "docx", "json")
@output_file_option("输出文件。md、json 默认打印到屏幕；docx 默认为 汇总报告-<报告期>.docx。")
def report(
    root: Path, period: Period, as_of: datetime | None, output_format: str, output: Path | None
) -> None:
    """生成报商务部的汇总报告（季度如 2021-Q3，年度如 2021），Markdown、Word 或 JSON 格式。

    报告中的数字全部由报送数据计算得出：项目分布、各市报送确认情况、绩效指标、实践经验、问题和建议、动态调整。
    与上期或上年同期比较时只比较两期都报送的项目（同口径），比率的变化以百分点表示。
    --format json 列出报告中的每个数字：编号、名称、指标、报告期、数值、单位、所依据的项目，
    比较数还有比较期、变化和变化单位。
    不给 --as-of 时，报告截至该期报告全部确认之时（报送期限或最后一份确认的日期，不晚于今天）。

    示例：

        sctrack report 2021-Q3 --format docx -o 2021年第三季度汇总报告.docx

        sctrack report 2021 --format json
    """
    # Progress on stderr, before the heavy imports: stdout may be the report itself.
    click.echo(f"生成{period.label}汇总报告：读取并校验数据……", err=True)
    from site_builder.office.report import build_report, to_markdown
    from site_builder.office.report_json import report_as_of, to_json

    analysis = load_analysis(root, as_of)
    if as_of is None and analysis.supervision.history.available:
        # A report on a past period is as of when its data was complete, not today: the state
        # rebuilt from the history at that day. Without a trusted history the past cannot be
        # rebuilt, and the report is as of today's files.
        day = report_as_of(analysis, period)
        if day != analysis.supervision.as_of:
            analysis = load_analysis(root, datetime.combine(day, datetime.min.time()))
    summary = build_report(analysis, period)
    if output_format == "md":
        _write(to_markdown(summary), output)
        return
    if output_format == "json":
        data = to_json(summary.figures, period, summary.date)
        _write(json.dumps(data, ensure_ascii=False, indent=2), output)
        return
    from site_builder.office.report_docx import render_docx

    output = output or Path(f"汇总报告-{period}.docx")
    document = render_docx(summary)
    temporary = output.with_name(f".{output.name}.tmp")
    temporary.write_bytes(document)
    temporary.replace(output)
    click.echo(f"已写入 {output}")
