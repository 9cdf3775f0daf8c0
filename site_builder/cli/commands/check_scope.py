"""`sctrack check-scope`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from site_builder.cli.commands.common import root_option


@click.command("check-scope")
@root_option
@click.option("--author", required=True, help="拉取请求作者的 GitHub 账号。")
@click.option("--base", required=True, help="目标分支的版本（合并基点），规则从这个版本读取。")
@click.option("--head", default="HEAD", show_default=True, help="拉取请求的版本。")
def check_scope(root: Path, author: str, base: str, head: str) -> None:
    """检查拉取请求的作者是否有权修改这些文件。退出码：0 允许，1 拒绝，2 用法错误。

    报送人只能新增和修改自己项目（project.yaml 的 submitters 列出了他）的报告文件；
    登记信息、新项目、工作流和程序只能由省级维护人员（registry/cities.yaml）修改；
    符号链接一律拒绝；无法判断的改动一律拒绝。

    Example:

        sctrack check-scope --author taiyuan-bureau-demo --base origin/main --head HEAD
    """
    from site_builder.review.git import GitError, resolve
    from site_builder.review.check_scope import check

    try:
        base_sha, head_sha = resolve(root, base), resolve(root, head)
    except GitError as err:
        raise click.UsageError(str(err)) from err
    try:
        found, refusals = check(root, author, base_sha, head_sha)
    except GitError as err:
        click.echo(f"无法读取改动（{err}），为安全起见拒绝。", err=True)
        sys.exit(1)
    if not found:
        click.echo("没有改动任何文件。")
        return
    if refusals:
        for refusal in refusals:
            click.echo(refusal.line())
        click.echo(f"{author} 无权修改以上 {len(refusals)} 个文件。", err=True)
        sys.exit(1)
    click.echo(f"允许：{author} 可以修改这 {len(found)} 个文件。")
