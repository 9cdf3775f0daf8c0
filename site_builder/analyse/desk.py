"""A city reviewer's desk: what the city's projects owe this period, what is late or missing,
which confirmed reports were corrected, and how long the city took to review (issue 17).

Pure: it reads the statuses `statuses.report_statuses` judged and the review times
`supervision.review_times` measured, and regroups them for one city; nothing is recomputed.
A view whose supervision holds no per-project statuses (the public one) gives an empty desk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from site_builder.analyse.calendar import last_on_time_day, open_periods
from site_builder.analyse.statuses import ReportStatus
from site_builder.analyse.supervision import REVIEW_COLUMNS, Supervision
from site_builder.load.periods import Period
from site_builder.load.records import Corpus

LATE_OR_MISSING = ("late", "missing")
# Of the current period, listed only while the report is open (`calendar.open_periods`).
STILL_OWED = ("not_due", "missing")
# Reports listed but never owed: not on a desk.
NOT_OWED = ("before_registration", "outside_programme")
# The states a reviewer reads on the desk, by the report's status; `not_due` of a period that
# has ended is a report still to come (待报送), with the days left to the last on-time day.
DESK_LABELS = {
    "not_due": "待报送",
    "on_time": "已确认",
    "late": "逾期确认",
    "missing": "缺报",
    "unknown": "确认时间未知",
}


@dataclass(frozen=True)
class DeskItem:
    """One expected report of the current period, as the desk lists it."""

    status: ReportStatus
    label: str
    days_left: int | None  # 待报送: days to the last on-time day (0: that day)


@dataclass
class CityDesk:
    city: str
    as_of: date
    periods: list[Period]  # the current period (a year's last quarter comes with its summary)
    current: list[DeskItem] = field(default_factory=list)
    late_or_missing: list[ReportStatus] = field(default_factory=list)  # every period, newest first
    corrected: list[ReportStatus] = field(default_factory=list)  # confirmed, then changed
    review_times: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REVIEW_COLUMNS))

    @property
    def empty(self) -> bool:
        return not (self.current or self.late_or_missing or self.corrected)


def _current_periods(statuses: list[ReportStatus]) -> list[Period]:
    """The latest period that has ended (with the year's summary when it is a year's end)."""
    if not statuses:
        return []
    latest = max(s.period.end for s in statuses)
    return sorted({s.period for s in statuses if s.period.end == latest})


def city_desk(corpus: Corpus, supervision: Supervision, city: str) -> CityDesk:
    """The desk of `city` as of the supervision's day."""
    policy = corpus.registry.policy
    as_of = supervision.as_of
    owed = [
        s
        for s in supervision.statuses
        if corpus.projects[s.project].city == city and s.status not in NOT_OWED
    ]
    periods = _current_periods(owed)
    current = []
    opened: dict[str, set[Period]] = {}
    for s in owed:
        if s.period not in periods:
            continue
        if s.project not in opened:
            spells = corpus.registry.cancelled_spells(s.project, as_of)
            project = corpus.projects[s.project]
            opened[s.project] = set(open_periods(project, policy, as_of, spells))
        if s.status in STILL_OWED and s.period not in opened[s.project]:
            continue  # cancelled since, or the programme has closed: nothing is owed now
        days = (last_on_time_day(s.period, policy) - as_of).days if s.status == "not_due" else None
        current.append(DeskItem(s, DESK_LABELS.get(s.status, s.status), days))
    current.sort(key=lambda item: (item.status.period, item.status.project))
    times = supervision.review_times
    return CityDesk(
        city=city,
        as_of=as_of,
        periods=periods,
        current=current,
        late_or_missing=sorted(
            (s for s in owed if s.status in LATE_OR_MISSING),
            key=lambda s: (s.period, s.project),
            reverse=True,
        ),
        corrected=sorted(
            (s for s in owed if s.corrections and s.confirmed),
            key=lambda s: (s.period, s.project),
            reverse=True,
        ),
        review_times=times[times["city"] == city].reset_index(drop=True),
    )
