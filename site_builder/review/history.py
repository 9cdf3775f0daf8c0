"""Confirmation dates read back from git history (在线确认).

The merge of a reviewed pull request into the default branch is the
confirmation. For every file under `submissions/`:

- confirmed: the commit on the default branch's first-parent line that first
  brought the file in (its committer date is the merge time);
- submitted: the earliest author date of the commits that added the file
  (branch commits of a merged pull request, or the squash commit itself);
- corrections: later first-parent commits that changed the file.

Two git processes in all, whatever the number of files: `git rev-list
--first-parent` for the default branch's line, and one `git log` over
`submissions/` with the files each commit touched. Without git (a plain copy
of the folder), everything is unknown; nothing is ever guessed as late.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from site_builder.load.tree import SUBMISSIONS
from site_builder.review import git

PR_PATTERNS = [
    re.compile(r"^Merge pull request #(\d+)"),  # GitHub merge commit
    re.compile(r"\(#(\d+)\)\s*$"),  # GitHub squash merge
    re.compile(r"See merge request \S+!(\d+)"),  # GitLab merge commit body
    re.compile(r"^Merge pull request '.*' \(#(\d+)\)"),  # Gitea
]
RECORD, UNIT = "\x1e", "\x1f"
LOG_FORMAT = f"{RECORD}%H{UNIT}%P{UNIT}%aI{UNIT}%cI{UNIT}%s{UNIT}%b{UNIT}"


@dataclass(frozen=True)
class Change:
    commit: str
    date: datetime  # committer date: when it reached the default branch
    pr: int | None
    subject: str


@dataclass
class FileHistory:
    path: str
    submitted: datetime | None = None
    confirmed: Change | None = None
    corrections: list[Change] = field(default_factory=list)


@dataclass
class History:
    available: bool
    files: dict[str, FileHistory] = field(default_factory=dict)
    reason: str = ""  # why history is not available

    def of(self, path: str) -> FileHistory | None:
        return self.files.get(path)


def pr_number(subject: str, body: str = "") -> int | None:
    for pattern in PR_PATTERNS:
        for text in (subject, body):
            for line in text.splitlines() or [""]:
                match = pattern.search(line)
                if match:
                    return int(match.group(1))
    return None


def _parse_log(output: str) -> list[dict]:
    commits = []
    for chunk in output.split(RECORD)[1:]:
        parts = chunk.split(UNIT)
        if len(parts) < 7:
            continue
        sha, parents, authored, committed, subject, body, files = parts[:7]
        changes = []
        for line in files.strip().splitlines():
            status, _, path = line.partition("\t")
            if path:
                changes.append((status[:1], path))
        commits.append(
            {
                "sha": sha,
                "parents": parents.split(),
                "authored": datetime.fromisoformat(authored),
                "committed": datetime.fromisoformat(committed),
                "subject": subject,
                "body": body,
                "changes": changes,
            }
        )
    return commits


def read_history(root: Path, folder: str = SUBMISSIONS) -> History:
    """Confirmation, submission and correction dates of every file under `folder`."""
    top = git.output(root, "rev-parse", "--show-toplevel")
    if top is None:
        return History(False, reason="不是 git 仓库（或未安装 git），确认时间未知")
    prefix = (git.output(root, "rev-parse", "--show-prefix") or "").strip()
    mainline_out = git.output(root, "rev-list", "--first-parent", "HEAD")
    if mainline_out is None:
        return History(False, reason="仓库还没有提交")
    mainline = set(mainline_out.split())
    # --full-history keeps the branch commits of merged pull requests, which
    # default history simplification would drop; merges are diffed against
    # their first parent, which for the default branch is what the merge brought in.
    log = git.output(
        root,
        "log",
        "HEAD",
        "--full-history",
        "--diff-merges=first-parent",
        "--no-renames",
        "--name-status",
        f"--format={LOG_FORMAT}",
        "--",
        folder,
    )
    if log is None:
        return History(False, reason="无法读取 git 历史")
    history = History(True)
    for commit in reversed(_parse_log(log)):  # oldest first
        on_mainline = commit["sha"] in mainline
        change = Change(
            commit["sha"],
            commit["committed"],
            pr_number(commit["subject"], commit["body"]),
            commit["subject"],
        )
        for status, path in commit["changes"]:
            if not path.startswith(prefix):
                continue
            path = path[len(prefix) :]
            entry = history.files.setdefault(path, FileHistory(path))
            if status == "A" and (entry.submitted is None or commit["authored"] < entry.submitted):
                entry.submitted = commit["authored"]
            if not on_mainline:
                continue
            if status == "A" and entry.confirmed is None:
                entry.confirmed = change
            elif status == "M" and entry.confirmed is not None:
                entry.corrections.append(change)
            elif status == "D":
                history.files[path] = FileHistory(path)  # a later re-add starts afresh
    return history
