"""The status of every expected report, and the reporting and timeliness rates.

- Status per report: on_time or late (by the confirmation instant, the merge the
  forge stamped, against 24:00 of the due date plus grace in the policy's time
  zone), missing, not_due; unknown when the history cannot be trusted (present
  or not: then nobody can tell the period's state); before_registration for a
  report on a period before the project was taken into the programme, and
  outside_programme for one on a period the project did not owe (cancelled,
  after the programme's end). The last two are listed, never judged.
- The declared submission time (the author date, set on the submitter's machine)
  never decides a status: it measures the city's review time, confirmation minus
  declared submission, flagged when negative or longer than `review_max_days`.
- Rates as DHIS2 defines them, over the reports already due whose state is
  known: reporting rate = confirmed / known, timeliness rate = on time / known;
  `expected` and `known` are shown beside them as their denominators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from site_builder.analyse import calendar
from site_builder.load.periods import Period
from site_builder.load.records import Corpus, Policy, Project
from site_builder.review.history import FileHistory, History, Landing

STATUS_LABELS = {
    "on_time": "按时",
    "late": "逾期",
    "missing": "缺报",
    "not_due": "未到期",
    "unknown": "确认时间未知",
    "before_registration": "纳入跟进前的报告",
    "outside_programme": "不在跟进期内的报告",
}
# Statuses that are no expected report of a due period: out of every count and rate.
UNCOUNTED = ("not_due", "before_registration", "outside_programme")
RATE_COLUMNS = [
    "expected",
    "known",
    "confirmed",
    "on_time",
    "unknown",
    "reporting_rate",
    "timeliness_rate",
]
NO_REVIEW_RECORD = "无审核记录"


@dataclass
class ReportStatus:
    project: str
    period: Period
    due: date
    submitted_at: datetime | None  # declared by the submitter (author date), policy time zone
    confirmed_at: datetime | None  # when it reached the default branch, policy time zone
    status: str
    pr: int | None
    path: str | None  # the file, when it exists
    reviewed: bool | None = None  # False: reached main without a merge record (无审核记录)
    review_implausible: bool = False  # negative, or longer than the policy's bound
    corrections: list[dict[str, Any]] = field(default_factory=list)
    unknown_reason: str = ""  # why the confirmation time of this report is not believed

    @property
    def submitted(self) -> date | None:
        return self.submitted_at.date() if self.submitted_at else None

    @property
    def confirmed(self) -> date | None:
        return self.confirmed_at.date() if self.confirmed_at else None

    @property
    def submitter_delay(self) -> int | None:
        """Days from the due date to the declared submission (negative: early)."""
        return (self.submitted - self.due).days if self.submitted else None

    @property
    def review(self) -> timedelta | None:
        """The city's review time: confirmation minus declared submission."""
        if self.submitted_at and self.confirmed_at:
            return self.confirmed_at - self.submitted_at
        return None

    @property
    def review_days(self) -> float | None:
        review = self.review
        return None if review is None else round(review.total_seconds() / 86400, 2)


def _judged(confirmed: datetime | None, deadline: datetime, cutoff: datetime) -> str:
    if confirmed is not None:
        return "on_time" if confirmed <= deadline else "late"
    return "missing" if cutoff > deadline else "not_due"


def _landed(landing: Landing | None, cutoff: datetime) -> Landing | None:
    """A landing as seen at the cutoff: one after it has not happened yet. One whose time is in
    doubt is in the history read, at a time nobody knows."""
    if landing is None:
        return None
    return landing if landing.doubt or landing.at <= cutoff else None


def _periods(
    corpus: Corpus, project: Project, history: History, as_of: date, cutoff: datetime
) -> tuple[set[Period], Period | None]:
    """The periods the project owes, and the first quarter it is in the programme from
    (None: not registered as of the cutoff)."""
    policy = corpus.registry.policy
    spells = corpus.registry.cancelled_spells(project.id, as_of)
    registered: date | None = None
    if history.available:
        record = history.of(project.path)
        landing = _landed(record.confirmed if record else None, cutoff)
        if landing is None:
            return set(), None  # its project.yaml has not landed: not in the programme yet
        # A registration whose time is in doubt is not known: the project's start counts.
        registered = None if landing.doubt else landing.at.date()
    owed = calendar.expected_periods(
        project, policy, as_of, spells, registered, history.policies if history.available else []
    )
    return set(owed), calendar.first_period(project, policy, registered)


