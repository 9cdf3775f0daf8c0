"""Options, errors and helpers every command shares."""

from __future__ import annotations

from pathlib import Path

import click


class DataError(click.ClickException):
    """The data has errors: message printed, exit code 1, no traceback."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


# Every command takes --root (DESIGN section 6).
root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="仓库根目录（包含 submissions/ 的文件夹）。",
)


def print_findings_and_fail(err) -> None:
    from site_builder.validate.reporters import text

    click.echo(text(err.findings, len({f.path for f in err.findings})), err=True)
    raise DataError(str(err))


def as_of_option(func):
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="按哪一天计算（YYYY-MM-DD）。默认今天。",
    )(func)


def load_analysis(root: Path, as_of):
    """Validated data, git history and the supervision analysis, or a DataError."""
    from site_builder.load import periods
    from site_builder.analyse.analysis import analyse
    from site_builder.review.history import read_history
    from site_builder.validate.reporters import text
    from site_builder.validate.run import validate as run

    result = run(root)
    if not result.ok:
        click.echo(text(result.findings, result.files), err=True)
        raise DataError(f"数据有 {len(result.errors)} 个错误，请先改正。")
    day = as_of.date() if as_of else periods.today()
    return analyse(result.corpus, read_history(root), day)
