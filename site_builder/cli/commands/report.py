"""`sctrack report`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.cli.options import (
    PERIOD,
    format_option,
    output_file_option,
)
from site_builder.cli.stages import analysis_options, load_analysis
from site_builder.load.periods import Period


@click.command()
@analysis_options
@click.argument("period", type=PERIOD)
@format_option("md", "docx")
@output_file_option("输出文件。md 默认打印到屏幕；docx 默认为 汇总报告-<报告期>.docx。")
def report(
    root: Path, period: Period, as_of: datetime | None, output_format: str, output: Path | None
) -> None:
    """生成报商务部的汇总报告（季度如 2021-Q3，年度如 2021），Markdown 或 Word 格式。

    报告中的数字全部由报送数据计算得出：项目分布、各市报送确认情况、绩效指标、实践经验、问题和建议、动态调整。

    Example:

        sctrack report 2021-Q3 --format docx -o 2021年第三季度汇总报告.docx

        sctrack report 2021
    """
    from site_builder.office.report import build_report, to_markdown

    parsed = period
    analysis = load_analysis(root, as_of)
    summary = build_report(analysis, parsed)
    if output_format == "md":
        text = to_markdown(summary)
        if output:
            output.write_text(text, encoding="utf-8")
            click.echo(f"已写入 {output}")
        else:
            click.echo(text)
        return
    from site_builder.office.report_docx import render_docx

    output = output or Path(f"汇总报告-{parsed}.docx")
    data = render_docx(summary)
    temporary = output.with_name(f".{output.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(output)
    click.echo(f"已写入 {output}")
