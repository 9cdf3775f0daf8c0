"""`sctrack serve`."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from site_builder.cli.options import audience_option, root_option
from site_builder.cli.output import show_error
from site_builder.cli.stages import engine_option

ALLOW_FLAG = "--allow-internal-on-network"
# Whether an audience's site holds unpublished data, and so is served on this computer only.
LOCAL_ONLY = {"public": False, "internal": True}


def is_loopback(dev_addr: str) -> bool:
    """Whether `host:port` (`[::1]:8000` for IPv6) listens only on this computer."""
    host = dev_addr.rsplit(":", 1)[0] if ":" in dev_addr else dev_addr
    host = host.strip().removeprefix("[").removesuffix("]")
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name may resolve to any interface


@click.command()
@root_option
@audience_option
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览服务器地址和端口。"
)
@click.option(
    ALLOW_FLAG,
    "allow_network",
    is_flag=True,
    help="允许在本机以外可访问的地址上预览内部版（内部版含未公开数据且没有登录保护，慎用）。",
)
@engine_option
def serve(root: Path, audience: str, dev_addr: str, allow_network: bool, engine: str) -> None:
    """本地实时预览：修改 submissions/ 下的文件后自动重新生成并刷新浏览器。

    内部版（--audience internal）只在本机地址（127.0.0.1、localhost）上预览；
    预览服务器没有登录保护，网络上的任何人都能看到内部数据。

    示例：

        sctrack serve

        sctrack serve --audience internal

        sctrack serve --engine zensical
    """
    if LOCAL_ONLY[audience] and not is_loopback(dev_addr) and not allow_network:
        raise click.UsageError(
            f"内部版含未公开的数据，预览服务器没有登录保护，不能在 {dev_addr} 上对网络开放。"
            f"请使用本机地址（默认 127.0.0.1:8000）；确需如此时加 {ALLOW_FLAG}。"
        )
    click.echo(f"预览地址：http://{dev_addr}/（先生成站点，完成后在浏览器打开；按 Ctrl+C 停止）")
    from site_builder.pipeline.serve import serve as run
    from site_builder.site.build import BuildError

    quiet_jieba()

    def keep_serving(error: BuildError) -> None:
        show_error(error)
        click.echo("数据有错误，预览保留上一次的页面。改正后保存即可自动更新。", err=True)

    run(root, audience, dev_addr, lambda line: click.echo(f"  {line}"), keep_serving, engine)


def quiet_jieba() -> None:
    """MkDocs' search loads jieba in this process, which logs four lines about its dictionary
    on stderr (a build filters them from MkDocs' output: `site.build.JIEBA_CHATTER`). Importing
    it first and raising its level keeps the preview's terminal to our own lines."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
