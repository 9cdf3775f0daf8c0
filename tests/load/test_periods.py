"""The one period label and the one city order."""

from __future__ import annotations

import pandas as pd
import pytest

from site_builder.load import periods
from site_builder.load.periods import Period, parse_period
from site_builder.load.records import City, Registry


@pytest.mark.parametrize(
    ("period", "full", "short"),
    [
        ("2021-Q4", "2021年第四季度", "2021年四季度"),
        ("2020-Q1", "2020年第一季度", "2020年一季度"),
        ("2021", "2021年度", "2021年"),
    ],
)
def test_label_full_and_short(period, full, short):
    assert periods.label(period) == full
    assert periods.label(parse_period(period)) == full
    assert periods.label(period, short=True) == short
    assert parse_period(period).label == full  # the property is the same function


def test_label_leaves_other_text_alone():
    assert periods.label("") == ""
    assert periods.label("不公开") == "不公开"


def test_label_has_no_space_between_chinese_and_digits():
    for year in (2020, 2021):
        for slot in (1, 2, 3, 4, 5):
            for short in (False, True):
                assert " " not in periods.label(Period(year, slot), short=short)


def _registry() -> Registry:
    # As registry/cities.yaml lists them: by administrative-division code.
    ids = ["taiyuan", "datong", "yangquan", "changzhi", "jincheng", "lvliang"]
    return Registry(cities={c: City(c, c, "") for c in ids})


def test_city_key_is_the_registry_order_not_pinyin():
    registry = _registry()
    cities = ["lvliang", "changzhi", "taiyuan", "jincheng", "datong", "yangquan"]
    assert sorted(cities, key=registry.city_key) == list(registry.cities)
    assert registry.city_key("nowhere") == len(registry.cities)


def test_city_order_sorts_a_frame_stably():
    frame = pd.DataFrame(
        {"city": ["lvliang", "changzhi", "taiyuan", "changzhi"], "n": [1, 2, 3, 4]}
    )
    ordered = _registry().city_order(frame)
    assert list(ordered["city"]) == ["taiyuan", "changzhi", "changzhi", "lvliang"]
    assert list(ordered["n"]) == [3, 2, 4, 1]
