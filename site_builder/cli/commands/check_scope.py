"""`sctrack check-scope`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import REVISION, findings_format_option, root_option
from site_builder.cli.output import print_findings, say
from site_builder.errors import DataError


@click.command("check-scope")
@root_option
@click.option("--author", required=True, help="拉取请求作者的 GitHub 账号。")
@click.option(
    "--base", required=True, type=REVISION, help="目标分支的版本（合并基点），规则从这个版本读取。"
)
@click.option("--head", default="HEAD", show_default=True, type=REVISION, help="拉取请求的版本。")
@findings_format_option
def check_scope(root: Path, author: str, base: str, head: str, output_format: str) -> None:
    """检查拉取请求的作者是否有权修改这些文件。退出码：0 允许，1 拒绝，2 用法错误。

    报送人只能新增和修改自己项目（project.yaml 的 submitters 列出了他）的报告文件；
    登记信息、新项目、工作流和程序只能由省级维护人员（registry/cities.yaml）修改；
    符号链接一律拒绝；无法判断的改动一律拒绝。每个被拒绝的路径一行：路径: CODE 原因。

    示例：

        sctrack check-scope --author taiyuan-bureau-demo --base origin/main --head HEAD

        sctrack check-scope --author taiyuan-bureau-demo --base origin/main --format github
    """
    from site_builder.findings import has_errors
    from site_builder.review.check_scope import check

    found, refusals = check(root, author, base, head)
    print_findings(refusals, len(found), "个改动")
    if not found:
        say("没有改动任何文件。")
    elif has_errors(refusals):
        raise DataError(f"{author} 无权修改以上 {len(refusals)} 个文件。")
    else:
        say(f"允许：{author} 可以修改这 {len(found)} 个文件。")
