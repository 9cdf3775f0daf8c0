"""The audience as a data view: what one audience may see of the analysis, made in one place.

Analysis runs once on everything. `make_view` turns its result into the view of
one audience; renderers and downloads receive a view and show what it holds.
The public view is built so that a renderer cannot leak by forgetting a test:

- every record loses each path its JSON Schema marks `"x-visibility": "internal"`
  (walked through `properties`, `additionalProperties`, array `items`, `$ref`
  into `$defs` and the kind branches of `allOf`), so report narratives, per-enterprise figures,
  problems, target values, contacts and submitters are gone;
- enterprise figures remain only as the disclosure-controlled aggregates
  (`enterprise_change`, `enterprise_totals`), and only as released: each year's
  frozen when its reporting window closed (`analyse.releases`), nothing without a
  trustworthy history; `enterprise_notice` says which and why;
- enterprise reports are absent from the records, and an enterprise's latest
  period and report count from the projects table: none of them may single out
  the firm whose report was merged last;
- report statuses are anonymous and pooled: a city-period with fewer than
  `min_contributors` projects counts under 其他城市 (`disclosure.pool_small_cities`);
- unpublished cases are absent, from the cases table and from the reports;
- the frames only authorised users see are empty: per-project report
  statuses, target progress, recommendations, risk flags, git records.

The internal view is the analysis itself. Which pages and sections exist is
the one thing the audience still chooses, here, as the view's `sections`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any

import pandas as pd

from site_builder.analyse.analysis import Analysis
from site_builder.analyse.disclosure import pool_small_cities
from site_builder.analyse.releases import released_aggregates
from site_builder.analyse.supervision import Supervision
from site_builder.load.records import Corpus, Project, Registry, Report, Target
from site_builder.review.history import History
from site_builder.spec import catalogue, schema

# The pages and page sections only authorised users get.
TEAMS_PAGE = "teams"  # 审核分工
REPORT_PAGES = "reports"  # 汇总报告 and their Word files
PROJECT_DETAIL = "project_detail"  # reports, targets, timeline, contacts on a project's page
COMPLIANCE_BY_PROJECT = "compliance_by_project"  # per-project statuses: heatmap, late list, table
ADJUSTMENT_ADVICE = "adjustment_advice"  # recommendations and risk flags
REMINDERS_PAGE = "reminders"  # 催报清单: per city, the reports to urge and their submitters
RESTRICTED_NOTICE = "restricted_notice"  # pages say the data is for authorised users only
CITY_DESK = "city_desk"  # a city page as its reviewer's desk: due, late, missing, corrected, PRs
INTERNAL_SECTIONS = frozenset(
    {
        TEAMS_PAGE,
        REPORT_PAGES,
        PROJECT_DETAIL,
        COMPLIANCE_BY_PROJECT,
        ADJUSTMENT_ADVICE,
        REMINDERS_PAGE,
        RESTRICTED_NOTICE,
        CITY_DESK,
    }
)


@dataclass
class View(Analysis):
    """The analysis as one audience may see it, and the optional sections it gets."""

    sections: frozenset[str] = field(default_factory=frozenset)
    # How the enterprise aggregates in this view were released, in Chinese ("" internally).
    enterprise_notice: str = ""

    def shows(self, section: str) -> bool:
        return section in self.sections


def make_view(analysis: Analysis, audience: str) -> View:
    """The view of `analysis` for `audience` ("public" or "internal")."""
    if audience == "internal":
        return View(**_fields_of(analysis), sections=INTERNAL_SECTIONS)
    if audience == "public":
        return public_view(analysis)
    raise ValueError(f"unknown audience {audience!r}")


def uses_releases(audience: str) -> bool:
    """Whether the view for `audience` shows enterprise aggregates as released, computed from
    each closed year's files at its close (`Analysis.release`): only then are they read."""
    return audience == "public"


def _fields_of(analysis: Analysis) -> dict[str, Any]:
    return {f.name: getattr(analysis, f.name) for f in fields(Analysis)}


# --- records: remove what the schemas mark internal --------------------------------------

_REMOVED = object()


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """`node` with a local `$ref` (into `$defs`) replaced by what it points to."""
    seen = 0
    while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/") and seen < 20:
        target: Any = root
        for step in node["$ref"][2:].split("/"):
            target = target[step]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def _branch_applies(condition: dict[str, Any], value: dict[str, Any]) -> bool:
    """An `if` of the form used in our schemas: properties with `const` values."""
    properties = condition.get("properties", {})
    return bool(properties) and all(
        isinstance(rule, dict) and "const" in rule and value.get(key) == rule["const"]
        for key, rule in properties.items()
    )


def _properties(
    root: dict[str, Any], node: dict[str, Any], value: dict[str, Any]
) -> dict[str, Any]:
    """The property schemas that describe `value`: its own and those of the branches it meets."""
    properties = dict(node.get("properties", {}))
    for branch in node.get("allOf", []):
        branch = _resolve(root, branch)
        if "if" in branch:
            chosen = (
                branch.get("then") if _branch_applies(branch["if"], value) else branch.get("else")
            )
        else:
            chosen = branch
        if isinstance(chosen, dict):
            properties.update(_properties(root, _resolve(root, chosen), value))
    return properties


