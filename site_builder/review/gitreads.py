"""What git answers about the submissions folder at one commit: the first-parent line with
its messages, every commit's time, every change to the folder; asked now or, from a build,
before validation in processes of their own (`EarlyReads`). `history` makes the
confirmation history of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from site_builder.review import git

SHA = re.compile(r"^[0-9a-f]{40}$")


# git's answers about a folder at a commit, by name (None where git failed).
Answers = dict[str, str | None]


def questions(rev: str, folder: str) -> dict[str, tuple[str, ...]]:
    """What `_git_reads` asks git about `folder` at `rev`, by name."""
    return {
        # Fields git writes itself, one commit a line; the committer's e-mail (which git strips
        # of line breaks) comes last so that nothing in it can shift the other fields.
        "mainline": ("log", "--first-parent", "--format=%H%x09%cI%x09%P%x09%ce", rev),
        # Messages apart, NUL-separated: a message cannot forge another commit's fields.
        "messages": ("log", "--first-parent", "-z", "--format=%H%n%B", rev),
        "times": ("log", "--format=%H%x09%cI", rev),
        # Every commit that touched `folder` (branch commits too), newest first, with its
        # changes: "<sha> <author date>" NUL, then status NUL path NUL pairs.
        "changes": (
            "log", rev, "-z", "--full-history", "--diff-merges=first-parent", "--no-renames",
            "--name-status", "--format=%H %aI", "--", folder,
        ),
    }  # fmt: skip


def mainline(answers: Answers, tz: ZoneInfo) -> list[dict[str, Any]]:
    """The first-parent line, oldest first: sha, parents, committer time and identity, message."""
    commits = {}
    order = []
    for line in (answers["mainline"] or "").splitlines():
        sha, committed, parents, email = (line.split("\t", 3) + ["", "", ""])[:4]
        if not SHA.match(sha):
            continue
        commits[sha] = {
            "sha": sha,
            "parents": parents.split(),
            "at": datetime.fromisoformat(committed).astimezone(tz),
            "committer": email,
            "subject": "",
            "body": "",
        }
        order.append(sha)
    for record in (answers["messages"] or "").split("\0"):
        sha, _, message = record.lstrip("\n").partition("\n")
        if sha in commits:
            subject, _, body = message.partition("\n")
            commits[sha]["subject"], commits[sha]["body"] = subject.strip(), body
    return [commits[sha] for sha in reversed(order)]


def commit_times(answers: Answers, tz: ZoneInfo) -> dict[str, datetime]:
    """The committer time of every commit reachable from `rev` (branch commits too)."""
    times = {}
    for line in (answers["times"] or "").splitlines():
        sha, _, committed = line.partition("\t")
        if SHA.match(sha):
            times[sha] = datetime.fromisoformat(committed).astimezone(tz)
    return times


def changes(answers: Answers, tz: ZoneInfo) -> list[tuple[str, datetime, list[tuple[str, str]]]]:
    """Every commit that touched the folder, newest first, with its changes. A status is one
    letter and a sha is 40 hex digits, so the two cannot be mistaken for each other."""
    output = answers["changes"]
    if output is None:
        return []
    commits: list[tuple[str, datetime, list[tuple[str, str]]]] = []
    tokens = output.split("\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        head = token.split(" ", 1)
        if len(head) == 2 and SHA.match(head[0]):
            commits.append((head[0], datetime.fromisoformat(head[1]).astimezone(tz), []))
            i += 1
        elif len(token) == 1 and commits and i + 1 < len(tokens):
            commits[-1][2].append((token, tokens[i + 1]))
            i += 2
        else:
            i += 1
    return commits


@dataclass
class EarlyReads:
    """git's answers about a folder at HEAD's commit, asked before validation starts: four
    `git log`s over the whole history run in their own processes while this one (and its
    workers) check the files, instead of after (`read_history` takes them)."""

    root: str
    head: str
    folder: str
    pending: dict[str, git.Pending]

    def answers(self) -> Answers:
        return {name: pending.output() for name, pending in self.pending.items()}

    def close(self) -> None:
        for pending in self.pending.values():
            pending.close()


@dataclass(frozen=True)
class GitReads:
    """What git says of a folder at one commit, in one time zone: the first-parent line, the
    time of every commit and every change to the folder. A commit never changes, so neither
    do these; what depends on the clock (`plausible.doubts`) is judged from them each time."""

    mainline: list[dict[str, Any]]
    times: dict[str, datetime]
    changes: list[tuple[str, datetime, list[tuple[str, str]]]]
