"""Stage 3, analyse: pure pandas over the loaded records. No I/O.

Everything the renderer shows is computed here, once, on everything;
`analyse.view` then makes the view each audience may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from site_builder.analyse import disclosure
from site_builder.analyse.figures import change, change_unit
from site_builder.analyse.supervision import Supervision, supervise
from site_builder.load.periods import Period
from site_builder.load.records import Corpus, Policy, Project, Report
from site_builder.review.history import History
from site_builder.spec import catalogue

if TYPE_CHECKING:  # releases.py imports this module: the type is named, not imported, here
    from site_builder.analyse.releases import Released

TIER_KIND_LABELS = {
    ("provincial", "region"): "省重点区域",
    ("provincial", "enterprise"): "省重点企业",
    ("national_pilot", "region"): "全国试点城市",
    ("national_pilot", "enterprise"): "全国试点企业",
}

# One closed year's released enterprise aggregates (change, totals), by its release commit,
# year and thresholds (min_contributors, max_share_pct, min_contributors_quantiles): computed
# from a frozen corpus, which never changes, so a build session keeps them (`analyse.releases`).
ReleasedMemo = dict[tuple[str, int, int, float, int], tuple[pd.DataFrame, pd.DataFrame]]


@dataclass
class Analysis:
    corpus: Corpus
    projects: pd.DataFrame  # one row per project
    figures: pd.DataFrame  # long table: one row per figure of a report
    cases: pd.DataFrame  # one row per practice case
    annual: pd.DataFrame  # one value per project, indicator and full year
    enterprise_change: pd.DataFrame  # per indicator and year: n, quartiles of change vs baseline
    # (both enterprise frames hold current figures; the public view replaces them with the
    # releases frozen when each year's reporting window closed, `analyse.releases`)
    enterprise_totals: pd.DataFrame  # per indicator and year: totals by tier with suppression
    regional_totals: pd.DataFrame  # per indicator, year and city: sums of regional figures
    latest_period: Period | None
    supervision: Supervision
    # The enterprise aggregates as released at each year's close (`analyse.releases`), from
    # each closed year's corpus as it stood then: what the public view shows in place of the
    # current figures. None: not computed (no public view was asked for), none released.
    release: Released | None = None

    # Per-project slices, grouped once: filtering the long tables by project for
    # each of 500 projects was most of the rendering time at province scale.
    @cached_property
    def _figures_by_project(self) -> dict[str, pd.DataFrame]:
        return dict(tuple(self.figures.groupby("project", sort=False)))

    @cached_property
    def _annual_by_project(self) -> dict[str, pd.DataFrame]:
        return dict(tuple(self.annual.groupby("project", sort=False)))

    @cached_property
    def _projects_by_id(self) -> pd.DataFrame:
        return self.projects.set_index("id")

    @cached_property
    def _cases_by_project(self) -> dict[str, pd.DataFrame]:
        return dict(tuple(self.cases.groupby("project", sort=False)))

    def project_row(self, project_id: str) -> pd.Series:
        """The project's row of `projects`, indexed by id once for all the project pages."""
        return self._projects_by_id.loc[project_id]

    def cases_of(self, project_id: str) -> pd.DataFrame:
        """The project's rows of `cases`, in the table's order."""
        return self._cases_by_project.get(project_id, self.cases.iloc[0:0])

    def figures_of(self, project_id: str) -> pd.DataFrame:
        return self._figures_by_project.get(project_id, self.figures.iloc[0:0])

    def annual_of(self, project_id: str) -> pd.DataFrame:
        return self._annual_by_project.get(project_id, self.annual.iloc[0:0])


def tier_kind(project: Project) -> str:
    return TIER_KIND_LABELS[(project.tier, project.kind)]


