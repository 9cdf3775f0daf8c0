"""`sctrack remind-sync`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from site_builder.errors import DataError, UsageError


@click.command("remind-sync")
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="sctrack remind --format json 的输出文件。",
)
@click.option("--repo", required=True, help="GitHub 仓库，OWNER/NAME。")
@click.option("--dry-run", is_flag=True, help="只列出要做的改动，不修改任何 issue。")
def remind_sync(input_path: Path, repo: str, dry_run: bool) -> None:
    """按催报清单维护 GitHub issue：每个城市每个报告期一个打开的“催报”issue。

    没有 issue 时新建；清单变了就更新正文，在提醒日另发评论提醒报送人和审核团队；本期报告
    全部确认后关闭。同样的清单运行两次，第二次什么也不改。确认记录不可信时不做任何改动。
    只处理令牌所属账号（在 GitHub Actions 中为 github-actions[bot]）创建的 issue；别人
    创建的 issue 即使带有催报标记也不予理会，并在输出中列出。

    令牌从环境变量 GITHUB_TOKEN 读取（需要 issues: write 权限），不会出现在输出中。

    示例：

        sctrack remind --format json > remind.json

        sctrack remind-sync --input remind.json --repo sx/data --dry-run
    """
    from site_builder.review.github_api import GitHubIssues
    from site_builder.review.remind_issues import UntrustedList, sync

    try:
        remind = json.loads(input_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"{input_path} 不是 sctrack remind 输出的 JSON：{error}") from None
    if not isinstance(remind, dict) or not isinstance(remind.get("groups", []), list):
        raise DataError(f"{input_path} 不是 sctrack remind 输出的 JSON。")
    if not dry_run and not os.environ.get("GITHUB_TOKEN"):
        raise UsageError(
            "没有设置环境变量 GITHUB_TOKEN，无法修改 issue（或加 --dry-run 只看改动）。"
        )
    try:
        actions = sync(GitHubIssues(repo), remind, dry_run=dry_run)
    except UntrustedList as untrusted:
        click.echo(f"确认记录不可信，不修改任何催报 issue：{untrusted}")
        return
    if not actions:
        click.echo("催报 issue 已是最新，没有需要改动的。")
        return
    prefix = "将要" if dry_run else "已"
    for action in actions:
        click.echo(f"{prefix}{action.describe()}")