def _row(
    policy: Policy,
    history: History,
    project: Project,
    period: Period,
    path: str | None,
    status: str | None,
    cutoff: datetime,
) -> ReportStatus:
    """One report's row; `status` given for one listed but not judged. The period is judged by
    the rules in force on its due date (`calendar.in_force`), not by today's."""
    policy = calendar.in_force(period, policy, history.policies)
    record = history.of(path) if path and history.available else None
    landing = _landed(record.confirmed if record else None, cutoff)
    doubt = landing.doubt if landing else ""
    if status is None:
        status = _status(period, policy, history.available, landing, cutoff)
    row = ReportStatus(
        project=project.id,
        period=period,
        due=calendar.due_date(period, policy),
        submitted_at=record.submitted if record and landing else None,
        confirmed_at=landing.at if landing and not doubt else None,
        status=status,
        pr=landing.pr if landing else None,
        path=path,
        reviewed=landing.reviewed if landing else None,
        corrections=_corrections(record, cutoff),
        unknown_reason=doubt if status == "unknown" else "",
    )
    review = row.review
    if review is not None:
        row.review_implausible = review < timedelta(0) or review > timedelta(
            days=policy.review_max_days
        )
    return row


def _status(
    period: Period, policy: Policy, known: bool, landing: Landing | None, cutoff: datetime
) -> str:
    """A report's status at the cutoff; "unknown" past its deadline when there is no history
    to read (`known` false) or its landing's time is in doubt."""
    deadline = calendar.deadline(period, policy)
    if not known:
        return "unknown" if cutoff > deadline else "not_due"
    if landing is not None and landing.doubt:
        return "unknown"
    return _judged(landing.at if landing else None, deadline, cutoff)


def _corrections(record: FileHistory | None, cutoff: datetime) -> list[dict[str, Any]]:
    """The corrections of a report landed by the cutoff, as the status table lists them."""
    return [
        {"date": c.at.date().isoformat(), "pr": c.pr, "commit": c.commit[:10]}
        for c in (record.corrections if record else [])
        if c.at <= cutoff
    ]


def report_statuses(
    corpus: Corpus, history: History, as_of: date, cutoff: datetime | None = None
) -> list[ReportStatus]:
    """Every owed report and every report present, as of a day; `cutoff` is the last instant
    seen (default: the end of the day in the policy's time zone)."""
    policy = corpus.registry.policy
    cutoff = cutoff or calendar.cutoff(as_of, policy)
    present = {(r.project, r.period): r.path for r in corpus.reports}
    periods_of: dict[str, list[Period]] = {}  # grouped once, not searched for each project
    for pid, period in present:
        periods_of.setdefault(pid, []).append(period)
    rows = []
    for project in corpus.projects.values():
        owed, first = _periods(corpus, project, history, as_of, cutoff)
        filed = {
            period
            for period in periods_of.get(project.id, [])
            if period.end < as_of  # ended before the day asked about
        }
        for period in sorted(owed | filed):
            status = None
            if period not in owed:
                before = first is None or period < first
                if not history.available:
                    status = "unknown" if before else "outside_programme"
                else:
                    status = "before_registration" if before else "outside_programme"
            path = present.get((project.id, period))
            rows.append(_row(policy, history, project, period, path, status, cutoff))
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
    """Reporting and timeliness rates (DHIS2) over the due reports whose state is known, in
    percent, with their denominators: `expected` (due) and `known` (due and not unknown)."""
    due = frame[~frame["status"].isin(UNCOUNTED)]
    if due.empty:
        return pd.DataFrame(columns=[*by, *RATE_COLUMNS])
    # Counted as sums of flags computed once for the whole frame (a function per group ran
    # in Python for every group, and the summary reports ask for these by period 250 times).
    flags = due.assign(
        confirmed=due["status"].isin(["on_time", "late"]).astype("int64"),
        on_time=(due["status"] == "on_time").astype("int64"),
        unknown=(due["status"] == "unknown").astype("int64"),
    )
    grouped = flags.groupby(by).agg(
        expected=("status", "size"),
        confirmed=("confirmed", "sum"),
        on_time=("on_time", "sum"),
        unknown=("unknown", "sum"),
    )
    grouped = grouped.reset_index()
    grouped["known"] = grouped["expected"] - grouped["unknown"]
    known = grouped["known"]
    grouped["reporting_rate"] = (grouped["confirmed"] / known * 100).where(known > 0)
    grouped["timeliness_rate"] = (grouped["on_time"] / known * 100).where(known > 0)
    return grouped[[*by, *RATE_COLUMNS]]
