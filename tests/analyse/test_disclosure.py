"""Disclosure control: the (n, k) rule and secondary suppression in a breakdown with a total."""

from __future__ import annotations

from site_builder.analyse.disclosure import breakdown, primary

MIN, SHARE = 3, 85.0
SECONDARY = "为防止推算出其他不公开的数据，不予公开"


def test_primary_suppresses_too_few_contributors_and_a_dominant_one():
    assert primary([1.0, 2.0, 3.0], MIN, SHARE).value == 6.0
    few = primary([1.0, 2.0], MIN, SHARE)
    assert few.suppressed and few.contributors == 2 and "不足 3 家企业" in few.reason
    dominant = primary([1.0, 1.0, 98.0], MIN, SHARE)
    assert dominant.suppressed and "85%" in dominant.reason


def test_one_hidden_cell_and_a_published_total_hide_the_smallest_other_cell():
    cells, total = breakdown(
        {"provincial": [10.0, 10.0, 10.0], "national_pilot": [5.0, 5.0], "other": [20.0] * 3},
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
        {"provincial": [1.0, 2.0], "national_pilot": [3.0, 4.0, 5.0]}, MIN, SHARE
    )
    assert total.value == 15.0
    assert all(cell.suppressed for cell in cells.values())
    assert cells["national_pilot"].reason == SECONDARY


def test_a_lone_hidden_group_hides_its_total_and_two_hidden_cells_need_nothing_more():
    cells, total = breakdown({"provincial": [1.0, 2.0], "national_pilot": []}, MIN, SHARE)
    assert total.suppressed and cells["provincial"].suppressed  # the total is that group
    cells, total = breakdown({"a": [1.0, 2.0], "b": [3.0, 4.0], "c": [5.0, 6.0]}, MIN, SHARE)
    assert all(cell.suppressed for cell in cells.values())
    assert total.value == 21.0  # two or more hidden cells: none can be isolated


def test_nothing_hidden_nothing_extra_and_empty_groups_do_not_count():
    cells, total = breakdown({"a": [1.0, 2.0, 3.0], "b": [4.0, 5.0, 6.0], "c": []}, MIN, SHARE)
    assert cells["a"].value == 6.0 and cells["b"].value == 15.0 and total.value == 21.0
    assert cells["c"].suppressed and cells["c"].contributors == 0
