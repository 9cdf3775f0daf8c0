"""`sctrack demo`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import AUDIENCE_LABELS, folder_option, root_option
from site_builder.cli.stages import build_site


@click.command()
@root_option
@folder_option("--dir", "target", help="示例仓库的位置。默认 build/demo-repo/（每次重新生成）。")
@click.option("--no-build", is_flag=True, help="只生成示例仓库，不生成站点。")
def demo(root: Path, target: Path | None, no_build: bool) -> None:
    """用自带的示例数据演示完整流程：回放成带日期的审核合并历史，再生成两个版本的站点。

    每份报告在示例仓库中都是一次拉取请求：按填报时间提交、按审核时间合并（有的合并、有的压缩合并），
    其中有按时、逾期和缺报的报告、一次更正，以及省商务厅的预警和取消资格决定。站点写到 site/（公开版）
    和 site-internal/（内部版）。

    示例：

        sctrack demo

        sctrack serve --root build/demo-repo
    """
    root = root.absolute()
    target = (target or root / "build" / "demo-repo").absolute()
    # The first line before the heavy imports (git replay, pandas, MkDocs): the run has begun.
    click.echo(f"生成示例仓库 {target}：把示例报告回放成带日期的审核合并……")
    from site_builder.load.periods import day_label, demo_day, today
    from site_builder.pipeline.demo import replay
    from site_builder.site.build import default_site_dir

    merged = replay(root, target, progress=lambda line: click.echo(f"  {line}"))
    click.echo(f"示例仓库已生成：{merged} 次审核合并。")
    shown = today(target)
    note = "" if shown == demo_day(target) else "（SCTRACK_TODAY 指定）"
    click.echo(
        f"示例按{day_label(shown)}{note}的状态展示：这一天在示例的最后一个报送期内，"
        "在示例仓库中运行的命令都以这一天为“今天”。"
    )
    if no_build:
        click.echo(f"预览：运行 {serve_hint(root, target)}")
        return
    for audience in AUDIENCE_LABELS:
        result = build_site(target, audience, default_site_dir(root, audience))
        click.echo(f"完成：{AUDIENCE_LABELS[audience]}站点在 {result.site_dir}")
    click.echo(
        "站点须经网页服务器浏览（直接打开 index.html 时导航、搜索和统计查询不可用）。"
        f"预览：运行 {serve_hint(root, target)}，再用浏览器打开它显示的地址。"
    )


def serve_hint(root: Path, target: Path) -> str:
    """The `sctrack serve` command for the demo repository, as short as the working folder allows."""
    try:
        shown = target.relative_to(Path.cwd().absolute())
    except ValueError:
        shown = target
    return f"sctrack serve --root {shown}"
