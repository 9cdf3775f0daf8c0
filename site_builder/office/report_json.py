"""Every number of the summary report, as a list of traceable figures.

`report_figures` is built first; the report's sections (`report_sections`,
`report_figures`) only format figures they look up by id, so the Markdown,
the Word file and `sctrack report --format json` cannot disagree. Each figure
names the projects it is computed from; comparisons follow the like-for-like
rule of `analyse.figures`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from site_builder.analyse.analysis import TIER_KIND_LABELS, Analysis
from site_builder.analyse.calendar import in_force, last_on_time_day
from site_builder.analyse.figures import (
    Figure,
    compared,
    population,
    population_title,
    signed_change,
)
from site_builder.analyse.numbers import rate
from site_builder.analyse.stats import cancelled_projects, followed_projects
from site_builder.analyse.statuses import rates
from site_builder.load.periods import Period
from site_builder.present.markdown import num
from site_builder.spec import catalogue

RATE_KEYS = {"reporting_rate": "报送率", "timeliness_rate": "及时率"}
COUNT_KEYS = {"expected": "应报", "confirmed": "已确认", "on_time": "按时"}


def headline_table(summable: bool) -> dict[str, list[str]]:
    """The flows (`summable`) or rates the performance section shows, per population (never
    added across): the catalogue's headline indicators."""
    return {p: catalogue.headline(p, summable) for p in catalogue.POPULATIONS}


def tier_kind_key(tier: str, kind: str) -> str:
    return f"{tier}-{kind}"


class Figures(dict[str, Figure]):
    """The report's figures by id, with the formats the sections print them in."""

    def add(self, figure: Figure) -> Figure:
        self[figure.id] = figure
        return figure

    def count(self, figure_id: str) -> str:
        return str(int(self[figure_id].value or 0))

    def amount(self, figure_id: str) -> str:
        return num(self[figure_id].value)

    def rate(self, figure_id: str) -> str:
        return rate(self[figure_id].value)

    def signed(self, figure_id: str) -> str:
        """A figure that is itself a change (its unit % or 百分点), with its sign."""
        figure = self[figure_id]
        return signed_change(figure.value, figure.unit)

    def change(self, figure_id: str) -> str:
        figure = self.get(figure_id)
        return "—" if figure is None else signed_change(figure.change, figure.change_unit or "%")


def year_before(period: Period) -> Period:
    """The same period a year before (同比)."""
    return Period(period.year - 1, period.slot)


def _project_figures(analysis: Analysis, period: Period, figures: Figures) -> None:
    followed = followed_projects(analysis)
    ids = lambda frame: sorted(frame["id"])  # noqa: E731
    figures.add(
        Figure("projects.total", "纳入跟进的项目", len(followed), "个", period, ids(followed))
    )
    cancelled = cancelled_projects(analysis)
    figures.add(
        Figure(
            "projects.cancelled", "已取消资格的项目", len(cancelled), "个", period, ids(cancelled)
        )
    )
    figures.add(
        Figure(
            "projects.cities",
            "有项目的设区市",
            followed["city"].nunique(),
            "个",
            period,
            ids(followed),
        )
    )
    for (tier, kind), label in TIER_KIND_LABELS.items():
        key = tier_kind_key(tier, kind)
        of_kind = followed[followed["tier_kind"] == label]
        figures.add(Figure(f"projects.{key}", label, len(of_kind), "个", period, ids(of_kind)))
        for city in analysis.corpus.registry.cities.values():
            cell = of_kind[of_kind["city"] == city.id]
            figures.add(
                Figure(
                    f"projects.{city.id}.{key}",
                    f"{city.name}{label}",
                    len(cell),
                    "个",
                    period,
                    ids(cell),
                )  # fmt: skip
            )
    for city in analysis.corpus.registry.cities.values():
        of_city = followed[followed["city"] == city.id]
        figures.add(
            Figure(
                f"projects.{city.id}", f"{city.name}项目", len(of_city), "个", period, ids(of_city)
            )
        )
    received = sorted({r.project for r in analysis.corpus.reports if r.period == period})
    figures.add(Figure("reports.received", "本期收到的报告", len(received), "份", period, received))


def _rate_figures(frame: pd.DataFrame, period: Period, prefix: str, name: str) -> list[Figure]:
    """Expected, confirmed, on time and the two rates of one group of expected reports."""
    due = frame[frame["status"] != "not_due"]
    total = rates(due, ["period"])
    if total.empty:
        return []
    row = total.iloc[0]
    units = sorted(due["project"])
    result = [
        Figure(f"{prefix}.{key}", f"{name}{label}", int(row[key]), "份", period, units)
        for key, label in COUNT_KEYS.items()
    ]
    known = sorted(due[due["status"] != "unknown"]["project"])
    result += [
        Figure(f"{prefix}.{key}", f"{name}{label}", row[key], "%", period, known)
        for key, label in RATE_KEYS.items()
    ]
    return result


