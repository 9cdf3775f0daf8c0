"""Reporting discipline, progress against targets and dynamic adjustment (通知 四、四(五)).

Pure analysis: the corpus, the git history and a date in; records and
DataFrames out. Each concern has its module: `calendar` (due dates, expected
reports), `statuses` (status per report, rates), `progress` (targets),
`adjustment` (warnings, cancellation proposals). This one runs them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd

from site_builder.analyse.adjustment import Recommendation, recommendations
from site_builder.analyse.progress import TargetProgress, target_progress
from site_builder.analyse.statuses import ReportStatus, report_statuses, statuses_frame
from site_builder.load.records import Corpus
from site_builder.review.history import History


@dataclass
class Supervision:
    as_of: date
    history: History
    statuses: list[ReportStatus]
    frame: pd.DataFrame
    progress: list[TargetProgress]
    recommendations: list[Recommendation]

    @cached_property
    def _statuses_by_project(self) -> dict[str, list[ReportStatus]]:
        grouped: dict[str, list[ReportStatus]] = {}
        for s in self.statuses:
            grouped.setdefault(s.project, []).append(s)
        return grouped

    def statuses_of(self, project: str) -> list[ReportStatus]:
        """The project's expected reports, in the order of `statuses`."""
        return self._statuses_by_project.get(project, [])

    def recommendation_of(self, project: str) -> Recommendation:
        return next(r for r in self.recommendations if r.project == project)


def supervise(corpus: Corpus, history: History, annual: pd.DataFrame, as_of: date) -> Supervision:
    statuses = report_statuses(corpus, history, as_of)
    progress = target_progress(corpus, annual)
    return Supervision(
        as_of=as_of,
        history=history,
        statuses=statuses,
        frame=statuses_frame(statuses, corpus),
        progress=progress,
        recommendations=recommendations(corpus, statuses, progress, as_of),
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def to_json(supervision: Supervision) -> dict:
    """The machine-readable answer of `sctrack compliance --format json`."""
    return {
        "as_of": supervision.as_of.isoformat(),
        "history": "git" if supervision.history.available else "unavailable",
        "reports": [
            {
                "project": s.project,
                "period": str(s.period),
                "due": s.due.isoformat(),
                "submitted": _iso(s.submitted),
                "confirmed": _iso(s.confirmed),
                "status": s.status,
                "pr": s.pr,
                "submitter_delay_days": s.submitter_delay,
                "review_days": s.review_days,
                "corrections": s.corrections,
            }
            for s in supervision.statuses
        ],
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
