"""`sctrack serve`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.commands.common import DataError, print_findings_and_fail, root_option


@click.command()
@root_option
@click.option(
    "--audience",
    type=click.Choice(["public", "internal"]),
    default="public",
    show_default=True,
    help="预览哪个版本。",
)
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
    from site_builder.validate.reporters import text
    from site_builder.site.serve import serve as run

    def on_error(err: BuildError) -> None:
        click.echo(
            text(err.findings, len({f.path for f in err.findings})) if err.findings else str(err),
            err=True,
        )
        click.echo("数据有错误，预览保留上一次的页面。改正后保存即可自动更新。", err=True)

    try:
        run(root, audience, dev_addr, lambda line: click.echo(f"  {line}"), on_error)
    except BuildError as err:
        if err.findings:
            print_findings_and_fail(err)
        raise DataError(str(err)) from err
