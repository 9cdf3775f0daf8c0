"""Enterprise aggregates as released: each year's, frozen when its reporting window closed.

The public site publishes a year's enterprise aggregates (totals by tier,
quartiles of change) once that year's reporting window has closed
(`disclosure.window_close`: the later of the Q4 report's and the annual
summary's due dates, plus the grace days, at the end of the day, Beijing time),
computed from the submissions exactly as they stood on the default branch at
that moment: the contributor set and the values of the commit standing at the
close (`review.frozen` reads and validates it; this module receives it). A late
report or a correction merged after the close does not change the released
figure, so every later build publishes the same numbers and no two builds can
be subtracted to isolate the firm that changed in between. Before the close
nothing is published for the year. Without a trustworthy history there is no
way to know what stood at the close, so nothing is published at all.

The thresholds applied are the stricter of the policy at the close and the
current one: a later policy can hide a released cell, never reveal one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from site_builder.analyse import disclosure
from site_builder.analyse.analysis import (
    CHANGE_COLUMNS,
    TOTALS_COLUMNS,
    ReleasedMemo,
    enterprise_aggregates,
)
from site_builder.analyse.calendar import zone
from site_builder.load.periods import day_label
from site_builder.load.records import Corpus, Policy
from site_builder.review.frozen import standing_at
from site_builder.review.history import History, end_of_day

PENDING = "报送期结束后公布"


@dataclass(frozen=True)
class Release:
    year: int
    closes: datetime  # the end of the reporting window
    commit: str = ""  # the commit standing at the close; "" while the window is open
    note: str = ""  # in Chinese: pending, or why nothing could be released


@dataclass
class Released:
    """What the public site may show of enterprise figures, and why."""

    change: pd.DataFrame
    totals: pd.DataFrame
    releases: list[Release] = field(default_factory=list)
    notice: str = ""  # one Chinese paragraph for the pages


def _empty() -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.DataFrame(columns=CHANGE_COLUMNS), pd.DataFrame(columns=TOTALS_COLUMNS)


def _year_of(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return frame[frame["year"] == year]


YearAggregates = tuple[pd.DataFrame, pd.DataFrame]  # (change, totals) of one released year


def release_year(
    corpus: Corpus, release: Release, policy: Policy, memo: ReleasedMemo
) -> YearAggregates:
    """`release`'s aggregates from its frozen `corpus`, taken from `memo` when computed before:
    they depend only on the release commit's files, the year and the thresholds."""
    thresholds = disclosure.strictest(policy, corpus.registry.policy)
    key = (
        release.commit,
        release.year,
        thresholds.min_contributors,
        thresholds.max_share_pct,
        thresholds.min_contributors_quantiles,
    )
    if key not in memo:
        change, totals = enterprise_aggregates(corpus, thresholds)
        memo[key] = _year_of(change, release.year), _year_of(totals, release.year)
    return memo[key]


def _years(corpus: Corpus) -> list[int]:
    """The years enterprise projects have reports for (the working tree's: a year with
    nothing now cannot have had anything at its close that is still registered)."""
    kinds = {pid: p.kind for pid, p in corpus.projects.items()}
    return sorted({r.period.year for r in corpus.reports if kinds.get(r.project) == "enterprise"})


def _notice(releases: list[Release]) -> str:
    published = [str(r.year) for r in releases if r.commit]
    pending = [r for r in releases if not r.commit]
    parts = []
    if published:
        parts.append(
            f"企业汇总数据（{'、'.join(published)}年）按各年报送期结束时已确认的报告计算，"
            "此后的补报和更正不再改变已公布的数字。"
        )
    for release in pending:
        parts.append(f"{release.year}年：{release.note}。")
    return "".join(parts)


def plan_releases(corpus: Corpus, history: History, as_of: date) -> list[Release]:
    """Each enterprise year's release as of the end of `as_of`: the commit standing at its
    close, or a note saying why nothing is released (yet). Empty without a trustworthy history."""
    if not history.available:
        return []
    policy = corpus.registry.policy
    day_end = end_of_day(as_of, zone(policy))
    releases: list[Release] = []
    for year in _years(corpus):
        closes = disclosure.window_close(year, policy)
        if closes > day_end:
            note = f"{PENDING}（{day_label((closes - timedelta(days=1)).date())}截止）"
            releases.append(Release(year, closes, note=note))
            continue
        standing = standing_at(history, closes)
        if standing is None:
            releases.append(Release(year, closes, note="报送期结束时尚无已确认的报告，不公布"))
            continue
        releases.append(Release(year, closes, standing.commit))
    return releases


def released_aggregates(
    corpus: Corpus,
    history: History,
    as_of: date,
    frozen_corpora: Mapping[int, Corpus],
    memo: ReleasedMemo | None = None,
) -> Released:
    """The enterprise aggregates the public site may publish, as of the end of `as_of`, from
    `frozen_corpora`: each released year's corpus as it stood at its close (`review.frozen`).
    A released year whose corpus was not read is not published. `memo` holds years computed
    before (a build session's): a closed year is computed once."""
    memo = {} if memo is None else memo
    policy = corpus.registry.policy
    computed = {
        release.year: release_year(frozen_corpora[release.year], release, policy, memo)
        for release in plan_releases(corpus, history, as_of)
        if release.commit and release.year in frozen_corpora
    }
    return assemble_released(corpus, history, as_of, computed)


def assemble_released(
    corpus: Corpus, history: History, as_of: date, computed: Mapping[int, YearAggregates]
) -> Released:
    """What the public site may publish, from each released year's aggregates (`release_year`,
    by year; a released year missing from `computed` was not read, and is not published)."""
    if not history.available:
        change, totals = _empty()
        reason = history.reason or "没有可信的 git 历史"
        notice = (
            f"{reason}。企业汇总数据只按报送期结束时已确认的报告公布，"
            "无法确认当时的报告时不公布，以免前后两次发布相减推算出单家企业的数据。"
        )
        return Released(change, totals, notice=notice)
    releases: list[Release] = []
    changes, totals = [], []
    for release in plan_releases(corpus, history, as_of):
        if release.commit and release.year not in computed:
            release = Release(release.year, release.closes, note="未读取报送期结束时的数据，不公布")
        releases.append(release)
        if release.commit:
            change, total = computed[release.year]
            changes.append(change)
            totals.append(total)
    change_frame, totals_frame = _empty()
    return Released(
        pd.concat(changes, ignore_index=True) if changes else change_frame,
        pd.concat(totals, ignore_index=True) if totals else totals_frame,
        releases,
        _notice(releases),
    )
