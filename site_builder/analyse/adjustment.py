"""Dynamic adjustment (通知 四(五)): which projects to warn, or to propose for cancellation.

A project the province cancelled (and has not restored) stays cancelled. When
the history cannot be trusted nothing is proposed: a status that is unknown is
no ground for a warning. Otherwise a project that missed
`cancel_consecutive_missing` reports in a row, or has a risk or violation on
record, is proposed for cancellation. Otherwise it is warned when, among its
last `warning_window` due reports, `warning_missing_or_late` were missing or
late, or when more than `warning_lagging_share` of its measured targets show
limited progress or deterioration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from site_builder.analyse.progress import PROGRESS_LABELS, TargetProgress
from site_builder.analyse.statuses import STATUS_LABELS, UNCOUNTED, ReportStatus
from site_builder.load.periods import day_label
from site_builder.load.records import Corpus, Decision, Policy, Project, by_project
from site_builder.spec import catalogue

RECOMMENDATION_LABELS = {
    "none": "正常",
    "warning": "建议预警",
    "propose_cancel": "建议取消资格",
    "cancelled": "已取消资格",
}
LAGGING = ("limited_progress", "deterioration")


@dataclass
class Recommendation:
    project: str
    recommendation: str  # none | warning | propose_cancel | cancelled
    reasons: list[str]


def _cancellation_grounds(
    corpus: Corpus, project: Project, due: list[ReportStatus], as_of: date
) -> list[str]:
    """Why the project should lose its status: a run of missing reports, a risk on record."""
    policy = corpus.registry.policy
    grounds = []
    run = 0
    for s in due:
        run = run + 1 if s.status == "missing" else 0
    if run >= policy.cancel_consecutive_missing:
        missing = "、".join(s.period.label for s in due[-run:])
        grounds.append(
            f"连续{run}期未报送（{missing}），"
            f"达到建议取消资格的标准（连续{policy.cancel_consecutive_missing}期）。"
        )
    for flag in corpus.registry.flags:
        if flag.project == project.id and flag.date <= as_of:
            grounds.append(
                f"省级于{day_label(flag.date)}记录了{catalogue.label('flag_type', flag.type)}：{flag.note}"
            )
    return grounds


def _warning_grounds(
    policy: Policy, due: list[ReportStatus], progress: list[TargetProgress]
) -> list[str]:
    """Why the project should be warned: late or missing reports, lagging targets."""
    grounds = []
    window = due[-policy.warning_window :]
    bad = [s for s in window if s.status in ("missing", "late")]
    if len(bad) >= policy.warning_missing_or_late:
        described = "、".join(f"{s.period.label}{STATUS_LABELS[s.status]}" for s in bad)
        grounds.append(f"最近{len(window)}期应报报告中有{len(bad)}期缺报或逾期（{described}）。")
    measured = [p for p in progress if p.category != "not_measurable"]
    lagging = [p for p in measured if p.category in LAGGING]
    if measured and len(lagging) / len(measured) > policy.warning_lagging_share:
        names = "、".join(
            f"{catalogue.indicators()[p.indicator].name}（{PROGRESS_LABELS[p.category]}）"
            for p in lagging
        )
        grounds.append(f"{len(measured)}项量化目标中有{len(lagging)}项进展有限或倒退：{names}。")
    return grounds


def _cancelled(corpus: Corpus, project_id: str, as_of: date) -> Decision | None:
    """The cancellation in force on the day: the last one, when no restore followed it."""
    spells = corpus.registry.cancelled_spells(project_id, as_of)
    if not spells or spells[-1][1] is not None:
        return None
    started = spells[-1][0]
    return next(
        d
        for d in corpus.registry.decisions
        if d.project == project_id and d.decision == "cancel" and d.date == started
    )


def recommendations(
    corpus: Corpus,
    statuses: list[ReportStatus],
    progress: list[TargetProgress],
    as_of: date,
    judged: bool = True,
) -> list[Recommendation]:
    """`judged` False (the history cannot be trusted): no warning and no proposal."""
    statuses_of = by_project(statuses)
    results = []
    for project in corpus.projects.values():
        cancellation = _cancelled(corpus, project.id, as_of)
        if cancellation:
            reason = (
                f"省商务厅已于{day_label(cancellation.date)}取消其重点培育资格"
                f"（{cancellation.document_no}）：{cancellation.reason}"
            )
            results.append(Recommendation(project.id, "cancelled", [reason]))
            continue
        if not judged:
            results.append(Recommendation(project.id, "none", []))
            continue
        due = sorted(
            (s for s in statuses_of.get(project.id, []) if s.status not in UNCOUNTED),
            key=lambda s: (s.due, s.period),
        )
        grounds = _cancellation_grounds(corpus, project, due, as_of)
        if grounds:
            results.append(Recommendation(project.id, "propose_cancel", grounds))
            continue
        own = [p for p in progress if p.project == project.id]
        reasons = _warning_grounds(corpus.registry.policy, due, own)
        results.append(Recommendation(project.id, "warning" if reasons else "none", reasons))
    return results