def project_status(corpus: Corpus, project_id: str, as_of: date | None = None) -> str:
    """active | warning | cancelled, from the province's decisions taken by `as_of`."""
    status = "active"
    for decision in sorted(corpus.registry.decisions, key=lambda d: d.date):
        if decision.project != project_id or (as_of is not None and decision.date > as_of):
            continue
        if decision.decision in ("cancel", "restore"):
            status = "cancelled" if decision.decision == "cancel" else "active"
        elif decision.decision == "warning" and status != "cancelled":
            status = "warning"  # a warning does not lift a cancellation; only a restore does
    return status


STATUS_LABELS = {"active": "正常跟进", "warning": "预警", "cancelled": "已取消资格"}


def _projects_frame(corpus: Corpus, as_of: date) -> pd.DataFrame:
    latest: dict[str, Period] = {}
    counts: dict[str, int] = {}
    for report in corpus.reports:
        counts[report.project] = counts.get(report.project, 0) + 1
        if not report.period.is_annual:
            latest[report.project] = max(latest.get(report.project, report.period), report.period)
    rows = []
    for p in corpus.projects.values():
        rows.append(
            {
                "id": p.id,
                "name": p.name,
                "unit": p.unit,
                "kind": p.kind,
                "tier": p.tier,
                "tier_kind": tier_kind(p),
                "city": p.city,
                "city_name": corpus.registry.city_name(p.city),
                "industry": p.industry,
                "industry_name": catalogue.label("industry", p.industry),
                "enterprise_type": p.enterprise_type or "",
                "provincial_soe": p.provincial_soe,
                "start_date": p.start_date,
                "status": project_status(corpus, p.id, as_of),
                "latest_period": str(latest[p.id]) if p.id in latest else "",
                "reports": counts.get(p.id, 0),
            }
        )
    columns = [
        "id", "name", "unit", "kind", "tier", "tier_kind", "city", "city_name", "industry",
        "industry_name", "enterprise_type", "provincial_soe", "start_date", "status",
        "latest_period", "reports",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns).sort_values("id")
    return corpus.registry.city_order(frame).reset_index(drop=True)


def _figures_frame(corpus: Corpus) -> pd.DataFrame:
    indicators = catalogue.indicators()
    columns = [
        "project", "period", "year", "slot", "annual", "section", "indicator", "name", "value",
        "unit", "kind", "audience", "tier", "city",
    ]  # fmt: skip
    # Rows as tuples, the report's and the project's part made once per report: a hundred
    # thousand dicts at province scale took longer than the frame made from them.
    rows = []
    for report in corpus.reports:
        project = corpus.projects.get(report.project)
        if project is None:
            continue
        period = report.period
        when = (report.project, str(period), period.year, period.slot, period.is_annual)
        whose = (project.kind, project.audience, project.tier, project.city)
        for section, body in report.data.items():
            if not isinstance(body, dict) or not isinstance(body.get("figures"), dict):
                continue
            for code, value in body["figures"].items():
                indicator = indicators[code]
                rows.append(
                    (*when, section, code, indicator.name, float(value), indicator.unit, *whose)
                )
    return pd.DataFrame.from_records(rows, columns=columns).astype({"annual": bool, "value": float})


def _annual_frame(figures: pd.DataFrame) -> pd.DataFrame:
    """One value per project, indicator and year: the annual summary's, else Q4's.

    Flows are year-to-date, so Q4 equals the full year; a ratio in the annual
    summary is the year's own, and Q4's stands in for it when it is missing.
    """
    full_year = figures[figures["annual"] | (figures["slot"] == 4)]
    full_year = full_year.sort_values(
        "slot", ascending=False
    )  # the annual summary (ANNUAL_SLOT) first
    return full_year.drop_duplicates(["project", "indicator", "year"], keep="first")[
        ["project", "indicator", "year", "value", "kind", "audience", "tier", "city"]
    ].reset_index(drop=True)


