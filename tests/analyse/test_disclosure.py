"""Disclosure control: the (n, k) rule and secondary suppression in a breakdown with a total,
quartiles only from enough firms, the release calendar, small cities pooled."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd

from site_builder.analyse.disclosure import (
    OTHER_CITIES,
    breakdown,
    pool_small_cities,
    primary,
    spread,
    strictest,
    window_close,
)
from site_builder.load.records import Policy

MIN, SHARE = 3, 85.0
SECONDARY = "为防止推算出其他不公开的数据，不予公开"


def firms(values: list[float], prefix: str = "firm") -> list[tuple[str, float]]:
    """Each value from a firm of its own."""
    return [(f"{prefix}-{index}", value) for index, value in enumerate(values)]


def test_primary_suppresses_too_few_contributors_and_a_dominant_one():
    assert primary(firms([1.0, 2.0, 3.0]), MIN, SHARE).value == 6.0
    few = primary(firms([1.0, 2.0]), MIN, SHARE)
    assert few.suppressed and few.contributors == 2 and "不足3家企业" in few.reason
    dominant = primary(firms([1.0, 1.0, 98.0]), MIN, SHARE)
    assert dominant.suppressed and "85%" in dominant.reason


def test_one_hidden_cell_and_a_published_total_hide_the_smallest_other_cell():
    cells, total = breakdown(
        {
            "provincial": firms([10.0, 10.0, 10.0], "provincial"),
            "national_pilot": firms([5.0, 5.0], "national_pilot"),
            "other": firms([20.0] * 3, "other"),
        },
        MIN,
        SHARE,
    )
    assert total.value == 100.0  # 8 contributors, none above 85 %
    assert cells["national_pilot"].suppressed  # primary: 2 contributors
    assert cells["provincial"].suppressed and cells["provincial"].reason == SECONDARY
    assert cells["other"].value == 60.0
    # What is left cannot be subtracted from the total to give the hidden cell alone.
    published = [c.value for c in cells.values() if not c.suppressed]
    assert total.value - sum(published) == 40.0 != 10.0


def test_with_two_groups_the_other_group_is_hidden_too():
    cells, total = breakdown(
        {
            "provincial": firms([1.0, 2.0], "provincial"),
            "national_pilot": firms([3.0, 4.0, 5.0], "national_pilot"),
        },
        MIN,
        SHARE,
    )
    assert total.value == 15.0
    assert all(cell.suppressed for cell in cells.values())
    assert cells["national_pilot"].reason == SECONDARY


def test_a_lone_hidden_group_hides_its_total_and_two_hidden_cells_need_nothing_more():
    cells, total = breakdown(
        {
            "provincial": firms([1.0, 2.0], "provincial"),
            "national_pilot": firms([], "national_pilot"),
        },
        MIN,
        SHARE,
    )
    assert total.suppressed and cells["provincial"].suppressed  # the total is that group
    cells, total = breakdown(
        {"a": firms([1.0, 2.0], "a"), "b": firms([3.0, 4.0], "b"), "c": firms([5.0, 6.0], "c")},
        MIN,
        SHARE,
    )
    assert all(cell.suppressed for cell in cells.values())
    assert total.value == 21.0  # two or more hidden cells: none can be isolated


def test_nothing_hidden_nothing_extra_and_empty_groups_do_not_count():
    cells, total = breakdown(
        {"a": firms([1.0, 2.0, 3.0], "a"), "b": firms([4.0, 5.0, 6.0], "b"), "c": firms([], "c")},
        MIN,
        SHARE,
    )
    assert cells["a"].value == 6.0 and cells["b"].value == 15.0 and total.value == 21.0
    assert cells["c"].suppressed and cells["c"].contributors == 0


def test_quartiles_from_three_firms_are_suppressed():
    """With three values, P25, median and P75 give all three back."""
    few = spread([1.0, 2.0, 3.0], firms([10.0, 20.0, 30.0]), 10, SHARE)
    assert not few.published and few.q1 is None and few.q3 is None
    assert few.contributors == 3 and "不足10家企业（3家）" in few.reason
    enough = spread([float(v) for v in range(1, 11)], firms([10.0] * 10), 10, SHARE)
    assert enough.published and enough.median == 5.5


def test_quartiles_are_suppressed_when_one_firm_dominates_the_levels():
    dominated = spread([float(v) for v in range(10)], firms([1.0] * 9 + [1000.0]), 10, SHARE)
    assert not dominated.published and "85%" in dominated.reason


def test_two_projects_of_one_firm_are_one_contributor():
    """A firm holding two of three projects would read the third firm's figure exactly."""
    cell = primary([("firm-a", 5.0), ("firm-a", 4.9), ("firm-b", 26.3)], MIN, SHARE)
    assert cell.suppressed and cell.contributors == 2 and "（2家）" in cell.reason
    # One firm at 90 % split over two projects of 45 % each is still one firm at 90 %.
    split = [("big", 45.0), ("big", 45.0), ("c", 5.0), ("d", 5.0)]
    assert primary(split, MIN, SHARE).reason == "单家企业占比超过85%，不予公开"
    assert primary(firms([45.0, 45.0, 5.0, 5.0]), MIN, SHARE).value == 100.0  # four firms
    # Across a breakdown's groups too: the total counts the firm once.
    cells, total = breakdown(
        {"provincial": [("big", 45.0), ("c", 5.0)], "national_pilot": [("big", 45.0), ("d", 5.0)]},
        MIN,
        SHARE,
    )
    assert total.suppressed and total.contributors == 3 and "85%" in total.reason


