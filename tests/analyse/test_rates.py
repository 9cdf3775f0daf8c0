"""Rates count only what is known, and show their denominators (issue 14, item 7)."""

from __future__ import annotations

import pandas as pd

from site_builder.analyse.statuses import RATE_COLUMNS, rates


def _frame(statuses: dict[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"city": city, "status": s} for city, column in statuses.items() for s in column]
    )


def test_unknown_reports_are_neither_missing_nor_confirmed():
    frame = _frame(
        {
            # 4 due: 1 unknown, 3 known of which 2 confirmed (1 on time).
            "taiyuan": ["on_time", "late", "missing", "unknown", "not_due"],
            # All present but none can be dated: no rate at all, not 0.0%.
            "datong": ["unknown", "unknown"],
        }
    )
    table = rates(frame, ["city"]).set_index("city")
    assert list(table.columns) == RATE_COLUMNS
    taiyuan = table.loc["taiyuan"]
    assert (taiyuan.expected, taiyuan.known, taiyuan.confirmed, taiyuan.on_time) == (4, 3, 2, 1)
    assert round(taiyuan.reporting_rate, 1) == 66.7  # 2 of the 3 known
    assert round(taiyuan.timeliness_rate, 1) == 33.3
    datong = table.loc["datong"]
    assert (datong.expected, datong.known) == (2, 0)
    assert pd.isna(datong.reporting_rate) and pd.isna(datong.timeliness_rate)


def test_reports_outside_the_programme_are_not_counted():
    frame = _frame({"taiyuan": ["on_time", "before_registration", "outside_programme", "late"]})
    row = rates(frame, ["city"]).iloc[0]
    assert (row.expected, row.known, row.confirmed, row.on_time) == (2, 2, 2, 1)
    assert row.timeliness_rate == 50.0