def _strip(root: dict[str, Any], node: Any, value: Any) -> Any:
    if not isinstance(node, dict):
        return value  # no schema below here: nothing is marked
    node = _resolve(root, node)
    if node.get("x-visibility") == "internal":
        return _REMOVED
    if isinstance(value, dict):
        properties = _properties(root, node, value)
        other = node.get("additionalProperties")
        kept = {}
        for key, item in value.items():
            result = _strip(root, properties.get(key, other), item)
            if result is not _REMOVED:
                kept[key] = result
        return kept
    if isinstance(value, list):
        items = node.get("items")
        return [r for v in value if (r := _strip(root, items, v)) is not _REMOVED]
    return value


def redact(schema_name: str, data: dict[str, Any]) -> dict[str, Any]:
    """A copy of `data` without any value whose schema says `"x-visibility": "internal"`."""
    root = schema.load(schema_name)
    stripped: dict[str, Any] = _strip(root, root, data)
    return stripped


def _public_project(project: Project) -> Project:
    data = {f.name: getattr(project, f.name) for f in fields(Project)}
    data["targets"] = [
        {f.name: getattr(t, f.name) for f in fields(Target)} for t in project.targets
    ]
    kept = redact("project", data)
    # A removed field keeps its type, empty: [] for contacts and submitters.
    emptied = {name: type(value)() for name, value in data.items() if name not in kept}
    kept["targets"] = [Target(**t) for t in kept.get("targets", [])]
    return Project(**{**emptied, **kept})


def _public_report(report: Report) -> Report:
    data = redact(schema.report_schema_name(report.period.is_annual), report.data)
    if "cases" in data:
        data["cases"] = [case for case in data["cases"] if case.get("public")]
    return replace(report, data=data)


def _public_registry(registry: Registry) -> Registry:
    internal = schema.internal_paths("cities")
    return replace(
        registry,
        maintainers=[] if ("province", "maintainers") in internal else registry.maintainers,
        flags=[],  # risk and violation records: the province's own, notes marked internal
    )


def public_corpus(corpus: Corpus) -> Corpus:
    return Corpus(
        root=corpus.root,
        registry=_public_registry(corpus.registry),
        projects={pid: _public_project(p) for pid, p in corpus.projects.items()},
        reports=[
            _public_report(r)
            for r in corpus.reports
            if r.project in corpus.projects and corpus.projects[r.project].kind != "enterprise"
        ],
    )


# --- frames: public figures, published cases, anonymous statuses ------------------------


@cache
def _figure_visibility(kind: str, section: str, code: str) -> str:
    node = schema.subschema_at("quarterly-report", {"kind": kind}, (section, "figures", code))
    return str(node.get("x-visibility", "public"))


def figure_is_public(kind: str, section: str, code: str) -> bool:
    return _figure_visibility(kind, section, code) != "internal"


def _indicator_is_public(kind: str, code: str) -> bool:
    section = catalogue.indicators()[code].section.get(kind)
    return section is not None and figure_is_public(kind, section, code)


def _public_rows(frame: pd.DataFrame, public: list[bool]) -> pd.DataFrame:
    return frame[pd.Series(public, index=frame.index, dtype=bool)].reset_index(drop=True)


def public_figures(figures: pd.DataFrame) -> pd.DataFrame:
    return _public_rows(
        figures,
        [
            figure_is_public(k, s, c)
            # As lists: iterating a column of pandas strings costs a call per element.
            for k, s, c in zip(
                figures["kind"].tolist(),
                figures["section"].tolist(),
                figures["indicator"].tolist(),
                strict=True,
            )
        ],
    )


def public_annual(annual: pd.DataFrame) -> pd.DataFrame:
    return _public_rows(
        annual,
        [
            _indicator_is_public(k, c)
            for k, c in zip(annual["kind"].tolist(), annual["indicator"].tolist(), strict=True)
        ],
    )


def public_projects(projects: pd.DataFrame) -> pd.DataFrame:
    """The projects table without what changes when an enterprise reports: its latest period
    and report count (the directory would otherwise point at the firm that just reported)."""
    public = projects.copy()
    enterprise = public["kind"] == "enterprise"
    public.loc[enterprise, "latest_period"] = ""
    public["reports"] = public["reports"].astype("Int64").mask(enterprise)
    return public


def public_supervision(supervision: Supervision, min_contributors: int) -> Supervision:
    """Statuses without the projects they belong to, small cities pooled (rates per city and
    period never stand for fewer than `min_contributors` projects)."""
    history = supervision.history
    return Supervision(
        as_of=supervision.as_of,
        history=History(history.available, reason=history.reason),
        statuses=[],
        frame=pool_small_cities(supervision.frame, min_contributors).drop(columns=["project"]),
        progress=[],
        recommendations=[],
    )


def public_view(analysis: Analysis) -> View:
    regional = analysis.regional_totals
    supervision = analysis.supervision
    # Where main stood at each close is known even from a history that records no review.
    landed = supervision.landed or supervision.history
    # Without the closed years' corpora (not read), no year is released.
    released = analysis.release or released_aggregates(
        analysis.corpus, landed, supervision.as_of, {}
    )
    return View(
        corpus=public_corpus(analysis.corpus),
        projects=public_projects(analysis.projects),
        figures=public_figures(analysis.figures),
        cases=analysis.cases[analysis.cases["public"]].reset_index(drop=True),
        annual=public_annual(analysis.annual),
        enterprise_change=released.change,  # as released at each year's close
        enterprise_totals=released.totals,
        regional_totals=_public_rows(
            regional, [_indicator_is_public("region", c) for c in regional["indicator"]]
        ),
        latest_period=analysis.latest_period,
        supervision=public_supervision(
            supervision, analysis.corpus.registry.policy.min_contributors
        ),
        sections=frozenset(),
        enterprise_notice=released.notice,
    )
