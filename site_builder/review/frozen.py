"""The submissions as they stood at one commit, read from git (`git ls-tree`, `git cat-file`).

Published enterprise aggregates are computed from the reports as they were
when a reporting window closed (see `analyse.releases`), not from the working
tree: a later correction or a late report must not change them. This module
finds the commit that stood on the default branch at a moment and reads the
files at it. Only regular files are read (a symlink or submodule in the tree
is skipped, as the working-tree loader refuses them); nothing is checked out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from site_builder.load.records import Corpus
from site_builder.load.tree import SUBMISSIONS, SubmissionsTree, place
from site_builder.review import git
from site_builder.review.history import History, Landing
from site_builder.validate.run import Memo, validate

REGULAR_FILES = ("100644", "100755")


def standing_at(history: History, moment: datetime) -> Landing | None:
    """The landing the default branch stood at, at `moment`: the last of the first-parent
    line before the first landing after `moment` (a commit dated earlier but landed later
    does not reach back into the past). None when nothing had landed by then. A landing whose
    time is in doubt marks no moment: the branch stands past it once a later one has landed."""
    standing = None
    for landing in history.landings:
        if landing.doubt:
            continue
        if landing.at > moment:
            break
        standing = landing
    return standing


def files_at(
    root: Path,
    commit: str,
    wanted: Callable[[str], bool] = lambda path: True,
    folder: str = SUBMISSIONS,
) -> dict[str, str]:
    """Repository-relative path -> text of the regular files under `folder` at `commit`
    for which `wanted(path)` holds; files that are not UTF-8 text are left out."""
    listing = git.output(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", folder) or ""
    blobs: dict[str, str] = {}
    for entry in listing.split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[0] in REGULAR_FILES and parts[1] == "blob" and wanted(path):
            blobs[path] = parts[2]
    contents = git.blobs(root, list(blobs.values()))
    texts = {}
    for path, sha in blobs.items():
        try:
            texts[path] = contents[sha].decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            continue
    return texts


def _full_year_file(year: int) -> Callable[[str], bool]:
    """Whether a repository path is what `year`'s aggregates read: the registry, every
    registration, and the Q4 reports and annual summaries of `year` and earlier (baselines)."""

    def wanted(path: str) -> bool:
        placed = place(path)
        if not isinstance(placed, tuple):
            return False
        schema, _, period = placed
        if period is None:
            return True
        return period.year <= year and (period.is_annual or period.quarter == 4)

    return wanted


def year_corpus_at(root: Path, commit: str, year: int, memo: Memo | None = None) -> Corpus:
    """The corpus of what `year`'s enterprise aggregates read, as it stood at `commit`.

    The files are held in memory over an empty folder and validated like a working tree
    (with `memo`, a build session's, files unchanged since are not checked again); a file
    that fails its schema is left out, as it would be from the current build.
    """
    files = files_at(root, commit, _full_year_file(year))
    tree = SubmissionsTree.in_memory(root, files)
    return validate(tree, today=date(year + 1, 12, 31), cross_file=False, memo=memo).corpus
