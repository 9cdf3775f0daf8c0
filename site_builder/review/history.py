"""Confirmation times read back from git history (在线确认), after checking the history.

The merge of a reviewed pull request into the default branch is the confirmation.
Before any date is read, the history is checked (`check`): a shallow clone, data
that git does not track, or data placed inside another repository give no
trustworthy date, and then every report's status is unknown, never late.

For every file under `submissions/`, read from the first-parent line of the
default branch (the commits as they landed on it):

- confirmed: the landing that first brought the file in. Its time is the
  committer date of the merge or squash commit, or of the landed commits (the
  forge writes it), in the platform's time zone. It is *reviewed* when it is a
  merge commit or names its pull request; a rebase, fast-forward or direct push
  is confirmed at that time but carries no review record (无审核记录).
- submitted: the earliest author date of the commits that added the file: the
  time the submitter declares (set on their own machine).
- corrections: later landings that changed the file.

Commits that landed together (consecutive first-parent commits that are not
merges, by the same committer within the same minute: one push) are one landing,
so a pull request's own second commit is never a correction of its first.

History as committed, and dates that can be believed: git runs with replace refs and grafts
ignored (`git.UNREWRITTEN`), a graft file makes the history untrusted (`check`), and a
landing whose committer date is impossible (before the first commit, after now, backwards on
the first-parent line, before a commit it merges: `plausible`) carries the reason as its
`doubt`; its reports are 确认时间未知. Every landed version of `registry/policy.yaml` is kept
(`History.policies`) so that each period is judged by the rules in force on its due date.

Git output is read NUL-separated with `core.quotepath=off`, so paths in any
script arrive as they are, and no text a submitter controls (commit messages,
names) shares a stream with the fields it could forge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from site_builder.load import periods
from site_builder.load.records import Policy
from site_builder.load.tree import SUBMISSIONS, registry_path
from site_builder.load.yamlsafe import parse_text
from site_builder.review import git, gitreads, plausible
from site_builder.review.gitreads import Answers, EarlyReads, GitReads

# A trailing "(#N)" is the forge's own mark (GitHub squash, Gitea merge) and wins over a
# subject that only starts like a merge: "Merge pull request #3 … (#57)" is pull request 57.
TRAILING_PR = re.compile(r"\(#([0-9]+)\)\s*$")
PR_PATTERNS = [
    re.compile(r"^Merge pull request #([0-9]+)"),  # GitHub merge commit
    re.compile(r"^Merge pull request '.*' \(#([0-9]+)\)"),  # Gitea merge commit
    re.compile(r"See merge request \S+!([0-9]+)"),  # GitLab merge commit body
]


@dataclass(frozen=True)
class Landing:
    """Commits that reached the default branch together."""

    commit: str  # the last commit of the landing
    at: datetime  # when it reached the default branch, in the platform's time zone
    pr: int | None
    reviewed: bool  # a merge commit or a squash commit naming its pull request
    subject: str
    doubt: str = ""  # why its time cannot be believed (then its reports' status is unknown)

    @property
    def date(self) -> datetime:
        return self.at


@dataclass
class FileHistory:
    path: str
    submitted: datetime | None = None  # declared by the submitter (author date)
    confirmed: Landing | None = None
    corrections: list[Landing] = field(default_factory=list)


@dataclass
class History:
    available: bool  # False: the history cannot be trusted; `reason` says why
    files: dict[str, FileHistory] = field(default_factory=dict)
    reason: str = ""
    head: str = ""  # the commit the history was read from
    landings: list[Landing] = field(default_factory=list)  # the first-parent line, oldest first
    # Each version of registry/policy.yaml that landed on main, with when it landed, oldest
    # first: the rules in force at a moment (`analyse.calendar.in_force`).
    policies: list[tuple[datetime, Policy]] = field(default_factory=list)

    def of(self, path: str) -> FileHistory | None:
        return self.files.get(path)


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """24:00 of `day` in `tz`: the first instant of the next day."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)


def pr_number(subject: str, body: str = "") -> int | None:
    match = TRAILING_PR.search(subject)
    if match:
        return int(match.group(1))
    for pattern in PR_PATTERNS:
        for text in (subject, body):
            for line in text.splitlines() or [""]:
                match = pattern.search(line)
                if match:
                    return int(match.group(1))
    return None


