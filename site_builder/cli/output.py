"""What the commands print, and the one place an `SctrackError` becomes output.

Text is for people: findings that explain a failure go to stderr beside the message.
JSON and GitHub annotations are for machines: they always go to stdout, where a
script or the workflow runner reads them, and every other line then goes to stderr
so that stdout stays parseable.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from site_builder.errors import SctrackError
from site_builder.findings import FILES, Finding
from site_builder.validate.reporters import REPORTER_BY_NAME

FORMAT_KEY = "sctrack.format"  # in click's context meta: the --format the user chose


def chosen_format() -> str:
    """The command's --format when it is a findings format, else "text"."""
    context = click.get_current_context(silent=True)
    chosen = context.meta.get(FORMAT_KEY, "text") if context else "text"
    return chosen if chosen in REPORTER_BY_NAME else "text"


def say(message: str) -> None:
    """A line for the person at the terminal: stdout, unless stdout carries JSON or annotations."""
    click.echo(message, err=chosen_format() != "text")


def print_findings(
    findings: Sequence[Finding], count: int, unit: str = FILES, *, err: bool = False
) -> None:
    """The findings and the summary line, in the chosen format.

    `err` puts the text form on stderr: for findings that explain why a command stops,
    rather than a verdict that is the command's output (validate, check-scope).
    """
    chosen = chosen_format()
    click.echo(REPORTER_BY_NAME[chosen](findings, count, unit), err=err and chosen == "text")


def show_error(error: SctrackError) -> None:
    """The findings behind an error (if any), then its Chinese message on stderr."""
    if error.findings:
        print_findings(error.findings, error.files or _paths(error.findings), error.unit, err=True)
    click.echo(error.message, err=True)


def _paths(findings: Sequence[Finding]) -> int:
    return len({f.path for f in findings})
