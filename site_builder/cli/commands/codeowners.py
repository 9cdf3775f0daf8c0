"""`sctrack codeowners`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import root_option
from site_builder.errors import DataError


@click.command()
@root_option
@click.option(
    "--check", is_flag=True, help="只检查 .github/CODEOWNERS 是否最新；过期时列出差异并以 1 退出。"
)
def codeowners(root: Path, check: bool) -> None:
    """根据 registry/cities.yaml 生成 .github/CODEOWNERS：谁必须审核哪些文件。

    各市商务局团队审核本市项目；省属企业项目另由省国资委团队审核；登记信息、工作流、程序和
    CODEOWNERS 本身由省商务厅团队审核。新增项目或修改审核团队后运行一次并提交。

    示例：

        sctrack codeowners

        sctrack codeowners --check
    """
    from site_builder.review.codeowners import CODEOWNERS, write
    from site_builder.review.codeowners import check as run_check

    if check:
        difference = run_check(root)
        if difference is None:
            click.echo(f"{CODEOWNERS} 是最新的。")
            return
        click.echo(difference)
        raise DataError(f"{CODEOWNERS} 与登记信息不一致。请运行 sctrack codeowners 后提交。")
    click.echo(f"已写入 {write(root)}")
