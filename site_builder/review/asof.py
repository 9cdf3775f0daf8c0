"""As of a day: the data as it stood at the end of that day, read back from git.

`--as-of D` is the past, not today's files judged on an older date: the state is
the tree of the last commit of the first-parent line (what landed on the default
branch) on or before 24:00 of D in the policy's time zone. Files, registry,
policy, adjustments and confirmations that came later are not in it. The tree is
read through git into memory (`SubmissionsTree.in_memory`) and validated and
analysed as usual; the history is read at the same commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from site_builder.errors import DataError
from site_builder.load.records import Policy
from site_builder.load.tree import SUBMISSIONS, SubmissionsTree, registry_path
from site_builder.review import git
from site_builder.review.history import SHA, check, end_of_day

REGULAR_FILES = ("100644", "100755")  # symlinks and submodules are never data


@dataclass(frozen=True)
class Snapshot:
    day: date
    commit: str  # the last first-parent commit on or before the end of `day`
    landed: datetime  # its committer time, in the policy's time zone
    tree: SubmissionsTree  # `submissions/` as it was at that commit, held in memory


def policy_timezone(root: Path) -> str:
    """The time zone of today's policy (to find the day's end before the past is read)."""
    parsed = SubmissionsTree(root).read(root / registry_path("policy"))
    calendar = (parsed.data or {}).get("calendar") if parsed else None
    zone = calendar.get("timezone") if isinstance(calendar, dict) else None
    return zone if isinstance(zone, str) and zone else Policy().timezone


def last_commit(root: Path, instant: datetime) -> tuple[str, datetime] | None:
    """The newest commit of the first-parent line of HEAD landed on or before `instant`."""
    lines = git.output(root, "log", "--first-parent", "--format=%H%x09%cI", "HEAD") or ""
    for line in lines.splitlines():
        sha, _, committed = line.partition("\t")
        if SHA.match(sha) and committed:
            landed = datetime.fromisoformat(committed)
            if landed <= instant:
                return sha, landed.astimezone(instant.tzinfo)
    return None


def files_at(root: Path, commit: str, folder: str = SUBMISSIONS) -> dict[str, str]:
    """Every regular file under `folder` at `commit`: repository-relative path -> text."""
    listing = git.run(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", folder)
    entries = []
    for record in listing.split("\0"):
        meta, _, path = record.partition("\t")
        fields = meta.split(" ")
        if path and len(fields) == 3 and fields[0] in REGULAR_FILES and fields[1] == "blob":
            entries.append((path, fields[2]))
    contents = git.blobs(root, [sha for _, sha in entries])
    return {
        path: contents[sha].decode("utf-8", errors="replace")
        for path, sha in entries
        if sha in contents
    }


def snapshot(root: Path, day: date, timezone: str) -> Snapshot:
    """The data as of the end of `day`; a DataError saying why when it cannot be rebuilt."""
    reason = check(root)
    if reason:
        raise DataError(f"无法重建 {day} 当时的数据：{reason}")
    found = last_commit(root, end_of_day(day, ZoneInfo(timezone)))
    if found is None:
        raise DataError(f"{day} 24 时（{timezone}）之前仓库里还没有任何提交，没有当日的数据。")
    commit, landed = found
    return Snapshot(day, commit, landed, SubmissionsTree.in_memory(root, files_at(root, commit)))