def _baselines(corpus: Corpus, annual: pd.DataFrame) -> dict[tuple[str, str], tuple[int, float]]:
    """Per project and indicator: (year, value) of the target's baseline, else of the first full year."""
    baselines: dict[tuple[str, str], tuple[int, float]] = {}
    by_year = annual.sort_values("year")
    # Columns as lists, not rows as tuples: the same values, without pandas' cost per row.
    for project, indicator, year, value in zip(
        *(by_year[c].tolist() for c in ("project", "indicator", "year", "value")), strict=True
    ):
        baselines.setdefault((project, indicator), (int(year), value))
    for project in corpus.projects.values():
        for target in project.targets:
            if (
                target.indicator
                and target.baseline is not None
                and target.baseline_year is not None
            ):
                baselines[(project.id, target.indicator)] = (target.baseline_year, target.baseline)
    return baselines


CHANGE_COLUMNS = [
    "indicator", "year", "n", "q1", "median", "q3", "published", "reason", "units", "change_unit",
]  # fmt: skip
TOTALS_COLUMNS = ["indicator", "year", "population", "group", "value", "contributors", "reason"]


def _indicator_order(frame: pd.DataFrame) -> pd.DataFrame:
    order = list(catalogue.indicators())
    return frame.sort_values(
        ["year", "indicator"],
        key=lambda s: s.map(order.index) if s.name == "indicator" else s,
        ignore_index=True,
    )


