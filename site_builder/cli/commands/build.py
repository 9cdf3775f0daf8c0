"""`sctrack build`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import (
    audience_option,
    findings_format_option,
    folder_option,
    root_option,
)
from site_builder.cli.output import say
from site_builder.cli.stages import build_site, engine_option


@click.command()
@root_option
@audience_option
@folder_option("--site-dir", help="站点输出目录。默认公开版为 site/，内部版为 site-internal/。")
@folder_option("--build-dir", help="生成的 MkDocs 工程目录。默认 build/<audience>/。")
@findings_format_option
@engine_option
def build(
    root: Path,
    audience: str,
    site_dir: Path | None,
    build_dir: Path | None,
    output_format: str,
    engine: str,
) -> None:
    """校验数据并生成站点（先生成页面和图表，再由 MkDocs 构建）。

    数据有错误时不生成站点，原有站点保持不变；错误按 --format 列出，与 sctrack validate 相同。

    示例：

        sctrack build

        sctrack build --audience internal --site-dir /srv/sctrack-internal

        sctrack build --engine zensical
    """
    result = build_site(root, audience, site_dir, build_dir, engine)
    say(
        f"完成：{result.pages} 个页面、{result.charts} 张图表，用时 {result.seconds:.1f} 秒。"
        f"站点在 {result.site_dir}"
    )
