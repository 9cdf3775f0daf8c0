"""`sctrack diff`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import REVISION, format_option, root_option
from site_builder.cli.output import print_findings


@click.command()
@root_option
@click.option("--base", required=True, type=REVISION, help="对比的起点（目标分支）。")
@click.option(
    "--head", default="HEAD", show_default=True, type=REVISION, help="对比的终点（拉取请求）。"
)
@format_option(
    "text",
    "markdown",
    "json",
    "github",
    help="text、markdown：改动说明；json、github：只列出需要审核人留意的更正和删除（警告）。",
)
def diff(root: Path, base: str, head: str, output_format: str) -> None:
    """给审核人看的改动说明：按通知的标题列出每份报告改了什么，数据从多少改为多少。

    已确认（已在目标分支上）的报告中改动的数据标为更正；删除的内容醒目标出。

    示例：

        sctrack diff --base origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"

        sctrack diff --base origin/main --format github
    """
    from site_builder.review.diff import alerts, review, to_markdown, to_text

    diffs = review(root, base, head)
    if output_format == "markdown":
        click.echo(to_markdown(diffs))
    elif output_format == "text":
        click.echo(to_text(diffs))
    else:
        print_findings(alerts(diffs), len(diffs), "个改动的文件")
