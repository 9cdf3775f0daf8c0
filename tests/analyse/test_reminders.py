"""Reminder days (issue 19): before the deadline on the policy's days, after it the day
after and then every chase_every_days days."""

from __future__ import annotations

from datetime import date

from site_builder.analyse.reminders import DUE_SOON, OVERDUE, Reminder, remind_today
from site_builder.load.periods import parse_period
from site_builder.load.records import Policy


def _item(state: str, left: int | None = None, overdue: int | None = None) -> Reminder:
    period = parse_period("2021-Q3")
    return Reminder("p", "项目", period, date(2021, 10, 15), state, left, overdue, (), False)


def test_due_soon_on_the_policy_days_only():
    policy = Policy()
    assert [d for d in range(10) if remind_today(_item(DUE_SOON, left=d), policy)] == [1, 3, 7]
    assert remind_today(_item(DUE_SOON, left=0), policy, days_before=[0, 2])


def test_overdue_the_day_after_then_every_chase_days():
    policy = Policy(chase_every_days=5)
    chased = [d for d in range(1, 20) if remind_today(_item(OVERDUE, overdue=d), policy)]
    assert chased == [1, 6, 11, 16]


def test_the_policy_options_have_their_defaults_and_can_be_set():
    assert (Policy().remind_days_before, Policy().chase_every_days) == ([7, 3, 1], 7)
    policy = Policy.from_data({"calendar": {"remind_days_before": [5], "chase_every_days": 3}})
    assert (policy.remind_days_before, policy.chase_every_days) == ([5], 3)
