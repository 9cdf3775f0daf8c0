"""Statistical disclosure control for what the public site says about enterprises.

Four rules, each against one way of working back to a single firm. A contributor is a
firm (`Project.firm`: its 统一社会信用代码, else the unit's name), never a project: two
projects of one firm count once and are summed, else the firm could subtract its own two
figures from a total of three and read the third firm's exactly.

- Totals: the (n, k) dominance rule of statistics offices. A total is published
  only if at least `min_contributors` enterprises contribute and no single one
  supplies more than `max_share_pct` percent of it. When one cell of a breakdown
  is suppressed and its total is published, the smallest other cell is
  suppressed too (secondary suppression), so the hidden value cannot be worked
  out by subtracting the published cells from the total.
- Distributions: quartiles only from `min_contributors_quantiles` enterprises
  or more, with the dominance rule applied to their levels. With three values,
  P25, the median and P75 give all three back.
- Releases: a year's enterprise aggregates are published once, when its
  reporting window closes (`window_close`), from the reports as they stood at
  that moment (see `analyse.releases`). Publishing the totals again after every
  merge lets anyone subtract two builds and read off the firm that was added or
  corrected in between ("disclosure by differencing", Hundepool et al.,
  *Statistical Disclosure Control*, Wiley 2012, on linked tables and successive
  releases); a figure that never changes after its release cannot be differenced.
- Rates per city: a city-period cell with fewer than `min_contributors`
  projects is pooled into 其他城市 (`pool_small_cities`), and the pool is made
  large enough that the province's total minus the published cities does not
  give one project's status back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from site_builder.analyse.calendar import deadline
from site_builder.load.periods import Period
from site_builder.load.records import Policy

SECONDARY = "为防止推算出其他不公开的数据，不予公开"
OTHER_CITIES = "其他城市"  # the city label of pooled small cities in public rate tables

Contribution = tuple[str, float]  # (firm, one project's value)


def by_firm(contributions: Iterable[Contribution]) -> list[float]:
    """One value per firm: the sum of its projects' values, in the order firms first appear."""
    totals: dict[str, float] = {}
    for firm, value in contributions:
        totals[firm] = totals.get(firm, 0.0) + value
    return list(totals.values())


@dataclass(frozen=True)
class Cell:
    value: float | None  # None when suppressed
    contributors: int
    reason: str = ""  # why it is suppressed, in Chinese

    @property
    def suppressed(self) -> bool:
        return self.value is None


def _dominance(values: list[float], max_share_pct: float) -> str:
    """Why one contributor dominates `values` (by magnitude), or "" when none does."""
    sizes = [abs(v) for v in values]
    total = sum(sizes)
    if total > 0 and max(sizes) / total * 100 > max_share_pct:
        return f"单家企业占比超过{max_share_pct:g}%，不予公开"
    return ""


def primary(contributions: list[Contribution], min_contributors: int, max_share_pct: float) -> Cell:
    """A total of per-project values counted by firm, or a suppressed cell saying why."""
    values = by_firm(contributions)
    count = len(values)
    if count < min_contributors:
        return Cell(None, count, f"不足{min_contributors}家企业（{count}家），不予公开")
    dominated = _dominance(values, max_share_pct)
    if dominated:
        return Cell(None, count, dominated)
    return Cell(float(sum(values)), count)


def breakdown(
    groups: dict[str, list[Contribution]], min_contributors: int, max_share_pct: float
) -> tuple[dict[str, Cell], Cell]:
    """Cells per group and their total, with primary and secondary suppression.

    Returns (cells, total). If exactly one group is suppressed while the total
    is published, the smallest published group is suppressed too.
    """
    cells = {
        name: primary(values, min_contributors, max_share_pct) for name, values in groups.items()
    }
    everything = [v for values in groups.values() for v in values]
    total = primary(everything, min_contributors, max_share_pct)
    hidden = [name for name, cell in cells.items() if cell.suppressed and cell.contributors > 0]
    if len(hidden) == 1 and not total.suppressed:
        published = [(cell.value, name) for name, cell in cells.items() if not cell.suppressed]
        if published:
            _, smallest = min(published)
            cells[smallest] = Cell(None, cells[smallest].contributors, SECONDARY)
        else:
            total = Cell(None, total.contributors, SECONDARY)
    return cells, total


@dataclass(frozen=True)
class Spread:
    """Quartiles of per-enterprise values, or why they are not published."""

    contributors: int
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    reason: str = ""

    @property
    def published(self) -> bool:
        return self.median is not None


def spread(
    values: list[float],
    levels: list[Contribution],
    min_contributors: int,
    max_share_pct: float,
) -> Spread:
    """P25, median and P75 of `values` when enough firms contribute and none dominates.

    `levels` are the same projects' figures the values are measured on (a change
    is measured on a level), with their firms: if one firm holds more than
    `max_share_pct` of their sum, the distribution mostly describes that firm.
    """
    count = len(by_firm(levels))
    if count < min_contributors:
        return Spread(count, reason=f"不足{min_contributors}家企业（{count}家），不予公开")
    dominated = _dominance(by_firm(levels), max_share_pct)
    if dominated:
        return Spread(count, reason=dominated)
    series = pd.Series(values, dtype=float)
    return Spread(
        count, float(series.quantile(0.25)), float(series.median()), float(series.quantile(0.75))
    )


def window_close(year: int, policy: Policy) -> datetime:
    """When the reporting window of `year`'s full-year figures closes: the later deadline of
    the Q4 report and the annual summary (due date plus grace days, 24:00 in the policy's
    time zone)."""
    return max(deadline(Period.annual(year), policy), deadline(Period(year, 4), policy))


def strictest(current: Policy, frozen: Policy) -> Policy:
    """Thresholds that are at least as strict as both: a later policy may hide more, never
    reveal what the rules at the close kept back."""
    return Policy(
        min_contributors=max(current.min_contributors, frozen.min_contributors),
        max_share_pct=min(current.max_share_pct, frozen.max_share_pct),
        min_contributors_quantiles=max(
            current.min_contributors_quantiles, frozen.min_contributors_quantiles
        ),
    )


def pool_small_cities(frame: pd.DataFrame, min_contributors: int) -> pd.DataFrame:
    """Status rows with the city of each small city-period cell replaced by `OTHER_CITIES`.

    `frame` has `project`, `city` and `period` columns. In each period, a city
    with fewer than `min_contributors` projects is pooled; while the pool itself
    has fewer (but some), the smallest remaining city joins it, so that neither
    a small city nor the pool (the province minus the published cities) stands
    for fewer than `min_contributors` projects.
    """
    pooled = frame.copy()
    for period, rows in frame.groupby("period", sort=False):
        sizes = rows.groupby("city")["project"].nunique().sort_values(kind="stable")
        small = [city for city, size in sizes.items() if size < min_contributors]
        pool = int(sizes[small].sum())
        others = [city for city in sizes.index if city not in small]
        while 0 < pool < min_contributors and others:
            city = others.pop(0)  # the smallest published city
            small.append(city)
            pool += int(sizes[city])
        mask = (pooled["period"] == period) & pooled["city"].isin(small)
        pooled.loc[mask, "city"] = OTHER_CITIES
    return pooled
