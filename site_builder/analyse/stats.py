"""`sctrack stats`: the query page's questions from the command line, for authorised users.

Counts of projects and reports by city, tier, kind or industry for a period,
and for an indicator the number of projects that reported it, the total
(flows and counts) and the median. Internal data: every figure counts.
"""

from __future__ import annotations

import pandas as pd

from site_builder.analyse.analysis import Analysis
from site_builder.load.periods import Period
from site_builder.spec import catalogue

GROUPS = {
    "city": ("城市", "city_name"),
    "tier": ("层级与类别", "tier_kind"),
    "kind": ("类别", "kind_label"),
    "industry": ("行业", "industry_name"),
}


def stats_table(analysis: Analysis, by: str, period: Period, indicator: str | None) -> pd.DataFrame:
    label, column = GROUPS[by]
    projects = analysis.projects.assign(
        kind_label=analysis.projects["kind"].map(lambda k: catalogue.label("kind", k))
    )
    active = projects[projects["status"] != "cancelled"]
    reported = {r.project for r in analysis.corpus.reports if r.period == period}
    rows = []
    for group, frame in active.groupby(column, sort=True):
        row = {
            label: group,
            "项目数": len(frame),
            f"{period}已报送": int(frame["id"].isin(reported).sum()),
        }
        if indicator:
            figures = analysis.figures
            values = figures[
                (figures["period"] == str(period))
                & (figures["indicator"] == indicator)
                & figures["project"].isin(frame["id"])
            ]["value"]
            ind = catalogue.indicators()[indicator]
            row["填报数"] = len(values)
            if ind.measure != "ratio":
                row[f"合计（{ind.unit}）"] = round(values.sum(), 2) if len(values) else None
            row[f"中位数（{ind.unit}）"] = round(values.median(), 2) if len(values) else None
        rows.append(row)
    table = pd.DataFrame(rows)
    if not table.empty:
        total = {
            label: "合计",
            "项目数": table["项目数"].sum(),
            f"{period}已报送": table[f"{period}已报送"].sum(),
        }
        if indicator:
            total["填报数"] = table["填报数"].sum()
            for key in table.columns:
                if key.startswith("合计（"):
                    total[key] = round(table[key].sum(), 2)
        table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    return table
