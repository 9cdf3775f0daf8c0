"""催报: the reports each city (and SASAC, for provincial SOEs) must urge, before and after
each deadline (issue 19).

Pure: the supervision statuses in, reminder groups out. An expected report that is not
confirmed is `due_soon` while its deadline is ahead and at most `max(days_before)` days
away (status not_due), and `overdue` once the deadline has passed (status missing). A
confirmed report (on_time, late) needs no reminder. Only open reports are urged
(`calendar.open_periods`, the rule the form and the desk follow too): nothing for a
project from its cancellation on, overdue reports included, and nothing once the
programme has closed (`closed_on` then names the programme's end). When the git history
cannot be trusted nobody can tell what is confirmed: no group at all, and the reason instead.

Days are calendar days in the policy's time zone, counted to the last day a confirmation
is on time (the due date plus the grace days): 0 on that day, 1 overdue the day after.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from site_builder.analyse.calendar import (
    due_date,
    last_on_time_day,
    open_periods,
    programme_closes,
)
from site_builder.analyse.statuses import ReportStatus
from site_builder.load.periods import Period
from site_builder.load.records import Corpus, Policy, Project

if TYPE_CHECKING:
    from site_builder.analyse.analysis import Analysis

SASAC = "sasac"
SASAC_NAME = "省国资委"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
CONFIRMED = ("on_time", "late")


@dataclass(frozen=True)
class Reminder:
    """One report to urge."""

    project: str
    project_name: str
    period: Period
    due: date
    state: str  # due_soon | overdue
    days_left: int | None  # due_soon: days to the last on-time day (0: that day)
    days_overdue: int | None  # overdue: days since it (1: the day after)
    submitters: tuple[str, ...]
    remind_today: bool


@dataclass
class ReminderGroup:
    """One owner's reports of one period: the list one notice (or one issue) carries."""

    owner: str  # a city id, or `sasac`
    owner_name: str
    team: str
    period: Period
    due: date
    all_confirmed: bool
    items: list[Reminder] = field(default_factory=list)


@dataclass
class Reminders:
    as_of: date
    timezone: str
    trusted: bool
    reason: str  # why nothing is listed when the history is untrusted; "" otherwise
    groups: list[ReminderGroup]
    closed_on: date | None = None  # the programme's end, once its last report is past due


def remind_today(item: Reminder, policy: Policy, days_before: list[int] | None = None) -> bool:
    """Whether the item's day is a reminder day: `days_left` one of the days before (the
    policy's unless given), or the day after the deadline and every `chase_every_days` after."""
    if item.state == DUE_SOON:
        return item.days_left in (days_before or policy.remind_days_before)
    overdue = item.days_overdue or 0
    return overdue >= 1 and (overdue - 1) % policy.chase_every_days == 0


def owners_of(project: Project) -> list[str]:
    """Who urges the project: its city, and SASAC too for a provincial SOE (通知 四)."""
    return [project.city, SASAC] if project.provincial_soe else [project.city]


def _item(
    status: ReportStatus, project: Project, policy: Policy, as_of: date, days_before: list[int]
) -> Reminder | None:
    days = (last_on_time_day(status.period, policy) - as_of).days
    if status.status == "not_due" and 0 <= days <= max(days_before):
        state, left, overdue = DUE_SOON, days, None
    elif status.status == "missing":
        state, left, overdue = OVERDUE, None, -days
    else:
        return None
    item = Reminder(
        project=project.id,
        project_name=project.name,
        period=status.period,
        due=status.due,
        state=state,
        days_left=left,
        days_overdue=overdue,
        submitters=tuple(project.submitters),
        remind_today=False,
    )
    return replace(item, remind_today=remind_today(item, policy, days_before))


def _owner(corpus: Corpus, owner: str) -> tuple[str, str]:
    registry = corpus.registry
    if owner == SASAC:
        return SASAC_NAME, registry.sasac_team
    city = registry.cities.get(owner)
    return registry.city_name(owner), city.reviewer_team if city else ""


def reminders(analysis: Analysis, days_before: list[int] | None = None) -> Reminders:
    """Every owner's reminder groups as of the analysis's day, sorted by owner, period and
    project; `days_before` overrides the policy's `remind_days_before`."""
    corpus, supervision = analysis.corpus, analysis.supervision
    policy = corpus.registry.policy
    history = supervision.history
    as_of = supervision.as_of
    result = Reminders(as_of, policy.timezone, history.available, "", [])
    closes = programme_closes(policy)
    if closes is not None and as_of > closes:
        result.closed_on = policy.programme_end
        return result
    if not history.available:
        result.reason = history.reason
        return result
    result.groups = _groups(
        corpus, supervision.statuses, as_of, list(days_before or policy.remind_days_before)
    )
    return result


def _groups(
    corpus: Corpus, statuses: list[ReportStatus], as_of: date, days_before: list[int]
) -> list[ReminderGroup]:
    policy = corpus.registry.policy
    # A period's group stays listed with all_confirmed for this many days after its last
    # on-time day, so that a scheduled sync sees it and closes the period's notice.
    keep_closed = max(policy.chase_every_days, max(days_before)) * 4
    items: dict[tuple[str, Period], list[Reminder]] = {}
    confirmed: dict[tuple[str, Period], bool] = {}
    opened: dict[str, set[Period]] = {}
    for status in statuses:
        if status.status not in ("not_due", "missing", *CONFIRMED):
            continue  # not an expected report of a period that has ended
        project = corpus.projects[status.project]
        if project.id not in opened:
            spells = corpus.registry.cancelled_spells(project.id, as_of)
            opened[project.id] = set(open_periods(project, policy, as_of, spells))
        if status.period not in opened[project.id]:
            continue  # cancelled since, or the programme has closed: nobody urges it
        item = _item(status, project, policy, as_of, days_before)
        for owner in owners_of(project):
            key = (owner, status.period)
            confirmed[key] = confirmed.get(key, True) and status.status in CONFIRMED
            if item is not None:
                items.setdefault(key, []).append(item)
    groups = []
    for key in sorted(confirmed):
        owner, period = key
        days = (as_of - last_on_time_day(period, policy)).days
        if key in items:
            listed = sorted(items[key], key=lambda r: r.project)
        elif confirmed[key] and -max(days_before) <= days <= keep_closed:
            listed = []
        else:
            continue
        name, team = _owner(corpus, owner)
        groups.append(
            ReminderGroup(owner, name, team, period, due_date(period, policy), not listed, listed)
        )
    return groups


def to_json(result: Reminders) -> dict[str, Any]:
    """The JSON contract the issue sync reads (keep it exactly)."""
    return {
        "as_of": result.as_of.isoformat(),
        "timezone": result.timezone,
        "trusted": result.trusted,
        "reason": result.reason,
        "groups": [
            {
                "owner": g.owner,
                "owner_name": g.owner_name,
                "team": g.team,
                "period": str(g.period),
                "due": g.due.isoformat(),
                "all_confirmed": g.all_confirmed,
                "items": [
                    {
                        "project": i.project,
                        "project_name": i.project_name,
                        "period": str(i.period),
                        "due": i.due.isoformat(),
                        "state": i.state,
                        "days_left": i.days_left,
                        "days_overdue": i.days_overdue,
                        "remind_today": i.remind_today,
                        "submitters": list(i.submitters),
                    }
                    for i in g.items
                ],
            }
            for g in result.groups
        ],
    }
