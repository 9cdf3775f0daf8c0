"""`sctrack diff`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.commands.common import root_option


@click.command()
@root_option
@click.option("--base", required=True, help="对比的起点（目标分支）。")
@click.option("--head", default="HEAD", show_default=True, help="对比的终点（拉取请求）。")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "text"]),
    default="text",
    show_default=True,
)
def diff(root: Path, base: str, head: str, output_format: str) -> None:
    """给审核人看的改动说明：按通知的标题列出每份报告改了什么，数据从多少改为多少。

    已确认（已在目标分支上）的报告中改动的数据标为更正；删除的内容醒目标出。

    Example:

        sctrack diff --base origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    from site_builder.review.git import GitError, resolve
    from site_builder.review.diff import review, to_markdown, to_text

    try:
        diffs = review(root, resolve(root, base), resolve(root, head))
    except GitError as err:
        raise click.UsageError(str(err)) from err
    click.echo(to_markdown(diffs) if output_format == "markdown" else to_text(diffs))
