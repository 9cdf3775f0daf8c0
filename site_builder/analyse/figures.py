"""Traceable figures and like-for-like comparisons between two periods.

A `Figure` is one number a report or page prints, with what it counts (its
indicator, its period, its unit) and the projects it is computed from. A
comparison between two periods follows the like-for-like (同口径, "same-store")
rule statistics offices use for growth rates (the NBS computes growth "按可比
口径", retail statistics compare like-for-like stores): both periods are
measured on the units that reported the indicator in both, so a unit that
joins or stops reporting does not move the change; the units left out are
named. A change of a level (amounts, counts, days) is relative, in %; a change
of a rate (any figure in %) is the difference, in 百分点. Figures of different
populations (regions, financial institutions, entity enterprises) are never
added together: every flow is taken within one population.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from site_builder.load.periods import Period
from site_builder.spec.catalogue import Indicator

# The rule as pages state it (the summary page and the report name it where they compare).
LIKE_FOR_LIKE_RULE = (
    "比较两个时期时采用同口径原则：只比较两期都报送了该指标的项目，"
    "未纳入比较的项目在表下列明；总量的变化以百分比表示，比率的变化以百分点表示；"
    "重点区域、金融机构和实体企业的数据分别统计，不相加。"
)
POPULATION_LABELS = {"region": "重点区域", "financial": "金融机构项目", "entity": "实体企业项目"}
# An indicator's name as one population reports it, where the catalogue's name alone misleads:
# the notice (二、（八）) asks regions for their key industries' trade, not the whole area's.
POPULATION_NAMES = {("region", "import_export"): "重点产业进出口额"}
PERCENT = "%"
POINTS = "百分点"


@dataclass(frozen=True)
class Excluded:
    """A unit left out of a comparison, and why (which period it did not report)."""

    unit: str
    name: str
    missing_in: Period
    absent: str = "未报送"  # what the unit did not do in `missing_in`

    def text(self) -> str:
        return f"{self.name}（{self.missing_in.label}{self.absent}）"


@dataclass
class Figure:
    id: str
    label: str
    value: float | None
    unit: str
    period: Period
    units: list[str]  # the project ids the value is computed from
    indicator: str | None = None
    compare_to: Period | None = None
    compare_value: float | None = None
    change: float | None = None
    change_unit: str | None = None
    excluded: list[Excluded] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "indicator": self.indicator,
            "period": str(self.period),
            "value": _rounded(self.value),
            "unit": self.unit,
            "units": list(self.units),
        }
        if self.compare_to is not None:
            data |= {
                "compare_to": str(self.compare_to),
                "compare_value": _rounded(self.compare_value),
                "change": _rounded(self.change),
                "change_unit": self.change_unit,
                "excluded": [
                    {"unit": e.unit, "name": e.name, "missing_in": str(e.missing_in)}
                    for e in self.excluded
                ],
            }
        return data


def _rounded(value: float | None) -> float | int | None:
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return int(value) if value.is_integer() else round(value, 6)


def population(kind: str, enterprise_type: str | None) -> str:
    """region | financial | entity: the population a project's figures belong to."""
    return "region" if kind == "region" else (enterprise_type or "entity")


def change_unit(unit: str) -> str:
    """百分点 for a rate (a figure in %), % for a level."""
    return POINTS if unit == PERCENT else PERCENT


def change(now: float | None, before: float | None, unit: str) -> float | None:
    """The change from `before` to `now`: a difference for rates, relative for levels."""
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return None
    if unit == PERCENT:
        return now - before
    return (now - before) / abs(before) * 100 if before else None


def indicator_name(population: str, indicator: Indicator) -> str:
    """The indicator's name as this population reports it: "重点产业进出口额" for a region."""
    return POPULATION_NAMES.get((population, indicator.code), indicator.name)


def population_title(population: str, indicator: Indicator) -> str:
    """ "重点区域供应链金融融资规模", "重点区域的重点产业进出口额", "实体企业项目营业收入"."""
    name = POPULATION_NAMES.get((population, indicator.code))
    if name:
        return f"{POPULATION_LABELS[population]}的{name}"
    return f"{POPULATION_LABELS[population]}{indicator.name}"


def change_text(value: float | None, unit: str) -> str:
    """ "增长3.2%" / "下降0.4个百分点" / "持平"; "—" when there is no change to show."""
    if value is None or pd.isna(value):
        return "—"
    if round(value, 1) == 0:
        return "持平"
    word = "增长" if value >= 0 else "下降"
    if unit == POINTS:
        word = "上升" if value >= 0 else "下降"
        return f"{word}{abs(value):.1f}个百分点"
    return f"{word}{abs(value):.1f}%"


def signed_change(value: float | None, unit: str) -> str:
    """A change as a table cell: "+3.2%" or "-0.4个百分点"."""
    if value is None or pd.isna(value):
        return "—"
    return f"{value:+.1f}%" if unit == PERCENT else f"{value:+.1f}个百分点"


@dataclass
class Matched:
    """Two periods' values on the units that reported in both."""

    now: pd.Series  # unit -> value, matched units only
    before: pd.Series
    excluded: list[Excluded]


def match(
    now: pd.Series,
    before: pd.Series,
    period: Period,
    other: Period,
    names: dict[str, str],
    absent: str = "未报送",
) -> Matched:
    """Keep the units present in both series (unit -> value); name the others."""
    both = sorted(set(now.index) & set(before.index))
    excluded = [
        Excluded(u, names.get(u, u), period, absent) for u in sorted(set(before.index) - set(both))
    ]
    excluded += [
        Excluded(u, names.get(u, u), other, absent) for u in sorted(set(now.index) - set(both))
    ]
    return Matched(now.loc[both], before.loc[both], excluded)


def aggregate(values: pd.Series, how: str) -> float | None:
    """Sum of flows, median of ratios, mean of 0/100 scores (a rate); None when empty."""
    if values.empty:
        return None
    return float({"sum": values.sum, "median": values.median, "mean": values.mean}[how]())


def compared(
    figure_id: str,
    label: str,
    indicator: str | None,
    unit: str,
    how: str,
    period: Period,
    other: Period,
    now: pd.Series,
    before: pd.Series,
    names: dict[str, str],
    absent: str = "未报送",
) -> Figure:
    """The like-for-like comparison of `now` (period) with `before` (other), as one figure."""
    matched = match(now, before, period, other, names, absent)
    value = aggregate(matched.now, how)
    base = aggregate(matched.before, how)
    return Figure(
        id=figure_id,
        label=label,
        value=value,
        unit=unit,
        period=period,
        units=list(matched.now.index),
        indicator=indicator,
        compare_to=other,
        compare_value=base,
        change=change(value, base, unit),
        change_unit=change_unit(unit),
        excluded=matched.excluded,
    )


def excluded_note(excluded: list[Excluded]) -> str:
    """ "未纳入比较：A（2021年未报送）、B（…）。", or "" when every unit is compared."""
    if not excluded:
        return ""
    return "未纳入比较：" + "、".join(e.text() for e in excluded) + "。"
