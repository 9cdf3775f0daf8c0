"""Reporting discipline, progress against targets and dynamic adjustment (通知 四、四(五)).

Pure analysis: the corpus, the git history and a date in; records and
DataFrames out.

- Calendar: every quarter's report (Q4 included) is due on `quarterly_due_day`
  of the month after the quarter; each year's summary by `annual_due_month`/
  `annual_due_day` of the next year; `grace_days` more still count as on time.
- Expected reports run from the project's start to today, the end of the
  cultivation period or the province's cancellation, whichever comes first.
- Status per expected report: on_time, late, missing, not_due, or unknown when
  the report is there but its confirmation date cannot be read (no git).
- Rates as DHIS2 defines them: reporting rate = confirmed / expected,
  timeliness rate = on time / expected, over reports already due.
- Progress per target: the observed compound annual growth rate against the
  one needed to reach the target (the Open SDG / Statistics Canada measure).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import pandas as pd

from site_builder.spec import catalogue
from site_builder.review.history import History
from site_builder.load.records import Corpus, Policy, Project, Target
from site_builder.load.periods import Period

STATUS_LABELS = {
    "on_time": "按时",
    "late": "逾期",
    "missing": "缺报",
    "not_due": "未到期",
    "unknown": "确认时间未知",
}
PROGRESS_LABELS = {
    "on_track": "进度正常",
    "needs_acceleration": "需加快进度",
    "limited_progress": "进展有限",
    "deterioration": "出现倒退",
    "achieved": "已达到目标",
    "not_measurable": "暂无法评估",
}
RECOMMENDATION_LABELS = {
    "none": "正常",
    "warning": "建议预警",
    "propose_cancel": "建议取消资格",
    "cancelled": "已取消资格",
}


def due_date(period: Period, policy: Policy) -> date:
    if period.is_annual:
        return date(period.year + 1, policy.annual_due_month, policy.annual_due_day)
    month_after = period.end + timedelta(days=1)
    return date(month_after.year, month_after.month, policy.quarterly_due_day)


def expected_periods(
    project: Project, policy: Policy, as_of: date, cancelled_on: date | None
) -> list[Period]:
    """Quarters and years the project must report on, as of a date."""
    start = max(project.start_date, policy.programme_start or project.start_date)
    ends = [as_of - timedelta(days=1)]
    if policy.programme_end:
        ends.append(policy.programme_end)
    if cancelled_on:
        ends.append(cancelled_on)
    end = min(ends)
    periods = []
    quarter = Period.quarter_of(start)
    while quarter.end <= end:
        periods.append(quarter)
        if quarter.quarter == 4:
            periods.append(Period.annual(quarter.year))
        quarter = quarter.next()
    return periods


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
            if confirmed is not None:
                status = "on_time" if confirmed <= due + grace else "late"
            elif report is not None and not history.available:
                status = "unknown"
            elif as_of > due + grace:
                status = "missing"
            else:
                status = "not_due"
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
                    status=status,
                    pr=record.confirmed.pr if record and record.confirmed and confirmed else None,
                    path=report.path if report else None,
                    corrections=corrections,
                )
            )
    rows.sort(key=lambda r: (r.project, r.period))
    return rows


def statuses_frame(statuses: list[ReportStatus], corpus: Corpus) -> pd.DataFrame:
    records = []
    for s in statuses:
        project = corpus.projects[s.project]
        records.append(
            {
                "project": s.project,
                "city": project.city,
                "period": str(s.period),
                "annual": s.period.is_annual,
                "year": s.period.year,
                "slot": s.period.slot,
                "due": s.due,
                "status": s.status,
            }
        )
    return pd.DataFrame(
        records, columns=["project", "city", "period", "annual", "year", "slot", "due", "status"]
    )


def rates(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Reporting and timeliness rates (DHIS2) over reports already due."""
    due = frame[frame["status"] != "not_due"]
    if due.empty:
        return pd.DataFrame(
            columns=[*by, "expected", "confirmed", "on_time", "reporting_rate", "timeliness_rate"]
        )
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


# --- progress against targets ------------------------------------------------------


@dataclass
class TargetProgress:
    project: str
    target: str
    indicator: str
    baseline: float
    baseline_year: int
    target_value: float
    target_year: int
    latest: float | None
    latest_year: int | None
    observed_rate: float | None
    required_rate: float | None
    ratio: float | None
    category: str


def _annual_rate(start: float, end: float, years: float) -> float:
    """Compound annual growth rate; a linear yearly change where values are not all positive."""
    if start > 0 and end > 0:
        return (end / start) ** (1 / years) - 1
    return (end - start) / years


