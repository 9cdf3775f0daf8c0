"""The reporting calendar: when each report is due, and which reports a project owes.

- Every quarter's report (Q4 included) is due on `quarterly_due_day` of the
  month after the quarter; each year's summary by `annual_due_month`/
  `annual_due_day` of the next year; `grace_days` more still count as on time
  (see `statuses`).
- Expected reports run from the project's start to today, the end of the
  cultivation period or the province's cancellation, whichever comes first.
"""

from __future__ import annotations

from datetime import date, timedelta

from site_builder.load.periods import Period
from site_builder.load.records import Policy, Project


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
