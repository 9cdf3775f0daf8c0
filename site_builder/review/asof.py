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
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from site_builder.errors import DataError
from site_builder.load.records import Policy
from site_builder.load.tree import SubmissionsTree, registry_path
from site_builder.review.frozen import files_at, standing_at
from site_builder.review.history import check, end_of_day, read_history


@dataclass(frozen=True)
class Snapshot:
    commit: str  # the last first-parent commit on or before the end of the day
    tree: SubmissionsTree  # `submissions/` as it was at that commit, held in memory


def policy_timezone(root: Path) -> str:
    """The time zone of today's policy (to find the day's end before the past is read)."""
    parsed = SubmissionsTree(root).read(root / registry_path("policy"))
    calendar = (parsed.data or {}).get("calendar") if parsed else None
    zone = calendar.get("timezone") if isinstance(calendar, dict) else None
    return zone if isinstance(zone, str) and zone else Policy().timezone


def snapshot(root: Path, day: date, timezone: str) -> Snapshot:
    """The data as of the end of `day`; a DataError saying why when it cannot be rebuilt."""
    reason = check(root)
    if reason:
        raise DataError(f"无法重建 {day} 当时的数据：{reason}")
    # What stood on the default branch then: a commit dated earlier but landed later (a
    # backdated push) does not reach back into the past.
    history = read_history(root, timezone=timezone)
    standing = standing_at(history, end_of_day(day, ZoneInfo(timezone)))
    if standing is None:
        raise DataError(f"{day} 24 时（{timezone}）之前仓库里还没有任何提交，没有当日的数据。")
    files = files_at(root, standing.commit)
    return Snapshot(standing.commit, SubmissionsTree.in_memory(root, files))
