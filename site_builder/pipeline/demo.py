"""`sctrack demo`: replay the bundled submissions as dated, reviewed pull-request merges.

This repository's own history is development history: read as confirmations
it would make every demo report look late. The demo therefore builds a
scratch repository whose history tells the story through the real mechanism:
each report arrives on a branch dated when its unit submitted it and is merged
(or squash-merged) when the city bureau confirmed it. Dates are derived from
a hash of the file path, so every run gives the same history, with:

- most reports on time; three confirmed late (two from the project that then
  stopped reporting, one that earns a warning);
- a correction merged after confirmation (a financing cost re-stated);
- the province's decisions and risk flags committed on their dates.

Missing reports need no trick: the bundled data simply lacks them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypedDict

import yaml

from site_builder.analyse.calendar import due_date
from site_builder.errors import SctrackError
from site_builder.load.periods import DEMO_MARKER, Period
from site_builder.load.records import Policy
from site_builder.load.tree import SourceFile, SubmissionsTree, registry_path
from site_builder.review import git
from site_builder.validate.run import validate

MARKER = DEMO_MARKER
PROGRESS_EVERY = 50  # merges between two progress lines
MAINTAINER = ("sx-province-demo", "省商务厅（示例）")
# Reports confirmed after their due date: path suffix -> (days submitted after due, days confirmed after due).
LATE = {
    "linfen-region/2020-Q3.yaml": (3, 5),
    "linfen-region/2020-Q4.yaml": (1, 3),
    "datong-factoring/2021-Q3.yaml": (2, 6),
}


# A correction: first merged with the figure as submitted, re-stated by a later pull request.
class _Correction(TypedDict):
    path: str
    as_submitted: tuple[str, str]
    corrected_on: date
    title: str


CORRECTION: _Correction = {
    "path": "taiyuan-bank-scf/2020-annual.yaml",
    "as_submitted": ("5.51", "5.46"),
    "corrected_on": date(2021, 2, 23),
    "title": "更正 2020 年度平均融资成本（示例）",
}


class DemoError(SctrackError):
    """The scratch repository could not be written."""


@dataclass(order=True)
class Event:
    confirmed: datetime
    submitted: datetime = field(compare=False)
    files: dict[str, bytes] = field(compare=False)  # repository path -> content
    title: str = field(compare=False)
    author: str = field(compare=False)
    squash: bool = field(compare=False, default=False)


def _fraction(key: str) -> float:
    """A stable number in [0, 1) from a text, so the history is the same on every run."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) / 0x100000000


def _at(day: date, key: str) -> datetime:
    """A working-hours time on that day, also stable for the key."""
    minutes = 9 * 60 + int(_fraction("time" + key) * 8 * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60)).astimezone()


class _Git:
    """git in the scratch repository, with the dates and names of a pull request's people."""

    def __init__(self, root: Path):
        self.root = root

    def __call__(
        self,
        *args: str,
        author_date: datetime | None = None,
        commit_date: datetime | None = None,
        author: str = MAINTAINER[0],
        committer: str = MAINTAINER[0],
    ) -> str:
        env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": f"{author}@users.noreply.github.com",
            "GIT_COMMITTER_NAME": committer,
            "GIT_COMMITTER_EMAIL": f"{committer}@users.noreply.github.com",
        }
        if author_date is not None:
            env["GIT_AUTHOR_DATE"] = author_date.isoformat()
        if commit_date is not None:
            env["GIT_COMMITTER_DATE"] = commit_date.isoformat()
        try:
            return git.run(self.root, *args, env=env)
        except git.GitError as err:
            raise DemoError(f"git {' '.join(args)} 失败：{err}") from None


def _report_event(source: SourceFile, period: Period, policy: Policy, submitter: str) -> Event:
    relative = source.display
    due = due_date(period, policy)
    key = relative
    late = next((v for k, v in LATE.items() if relative.endswith(k)), None)
    if late:
        submitted_day = due + timedelta(days=late[0])
        confirmed_day = due + timedelta(days=late[1])
    else:
        submitted_day = due - timedelta(days=2 + int(_fraction("submit" + key) * 9))
        confirmed_day = min(
            submitted_day + timedelta(days=1 + int(_fraction("review" + key) * 4)), due
        )
    content = source.path.read_bytes()
    if relative.endswith(CORRECTION["path"]):
        old, new = CORRECTION["as_submitted"]
        content = content.decode("utf-8").replace(old, new).encode("utf-8")
    submitted = _at(submitted_day, "s" + key)
    confirmed = max(_at(confirmed_day, "c" + key), submitted + timedelta(hours=1))
    return Event(
        confirmed, submitted, {relative: content}, f"{source.project} {period.report_name}",
        submitter,
        squash=_fraction("style" + key) < 0.4,
    )  # fmt: skip


def _adjustment_events(source_root: Path) -> list[Event]:
    """The province's decisions and flags, each added to adjustments.yaml on its date."""
    path = SubmissionsTree(source_root).registry_file("adjustments")
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    header = "".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if line.startswith("#")
    )
    entries = [("decisions", d) for d in data.get("decisions", [])] + [
        ("flags", f) for f in data.get("flags", [])
    ]
    entries.sort(key=lambda e: str(e[1]["date"]))
    events = []
    so_far: dict[str, list[dict[str, Any]]] = {"decisions": [], "flags": []}
    for group, entry in entries:
        so_far[group].append({k: str(v) if k == "date" else v for k, v in entry.items()})
        text = header + yaml.safe_dump(so_far, allow_unicode=True, sort_keys=False)
        day = date.fromisoformat(str(entry["date"]))
        title = f"动态调整：{entry['project']} {'决定' if group == 'decisions' else '风险记录'}"
        when = _at(day, "adj" + title)
        events.append(
            Event(
                when,
                when,
                {registry_path("adjustments"): text.encode("utf-8")},
                title,
                MAINTAINER[0],
                squash=True,
            )
        )
    return events