def test_quartiles_count_firms_and_sum_a_firm_for_dominance():
    values = [float(v) for v in range(10)]
    levels = [("one", 1.0)] * 2 + firms([1.0] * 8)
    few = spread(values, levels, 10, SHARE)
    assert not few.published and few.contributors == 9 and "（9家）" in few.reason
    held = [("big", 50.0), ("big", 50.0)] + firms([1.0] * 10)
    assert "85%" in spread(values + [1.0, 2.0], held, 10, SHARE).reason


def test_the_window_closes_at_the_end_of_the_later_due_date_plus_grace_beijing_time():
    closes = window_close(2021, Policy())  # annual due 2022-01-31, Q4 01-15
    assert closes == datetime(2022, 2, 1, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    late = Policy(quarterly_due_day=15, annual_due_month=1, annual_due_day=10, grace_days=5)
    assert window_close(2021, late).date() == date(2022, 1, 21)


def test_a_later_policy_can_only_be_stricter_than_the_one_at_the_close():
    current = Policy(min_contributors=3, max_share_pct=90.0, min_contributors_quantiles=12)
    frozen = Policy(min_contributors=5, max_share_pct=80.0, min_contributors_quantiles=10)
    rules = strictest(current, frozen)
    assert (rules.min_contributors, rules.max_share_pct, rules.min_contributors_quantiles) == (
        5,
        80.0,
        12,
    )


def _statuses(cells: dict[str, int], period: str = "2021-Q1") -> pd.DataFrame:
    rows = [
        {"project": f"{city}-{i}", "city": city, "period": period, "status": "on_time"}
        for city, count in cells.items()
        for i in range(count)
    ]
    return pd.DataFrame(rows)


def test_a_city_with_one_project_has_no_rate_of_its_own():
    pooled = pool_small_cities(_statuses({"a": 1, "b": 3, "c": 4, "d": 5}), MIN)
    assert "a" not in set(pooled["city"])
    sizes = pooled.groupby("city")["project"].nunique()
    # The pool is made large enough (with b, the smallest other city) that the province
    # minus the published cities does not give the lone project's status back.
    assert sizes.to_dict() == {OTHER_CITIES: 4, "c": 4, "d": 5}


def test_pools_are_made_per_period():
    frame = pd.concat(
        [_statuses({"a": 1, "b": 2, "c": 3}, "2020-Q4"), _statuses({"a": 3, "c": 3}, "2021-Q1")]
    )
    pooled = pool_small_cities(frame, MIN)
    early = pooled[pooled["period"] == "2020-Q4"].groupby("city")["project"].nunique()
    later = pooled[pooled["period"] == "2021-Q1"].groupby("city")["project"].nunique()
    assert early.to_dict() == {OTHER_CITIES: 3, "c": 3} and later.to_dict() == {"a": 3, "c": 3}
