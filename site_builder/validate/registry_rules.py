"""Rules on the province's registry files: cities.yaml, policy.yaml and adjustments.yaml."""

from __future__ import annotations

import zoneinfo
from collections import Counter
from collections.abc import Iterator
from typing import Any

from site_builder.findings import Finding, at
from site_builder.validate.registry import Context, rule
from site_builder.validate.wording import say


def _registry_file(ctx: Context, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The display path and data of the registry file of schema `name`, if valid."""
    for source in ctx.sources:
        data = ctx.data.get(source.display)
        if source.schema == name and data is not None:
            yield source.display, data


@rule("X015", "duplicate_city")
def cities_unique(ctx: Context) -> Iterator[Finding]:
    """Each city of cities.yaml has its own id: projects name their city by it."""
    for d, data in _registry_file(ctx, "cities"):
        counts = Counter(c["id"] for c in data["cities"])
        for index, city in enumerate(data["cities"]):
            if counts[city["id"]] > 1:
                message = say("duplicate_city", id=city["id"])
                yield at(d, "X015", message, *ctx.where(d, "cities", index, "id"))


@rule("X014", "unknown_project")
def decisions_name_projects(ctx: Context) -> Iterator[Finding]:
    """The province's decisions and flags name projects of the tree."""
    if not ctx.all_projects_loaded:
        return  # a project not read is not a missing one
    for d, data in _registry_file(ctx, "adjustments"):
        for group in ("decisions", "flags"):
            for index, row in enumerate(data.get(group, [])):
                if row["project"] not in ctx.corpus.projects:
                    message = say("unknown_project", project=row["project"])
                    yield at(d, "X014", message, *ctx.where(d, group, index, "project"))


@rule("S005", "timezone")
def timezone_known(ctx: Context) -> Iterator[Finding]:
    """The policy's time zone is one zoneinfo knows: every due date is read in it (a value
    out of its choices, as S005 says of the schema's enums, but the choices are zoneinfo's)."""
    for d, data in _registry_file(ctx, "policy"):
        zone = (data.get("calendar") or {}).get("timezone")
        if zone is not None and zone not in zoneinfo.available_timezones():
            message = say("timezone", zone=zone)
            yield at(d, "S005", message, *ctx.where(d, "calendar", "timezone"))
