"""Records from validated data: the registry from its three files, the corpus from the
project and report files that passed their schemas (`validate.run` builds both)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from site_builder.load.records import (
    City,
    Corpus,
    Decision,
    Flag,
    Policy,
    Project,
    Registry,
    Report,
)
from site_builder.load.tree import SourceFile


def build_registry(data: dict[str, dict[str, Any] | None]) -> Registry:
    """The registry from the (valid) data of cities, policy and adjustments."""
    registry = Registry(policy=Policy.from_data(data.get("policy")))
    cities = data.get("cities") or {}
    for city in cities.get("cities", []):
        registry.cities.setdefault(
            city["id"], City(city["id"], city["name"], city["reviewer_team"])
        )
    registry.province_team = cities.get("province", {}).get("team", "")
    registry.maintainers = list(cities.get("province", {}).get("maintainers", []))
    registry.sasac_team = cities.get("sasac", {}).get("team", "")
    adjustments = data.get("adjustments") or {}
    for row in adjustments.get("decisions", []):
        registry.decisions.append(
            Decision(
                row["project"],
                date.fromisoformat(row["date"]),  # checked by the schema's date format
                row["decision"],
                row["document_no"],
                row["reason"],
            )
        )
    for row in adjustments.get("flags", []):
        registry.flags.append(
            Flag(row["project"], date.fromisoformat(row["date"]), row["type"], row["note"])
        )
    return registry


def build_corpus(
    root: Path, registry: Registry, files: list[tuple[SourceFile, dict[str, Any]]]
) -> Corpus:
    """Records from files that passed their schema; reports sorted by project and period."""
    projects: dict[str, Project] = {}
    reports: list[Report] = []
    for source, data in files:
        if source.project is None:
            continue  # the registry's files
        if source.schema == "project":
            projects[source.project] = Project.from_data(data, source.display)
        elif source.period is not None:
            reports.append(
                Report(source.project, source.period, data["kind"], data, source.display)
            )
    reports.sort(key=lambda r: (r.project, r.period))
    return Corpus(str(root), registry, projects, reports)
