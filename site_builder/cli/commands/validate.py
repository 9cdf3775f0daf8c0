"""`sctrack validate`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from site_builder.cli.options import findings_format_option, root_option
from site_builder.cli.output import print_findings


@click.command()
@root_option
@click.argument(
    "paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[文件或文件夹]..."
)
@findings_format_option
def validate(root: Path, paths: tuple[Path, ...], output_format: str) -> None:
    """校验报送数据。不写任何文件。

    不带 PATH 时检查整个 submissions/；带 PATH 时只检查这些文件或文件夹
    （仍会对照登记信息和同一项目的其他报告）。有错误时退出码为 1。

    示例：

        sctrack validate

        sctrack validate submissions/projects/demo-taiyuan-region/2021-Q3.yaml
    """
    from site_builder.pipeline.collector import fewer_collections
    from site_builder.validate.run import validate as run

    with fewer_collections():
        result = run(root, list(paths) or None)
    print_findings(result.findings, result.files)
    sys.exit(0 if result.ok else 1)