def _reporting_figures(analysis: Analysis, period: Period, figures: Figures) -> None:
    frame = analysis.supervision.frame
    in_period = frame[frame["period"] == str(period)]
    for figure in _rate_figures(in_period, period, "reporting", "全省"):
        figures.add(figure)
    for city in analysis.corpus.registry.cities.values():
        of_city = in_period[in_period["city"] == city.id]
        for figure in _rate_figures(of_city, period, f"reporting.{city.id}", city.name):
            figures.add(figure)
    # 环比 on the projects due to report (status known) in both periods: each project's
    # report counts 100 when confirmed (or on time) and 0 when not; the mean is the rate.
    before = period.previous()
    names = _names(analysis)
    for key, label in RATE_KEYS.items():
        hit = ["on_time", "late"] if key == "reporting_rate" else ["on_time"]

        def scored(p: Period, hit: list[str] = hit) -> pd.Series:
            rows = frame[
                (frame["period"] == str(p)) & ~frame["status"].isin(["not_due", "unknown"])
            ]
            return pd.Series(rows["status"].isin(hit).astype(float).values * 100, rows["project"])

        now, then = scored(period), scored(before)
        if now.empty or then.empty:
            continue
        figures.add(
            compared(
                f"reporting.{key}.change",
                f"全省{label}（环比，同口径）",
                None,
                "%",
                "mean",
                period,
                before,
                now,
                then,
                names,
                "不在应报范围",
            )  # fmt: skip
        )


def _names(analysis: Analysis) -> dict[str, str]:
    return {p.id: p.name for p in analysis.corpus.projects.values()}


def _missing(value: Any) -> bool:
    return value is None or value != value  # NaN is not equal to itself


def period_values(analysis: Analysis, period: Period) -> dict[tuple[str, str], pd.Series]:
    """(indicator, population) -> (project -> value) in one period: the period's rows are
    taken from the long table once, not once per indicator and population."""
    if period.is_annual:
        rows = analysis.annual[analysis.annual["year"] == period.year]
    else:
        rows = analysis.figures[analysis.figures["period"] == str(period)]
    types = {p.id: population(p.kind, p.enterprise_type) for p in analysis.corpus.projects.values()}
    # Each project's first value that is not missing, by (indicator, population), in one pass
    # over the columns as lists (a groupby per pair cost a summary report seconds); each series
    # is what `groupby("project")["value"].first()` gives: sorted by project.
    firsts: dict[tuple[str, str], dict[str, Any]] = {}
    columns = (rows["indicator"].tolist(), rows["project"].tolist(), rows["value"].tolist())
    for code, project, value in zip(*columns, strict=True):
        kind = types.get(project)
        if kind is None:  # no population: groupby leaves such rows out
            continue
        group = firsts.setdefault((code, kind), {})
        if _missing(group.get(project, None)):  # NaN until a value is found, as first() does
            group[project] = value
    dtype = rows["value"].dtype
    return {
        key: pd.Series(
            [values[p] for p in sorted(values)],
            index=pd.Index(sorted(values), name="project"),
            name="value",
            dtype=dtype,
        )
        for key, values in firsts.items()
    }


def _indicator_figures(
    analysis: Analysis, period: Period, figures: Figures, group: str, table: dict
) -> None:
    """One figure per population and indicator, and its like-for-like change on a year before."""
    names = _names(analysis)
    before = year_before(period)
    values_now, values_then = period_values(analysis, period), period_values(analysis, before)
    for kind, codes in table.items():
        for code in codes:
            ind = catalogue.indicators()[code]
            how = "sum" if group == "flows" else "median"
            label = population_title(kind, ind)
            now = values_now.get((code, kind))
            if now is None or now.empty:
                continue
            value = float(now.sum()) if how == "sum" else float(now.median())
            figure_id = f"{group}.{kind}.{code}"
            figures.add(Figure(figure_id, label, value, ind.unit, period, sorted(now.index), code))
            then = values_then.get((code, kind))
            if then is not None and not then.empty:
                figures.add(
                    compared(
                        f"{figure_id}.yoy",
                        f"{label}（同比，同口径）",
                        code,
                        ind.unit,
                        how,
                        period,
                        before,
                        now,
                        then,
                        names,
                    )  # fmt: skip
                )


def enterprise_change_year(analysis: Analysis, period: Period) -> int | None:
    """The last full year with published enterprise changes, up to the report's period."""
    change = analysis.enterprise_change
    last_full_year = period.year if period.is_annual else period.year - 1
    latest = change[(change["year"] <= last_full_year) & change["published"]]
    return None if latest.empty else int(latest["year"].max())


