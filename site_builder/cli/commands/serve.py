"""`sctrack serve`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import audience_option, root_option
from site_builder.cli.output import show_error


@click.command()
@root_option
@audience_option
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览服务器地址和端口。"
)
def serve(root: Path, audience: str, dev_addr: str) -> None:
    """本地实时预览：修改 submissions/ 下的文件后自动重新生成并刷新浏览器。

    Example:

        sctrack serve

        sctrack serve --audience internal --dev-addr 0.0.0.0:8000
    """
    from site_builder.site.build import BuildError
    from site_builder.site.serve import serve as run

    def keep_serving(error: BuildError) -> None:
        show_error(error)
        click.echo("数据有错误，预览保留上一次的页面。改正后保存即可自动更新。", err=True)

    run(root, audience, dev_addr, lambda line: click.echo(f"  {line}"), keep_serving)
