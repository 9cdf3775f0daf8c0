"""Stage 1, load: find the files under `submissions/`, parse them, build records.

The layout is fixed (DESIGN section 3):

    submissions/registry/{cities,policy,adjustments}.yaml
    submissions/projects/<project-id>/project.yaml
    submissions/projects/<project-id>/<YYYY>-Q<n>.yaml
    submissions/projects/<project-id>/<YYYY>-annual.yaml

Anything else under `submissions/` is reported, and symlinks are refused
without being followed, so nothing outside the repository is ever read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from site_builder.validate.findings import Finding, at
from site_builder.load.records import City, Corpus, Decision, Flag, Policy, Project, Registry, Report
from site_builder.load.periods import Period, parse_date, parse_stem
from site_builder.load.yamlsafe import Parsed, parse_file

SUBMISSIONS = "submissions"
REGISTRY_FILES = {
    "cities.yaml": "cities",
    "policy.yaml": "policy",
    "adjustments.yaml": "adjustments",
}


@dataclass(frozen=True)
class SourceFile:
    """One file of the tree and what its place in the layout says it is."""

    path: Path
    display: str  # relative to the root, forward slashes: what messages show
    schema: str  # schema name: project, quarterly-report, annual-report, cities, ...
    project: str | None = None  # the folder a project file sits in
    period: Period | None = None


def display_path(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def classify(root: Path, path: Path) -> SourceFile | Finding:
    """What a path is in the layout, or the finding that says it has no place there."""
    display = display_path(root, path)
    parts = display.split("/")
    if len(parts) == 3 and parts[:2] == [SUBMISSIONS, "registry"] and parts[2] in REGISTRY_FILES:
        return SourceFile(path, display, REGISTRY_FILES[parts[2]])
    if len(parts) == 4 and parts[:2] == [SUBMISSIONS, "projects"]:
        folder, name = parts[2], parts[3]
        if name == "project.yaml":
            return SourceFile(path, display, "project", folder)
        if name.endswith(".yaml"):
            period = parse_stem(name[: -len(".yaml")])
            if period is not None:
                schema = "annual-report" if period.is_annual else "quarterly-report"
                return SourceFile(path, display, schema, folder, period)
        return at(
            display,
            "X002",
            f"项目文件夹中只能有 project.yaml 和按报告期命名的报告，例如 2021-Q3.yaml（季报）或 "
            f"2021-annual.yaml（年度总结）。“{name}”不符合命名规则，请改名或删除。",
        )
    if parts[:2] == [SUBMISSIONS, "registry"]:
        return at(
            display, "X002", "registry/ 中只能有 cities.yaml、policy.yaml 和 adjustments.yaml。"
        )
    return at(
        display,
        "X002",
        "submissions/ 中的文件只能放在 registry/ 或 projects/<项目编号>/ 下（见填报指南）。",
    )


def discover(
    root: Path, folders: list[Path] | None = None
) -> tuple[list[SourceFile], list[Finding]]:
    """Every file under `submissions/` (or only under `folders`), in a stable order,
    without following symlinks."""
    base = root / SUBMISSIONS
    sources: list[SourceFile] = []
    findings: list[Finding] = []
    if not base.is_dir():
        return sources, [
            at(
                SUBMISSIONS,
                "X002",
                f"找不到 {SUBMISSIONS}/ 文件夹。请在仓库根目录运行，或用 --root 指定。",
            )
        ]
    stack = [base] if folders is None else [f for f in folders if f.is_dir() and not f.is_symlink()]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = Path(entry.path)
                if entry.is_symlink():
                    findings.append(
                        at(
                            display_path(root, path),
                            "L001",
                            "这是一个符号链接。报送目录中不允许符号链接（可能把仓库外的文件带进站点），请放入文件本身。",
                        )
                    )
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                    result = classify(root, path)
                    (sources if isinstance(result, SourceFile) else findings).append(result)
    sources.sort(key=lambda s: s.display)
    return sources, findings


def parse(source: SourceFile) -> Parsed:
    return parse_file(source.path, source.display)


# --- records from validated data ----------------------------------------------


def build_registry(data: dict[str, dict | None]) -> Registry:
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
                parse_date(row["date"]),
                row["decision"],
                row["document_no"],
                row["reason"],
            )
        )
    for row in adjustments.get("flags", []):
        registry.flags.append(
            Flag(row["project"], parse_date(row["date"]), row["type"], row["note"])
        )
    return registry


def build_corpus(root: Path, registry: Registry, files: list[tuple[SourceFile, dict]]) -> Corpus:
    """Records from files that passed their schema; reports sorted by project and period."""
    projects: dict[str, Project] = {}
    reports: list[Report] = []
    for source, data in files:
        if source.schema == "project":
            projects[source.project] = Project.from_data(data, source.display)
        elif source.period is not None:
            reports.append(
                Report(source.project, source.period, data["kind"], data, source.display)
            )
    reports.sort(key=lambda r: (r.project, r.period))
    return Corpus(str(root), registry, projects, reports)
