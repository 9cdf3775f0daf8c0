"""A city's reviewer's desk regroups the judged statuses of that city's projects, nothing more."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from site_builder.analyse.calendar import due_date, last_on_time_day
from site_builder.analyse.desk import city_desk
from site_builder.analyse.statuses import ReportStatus
from site_builder.analyse.supervision import REVIEW_COLUMNS, Supervision
from site_builder.load.periods import parse_period
from site_builder.review.history import History
from site_builder.validate.run import validate

from conftest import FIXTURES


@pytest.fixture(scope="module")
def corpus():
    return validate(FIXTURES / "base").corpus  # reading only: the validator changes no file


def _status(corpus, project: str, period: str, status: str, **extra) -> ReportStatus:
    p = parse_period(period)
    confirmed = extra.pop("confirmed", None)
    return ReportStatus(
        project=project,
        period=p,
        due=due_date(p, corpus.registry.policy),
        submitted_at=None,
        confirmed_at=datetime.fromisoformat(confirmed) if confirmed else None,
        status=status,
        pr=extra.pop("pr", None),
        path=None,
        **extra,
    )


def _supervision(statuses: list[ReportStatus], as_of: date, times=None) -> Supervision:
    return Supervision(
        as_of=as_of,
        history=History(True),
        statuses=statuses,
        frame=pd.DataFrame(),
        progress=[],
        recommendations=[],
        review_times=times if times is not None else pd.DataFrame(columns=REVIEW_COLUMNS),
    )


def test_this_period_late_missing_and_corrections_of_one_city_only(corpus):
    statuses = [
        _status(corpus, "alpha-region", "2021-Q1", "late", confirmed="2021-05-02T10:00:00"),
        _status(corpus, "alpha-region", "2021-Q2", "missing"),
        _status(
            corpus,
            "alpha-region",
            "2021-Q3",
            "on_time",
            confirmed="2021-10-08T10:00:00",
            corrections=[{"date": "2021-11-01", "pr": 7, "commit": "abc"}],
        ),
        _status(corpus, "alpha-region", "2021-Q4", "not_due"),
        _status(corpus, "alpha-region", "2021", "not_due"),
        _status(corpus, "alpha-region", "2020-Q4", "before_registration"),
        _status(corpus, "beta-firm", "2021-Q2", "missing"),  # another city's
    ]
    as_of = date(2022, 1, 5)
    times = pd.DataFrame(
        [["taiyuan", "2021-Q3", 1, 2.0, 2.0, 0], ["datong", "2021-Q3", 1, 9.0, 9.0, 0]],
        columns=REVIEW_COLUMNS,
    )
    desk = city_desk(corpus, _supervision(statuses, as_of, times), "taiyuan")
    # The year's last quarter comes with its summary; both still to come, with days left.
    assert [str(p) for p in desk.periods] == ["2021-Q4", "2021"]
    assert [(str(i.status.period), i.label) for i in desk.current] == [
        ("2021-Q4", "待报送"),
        ("2021", "待报送"),
    ]
    policy = corpus.registry.policy
    q4 = parse_period("2021-Q4")
    assert desk.current[0].days_left == (last_on_time_day(q4, policy) - as_of).days
    assert [(s.project, str(s.period), s.status) for s in desk.late_or_missing] == [
        ("alpha-region", "2021-Q2", "missing"),
        ("alpha-region", "2021-Q1", "late"),
    ]
    assert [str(s.period) for s in desk.corrected] == ["2021-Q3"]
    assert list(desk.review_times["city"]) == ["taiyuan"]


def test_a_view_without_statuses_has_an_empty_desk(corpus):
    desk = city_desk(corpus, _supervision([], date(2022, 1, 5)), "taiyuan")
    assert desk.empty and desk.periods == [] and desk.review_times.empty
