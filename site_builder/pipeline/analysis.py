"""The pipeline's first stages: load → validate → history → analyse, beside it the released years.

`review` reads (the tree as of a day, the history, each released year's files at its
close); `analyse` receives what was read, with the day and the clock, and reads nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from site_builder.analyse.analysis import Analysis, analyse
from site_builder.analyse.releases import (
    Release,
    Released,
    YearAggregates,
    assemble_released,
    plan_releases,
    release_year,
)
from site_builder.errors import DataError
from site_builder.load import periods
from site_builder.load.records import Corpus
from site_builder.load.tree import SubmissionsTree
from site_builder.pipeline import forked
from site_builder.pipeline.session import BuildSession
from site_builder.pipeline.timing import Steps
from site_builder.review import asof as past
from site_builder.review.gitreads import EarlyReads
from site_builder.review.history import History, read_history, start_reads
from site_builder.validate.run import Result, validate


class StepTimer(Protocol):
    """What the pipeline's analysis needs of `pipeline.timing.Steps`."""

    def step(self, name: str) -> AbstractContextManager[None]: ...

    def say(self, line: str) -> None: ...

    def elapsed(self) -> float: ...


class _Untimed:
    def step(self, name: str) -> AbstractContextManager[None]:
        return nullcontext()

    def say(self, line: str) -> None:
        return None

    def elapsed(self) -> float:
        return 0.0


@dataclass(frozen=True)
class Source:
    """Where the data is read from: today's files at HEAD, or a past day's commit (its files
    held in memory)."""

    tree: Path | SubmissionsTree
    rev: str
    day: date


def load(root: Path, as_of: datetime | None) -> Source:
    """Without `as_of`: today's files (`periods.today`), with the history at HEAD. With it: the
    tree and history of the last first-parent commit on or before the end of that day."""
    if as_of is None:
        return Source(root, "HEAD", periods.today(root))
    day = as_of.date()
    snapshot = past.snapshot(root, day, past.policy_timezone(root))
    return Source(snapshot.tree, snapshot.commit, day)


def validated(source: Source, session: BuildSession, error: type[DataError] = DataError) -> Result:
    """The validated tree; `error` (a DataError) carrying the findings when it has errors."""
    result = validate(source.tree, today=source.day, memo=session.validated, digests=session.files)
    if not result.ok:
        where = "未生成站点" if error is not DataError else "请先改正"
        raise error(f"数据有 {len(result.errors)} 个错误，{where}。", result.findings, result.files)
    return result


def history(
    root: Path,
    source: Source,
    corpus: Corpus,
    now: datetime,
    session: BuildSession,
    early: EarlyReads | None = None,
) -> History:
    """The confirmation history at the source's commit, in the policy's time zone (git's
    answers at that commit kept in the session; `early`: asked while the files were checked)."""
    timezone = corpus.registry.policy.timezone
    return read_history(
        root, rev=source.rev, timezone=timezone, now=now, memo=session.histories, early=early
    )


def released_years(
    root: Path, corpus: Corpus, read: History, day: date, session: BuildSession
) -> Released:
    """The enterprise aggregates as released at each closed year's close, from its files then."""
    return _start_release(root, corpus, read, day, session, None)()


def _release_year(
    root: Path, corpus: Corpus, session: BuildSession, release: Release
) -> YearAggregates:
    """One closed year's aggregates from its files at its close (read from git, validated)."""
    frozen = session.year_corpus_at(root, release.commit, release.year)
    return release_year(frozen, release, corpus.registry.policy, session.released)


def _start_release(
    root: Path,
    corpus: Corpus,
    read: History,
    day: date,
    session: BuildSession,
    steps: StepTimer | None,
) -> Callable[[], Released]:
    """`released_years`, kept in the session by what it depends on: the releases planned
    (each closed year's commit at its close) and the policy; the history's word when it
    cannot be trusted. The closed years are read from git, checked and aggregated by a
    forked process from now, beside the analysis, and by this process too once its
    analysis is done, newest (largest) year first (`forked.shared`): on one core they
    took seconds while the other idled. (`sctrack serve`, whose threads rule out a fork,
    computes them here.)"""
    plan = plan_releases(corpus, read, day)
    key = repr((str(root), plan, corpus.registry.policy, read.available, read.reason))
    if key in session.releases:
        return lambda: session.releases[key]
    closed = sorted((r for r in plan if r.commit), key=lambda r: r.year, reverse=True)
    timer = steps if isinstance(steps, Steps) else None
    work = partial(_release_year, root, corpus, session)
    computing = forked.shared(closed, work, timer, "读取已发布年份") if closed else dict

    def released() -> Released:
        computed = computing()
        years = {closed[index].year: aggregates for index, aggregates in computed.items()}
        result = assemble_released(corpus, read, day, years)
        session.releases = {key: result}  # the newest only: a save changes no closed year
        return result

    return released


def load_analysis(
    root: Path,
    as_of: datetime | None = None,
    session: BuildSession | None = None,
    steps: StepTimer | None = None,
    error: type[DataError] = DataError,
    releases: bool = False,
) -> Analysis:
    """Validated data, git history and the analysis; `error` when data is bad. With `releases`
    (a public view will be made: `view.uses_releases`), each closed year's files at its close too.

    When the history cannot be trusted every report status is unknown
    (`analysis.supervision.history.reason` says why).
    """
    session = session or BuildSession()
    timer = steps or _Untimed()
    with timer.step("读取和校验"):
        source = load(root, as_of)
        early = start_reads(root, rev=source.rev, memo=session.histories)
        try:
            result = validated(source, session, error)
        except BaseException:
            if early is not None:
                early.close()
            raise
    timer.say(f"读取并校验 {result.files} 个文件（已用 {timer.elapsed():.1f} 秒）")
    corpus = result.corpus
    now = periods.now(ZoneInfo(corpus.registry.policy.timezone))
    with timer.step("读取历史"):
        read = history(root, source, corpus, now, session, early)
        release = (
            _start_release(root, corpus, read, source.day, session, steps) if releases else None
        )
    with timer.step("分析"):
        try:
            analysis = analyse(corpus, read, source.day, now)
        except BaseException:
            if release is not None:
                with suppress(Exception):
                    release()  # the process computing it is waited for: none is left behind
            raise
    if release is None:
        return analysis
    with timer.step("已发布年份"):
        return replace(analysis, release=release())