def classify_progress(
    target: Target, latest: float | None, latest_year: int | None, better: str
) -> tuple:
    """(observed rate, required rate, ratio, category) for one quantified target."""
    if latest is None or latest_year is None or latest_year <= target.baseline_year:
        return None, None, None, "not_measurable"
    b, t = target.baseline, target.target
    positive = b > 0 and t > 0 and latest > 0
    observed = (
        _annual_rate(b, latest, latest_year - target.baseline_year)
        if positive
        else (latest - b) / (latest_year - target.baseline_year)
    )
    required = (
        _annual_rate(b, t, target.target_year - target.baseline_year)
        if positive
        else (t - b) / (target.target_year - target.baseline_year)
    )
    reached = latest >= t if better == "higher" else latest <= t
    if reached:
        return observed, required, None, "achieved"
    if required == 0 or math.isclose(required, 0.0):
        return (
            observed,
            required,
            None,
            "deterioration"
            if (observed < 0) == (better == "higher") and observed != 0
            else "on_track",
        )
    ratio = observed / required
    if ratio >= 0.95:
        category = "on_track"
    elif ratio >= 0.6:
        category = "needs_acceleration"
    elif ratio >= 0:
        category = "limited_progress"
    else:
        category = "deterioration"
    return observed, required, ratio, category


def target_progress(corpus: Corpus, annual: pd.DataFrame) -> list[TargetProgress]:
    """Every quantified target against the project's latest full-year value."""
    results = []
    for project in corpus.projects.values():
        values = annual[annual["project"] == project.id]
        for target in project.targets:
            if not target.indicator or target.baseline is None:
                continue
            indicator = catalogue.indicators()[target.indicator]
            rows = values[values["indicator"] == target.indicator].sort_values("year")
            latest = latest_year = None
            if not rows.empty:
                latest, latest_year = float(rows.iloc[-1]["value"]), int(rows.iloc[-1]["year"])
            observed, required, ratio, category = classify_progress(
                target, latest, latest_year, indicator.better
            )
            results.append(
                TargetProgress(
                    project.id,
                    target.id,
                    target.indicator,
                    target.baseline,
                    target.baseline_year,
                    target.target,
                    target.target_year,
                    latest,
                    latest_year,
                    observed,
                    required,
                    ratio,
                    category,
                )  # fmt: skip
            )
    return results


# --- dynamic adjustment ---------------------------------------------------------------


@dataclass
class Recommendation:
    project: str
    recommendation: str  # none | warning | propose_cancel | cancelled
    reasons: list[str]


def recommendations(
    corpus: Corpus, statuses: list[ReportStatus], progress: list[TargetProgress], as_of: date
) -> list[Recommendation]:
    policy = corpus.registry.policy
    by_project: dict[str, list[ReportStatus]] = {}
    for s in statuses:
        by_project.setdefault(s.project, []).append(s)
    results = []
    for project in corpus.projects.values():
        reasons: list[str] = []
        cancellation = corpus.registry.cancellation(project.id)
        if cancellation and cancellation.date <= as_of:
            results.append(
                Recommendation(
                    project.id,
                    "cancelled",
                    [
                        f"省商务厅已于 {cancellation.date} 取消其重点培育资格（{cancellation.document_no}）：{cancellation.reason}"
                    ],
                )
            )
            continue
        due = sorted(
            (s for s in by_project.get(project.id, []) if s.status != "not_due"),
            key=lambda s: (s.due, s.period),
        )
        propose = []
        run = 0
        for s in due:
            run = run + 1 if s.status == "missing" else 0
        if run >= policy.cancel_consecutive_missing:
            missing = [str(s.period) for s in due[-run:]]
            propose.append(
                f"连续 {run} 期未报送（{'、'.join(missing)}），达到建议取消资格的标准（连续 {policy.cancel_consecutive_missing} 期）。"
            )
        for flag in corpus.registry.flags:
            if flag.project == project.id and flag.date <= as_of:
                propose.append(
                    f"省级于 {flag.date} 记录了{catalogue.label('flag_type', flag.type)}：{flag.note}"
                )
        if propose:
            results.append(Recommendation(project.id, "propose_cancel", propose))
            continue
        window = due[-policy.warning_window :]
        bad = [s for s in window if s.status in ("missing", "late")]
        if len(bad) >= policy.warning_missing_or_late:
            described = "、".join(f"{s.period}{STATUS_LABELS[s.status]}" for s in bad)
            reasons.append(
                f"最近 {len(window)} 期应报报告中有 {len(bad)} 期缺报或逾期（{described}）。"
            )
        measured = [
            p for p in progress if p.project == project.id and p.category != "not_measurable"
        ]
        lagging = [p for p in measured if p.category in ("limited_progress", "deterioration")]
        if measured and len(lagging) / len(measured) > policy.warning_lagging_share:
            names = "、".join(
                f"{catalogue.indicators()[p.indicator].name}（{PROGRESS_LABELS[p.category]}）"
                for p in lagging
            )
            reasons.append(
                f"{len(measured)} 项量化目标中有 {len(lagging)} 项进展有限或倒退：{names}。"
            )
        results.append(Recommendation(project.id, "warning" if reasons else "none", reasons))
    return results


# --- everything together -----------------------------------------------------------------


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
