"""The stage calls more than one command makes: the validated analysis and a site build."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from site_builder.cli.options import AUDIENCE_LABELS, as_of, as_of_option, root_option
from site_builder.errors import UsageError

if TYPE_CHECKING:
    from site_builder.analyse.analysis import Analysis
    from site_builder.site.build import BuildResult


F = TypeVar("F", bound=Callable[..., Any])

# Top-level modules of the `site` extra (pyproject.toml): validation runs without them.
SITE_EXTRA_MODULES = frozenset(
    ("pandas", "numpy", "matplotlib", "mkdocs", "material", "jieba", "nh3", "openpyxl", "docx")
    + ("watchdog", "zensical", "xlsxwriter")
)


def missing_extra(error: ModuleNotFoundError) -> UsageError | None:
    """The message for a command run where only the core (validation) is installed."""
    if (error.name or "").split(".")[0] not in SITE_EXTRA_MODULES:
        return None
    return UsageError(
        f"此命令需要生成站点和分析数据的组件（缺少 {error.name}），当前只安装了校验功能。"
        '请在仓库文件夹中运行 pip install -e ".[site]" 后重试。'
    )


def engine_option(command: F) -> F:
    """`--engine`: which program turns the generated folder into the site."""
    return click.option(
        "--engine",
        type=click.Choice(["mkdocs", "zensical"]),
        default="mkdocs",
        show_default=True,
        help="生成站点的程序：MkDocs（默认）或 Zensical（需另行安装）。",
    )(command)


def analysis_options(command: F, as_of_help: str | None = None) -> F:
    """`--root` and `--as-of`: what every command that reads `load_analysis` takes."""
    return root_option((as_of(as_of_help) if as_of_help else as_of_option)(command))


def load_analysis(root: Path, as_of: datetime | None, announce: bool = True) -> Analysis:
    """The pipeline's analysis (`pipeline.analysis`); a DataError when data is bad.

    When the history cannot be trusted every report status is unknown, and (`announce`) one
    line on stderr says why before anything else is printed.

    Without `as_of`: today's files, with the history at HEAD. With it: the past, the tree and
    history of the last first-parent commit on or before the end of that day (`review.asof`).
    """
    from site_builder.pipeline.analysis import load_analysis as analysed

    analysis = analysed(root, as_of)
    history = analysis.supervision.history  # analysis may find it records no review
    if announce and not history.available:
        click.echo(f"{history.reason}；报告的确认状态均为“确认时间未知”。", err=True)
    return analysis


def build_site(
    root: Path,
    audience: str,
    site_dir: Path | None,
    build_dir: Path | None = None,
    engine: str = "mkdocs",
) -> BuildResult:
    """Build one audience's site; a BuildError when it cannot. Progress goes to stderr: a
    line as each step ends, one at least every few seconds while one runs, and the seconds
    of each step at the end."""
    # Said before the import: pandas and MkDocs take a while to load.
    click.echo(f"生成{AUDIENCE_LABELS[audience]}站点……", err=True)
    started = time.perf_counter()
    from site_builder.pipeline.build import build

    def progress(line: str) -> None:
        click.echo(f"  {line}", err=True)

    return build(root, audience, site_dir, build_dir, progress, engine, started=started)
