"""One exception hierarchy for every failure a user can act on.

Core code raises these with a Chinese message (and, where input was judged, the
findings); only the CLI edge turns them into printed lines and an exit code
(0 success, 1 the data has errors, 2 wrong usage), as mkdocs' `exceptions.py`.
Bad input found while validating is data (`Finding`), not an exception: an error
is raised only when a command cannot go on. Stage modules define their own
subclasses (`GitError`, `BuildError`, ...) next to the code that raises them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from site_builder.findings import FILES

if TYPE_CHECKING:
    from site_builder.findings import Finding

EXIT_DATA = 1
EXIT_USAGE = 2


class SctrackError(Exception):
    """Base class: a message for the user, the findings behind it, and an exit code."""

    exit_code = EXIT_DATA

    def __init__(
        self,
        message: str,
        findings: Sequence[Finding] = (),
        files: int = 0,
        unit: str = FILES,
    ):
        super().__init__(message)
        self.message = message
        self.findings = list(findings)
        self.files = files  # how many files were judged, for the reporter's summary line
        self.unit = unit  # what `files` counts ("个文件", "个工作簿"), for the same line


class DataError(SctrackError):
    """The input has errors (the findings say which); nothing was written."""


class UsageError(SctrackError):
    """The command was called wrongly (unknown project, period, option combination)."""

    exit_code = EXIT_USAGE