def _enterprise_change(corpus: Corpus, annual: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Median and quartiles of each enterprise's change against its baseline, per indicator
    and year, where enough enterprises contribute and none dominates (`disclosure.spread`).

    Levels change in %, rates (figures in %) in 百分点 (`change_unit`)."""
    baselines = _baselines(corpus, annual)
    firms = {p.id: p.firm for p in corpus.projects.values()}
    rows = []
    enterprise = annual[annual["kind"] == "enterprise"]
    for (code, year), group in enterprise.groupby(["indicator", "year"]):
        unit = catalogue.indicators()[code].unit
        changes, levels, units = [], [], []
        for project, value in zip(group["project"].tolist(), group["value"].tolist(), strict=True):
            base_year, base = baselines.get((project, code), (year, None))
            if base is None or base == 0 or base_year >= year:
                continue  # a change is measured against an earlier year only
            # A rate's change is its difference (百分点); a level's is relative (%).
            delta = change(value, base, unit)
            if delta is None:
                continue  # no value this year
            changes.append(delta)
            levels.append((firms.get(project, project), value))
            units.append(project)
        if not changes:
            continue
        spread = disclosure.spread(
            changes, levels, policy.min_contributors_quantiles, policy.max_share_pct
        )
        rows.append(
            {
                "indicator": code,
                "year": year,
                "n": spread.contributors,
                "q1": spread.q1,
                "median": spread.median,
                "q3": spread.q3,
                "published": spread.published,
                "reason": spread.reason,
                "units": sorted(units),  # the enterprises counted, for traceable figures
                "change_unit": change_unit(unit),
            }
        )
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS).astype({"published": bool})
    return _indicator_order(frame)


def _enterprise_totals(corpus: Corpus, annual: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Totals of summable enterprise figures by tier and in all, with (n, k) suppression.

    Financial institutions and entity enterprises are different populations: an
    indicator both report (green purchase) is totalled within each, never across.
    """
    summable = {c for c, ind in catalogue.indicators().items() if ind.summable}
    enterprise = annual[(annual["kind"] == "enterprise") & annual["indicator"].isin(summable)]
    types = {p.id: p.enterprise_type or "entity" for p in corpus.projects.values()}
    firms = {p.id: p.firm for p in corpus.projects.values()}
    enterprise = enterprise.assign(
        population=enterprise["project"].map(types),
        firm=enterprise["project"].map(lambda project: firms.get(project, project)),
    )
    rows = []
    for (code, year, population), group in enterprise.groupby(["indicator", "year", "population"]):
        groups = {
            tier: list(zip(rows_of["firm"], rows_of["value"], strict=True))
            for tier in ("provincial", "national_pilot")
            for rows_of in [group[group["tier"] == tier]]
        }
        cells, total = disclosure.breakdown(groups, policy.min_contributors, policy.max_share_pct)
        for name, cell in [*cells.items(), ("total", total)]:
            rows.append(
                {
                    "indicator": code,
                    "year": year,
                    "population": population,
                    "group": name,
                    "value": cell.value,
                    "contributors": cell.contributors,
                    "reason": cell.reason,
                }
            )
    return pd.DataFrame(rows, columns=TOTALS_COLUMNS)


def enterprise_aggregates(corpus: Corpus, policy: Policy) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(change, totals) of the enterprise figures in `corpus` under `policy`'s thresholds:
    what `analyse` computes, for a corpus read as it stood at a commit."""
    annual = _annual_frame(_figures_frame(corpus))
    return _enterprise_change(corpus, annual, policy), _enterprise_totals(corpus, annual, policy)


def _regional_totals(annual: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Regional figures (public) summed by city and year; the latest year may be year-to-date."""
    summable = {c for c, ind in catalogue.indicators().items() if ind.summable}
    regional = annual[(annual["kind"] == "region") & annual["indicator"].isin(summable)]
    return (
        regional.groupby(["indicator", "year", "city"], as_index=False)
        .agg(value=("value", "sum"), projects=("project", "nunique"))
        .sort_values(["indicator", "year", "city"], ignore_index=True)
    )


def case_slug(report: Report, number: int) -> str:
    """The page name of a report's `number`-th case (from 1): project, period, number."""
    return f"{report.project}-{report.period.stem.lower()}-{number}"


def _cases_frame(corpus: Corpus) -> pd.DataFrame:
    rows = []
    for report in corpus.reports:
        project = corpus.projects.get(report.project)
        if project is None:
            continue
        for number, case in enumerate(report.cases(), start=1):
            rows.append(
                {
                    "slug": case_slug(report, number),
                    "number": number,
                    "project": report.project,
                    "project_name": project.name,
                    "city": project.city,
                    "city_name": corpus.registry.city_name(project.city),
                    "period": str(report.period),
                    "period_label": report.period.label,
                    "period_sort": (report.period.year, report.period.slot),
                    "title": case["title"],
                    "summary": case["summary"],
                    "body": case["body"],
                    "tags": list(case["tags"]),
                    "public": bool(case.get("public", False)),
                    "project_status": project_status(corpus, project.id),
                }
            )
    columns = [
        "slug", "number", "project", "project_name", "city", "city_name", "period", "period_label",
        "period_sort", "title", "summary", "body", "tags", "public", "project_status",
    ]  # fmt: skip
    # Typed even when empty: a mask of an empty object column selects columns, not rows.
    frame = pd.DataFrame(rows, columns=columns).astype({"public": bool, "number": int})
    return frame.sort_values(["period_sort", "slug"], ascending=[False, True], ignore_index=True)


def analyse(
    corpus: Corpus,
    history: History | None,
    as_of: date,
    now: datetime | None = None,
    release: Released | None = None,
) -> Analysis:
    """Everything the pages need, as of the end of `as_of` and never past `now` (None: the
    end of that day). `history` holds confirmation dates (None: unknown); `release` the
    aggregates released at each closed year's close (`analyse.releases.released_aggregates`,
    which the pipeline computes beside this). Reads nothing: the pipeline reads the files
    and the history and hands them in."""
    figures = _figures_frame(corpus)
    annual = _annual_frame(figures)
    history = history or History(False, reason="未读取 git 历史")
    quarters = [r.period for r in corpus.reports if not r.period.is_annual]
    return Analysis(
        corpus=corpus,
        projects=_projects_frame(corpus, as_of),
        figures=figures,
        cases=_cases_frame(corpus),
        annual=annual,
        enterprise_change=_enterprise_change(corpus, annual, corpus.registry.policy),
        enterprise_totals=_enterprise_totals(corpus, annual, corpus.registry.policy),
        regional_totals=_regional_totals(annual, figures),
        latest_period=max(quarters) if quarters else None,
        supervision=supervise(corpus, history, annual, as_of, now),
        release=release,
    )
