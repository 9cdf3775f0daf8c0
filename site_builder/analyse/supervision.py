"""Reporting discipline, progress against targets and dynamic adjustment (通知 四、四(五)).

Pure analysis: the corpus, the git history and a date in; records and
DataFrames out. Each concern has its module: `calendar` (due dates, expected
reports), `statuses` (status per report, rates), `progress` (targets),
`adjustment` (warnings, cancellation proposals). This one runs them together,
and measures each city's review time (confirmation minus declared submission).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

import pandas as pd

from site_builder.analyse import calendar
from site_builder.analyse.adjustment import Recommendation, recommendations
from site_builder.analyse.progress import TargetProgress, target_progress
from site_builder.analyse.statuses import (
    NO_REVIEW_RECORD,
    ReportStatus,
    rates,
    report_statuses,
    statuses_frame,
)
from site_builder.load.periods import parse_period
from site_builder.load.records import Corpus, by_project
from site_builder.review.history import History

REVIEW_COLUMNS = ["city", "period", "measured", "median_days", "longest_days", "implausible"]


@dataclass
class Supervision:
    as_of: date
    history: History
    statuses: list[ReportStatus]
    frame: pd.DataFrame
    progress: list[TargetProgress]
    recommendations: list[Recommendation]
    # The last instant seen: the end of `as_of` in the policy's time zone (None in a view
    # that holds no instants).
    cutoff: datetime | None = None
    # REVIEW_COLUMNS, per city and period; empty in a view that holds no review times.
    review_times: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REVIEW_COLUMNS))
    # The history as git read it, when `history` is that history judged to record no review
    # (`unusable`): where the default branch stood at a moment is still known from it.
    landed: History | None = None

    @cached_property
    def _statuses_by_project(self) -> dict[str, list[ReportStatus]]:
        return by_project(self.statuses)

    def statuses_of(self, project: str) -> list[ReportStatus]:
        """The project's expected reports, in the order of `statuses`."""
        return self._statuses_by_project.get(project, [])

    def recommendation_of(self, project: str) -> Recommendation:
        return next(r for r in self.recommendations if r.project == project)


def review_times(statuses: list[ReportStatus], corpus: Corpus) -> pd.DataFrame:
    """Per city and period: the median and longest review time in days (confirmation minus
    declared submission) over the plausible ones, and how many were implausible."""
    records = [
        {
            "city": corpus.projects[s.project].city,
            "period": str(s.period),
            "days": s.review_days,
            "implausible": s.review_implausible,
        }
        for s in statuses
        if s.review_days is not None
    ]
    if not records:
        return pd.DataFrame(columns=REVIEW_COLUMNS)
    frame = pd.DataFrame(records)
    plausible = frame[~frame["implausible"]].groupby(["city", "period"])["days"]
    table = frame.groupby(["city", "period"]).agg(implausible=("implausible", "sum"))
    table["measured"] = plausible.size()
    table["median_days"] = plausible.median().round(1)
    table["longest_days"] = plausible.max().round(1)
    table["measured"] = table["measured"].fillna(0).astype(int)
    table["implausible"] = table["implausible"].astype(int)
    table = table.reset_index()[REVIEW_COLUMNS].sort_values(
        "period", key=lambda p: p.map(parse_period)
    )
    return corpus.registry.city_order(table).reset_index(drop=True)


def unusable(statuses: list[ReportStatus], history: History, cutoff: datetime) -> str:
    """Why a history git could read still records no review of these reports ("" if it does).

    Every report present before its project's registration means the history was rewritten
    (a force-push, data imported in one commit); no report confirmed by a merge or a commit
    naming its pull request (nor any other landing by the cutoff) means nobody's review is on
    record. Either way the history says
    nothing about when reports were confirmed: said once, not on every report.
    """
    present = [s for s in statuses if s.path is not None]
    if present and all(s.status == "before_registration" for s in present):
        return (
            "git 历史中每份报告都早于其项目的登记（历史可能被强制推送或一次性导入改写），"
            "无法读取确认时间"
        )
    confirmed = [s for s in present if s.reviewed is not None]
    reviewed = any(
        landing.reviewed for landing in history.landings if landing.doubt or landing.at <= cutoff
    )
    if confirmed and not reviewed:
        return (
            "git 历史中没有任何审核记录（没有合并提交，也没有注明拉取请求编号的提交），"
            "无法读取确认时间"
        )
    return ""


def supervise(
    corpus: Corpus,
    history: History,
    annual: pd.DataFrame,
    as_of: date,
    now: datetime | None = None,
) -> Supervision:
    cutoff = calendar.cutoff(as_of, corpus.registry.policy, now)
    statuses = report_statuses(corpus, history, as_of, cutoff)
    read = history
    reason = unusable(statuses, history, cutoff) if history.available else ""
    if reason:
        history = History(False, reason=reason, head=history.head)
        statuses = report_statuses(corpus, history, as_of, cutoff)
    progress = target_progress(corpus, annual)
    return Supervision(
        as_of=as_of,
        cutoff=cutoff,
        history=history,
        statuses=statuses,
        frame=statuses_frame(statuses, corpus),
        progress=progress,
        recommendations=recommendations(
            corpus, statuses, progress, as_of, judged=history.available
        ),
        review_times=review_times(statuses, corpus),
        landed=read if read is not history else None,
    )


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as JSON objects, NaN as null."""
    return [
        {k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def to_json(supervision: Supervision) -> dict[str, Any]:
    """The machine-readable answer of `sctrack compliance --format json`."""
    return {
        "as_of": supervision.as_of.isoformat(),
        "cutoff": _iso(supervision.cutoff),
        "history": "git" if supervision.history.available else "unavailable",
        "history_reason": supervision.history.reason or None,
        "history_commit": supervision.history.head or None,
        "reports": [
            {
                "project": s.project,
                "period": str(s.period),
                "due": s.due.isoformat(),
                "submitted": _iso(s.submitted),
                "confirmed": _iso(s.confirmed),
                "declared_submission_at": _iso(s.submitted_at),
                "confirmed_at": _iso(s.confirmed_at),
                "status": s.status,
                "unknown_reason": s.unknown_reason or None,
                "pr": s.pr,
                "review_record": s.reviewed,  # None: not confirmed
                "review_note": NO_REVIEW_RECORD if s.reviewed is False else None,
                "submitter_delay_days": s.submitter_delay,
                "review_days": s.review_days,
                "review_implausible": s.review_implausible,
                "corrections": s.corrections,
            }
            for s in supervision.statuses
        ],
        "rates": {
            "by_period": _records(rates(supervision.frame, ["period"])),
            "by_city_and_period": _records(rates(supervision.frame, ["city", "period"])),
        },
        "review_times": _records(supervision.review_times),
        "projects": [
            {"project": r.project, "recommendation": r.recommendation, "reasons": r.reasons}
            for r in supervision.recommendations
        ],
        "targets": [
            {
                "project": p.project,
                "target": p.target,
                "indicator": p.indicator,
                "baseline": p.baseline,
                "target_value": p.target_value,
                "latest": p.latest,
                "latest_year": p.latest_year,
                "ratio": None if p.ratio is None else round(p.ratio, 3),
                "category": p.category,
            }
            for p in supervision.progress
        ],
    }
