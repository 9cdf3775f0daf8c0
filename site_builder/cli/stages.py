"""The stage calls more than one command makes: the validated analysis and a site build."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from site_builder.cli.options import AUDIENCE_LABELS, as_of_option, root_option
from site_builder.cli.output import say
from site_builder.errors import DataError

if TYPE_CHECKING:
    from site_builder.analyse.analysis import Analysis
    from site_builder.site.build import BuildResult


F = TypeVar("F", bound=Callable[..., Any])


def analysis_options(command: F) -> F:
    """`--root` and `--as-of`: what every command that reads `load_analysis` takes."""
    return root_option(as_of_option(command))


def load_analysis(root: Path, as_of: datetime | None) -> Analysis:
    """Validated data, git history and the supervision analysis; a DataError when data is bad."""
    from site_builder.analyse.analysis import analyse
    from site_builder.load import periods
    from site_builder.review.history import read_history
    from site_builder.validate.run import validate

    result = validate(root)
    if not result.ok:
        raise DataError(
            f"数据有 {len(result.errors)} 个错误，请先改正。", result.findings, result.files
        )
    day = as_of.date() if as_of else periods.today()
    return analyse(result.corpus, read_history(root), day)


def build_site(
    root: Path, audience: str, site_dir: Path | None, build_dir: Path | None = None
) -> BuildResult:
    """Build one audience's site, one progress line per stage; a BuildError when it cannot."""
    from site_builder.site.build import build

    say(f"生成{AUDIENCE_LABELS[audience]}站点……")
    return build(root, audience, site_dir, build_dir, progress=lambda line: say(f"  {line}"))