def _enterprise_change_figures(analysis: Analysis, period: Period, figures: Figures) -> None:
    year = enterprise_change_year(analysis, period)
    if year is None:
        return
    change = analysis.enterprise_change
    rows = change[(change["year"] == year) & change["published"]]
    for r in rows.itertuples():
        name = catalogue.indicators()[r.indicator].name
        base = f"enterprise_change.{r.indicator}"
        units = list(r.units)
        of_year = Period.annual(year)
        figures.add(Figure(f"{base}.n", f"{name}：企业数", r.n, "家", of_year, units, r.indicator))
        for key, word in (("median", "中位数"), ("q1", "下四分位数"), ("q3", "上四分位数")):
            figures.add(
                Figure(
                    f"{base}.{key}",
                    f"{name}较基期变化{word}",
                    getattr(r, key),
                    r.change_unit,
                    of_year,
                    units,
                    r.indicator,
                )  # fmt: skip
            )


def _case_figures(analysis: Analysis, period: Period, figures: Figures) -> None:
    """The period's practice cases, and those whose authors asked to publish them."""
    cases = analysis.cases[analysis.cases["period"] == str(period)]
    projects = sorted(set(cases["project"]))
    figures.add(Figure("cases.count", "实践案例", len(cases), "篇", period, projects))
    public = cases[cases["public"]]
    figures.add(
        Figure(
            "cases.public",
            "申请公开的实践案例",
            len(public),
            "篇",
            period,
            sorted(set(public["project"])),
        )  # fmt: skip
    )


def _problem_figures(analysis: Analysis, period: Period, figures: Figures) -> None:
    """The problems reported in the period: in all, by how many projects, and by theme."""
    found = [
        (r.project, p["theme"])
        for r in analysis.corpus.reports
        if r.period == period
        for p in r.data.get("problems", [])
    ]
    reporters = sorted({project for project, _ in found})
    figures.add(Figure("problems.count", "反映的问题", len(found), "条", period, reporters))
    figures.add(
        Figure("problems.projects", "反映问题的项目", len(reporters), "个", period, reporters)
    )
    for theme in sorted({t for _, t in found}):
        of_theme = [project for project, t in found if t == theme]
        figures.add(
            Figure(
                f"problems.theme.{theme}",
                catalogue.label("problem_theme", theme),
                len(of_theme),
                "条",
                period,
                sorted(set(of_theme)),
            )  # fmt: skip
        )


def _supervision_figures(analysis: Analysis, period: Period, figures: Figures) -> None:
    """Reports missing in the period, the province's decisions so far, and the projects the
    supervision proposes to warn or to cancel."""
    supervision = analysis.supervision
    missing = sorted(
        s.project for s in supervision.statuses if s.period == period and s.status == "missing"
    )
    figures.add(Figure("reports.missing", "缺报的报告", len(missing), "份", period, missing))
    decisions = [d for d in analysis.corpus.registry.decisions if d.date <= supervision.as_of]
    figures.add(
        Figure(
            "adjustments.decisions",
            "调整决定",
            len(decisions),
            "项",
            period,
            sorted({d.project for d in decisions}),
        )  # fmt: skip
    )
    for kind, label in (("warning", "建议预警"), ("propose_cancel", "建议取消资格")):
        proposed = sorted(
            r.project for r in supervision.recommendations if r.recommendation == kind
        )
        figures.add(Figure(f"adjustments.{kind}", f"{label}的项目", len(proposed), "个", period,
                           proposed))  # fmt: skip


def report_figures(analysis: Analysis, period: Period) -> Figures:
    """Every figure of the period's report, in the order the report shows them."""
    figures = Figures()
    _project_figures(analysis, period, figures)
    _reporting_figures(analysis, period, figures)
    _indicator_figures(analysis, period, figures, "flows", headline_table(summable=True))
    _indicator_figures(analysis, period, figures, "ratios", headline_table(summable=False))
    _enterprise_change_figures(analysis, period, figures)
    # Cases, problems, decisions and proposals of the period: counts of what is listed.
    _case_figures(analysis, period, figures)
    _problem_figures(analysis, period, figures)
    _supervision_figures(analysis, period, figures)
    return figures


def report_as_of(analysis: Analysis, period: Period) -> date:
    """The date a report on a past period is as of: when its data was complete.

    That is the period's deadline (due date plus grace days) or, when a report of
    the period was confirmed later, that confirmation; never after the analysis date,
    and never today's date for a period whose reports were all in long ago.
    """
    supervision = analysis.supervision
    policy = in_force(period, analysis.corpus.registry.policy, supervision.history.policies)
    confirmed = [
        s.confirmed
        for s in analysis.supervision.statuses
        if s.period == period and s.confirmed is not None
    ]
    return min(analysis.supervision.as_of, max([last_on_time_day(period, policy), *confirmed]))


def to_json(figures: Figures, period: Period, as_of: date) -> dict:
    """`sctrack report --format json`."""
    return {
        "period": str(period),
        "as_of": as_of.isoformat(),
        "figures": [figure.to_json() for figure in figures.values()],
    }
