"""The indicator catalogue and the notice's outline, read from package data.

These two files are the only hand-kept description of what a report holds;
`schemagen` turns them into the JSON Schemas that every other stage reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

KINDS = ("region", "enterprise")
COUNT_UNITS = ("家", "个", "项", "份", "人")
# The populations never added across: 重点区域, 金融机构, 实体企业, in the order reports give them.
POPULATIONS = ("region", "financial", "entity")


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    better: str  # "higher" | "lower"
    measure: str  # "flow" | "ratio" | "count"
    applies_to: tuple[str, ...]  # of "region", "entity", "financial"
    section: dict[str, str]  # project kind -> section key
    aggregation: str  # "sum" | "median"
    visibility: str  # of a regional figure: "public" | "internal"
    description: str
    headline: tuple[str, ...] = ()  # the populations whose headline figure it is
    minimum: float | None = None
    exclusive_minimum: float | None = None
    maximum: float | None = None

    @property
    def label(self) -> str:
        """Name with unit, as a table header shows it."""
        return f"{self.name}（{self.unit}）"

    @property
    def summable(self) -> bool:
        """Whether projects' figures may be added up: flows and counts, never ratios. Even then
        only within one population (重点区域, 金融机构, 实体企业): every total, download, chart
        and the query page ask this one property and total per population."""
        return self.aggregation == "sum"

    @property
    def counted(self) -> bool:
        """A number of things (enterprises, projects): shown as a whole number."""
        return self.measure == "count" or self.unit in COUNT_UNITS

    @property
    def is_level(self) -> bool:
        """A level (never below zero): a jump by a large factor means a unit or typing
        error; rates cross zero and jump freely."""
        return (self.minimum or 0) >= 0 and (self.exclusive_minimum or 0) >= 0

    def applies(self, kind: str, enterprise_type: str | None) -> bool:
        population = "region" if kind == "region" else enterprise_type
        return population in self.applies_to

    def __hash__(self) -> int:
        return hash(self.code)


def _data(name: str) -> Any:
    text = resources.files("site_builder.spec").joinpath("data", name).read_text(encoding="utf-8")
    # Our own files, so the same rules as safe_load; libyaml is 6x faster on every start.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def indicators() -> dict[str, Indicator]:
    """Catalogue code -> Indicator, in catalogue order."""
    result = {}
    for row in _data("indicators.yaml"):
        row = dict(row)
        row["applies_to"] = tuple(row["applies_to"])
        row["headline"] = tuple(row.get("headline", ()))
        result[row["code"]] = Indicator(**row)
    return result


@cache
def outline() -> dict[str, Any]:
    """The notice's outline per project kind, the closing parts and enum labels."""
    data: dict[str, Any] = _data("outline.yaml")
    return data


def labels(name: str) -> dict[str, str]:
    """Enum code -> Chinese label for one of the fixed value sets."""
    names: dict[str, str] = outline()["labels"][name]
    return names


def label(name: str, code: str | None) -> str:
    """Chinese label of an enum code; the code itself when unknown."""
    if code is None:
        return ""
    return labels(name).get(code, code)


def headline(population: str, summable: bool) -> list[str]:
    """The headline indicators of one population, flows and counts (`summable`) or rates, in
    catalogue order: the summary page's regional charts and the summary report both ask here."""
    return [
        code
        for code, ind in indicators().items()
        if population in ind.headline and ind.summable == summable
    ]


def section_indicators(kind: str, section: str) -> list[Indicator]:
    """Indicators reported under one section of a report of this project kind."""
    return [ind for ind in indicators().values() if ind.section.get(kind) == section]
