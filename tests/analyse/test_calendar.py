"""The reporting calendar at quarter and year boundaries, and the progress measure."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder.analyse.calendar import due_date, expected_periods
from site_builder.analyse.progress import classify_progress
from site_builder.load.periods import Period, parse_period
from site_builder.load.records import Policy, Project, Target


@pytest.mark.parametrize(
    "period, due",
    [
        ("2021-Q1", date(2021, 4, 15)),
        ("2021-Q2", date(2021, 7, 15)),
        ("2021-Q3", date(2021, 10, 15)),
        ("2021-Q4", date(2022, 1, 15)),  # Q4 too, in the next year
        ("2021", date(2022, 1, 31)),
    ],
)
def test_default_due_dates(period, due):
    assert due_date(parse_period(period), Policy()) == due


def test_policy_changes_the_calendar():
    policy = Policy(quarterly_due_day=20, annual_due_month=2, annual_due_day=28)
    assert due_date(parse_period("2021-Q4"), policy) == date(2022, 1, 20)
    assert due_date(parse_period("2021"), policy) == date(2022, 2, 28)


def _project(start: date) -> Project:
    return Project(
        "p",
        "n",
        "u",
        "region",
        "provincial",
        "taiyuan",
        start,
        "logistics",
        "s",
        None,
        False,
        [],
        [],
        [],
        "x",
    )


def test_expected_periods_from_start_to_today():
    periods = expected_periods(_project(date(2020, 7, 1)), Policy(), date(2021, 4, 1), None)
    assert [str(p) for p in periods] == ["2020-Q3", "2020-Q4", "2020", "2021-Q1"]


def test_a_period_ending_today_is_not_yet_expected():
    periods = expected_periods(_project(date(2021, 1, 1)), Policy(), date(2021, 3, 31), None)
    assert periods == []
    periods = expected_periods(_project(date(2021, 1, 1)), Policy(), date(2021, 4, 1), None)
    assert [str(p) for p in periods] == ["2021-Q1"]


def test_cancellation_and_programme_end_stop_expectations():
    policy = Policy(programme_end=date(2021, 12, 31))
    periods = expected_periods(_project(date(2021, 1, 1)), policy, date(2023, 1, 1), None)
    assert str(periods[-1]) == "2021"
    cancelled = [(date(2021, 8, 20), None)]
    periods = expected_periods(_project(date(2021, 1, 1)), policy, date(2023, 1, 1), cancelled)
    assert [str(p) for p in periods] == ["2021-Q1", "2021-Q2"]


def test_reports_due_while_cancelled_are_not_expected_and_after_restore_they_are():
    # Cancelled 2021-05-01, restored 2021-09-01: Q1 (due 04-15) before, Q2 (due 07-15) while
    # cancelled, Q3 (due 10-15) after the restore.
    spells = [(date(2021, 5, 1), date(2021, 9, 1))]
    periods = expected_periods(_project(date(2021, 1, 1)), Policy(), date(2021, 10, 1), spells)
    assert [str(p) for p in periods] == ["2021-Q1", "2021-Q3"]


def test_expectations_start_with_the_quarter_of_registration():
    # Registered in January 2021, started 2020-04-16: nothing of 2020 is owed.
    periods = expected_periods(
        _project(date(2020, 4, 16)), Policy(), date(2021, 7, 1), [], registered=date(2021, 1, 8)
    )
    assert [str(p) for p in periods] == ["2021-Q1", "2021-Q2"]


def test_period_arithmetic_across_years():
    assert parse_period("2021-Q1").previous() == Period(2020, 4)
    assert parse_period("2020-Q4").next() == Period(2021, 1)
    assert parse_period("2021").previous() == Period.annual(2020)
    assert parse_period("2021-Q4").end == date(2021, 12, 31)
    assert parse_period("2021-Q1").end == date(2021, 3, 31)


def _target(baseline: float, target: float) -> Target:
    return Target("T1", 2022, "x", baseline, 2019, target)


@pytest.mark.parametrize(
    "baseline, target, latest, better, category",
    [
        # Higher is better: needed growth 100 -> 133.1 in 3 years is 10% a year.
        (100, 133.1, 121, "higher", "on_track"),  # 10% a year for 2 years
        (100, 133.1, 115, "higher", "needs_acceleration"),  # ~7.2% a year: 72% of needed
        (100, 133.1, 104, "higher", "limited_progress"),
        (100, 133.1, 95, "higher", "deterioration"),
        (100, 133.1, 140, "higher", "achieved"),
        # Lower is better (cash conversion cycle, financing cost, bad-debt ratio).
        (200, 145.8, 162, "lower", "on_track"),  # -10% a year, as needed
        (200, 145.8, 190, "lower", "limited_progress"),
        (200, 145.8, 210, "lower", "deterioration"),
        (200, 145.8, 140, "lower", "achieved"),
        # Values that can be negative use linear yearly changes.
        (-6, -15, -12, "lower", "on_track"),
        (-6, -15, -3, "lower", "deterioration"),
    ],
)
def test_progress_measure(baseline, target, latest, better, category):
    _, _, _, found = classify_progress(_target(baseline, target), latest, 2021, better, Policy())
    assert found == category


def test_progress_needs_a_later_year_than_the_baseline():
    assert (
        classify_progress(_target(100, 130), 110, 2019, "higher", Policy())[3] == "not_measurable"
    )
    assert (
        classify_progress(_target(100, 130), None, None, "higher", Policy())[3] == "not_measurable"
    )


def test_progress_thresholds_come_from_the_policy():
    # 115 after 2 of 3 years is ~72% of the growth needed: needs acceleration by default.
    strict = Policy(progress_on_track_ratio=0.99, progress_acceleration_ratio=0.8)
    lenient = Policy(progress_on_track_ratio=0.7, progress_acceleration_ratio=0.5)
    assert classify_progress(_target(100, 133.1), 115, 2021, "higher", strict)[3] == (
        "limited_progress"
    )
    assert classify_progress(_target(100, 133.1), 115, 2021, "higher", lenient)[3] == "on_track"
