"""`sctrack build`."""

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
    help="public：公开版；internal：内部版（含经营数据、联系人、未公开案例）。",
)
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="站点输出目录。默认公开版为 site/，内部版为 site-internal/。",
)
@click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="生成的 MkDocs 工程目录。默认 build/<audience>/。",
)
def build(root: Path, audience: str, site_dir: Path | None, build_dir: Path | None) -> None:
    """校验数据并生成站点（先生成页面和图表，再由 MkDocs 构建）。

    数据有错误时不生成站点，原有站点保持不变。

    Example:

        sctrack build

        sctrack build --audience internal --site-dir /srv/sctrack-internal
    """
    from site_builder.site.build import BuildError
    from site_builder.site.build import build as run

    click.echo(f"生成{'公开版' if audience == 'public' else '内部版'}站点……")
    try:
        result = run(
            root, audience, site_dir, build_dir, progress=lambda line: click.echo(f"  {line}")
        )
    except BuildError as err:
        if err.findings:
            print_findings_and_fail(err)
        raise DataError(str(err)) from err
    click.echo(
        f"完成：{result.pages} 个页面、{result.charts} 张图表，用时 {result.seconds:.1f} 秒。站点在 {result.site_dir}"
    )
