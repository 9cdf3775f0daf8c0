"""全省汇总: the distribution of projects and the aggregates of their figures.

Each section is a function that returns its Markdown and the charts it shows;
the page is their join through `summary.md.j2`. Enterprise figures appear
only as the view's disclosure-controlled aggregates.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from site_builder.analyse.figures import (
    LIKE_FOR_LIKE_RULE,
    PERCENT,
    POPULATION_LABELS,
    change_text,
    compared,
    excluded_note,
    indicator_name,
    population_title,
    signed_change,
)
from site_builder.analyse.stats import coverage_note
from site_builder.analyse.view import View
from site_builder.load.periods import Period
from site_builder.load.periods import label as period_label
from site_builder.present.chart_jobs import distribution, distribution_chart
from site_builder.present.colours import city_colours
from site_builder.present.markdown import ChartJob, NavPlace, Page, Section, num, table
from site_builder.present.markup import text
from site_builder.site.nav import SUMMARY
from site_builder.site.page_templates import chart_table, render_template
from site_builder.spec import catalogue

WITHHELD = "不予公开"
CHANGE_HEADERS = ["指标", "企业数", "P25", "中位数", "P75", "方向"]


def _distribution_section(view: View) -> Section:
    """Projects by city and tier."""
    counts = distribution(view)
    rows = [
        [city, *[int(v) for v in counts.loc[city]], int(counts.loc[city].sum())]
        for city in counts.index
    ]
    rows.append(["合计", *[int(v) for v in counts.sum()], int(counts.values.sum())])
    job = distribution_chart(view)
    body = chart_table(
        job,
        "项目分布（按城市和类别）",
        "各市重点供应链项目数量，按省重点区域、省重点企业、全国试点城市、全国试点企业分色堆叠",
        ["城市", *counts.columns, "合计"],
        rows,
        ["---"] + ["--:"] * (len(counts.columns) + 1),
        "个",
    )
    return Section(
        body + Markup("\n\n<small>") + text(coverage_note(view)) + Markup("</small>"), [job]
    )


def _like_for_like(view: View, code: str, unit: str) -> Markup:
    """The last two years of a regional flow compared on the regions that reported both."""
    annual = view.annual
    rows = annual[(annual["kind"] == "region") & (annual["indicator"] == code)]
    years = sorted(rows["year"].unique())
    if len(years) < 2:
        return Markup("")
    now_year, before_year = int(years[-1]), int(years[-2])
    now, before = (
        rows[rows["year"] == y].groupby("project")["value"].sum() for y in (now_year, before_year)
    )
    names = {p.id: p.name for p in view.corpus.projects.values()}
    figure = compared(
        f"summary.{code}.yoy", code, code, unit, "sum", Period.annual(now_year),
        Period.annual(before_year), now, before, names,
    )  # fmt: skip
    if not figure.units:
        return Markup("")
    line = (
        f"同口径比较：{before_year}年和{now_year}年都报送的{len(figure.units)}个区域，"
        f"合计由{num(figure.compare_value)}{unit}变为{num(figure.value)}{unit}，"
        f"{change_text(figure.change, figure.change_unit or '%')}。"
        + excluded_note(figure.excluded)
    )
    return Markup("\n\n<small>") + text(line) + Markup("</small>")


def _change_year(view: View) -> int | None:
    change = view.enterprise_change
    return None if change.empty else int(change["year"].max())


def _change_section(view: View, year: int | None) -> Section:
    """Enterprise indicators: quartiles of change against baseline, latest year with data."""
    if year is None:
        return Section(Markup(""))
    indicators = catalogue.indicators()
    order = list(indicators)
    change = view.enterprise_change
    latest = change[change["year"] == year].sort_values(
        "indicator", key=lambda s: s.map(order.index)
    )
    if not latest["published"].any():
        # A table of nothing but 不予公开 says less than one sentence.
        count = int(latest["n"].max())
        return Section(
            Markup(
                f"提供基期数据的企业最多{count}家，不足{view.corpus.registry.policy.min_contributors_quantiles}家，"
                f"按上述披露控制规则，{year}年各指标较基期变化的分位数暂不公开。"
            )
        )
    rows = []
    for r in latest.itertuples():
        ind = indicators[r.indicator]
        direction = "越高越好" if ind.better == "higher" else "越低越好"
        if r.published:
            cells = [signed_change(v, r.change_unit) for v in (r.q1, r.median, r.q3)]
            rows.append([ind.name, r.n, *cells, direction])
        else:
            # Why is said once, in the page's disclosure note, not on every row.
            rows.append([ind.name, r.n, "—", WITHHELD, "—", direction])
    # The chart has one axis in %: levels only; rates' changes (百分点) are in the table.
    shown = latest[latest["published"] & (latest["change_unit"] == PERCENT)].assign(
        label=lambda f: f["indicator"].map(lambda c: indicators[c].name)
    )
    if shown.empty:
        return Section(table(CHANGE_HEADERS, rows))
    title = f"{year}年企业项目主要指标较基期变化"
    job = ChartJob("assets/charts/enterprise-change.png", "quartile_chart", (shown, title))
    body = chart_table(
        job,
        title,
        "各项企业总量指标较基期变化幅度（%）的中位数和四分位区间；比率指标的变化以百分点列于表中",
        CHANGE_HEADERS,
        rows,
        ["---", "--:", "--:", "--:", "--:", "---"],
        "%",
    )
    return Section(body, [job])


def _totals_cell(cell) -> str:
    """The text of one total: withheld ones say so, the page's disclosure note says why."""
    if cell["contributors"] == 0:
        return "—"
    shown = WITHHELD if pd.isna(cell["value"]) else num(cell["value"])
    return f"{shown}（{int(cell['contributors'])}家）"


