"""Charts shared by the site and the summary report, defined once."""

from __future__ import annotations

import pandas as pd

from site_builder.analyse.analysis import TIER_KIND_LABELS, Analysis
from site_builder.analyse.stats import followed_projects
from site_builder.analyse.statuses import rates
from site_builder.load.periods import checked_period
from site_builder.present.markdown import ChartJob

DISTRIBUTION_PNG = "projects-by-city.png"
RATES_PNG = "reporting-rates.png"


def distribution(analysis: Analysis) -> pd.DataFrame:
    """Projects followed (`stats.followed_projects`) by city (rows, Chinese names), tier and kind."""
    registry = analysis.corpus.registry
    projects = followed_projects(analysis)
    counts = projects.pivot_table(
        index="city", columns="tier_kind", values="id", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(
        index=list(registry.cities), columns=list(TIER_KIND_LABELS.values()), fill_value=0
    )
    counts.index = [registry.city_name(c) for c in counts.index]
    return counts


def distribution_chart(analysis: Analysis, folder: str = "assets/charts/") -> ChartJob:
    return ChartJob(
        folder + DISTRIBUTION_PNG,
        "stacked_bars",
        (distribution(analysis), "全省重点供应链项目分布（按城市和类别）", "个"),
    )


def period_rates(analysis: Analysis) -> pd.DataFrame:
    """Reporting and timeliness rates of the province, one row per period in time order."""
    frame = analysis.supervision.frame
    if frame.empty:
        return pd.DataFrame()
    order = sorted(frame["period"].unique(), key=checked_period)
    return rates(frame, ["period"]).set_index("period").reindex(order).dropna(how="all")


def rates_chart(analysis: Analysis, folder: str = "assets/charts/") -> ChartJob | None:
    table = period_rates(analysis)
    if table.empty or table["reporting_rate"].isna().all():
        return None
    return ChartJob(folder + RATES_PNG, "rate_lines", (table, "全省报告报送率和及时率（按报告期）"))
