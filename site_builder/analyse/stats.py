"""`sctrack stats`: the query page's questions from the command line, for authorised users.

Counts of projects and reports by city, tier, kind or industry for a period,
and for an indicator the number of projects that reported it, the total
(flows and counts) and the median. Internal data: every figure counts.
"""

from __future__ import annotations

import pandas as pd

from site_builder.analyse.analysis import Analysis
from site_builder.analyse.figures import POPULATION_LABELS, population
from site_builder.load.periods import Period, day_label
from site_builder.spec import catalogue

# One definition of the projects counted everywhere (home, directory, summary, report).
FOLLOWED_RULE = "已登记且未被取消重点培育资格的项目"


def followed_projects(analysis: Analysis) -> pd.DataFrame:
    """The projects under follow-up as of the analysis date: registered, not cancelled."""
    return analysis.projects[analysis.projects["status"] != "cancelled"]


def cancelled_projects(analysis: Analysis) -> pd.DataFrame:
    return analysis.projects[analysis.projects["status"] == "cancelled"]


def coverage_note(analysis: Analysis) -> str:
    """Which projects a count covers, in one sentence every page that counts projects shows."""
    day = analysis.supervision.as_of
    cancelled = len(cancelled_projects(analysis))
    note = (
        f"项目数为纳入跟进的项目（{FOLLOWED_RULE}，截至{day_label(day)}）"
        f"共{len(followed_projects(analysis))}个"
    )
    return note + (f"，不含已取消资格的{cancelled}个。" if cancelled else "。")


GROUPS = {
    "city": ("城市", "city_name"),
    "tier": ("层级与类别", "tier_kind"),
    "kind": ("类别", "kind_label"),
    "industry": ("行业", "industry_name"),
}


def _number(value: float, ind: catalogue.Indicator) -> float | int:
    """A count as a whole number (1260, not 1260.0) when it is one; other figures to 2 places."""
    if ind.counted and float(value).is_integer():
        return int(value)
    return round(float(value), 2)


def _indicator_cells(
    analysis: Analysis, frame: pd.DataFrame, period: Period, indicator: str
) -> dict[str, object]:
    """How many reported the indicator, and its total and median within each population.

    Regions, financial institutions and entity enterprises are different populations:
    their figures are never added together, so each gets its own columns.
    """
    figures = analysis.figures
    reported = figures[
        (figures["period"] == str(period))
        & (figures["indicator"] == indicator)
        & figures["project"].isin(frame["id"])
    ]
    ind = catalogue.indicators()[indicator]
    populations = {
        p.id: population(p.kind, p.enterprise_type) for p in analysis.corpus.projects.values()
    }
    of_population = reported["project"].map(populations)
    applies = [p for p in POPULATION_LABELS if p in ind.applies_to]
    cells: dict[str, object] = {"填报数": len(reported)}
    for name in applies:
        values = reported[of_population == name]["value"]
        scope = f"{POPULATION_LABELS[name]}，{ind.unit}" if len(applies) > 1 else ind.unit
        if ind.summable:
            cells[f"合计（{scope}）"] = _number(values.sum(), ind) if len(values) else None
        cells[f"中位数（{scope}）"] = _number(values.median(), ind) if len(values) else None
    return cells


def stats_table(analysis: Analysis, by: str, period: Period, indicator: str | None) -> pd.DataFrame:
    label, column = GROUPS[by]
    projects = analysis.projects.assign(
        kind_label=analysis.projects["kind"].map(lambda k: catalogue.label("kind", k))
    )
    active = projects[projects["id"].isin(followed_projects(analysis)["id"])]
    reported = {r.project for r in analysis.corpus.reports if r.period == period}
    rows = []
    # Cities in the registry's (administrative-division code) order, as `active` already is.
    for group, frame in active.groupby(column, sort=by != "city"):
        row = {
            label: group,
            "项目数": len(frame),
            f"{period.label}已报送": int(frame["id"].isin(reported).sum()),
        }
        if indicator:
            row |= _indicator_cells(analysis, frame, period, indicator)
        rows.append(row)
    table = pd.DataFrame(rows)
    if not table.empty:
        total = pd.DataFrame([_total(table, label, period, indicator)])
        table = pd.concat([table, total], ignore_index=True)
    ind = catalogue.indicators()[indicator] if indicator else None
    return _whole_numbers(table, counted=ind is not None and ind.counted)


def _total(
    table: pd.DataFrame, label: str, period: Period, indicator: str | None
) -> dict[str, object]:
    """The 合计 row: counts add up, and so do an indicator's totals (never its medians)."""
    total = {
        label: "合计",
        "项目数": table["项目数"].sum(),
        f"{period.label}已报送": table[f"{period.label}已报送"].sum(),
    }
    if indicator:
        total["填报数"] = table["填报数"].sum()
        for key in table.columns:
            if key.startswith("合计（"):
                total[key] = _number(table[key].sum(), catalogue.indicators()[indicator])
    return total


def _whole_numbers(table: pd.DataFrame, counted: bool) -> pd.DataFrame:
    """Columns of whole numbers stay integers where a cell is empty (pandas would make them
    floats and print 1260.0); an indicator's totals and medians only when it counts things."""
    for key in table.columns:
        values = pd.to_numeric(table[key], errors="coerce").dropna()
        whole = len(values) == table[key].notna().sum() and (values % 1 == 0).all()
        if len(values) and whole and (counted or not key.startswith(("合计（", "中位数（"))):
            table[key] = table[key].astype("Int64")
    return table
