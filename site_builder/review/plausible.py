"""Which confirmation times of the first-parent line cannot be believed, and why.

A committer date is written by whoever makes the commit, so a history can say
anything. The forge writes them in order as pull requests land, so these
cannot happen in a history nobody rewrote:

- a date before the repository's first commit (a merge dated 1970);
- a date after now (the real clock, not a `--as-of` day or `SCTRACK_TODAY`);
- a first-parent commit dated before the one it follows on the default branch
  (dates that run backwards; compared with the latest believable date before it);
- a merge dated before a commit it merges (its other parents).

A commit with such a date confirms nothing at a known time: the landing it
belongs to gets the reason, and the statuses of the reports it brought in are
unknown. When more than half of the landings are in doubt, the damage is wide
and the whole history is untrusted (`wide_damage`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from site_builder.load.periods import day_label


def _when(at: datetime) -> str:
    return f"{day_label(at.date())} {at:%H:%M}"


def doubts(
    mainline: list[dict[str, Any]], times: dict[str, datetime], now: datetime
) -> dict[str, str]:
    """First-parent commit -> why its committer date cannot be believed.

    `mainline` oldest first (sha, parents, at); `times` the committer time of every commit.
    """
    if not mainline:
        return {}
    found: dict[str, str] = {}
    first = mainline[0]["at"]
    latest: datetime | None = None
    for commit in mainline:
        at = commit["at"]
        merged = [times[p] for p in commit["parents"][1:] if p in times]
        if at < first:
            found[commit["sha"]] = f"提交时间 {_when(at)} 早于仓库的第一次提交（{_when(first)}）"
        elif at > now:
            found[commit["sha"]] = f"提交时间 {_when(at)} 晚于当前时间"
        elif latest is not None and at < latest:
            found[commit["sha"]] = (
                f"提交时间 {_when(at)} 早于主分支上在它之前的提交（{_when(latest)}），时间倒退"
            )
        elif merged and max(merged) > at:
            found[commit["sha"]] = (
                f"合并时间 {_when(at)} 早于它所合并的提交（{_when(max(merged))}）"
            )
        else:
            latest = at
    return found


def wide_damage(doubtful: int, landings: int) -> str:
    """The reason to distrust the whole history, or "" when the doubt stays local."""
    if landings and doubtful * 2 > landings:
        return (
            f"主分支上 {landings} 次合入中有 {doubtful} 次的提交时间不可信（早于仓库建立、"
            "晚于当前时间、时间倒退或早于所合并的提交），审核历史可能被改写，无法读取确认时间"
        )
    return ""