def _policy(source_root: Path) -> Policy:
    """The demo's policy (its file passed validation in `plan`)."""
    path = SubmissionsTree(source_root).registry_file("policy")
    return Policy.from_data(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def plan(source_root: Path) -> list[Event]:
    """Every pull request of the demo history, in the order they were merged."""
    result = validate(source_root)
    if not result.ok:
        raise DemoError(
            f"示例数据有 {len(result.errors)} 个错误，无法回放。请先运行 sctrack validate。"
        )
    corpus = result.corpus
    policy = corpus.registry.policy
    sources, _ = SubmissionsTree(source_root).discover()
    events: list[Event] = []
    start = policy.programme_start or date(2020, 1, 1)
    registry_files = {
        s.display: s.path.read_bytes() for s in sources if s.schema in ("cities", "policy")
    }
    opening = _at(start, "registry")
    events.append(
        Event(
            opening,
            opening,
            registry_files,
            "登记城市、审核团队和报送规则",
            MAINTAINER[0],
            squash=True,
        )
    )
    for source in sources:
        if source.project is None:
            continue  # the registry's files, committed at the opening above
        if source.schema == "project":
            project = corpus.projects[source.project]
            when = max(
                _at(project.start_date, "p" + source.display), opening + timedelta(minutes=10)
            )
            events.append(
                Event(
                    when,
                    when,
                    {source.display: source.path.read_bytes()},
                    f"登记项目：{project.name}",
                    MAINTAINER[0],
                    squash=True,
                )
            )
        elif source.period is not None:
            project = corpus.projects[source.project]
            submitter = project.submitters[0] if project.submitters else MAINTAINER[0]
            events.append(_report_event(source, source.period, policy, submitter))
            if source.display.endswith(CORRECTION["path"]):
                when = _at(CORRECTION["corrected_on"], "correction")
                events.append(
                    Event(
                        when,
                        when - timedelta(days=1),
                        {source.display: source.path.read_bytes()},
                        CORRECTION["title"],
                        submitter,
                    )
                )
    events.extend(_adjustment_events(source_root))
    events.sort()
    return events


def demo_day(events: list[Event], policy: Policy) -> date:
    """The day the demo is as of: the last day of its last reporting window (the due date of
    the programme's last year's summary, plus grace), so that reports are still falling due
    and the form, the desk and 催报 show a live situation; never before the last merge."""
    last = max(e.confirmed for e in events).date()
    if policy.programme_end is None:
        return last
    window = due_date(Period.annual(policy.programme_end.year), policy)
    return max(window + timedelta(days=policy.grace_days), last)


def replay(
    source_root: Path, target: Path, progress: Callable[[str], None] = lambda line: None
) -> int:
    """Write the demo repository at `target`; return the number of pull requests merged.

    `progress` hears a line every `PROGRESS_EVERY` merges: the replay runs a thousand git
    commands, long enough for a silent terminal to look stuck.
    """
    source_root, target = source_root.absolute(), target.absolute()
    if target.exists():
        if not (target / MARKER).exists():
            raise DemoError(f"{target} 已存在且不是示例仓库，为避免误删，请换一个目录。")
        shutil.rmtree(target)
    events = plan(source_root)
    target.mkdir(parents=True)
    git = _Git(target)
    git("init", "-q", "-b", "main")
    # The site's own files: configuration, guides and the marker saying this folder may be replaced.
    shutil.copy(source_root / "mkdocs.yml", target / "mkdocs.yml")
    if (source_root / "docs").is_dir():
        shutil.copytree(source_root / "docs", target / "docs")
    day = demo_day(events, _policy(source_root))
    (target / MARKER).write_text(
        "# sctrack demo 生成的示例仓库，可随时删除并重新生成。\n"
        "# 在此仓库中运行的命令都以下面这一天为“今天”（示例最后一个报送期内的一天）。\n"
        f"today: {day.isoformat()}\n",
        encoding="utf-8",
    )
    (target / ".gitignore").write_text("/build/\n/site*/\n", encoding="utf-8")
    first = events[0].confirmed - timedelta(days=1)
    git("add", "-A")
    git(
        "commit",
        "-q",
        "-m",
        "建立供应链重点项目在线跟进仓库（示例）",
        author_date=first,
        commit_date=first,
    )
    for number, event in enumerate(events, start=2):
        branch = f"pr-{number}"
        git("checkout", "-q", "-b", branch)
        for relative, content in event.files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        git("add", "-A")
        submitted = {"author_date": event.submitted, "commit_date": event.submitted}
        git(
            "commit",
            "-q",
            "-m",
            event.title,
            author=event.author,
            committer=event.author,
            **submitted,
        )
        git("checkout", "-q", "main")
        if event.squash:
            # A squash merge: one commit on main, authored by the submitter, committed at confirmation.
            git("merge", "-q", "--squash", branch)
            git(
                "commit", "-q", "-m", f"{event.title} (#{number})", author=event.author,
                author_date=event.submitted, commit_date=event.confirmed,
            )  # fmt: skip
        else:
            message = f"Merge pull request #{number} from {event.author}/{branch}\n\n{event.title}"
            git(
                "merge",
                "-q",
                "--no-ff",
                "-m",
                message,
                branch,
                author_date=event.confirmed,
                commit_date=event.confirmed,
            )
        git("branch", "-q", "-D", branch)
        if (number - 1) % PROGRESS_EVERY == 0 and number - 1 < len(events):
            progress(f"已回放 {number - 1}/{len(events)} 次审核合并")
    return len(events)