def check(root: Path, folder: str = SUBMISSIONS, rev: str = "HEAD") -> str:
    """Why the history of `folder` cannot be trusted, in one Chinese line; "" when it can."""
    top = git.output(root, "rev-parse", "--show-toplevel")
    if top is None:
        return "不是 git 仓库（或未安装 git），无法读取确认时间"
    if Path(top.strip()).resolve() != root.resolve():
        return (
            f"{folder}/ 所在的文件夹 {root} 不是 git 仓库的根目录（仓库在 {top.strip()}），"
            "这份数据的审核历史不在这里，无法读取确认时间"
        )
    if git.output(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") is None:
        return "仓库还没有提交，无法读取确认时间"
    if (git.output(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return (
            "这是浅克隆（git clone --depth），缺少早期的合并记录，无法读取确认时间；"
            "请取完整历史（git fetch --unshallow，或在工作流中设置 fetch-depth: 0）"
        )
    # Not `--git-path info/grafts`: git answers that with GIT_GRAFT_FILE, which git.py sets.
    common = git.output(root, "rev-parse", "--git-common-dir")
    if common and (root / common.strip() / "info" / "grafts").exists():
        return (
            "仓库中有 info/grafts 文件，它能改写提交的父提交和时间而不留痕迹，"
            "审核历史不可信，无法读取确认时间；请删除该文件后重试"
        )
    tracked = git.output(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", folder)
    if not tracked:
        return f"{folder}/ 中的文件没有纳入 git 版本管理，无法读取确认时间"
    return ""


def _landings(mainline: list[dict[str, Any]], doubt: dict[str, str]) -> dict[str, Landing]:
    """Each first-parent commit -> the landing it belongs to (`doubt`: commit -> reason)."""
    groups: list[list[dict[str, Any]]] = []
    for commit in mainline:
        if groups and _pushed_together(groups[-1][-1], commit):
            groups[-1].append(commit)
        else:
            groups.append([commit])
    by_commit = {}
    for group in groups:
        last = group[-1]
        pr = pr_number(last["subject"], last["body"])
        landing = Landing(
            commit=last["sha"],
            at=max(c["at"] for c in group),
            pr=pr,
            reviewed=len(last["parents"]) > 1 or pr is not None,
            subject=last["subject"],
            doubt=next((doubt[c["sha"]] for c in group if c["sha"] in doubt), ""),
        )
        for commit in group:
            by_commit[commit["sha"]] = landing
    return by_commit


def _pushed_together(previous: dict[str, Any], commit: dict[str, Any]) -> bool:
    """Two plain commits (no merge, no pull request) by one committer in the same minute:
    one push of several commits, which lands once."""
    return (
        len(commit["parents"]) < 2
        and len(previous["parents"]) < 2
        and pr_number(previous["subject"], previous["body"]) is None
        and pr_number(commit["subject"], commit["body"]) is None
        and commit["committer"] == previous["committer"]
        and commit["at"].replace(second=0, microsecond=0)
        == previous["at"].replace(second=0, microsecond=0)
    )


def _commit_of(root: Path, rev: str) -> str:
    """The commit `rev` names ("" when git cannot say)."""
    return (git.output(root, "rev-parse", f"{rev}^{{commit}}") or "").strip()


def start_reads(
    root: Path, folder: str = SUBMISSIONS, rev: str = "HEAD", memo: HistoryMemo | None = None
) -> EarlyReads | None:
    """Start asking git what `read_history` will ask at `rev`; None when `memo` already holds
    that commit's answers (a rebuild with no new commit) or git cannot answer."""
    head = _commit_of(root, rev)
    if not head or any(k[:3] == (str(root), head, folder) for k in (memo or {})):
        return None
    pending = {
        name: git.start(root, *args) for name, args in gitreads.questions(head, folder).items()
    }
    started = {name: p for name, p in pending.items() if p is not None}
    early = EarlyReads(str(root), head, folder, started)
    if len(started) < len(pending):
        early.close()
        return None
    return early


@dataclass(frozen=True)
class HistoryRead:
    """A history made from `reads` with the commits in doubt `doubts`: the same two give the
    same history, so a later read at the same commit reuses it when the clock doubts the same."""

    reads: GitReads
    doubts: dict[str, str]
    history: History


# What a build session keeps of the histories it read: (root, commit, folder, time zone) ->
# the last read. Owned by the session (`pipeline.session`); a read keeps only its own commit.
HistoryMemo = dict[tuple[str, str, str, str], HistoryRead]


def read_history(
    root: Path,
    folder: str = SUBMISSIONS,
    rev: str = "HEAD",
    timezone: str | None = None,
    now: datetime | None = None,
    memo: HistoryMemo | None = None,
    early: EarlyReads | None = None,
) -> History:
    """Confirmation, submission and correction times of every file under `folder`, at `rev`,
    in `timezone` (the policy's default when not given); a commit dated after `now` (default:
    the clock, `periods.now`) is in doubt. `memo` keeps git's answers for the commit `rev`
    resolves to: a second read at that commit runs no `git log`, and gives the same history."""
    try:
        reason = check(root, folder, rev)
        if reason:
            return History(False, reason=reason)
        tz = ZoneInfo(timezone or Policy().timezone)
        head = _commit_of(root, rev)
        memo = {} if memo is None else memo
        key = (str(root), head, folder, tz.key)
        previous = memo.get(key)
        if previous:
            reads = previous.reads
        elif early is not None and (early.root, early.head, early.folder) == key[:3]:
            reads = _git_reads(early.answers(), tz)
        else:
            reads = _git_reads(_asked_now(root, head, folder), tz)
    finally:
        if early is not None:
            early.close()  # answered, or not wanted: its processes and files freed
    doubts = plausible.doubts(reads.mainline, reads.times, now or periods.now(tz))
    if previous is None or previous.doubts != doubts:
        _forget_other_commits(memo, key)
        previous = memo[key] = HistoryRead(reads, doubts, _history(root, head, reads, doubts))
    return previous.history


def _asked_now(root: Path, head: str, folder: str) -> Answers:
    return {
        name: git.output(root, *args) for name, args in gitreads.questions(head, folder).items()
    }


def _git_reads(answers: Answers, tz: ZoneInfo) -> GitReads:
    return GitReads(
        gitreads.mainline(answers, tz),
        gitreads.commit_times(answers, tz),
        gitreads.changes(answers, tz),
    )


def _forget_other_commits(memo: HistoryMemo, key: tuple[str, str, str, str]) -> None:
    """Drop the reads of the same folder at other commits: a new commit replaces them."""
    root, _, folder, tz = key
    for old in [k for k in memo if k != key and (k[0], k[2], k[3]) == (root, folder, tz)]:
        del memo[old]


def _history(root: Path, head: str, reads: GitReads, doubts: dict[str, str]) -> History:
    """The history at `head` from git's answers, with the commits in `doubts` doubted."""
    landing_of = _landings(reads.mainline, doubts)
    history = History(True, head=head)
    history.landings = _in_order(reads.mainline, landing_of)
    wide = plausible.wide_damage(
        sum(1 for landing in history.landings if landing.doubt), len(history.landings)
    )
    if wide:
        return History(False, reason=wide, head=head)
    for sha, authored, changes in reversed(reads.changes):  # oldest first
        for status, path in changes:
            _file_change(history, path, status, authored, landing_of.get(sha))
    history.policies = _policies(root, history)
    return history


def _in_order(mainline: list[dict[str, Any]], landing_of: dict[str, Landing]) -> list[Landing]:
    """Each landing once, in the mainline's order."""
    landings: dict[str, Landing] = {}
    for commit in mainline:
        landing = landing_of[commit["sha"]]
        landings.setdefault(landing.commit, landing)
    return list(landings.values())


def _file_change(
    history: History, path: str, status: str, authored: datetime, landing: Landing | None
) -> None:
    """One commit's change to one file: an addition declares a submission time; on the
    mainline it confirms the file, a later change corrects it, a deletion starts afresh."""
    entry = history.files.setdefault(path, FileHistory(path))
    if status == "A" and (entry.submitted is None or authored < entry.submitted):
        entry.submitted = authored
    if landing is None:
        return  # a branch commit: it declares a submission time, it confirms nothing
    if status == "A" and entry.confirmed is None:
        entry.confirmed = landing
    elif status in "MT" and entry.confirmed is not None:
        if landing != entry.confirmed and landing not in entry.corrections:
            entry.corrections.append(landing)
    elif status == "D":
        history.files[path] = FileHistory(path)  # a later re-add starts afresh


def _policies(root: Path, history: History) -> list[tuple[datetime, Policy]]:
    """Every version of the policy file that landed (and parses), with its landing time.

    A version that does not parse, or a landing whose time is in doubt, is left out: the
    version before it stays in force."""
    path = registry_path("policy")
    record = history.of(path)
    if record is None or record.confirmed is None:
        return []
    versions = []
    for landing in [record.confirmed, *record.corrections]:
        text = None if landing.doubt else git.show(root, landing.commit, path)
        parsed = parse_text(text, path) if text is not None else None
        if parsed is not None and parsed.ok and isinstance(parsed.data, dict):
            try:
                versions.append((landing.at, Policy.from_data(parsed.data)))
            except (TypeError, ValueError):
                continue  # a key this version of the code does not know
    return versions