def _totals_section(view: View) -> Section:
    """Enterprise totals by tier, with disclosure control."""
    totals = view.enterprise_totals
    if totals.empty:
        return Section(Markup(""))
    year = int(totals["year"].max())
    latest = totals[totals["year"] == year]
    rows = []
    for code in [c for c in catalogue.indicators() if c in set(latest["indicator"])]:
        ind = catalogue.indicators()[code]
        of_code = latest[latest["indicator"] == code]
        populations = [p for p in POPULATION_LABELS if p in set(of_code["population"])]
        for population in populations:
            cells = of_code[of_code["population"] == population].set_index("group")
            scope = f"，{POPULATION_LABELS[population]}" if len(populations) > 1 else ""
            row = [f"{ind.name}（{ind.unit}{scope}）"]
            for group in ("provincial", "national_pilot", "total"):
                row.append(_totals_cell(cells.loc[group]))
            rows.append(row)
    body = Markup(
        f"{year}年全年合计（括号内为提供数据的企业数）。\n\n"
        + table(
            ["指标", "省重点企业", "全国试点企业", "全省合计"], rows, ["---", "--:", "--:", "--:"]
        )
    )
    return Section(body)


def _regional_sections(view: View) -> list[Section]:
    """Regional headline indicators by city and year, one chart each."""
    registry = view.corpus.registry
    cities = list(registry.cities)
    city_names = {c: registry.city_name(c) for c in cities}
    colours = city_colours(cities)
    named_colours = {city_names[c]: colours[c] for c in cities}
    regional = view.regional_totals
    sections = []
    for code in catalogue.headline("region", summable=True):
        frame = regional[regional["indicator"] == code]
        if frame.empty:
            continue
        ind = catalogue.indicators()[code]
        pivot = frame.pivot_table(index="year", columns="city", values="value", aggfunc="sum")
        pivot = pivot[[c for c in cities if c in pivot.columns]]
        pivot.columns = [city_names[c] for c in pivot.columns]
        pivot.index = [period_label(Period.annual(y), short=True) for y in pivot.index]
        by_city = pivot.T
        job = ChartJob(
            f"assets/charts/regional-{code}.png",
            "grouped_bars",
            (pivot, f"{population_title('region', ind)}（按年度、城市）", ind.unit, named_colours),
        )
        rows = [[city, *[num(v) for v in by_city.loc[city]]] for city in by_city.index]
        rows.append(["合计", *[num(v) for v in by_city.sum()]])
        body = chart_table(
            job,
            indicator_name("region", ind),
            f"{population_title('region', ind)}按城市和年度的柱状图",
            ["城市", *by_city.columns],
            rows,
            ["---"] + ["--:"] * len(by_city.columns),
            ind.unit,
        )
        sections.append(Section(body + _like_for_like(view, code, ind.unit), [job]))
    return sections


def summary_page(view: View) -> Page:
    policy = view.corpus.registry.policy
    year = _change_year(view)
    distribution_section = _distribution_section(view)
    change = _change_section(view, year)
    totals = _totals_section(view)
    regional = _regional_sections(view)
    disclosure_note = (
        "企业数据按统计部门通行的披露控制规则公开：只公开汇总值；合计须有"
        f"{policy.min_contributors}家及以上企业提供数据，且单家企业占比不超过{policy.max_share_pct:g}%，"
        f"四分位数须有{policy.min_contributors_quantiles}家及以上企业提供数据；"
        f"为防止由已公开的数据推算出不公开的数据，相关数据一并不公开。表中“{WITHHELD}”均属上述情形。"
        f"{view.enterprise_notice}"
    )
    body = render_template(
        "summary.md.j2",
        year=year,
        disclosure_note=disclosure_note,
        like_for_like=LIKE_FOR_LIKE_RULE,
        distribution=distribution_section.body,
        change=change.body,
        totals=totals.body,
        regional=[s.body for s in regional],
    )
    sections = [distribution_section, change, totals, *regional]
    return Page(
        "summary/index.md",
        body,
        {
            "title": "全省汇总",
            "description": "全省重点供应链项目分布和进展汇总。",
            "hide": ["navigation"],
        },
        NavPlace(SUMMARY),
        [job for s in sections for job in s.charts],
    )
