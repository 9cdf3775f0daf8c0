"""Rules on a project's own file (project.yaml) and on what its reports may name of it:
the folder, the city, the targets, the dates, and which indicators and items apply."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from site_builder.findings import Finding, at
from site_builder.load.records import Project
from site_builder.spec import catalogue, schema
from site_builder.validate.registry import (
    Context,
    project_files,
    reports_of_projects,
    rule,
)
from site_builder.validate.wording import say


@rule("X001", "folder_id")
def folder_is_project_id(ctx: Context) -> Iterator[Finding]:
    """A project's id is the name of its folder: links and reports find it by either."""
    for source in ctx.sources:
        if source.schema == "project" and source.display in ctx.data:
            data = ctx.data[source.display]
            if data["id"] != source.project:
                message = say("folder_id", id=data["id"], folder=source.project)
                yield at(source.display, "X001", message, *ctx.where(source.display, "id"))


@rule("X007", "unknown_city")
def city_is_registered(ctx: Context) -> Iterator[Finding]:
    """A project's city is one of registry/cities.yaml: its team reviews the project."""
    if not ctx.registry_loaded:
        return
    cities = ctx.corpus.registry.cities
    for display, _, project in project_files(ctx):
        if project is not None and project.city not in cities:
            choices = "、".join(f"{c.id}（{c.name}）" for c in cities.values())
            message = say("unknown_city", city=project.city, choices=choices)
            yield at(display, "X007", message, *ctx.where(display, "city"))


@rule("X013", "duplicate_target", "unknown_target")
def targets_are_known(ctx: Context) -> Iterator[Finding]:
    """Target ids are unique in project.yaml, and a report's progress names one of them."""
    for display, _, project in project_files(ctx):
        if project is None:
            continue
        counts = Counter(t.id for t in project.targets)
        for index, target in enumerate(project.targets):
            if counts[target.id] > 1:
                message = say("duplicate_target", id=target.id)
                yield at(display, "X013", message, *ctx.where(display, "targets", index, "id"))
    for source, _, data, project in reports_of_projects(ctx):
        known = {t.id for t in project.targets}
        for index, row in enumerate(data.get("targets", {}).get("progress", [])):
            if row["target"] not in known:
                choices = "、".join(sorted(known)) or "（立项信息中没有目标）"
                message = say("unknown_target", target=row["target"], choices=choices)
                where = ctx.where(source.display, "targets", "progress", index, "target")
                yield at(source.display, "X013", message, *where)


@rule("X017", "baseline_after_target", "start_ahead", "date_before_start")
def dates_in_order(ctx: Context) -> Iterator[Finding]:
    """A target's base year precedes its year, a project's start has come, and the province's
    decisions and flags on a project come after its start."""
    for display, _, project in project_files(ctx):
        if project is not None:
            yield from _project_dates(ctx, display, project)
    if not ctx.all_projects_loaded:
        return  # a decision's project may be one not read
    for source in ctx.sources:
        data = ctx.data.get(source.display)
        if source.schema == "adjustments" and data is not None:
            yield from _decision_dates(ctx, source.display, data)


def _project_dates(ctx: Context, display: str, project: Project) -> Iterator[Finding]:
    for index, target in enumerate(project.targets):
        if target.baseline_year and target.baseline_year > target.target_year:
            words = dict(target=target.id, baseline=target.baseline_year, year=target.target_year)
            where = ctx.where(display, "targets", index, "baseline_year")
            yield at(display, "X017", say("baseline_after_target", **words), *where)
    if project.start_date > ctx.today:
        message = say("start_ahead", start=project.start_date)
        yield at(display, "X017", message, *ctx.where(display, "start_date"))


def _decision_dates(ctx: Context, display: str, data: dict[str, Any]) -> Iterator[Finding]:
    for group in ("decisions", "flags"):
        for index, row in enumerate(data.get(group, [])):
            project = ctx.corpus.projects.get(row["project"])
            if project is not None and row["date"] < project.start_date.isoformat():
                message = say("date_before_start", date=row["date"], start=project.start_date)
                yield at(display, "X017", message, *ctx.where(display, group, index, "date"))


@rule("X008", "indicator_not_applicable", "item_not_applicable")
def applies_to_project(ctx: Context) -> Iterator[Finding]:
    """Indicators of targets and figures, and the items the notice asks only of entity firms
    or only of financial institutions, apply to the project's kind and type."""
    for display, _, project in project_files(ctx):
        if project is None:
            continue
        for index, target in enumerate(project.targets):
            indicator = catalogue.indicators()[target.indicator] if target.indicator else None
            if indicator and not indicator.applies(project.kind, project.enterprise_type):
                where = ctx.where(display, "targets", index, "indicator")
                yield at(display, "X008", _not_applicable(indicator, project), *where)
    conditional = _conditional_items()
    for source, _, data, project in reports_of_projects(ctx):
        for key, section in data.items():
            if isinstance(section, dict):
                yield from _figures_for_project(ctx, source.display, key, section, project)
                if project.kind == "enterprise" and key in conditional:
                    part = conditional[key]
                    yield from _items_for_type(ctx, source.display, part, section, project)


def _not_applicable(indicator: catalogue.Indicator, project: Project) -> str:
    applies = "、".join(
        "区域项目" if a == "region" else catalogue.label("enterprise_type", a)
        for a in indicator.applies_to
    )
    own = (
        "区域项目"
        if project.kind == "region"
        else catalogue.label("enterprise_type", project.enterprise_type)
    )
    words = dict(name=indicator.name, code=indicator.code, applies=applies, own=own)
    return say("indicator_not_applicable", **words)


def _figures_for_project(
    ctx: Context, d: str, key: str, section: dict[str, Any], project: Project
) -> Iterator[Finding]:
    for code in section.get("figures") or {}:
        indicator = catalogue.indicators()[code]
        if not indicator.applies(project.kind, project.enterprise_type):
            where = ctx.where(d, key, "figures", code)
            yield at(d, "X008", _not_applicable(indicator, project), *where)


# An enterprise report's part, with its items asked only of some types of enterprise.
ConditionalItems = tuple[schema.Part, list[tuple[str, dict[str, Any]]]]


def _conditional_items() -> dict[str, ConditionalItems]:
    """Each part of an enterprise report, by key, with the items that name the types of
    enterprise they apply to (looked up once per validation, not once per report section)."""
    return {
        part.key: (part, [(item, sub) for item, sub in part.items if sub.get("x-applies-to")])
        for part in schema.report_parts("enterprise")
    }


def _items_for_type(
    ctx: Context, d: str, conditional: ConditionalItems, section: dict[str, Any], project: Project
) -> Iterator[Finding]:
    """Items the notice asks only of entity firms, or only of financial institutions."""
    part, items = conditional
    for item, sub in items:
        applies = sub["x-applies-to"]
        if item in section and project.enterprise_type not in applies:
            own = catalogue.label("enterprise_type", project.enterprise_type)
            who = "、".join(catalogue.label("enterprise_type", a) for a in applies)
            words = dict(title=sub["title"], who=who, own=own, general=part.items[0][1]["title"])
            where = ctx.where(d, part.key, item)
            yield at(d, "X008", say("item_not_applicable", **words), *where)
