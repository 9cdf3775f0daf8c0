"""The status of every expected report, and the reporting and timeliness rates.

- Status per expected report: on_time, late, missing, not_due, or unknown when
  the report is there but its confirmation date cannot be read (no git).
- Rates as DHIS2 defines them: reporting rate = confirmed / expected,
  timeliness rate = on time / expected, over reports already due.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from site_builder.analyse.calendar import due_date, expected_periods
from site_builder.load.periods import Period
from site_builder.load.records import Corpus
from site_builder.review.history import History

STATUS_LABELS = {
    "on_time": "按时",
    "late": "逾期",
    "missing": "缺报",
    "not_due": "未到期",
    "unknown": "确认时间未知",
}
RATE_COLUMNS = ["expected", "confirmed", "on_time", "reporting_rate", "timeliness_rate"]


@dataclass
class ReportStatus:
    project: str
    period: Period
    due: date
    submitted: date | None
    confirmed: date | None
    status: str
    pr: int | None
    path: str | None  # the file, when it exists
    corrections: list[dict] = field(default_factory=list)

    @property
    def submitter_delay(self) -> int | None:
        """Days from the due date to submission (negative: early)."""
        return (self.submitted - self.due).days if self.submitted else None

    @property
    def review_days(self) -> int | None:
        """Days the review took, from submission to confirmation."""
        if self.submitted and self.confirmed:
            return (self.confirmed - self.submitted).days
        return None


def _status(confirmed: date | None, present: bool, dated: bool, deadline: date, as_of: date) -> str:
    """`dated`: confirmation dates can be read (git history); `deadline`: due date plus grace."""
    if confirmed is not None:
        return "on_time" if confirmed <= deadline else "late"
    if present and not dated:
        return "unknown"
    return "missing" if as_of > deadline else "not_due"


def report_statuses(corpus: Corpus, history: History, as_of: date) -> list[ReportStatus]:
    policy = corpus.registry.policy
    grace = timedelta(days=policy.grace_days)
    present = {(r.project, r.period): r for r in corpus.reports}
    rows = []
    for project in corpus.projects.values():
        cancellation = corpus.registry.cancellation(project.id)
        for period in expected_periods(
            project, policy, as_of, cancellation.date if cancellation else None
        ):
            due = due_date(period, policy)
            report = present.get((project.id, period))
            record = history.of(report.path) if (report and history.available) else None
            confirmed = record.confirmed.date.date() if record and record.confirmed else None
            if confirmed and confirmed > as_of:
                confirmed = None  # confirmed after the date asked about
            submitted = record.submitted.date() if record and record.submitted else None
            corrections = [
                {"date": c.date.date().isoformat(), "pr": c.pr, "commit": c.commit[:10]}
                for c in (record.corrections if record else [])
                if c.date.date() <= as_of
            ]
            rows.append(
                ReportStatus(
                    project=project.id,
                    period=period,
                    due=due,
                    submitted=submitted,
                    confirmed=confirmed,
                    status=_status(
                        confirmed, report is not None, history.available, due + grace, as_of
                    ),
                    pr=record.confirmed.pr if record and record.confirmed and confirmed else None,
                    path=report.path if report else None,
                    corrections=corrections,
                )
            )
    rows.sort(key=lambda r: (r.project, r.period))
    return rows


def statuses_frame(statuses: list[ReportStatus], corpus: Corpus) -> pd.DataFrame:
    columns = ["project", "city", "period", "annual", "year", "slot", "due", "status"]
    records = [
        {
            "project": s.project,
            "city": corpus.projects[s.project].city,
            "period": str(s.period),
            "annual": s.period.is_annual,
            "year": s.period.year,
            "slot": s.period.slot,
            "due": s.due,
            "status": s.status,
        }
        for s in statuses
    ]
    return pd.DataFrame(records, columns=columns)


def rates(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Reporting and timeliness rates (DHIS2) over reports already due, in percent."""
    due = frame[frame["status"] != "not_due"]
    if due.empty:
        return pd.DataFrame(columns=[*by, *RATE_COLUMNS])
    grouped = due.groupby(by).agg(
        expected=("status", "size"),
        confirmed=("status", lambda s: int(s.isin(["on_time", "late"]).sum())),
        on_time=("status", lambda s: int((s == "on_time").sum())),
        unknown=("status", lambda s: int((s == "unknown").sum())),
    )
    grouped = grouped.reset_index()
    known = grouped["expected"] - grouped["unknown"]
    grouped["reporting_rate"] = (grouped["confirmed"] / known * 100).where(known > 0)
    grouped["timeliness_rate"] = (grouped["on_time"] / known * 100).where(known > 0)
    return grouped


def rate_text(value: float | None) -> str:
    """A rate from `rates` as shown in tables and reports: one decimal, or — when none was due."""
    return "—" if value is None or pd.isna(value) else f"{value:.1f}%"
