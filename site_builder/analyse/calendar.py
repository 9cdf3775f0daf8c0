"""The reporting calendar: when each report is due, and which reports a project owes.

Every instant is read in the policy's time zone (`calendar.timezone`, Beijing
time by default), whatever offset git recorded:

- Every quarter's report (Q4 included) is due on `quarterly_due_day` of the
  month after the quarter; each year's summary by `annual_due_month`/
  `annual_due_day` of the next year. A report confirmed by the end (24:00) of
  the due date plus `grace_days` is on time (see `statuses`).
- A project owes reports only while it is in the programme: from the quarter
  in which the later of its `start_date` and its registration (the landing of
  its `project.yaml`) falls, up to the day asked about and the programme's end;
  never for a period due while the province had cancelled it (between a
  `cancel` decision and a `restore`), nor after a cancellation never restored.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from site_builder.load.periods import Period
from site_builder.load.records import Policy, Project
from site_builder.review.history import end_of_day

Spell = tuple[date, "date | None"]  # [cancelled on, restored on); None: never restored


# How a reader in China names the usual zone; any other zone is shown by its IANA name.
ZONE_NAMES = {"Asia/Shanghai": "北京时间"}


def zone(policy: Policy) -> ZoneInfo:
    return ZoneInfo(policy.timezone)


def zone_name(policy: Policy) -> str:
    """The policy's time zone as a page says it: 北京时间, or e.g. "Asia/Urumqi 时间"."""
    return ZONE_NAMES.get(policy.timezone, f"{policy.timezone} 时间")


def due_date(period: Period, policy: Policy) -> date:
    if period.is_annual:
        return date(period.year + 1, policy.annual_due_month, policy.annual_due_day)
    month_after = period.end + timedelta(days=1)
    return date(month_after.year, month_after.month, policy.quarterly_due_day)


def in_force(period: Period, current: Policy, versions: list[tuple[datetime, Policy]]) -> Policy:
    """The rules that judge a period: those in force on its due date.

    `versions` are the policy file's versions as they landed on main (oldest first, read by
    `review.history`); `current` is the policy of the tree being analysed, in force from the
    last landing on. A version rules a period when it landed by the end of the period's due
    date under that version; a rule changed later never reaches back. A period due before
    any version landed is judged by the first one."""
    if not versions:
        return current
    chosen = versions[0][1]
    for landed, policy in [*versions[1:], (None, current)]:
        if landed is not None and landed > end_of_day(due_date(period, policy), zone(policy)):
            break
        chosen = policy
    return chosen


def last_on_time_day(period: Period, policy: Policy) -> date:
    """The last calendar day a confirmation of the period is on time: due date plus grace."""
    return due_date(period, policy) + timedelta(days=policy.grace_days)


def deadline(period: Period, policy: Policy) -> datetime:
    """The last instant a confirmation is on time: 24:00 of the due date plus the grace days."""
    return end_of_day(last_on_time_day(period, policy), zone(policy))


def cutoff(as_of: date, policy: Policy, now: datetime | None = None) -> datetime:
    """The instant a view as of a day sees up to: the end of that day, and never past `now`
    (the pipeline's clock, `load.periods.now`; None: the end of the day)."""
    end = end_of_day(as_of, zone(policy))
    return end if now is None else min(end, now)


def _while_cancelled(day: date, spells: list[Spell]) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in spells)


def first_period(project: Project, policy: Policy, registered: date | None) -> Period:
    """The first quarter the project owes: the one holding the later of its start, the
    programme's start and its registration (None: the registration is not known)."""
    starts = [project.start_date, policy.programme_start or project.start_date]
    if registered is not None:
        starts.append(registered)
    return Period.quarter_of(max(starts))


def expected_periods(
    project: Project,
    policy: Policy,
    as_of: date,
    spells: list[Spell] | None = None,
    registered: date | None = None,
    versions: list[tuple[datetime, Policy]] | None = None,
) -> list[Period]:
    """Quarters and years the project must report on as of a day (ended before it). Whether a
    period fell due while the project stood cancelled is judged by its due date under the
    rules in force then (`in_force` over the policy's `versions`), never today's."""
    end = as_of - timedelta(days=1)
    if policy.programme_end:
        end = min(end, policy.programme_end)
    periods = []
    quarter = first_period(project, policy, registered)
    while quarter.end <= end:
        periods.append(quarter)
        if quarter.quarter == 4:
            periods.append(Period.annual(quarter.year))
        quarter = quarter.next()
    return [
        p
        for p in periods
        if not _while_cancelled(due_date(p, in_force(p, policy, versions or [])), spells or [])
    ]


def programme_closes(policy: Policy) -> date | None:
    """The last day the programme owes anything: the last on-time day of the reports on its
    final quarter (and that year's summary when it ends a year); None without an end."""
    if policy.programme_end is None:
        return None
    last = Period.quarter_of(policy.programme_end)
    finals = [last] + ([Period.annual(last.year)] if last.quarter == 4 else [])
    return max(last_on_time_day(p, policy) for p in finals)


def open_periods(
    project: Project,
    policy: Policy,
    as_of: date,
    spells: list[Spell] | None = None,
    registered: date | None = None,
) -> list[Period]:
    """The one rule of which reports are open (to file, to urge, on a desk) on a day: every
    report the project owes whose period has ended, the overdue ones included (补报), by the
    calendar alone, never by what is already confirmed. Nothing while the project stands
    cancelled (from the cancellation on, overdue reports included), and nothing once the
    programme has closed (`programme_closes`). `sctrack remind` urges those of them not yet
    confirmed, the desk lists them, the web form offers them all."""
    closes = programme_closes(policy)
    if _while_cancelled(as_of, spells or []) or (closes is not None and as_of > closes):
        return []
    return expected_periods(project, policy, as_of, spells, registered)
