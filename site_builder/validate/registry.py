"""The table of rules across files: each rule a function registered under its finding code.

As lib-cove keys its messages by validator, every cross-file rule is found by its code
(`rules.RULES[code]`), names the templates of `wording.TEMPLATES` it words its findings with,
and is run by one loop (`rules.check`). A rule reads the corpus of schema-valid records
plus the positions of their values and yields findings; none of them changes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType, ModuleType
from typing import Any

from site_builder.findings import CODES, Finding
from site_builder.load.periods import Period
from site_builder.load.records import Corpus, Project
from site_builder.load.tree import SourceFile
from site_builder.load.yamlsafe import Positions


@dataclass
class Context:
    corpus: Corpus
    sources: list[SourceFile]
    data: dict[str, dict[str, Any]]  # display path -> schema-valid data
    positions: dict[str, Positions]
    today: date
    registry_loaded: bool  # cities.yaml was read and valid
    all_projects_loaded: bool  # every project.yaml of the tree is in the corpus
    # The positions of a file `positions` lacks (one without findings of its own), parsed again.
    parse_positions: Callable[[str], Positions | None] = lambda display: None
    # What several rules read alike, made by the first of them (`series_rules._pairs`).
    shared: dict[str, Any] = field(default_factory=dict)

    def where(self, display: str, *path: str | int) -> tuple[int, int]:
        """Line and column of `path` in a file; (1, 1) when its positions cannot be had."""
        if display not in self.positions:  # parsed once; an unreadable file locates nothing
            self.positions[display] = self.parse_positions(display) or Positions()
        return self.positions[display].locate(tuple(path))


Check = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """One rule: its finding code, the function that applies it and the templates it words with."""

    code: str
    check: Check
    templates: tuple[str, ...]

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring: what it asks of the files."""
        return (self.check.__doc__ or "").strip().splitlines()[0]


# Codes said by something other than a registered rule, and where: findings of reading a file
# and of the schemas come from their own stages, two X codes from the walk over the tree, and
# one X code also by the Excel import, before the rules can run.
FOUND_ELSEWHERE: dict[str, str] = {
    "L": "load/: reading a file (yamlguard.py, yamlerrors.py, yamlsafe.py)",
    "S": "validate/messages.py and values.py: a file against its schema",
    "E": "office/excel/: what a filled workbook holds beyond its values (`sctrack import`)",
    "R": "review/: what a pull request may change (check_scope.py) and what to look at twice (diff.py)",
    "X002": "load/tree.py: a file with no place in the layout of submissions/",
    "X018": "validate/run.py: registry/cities.yaml missing from the whole tree",
    "X011": "also office/excel/importer.py: a workbook made for the project's former kind",
}


def rule(code: str, *templates: str) -> Callable[[Check], Rule]:
    """Make the decorated function the rule of `code`, worded with `templates`."""

    def make(check: Check) -> Rule:
        assert code in CODES, code
        return Rule(code, check, templates)

    return make


def table(*modules: ModuleType) -> Mapping[str, Rule]:
    """The rules the modules define, by code: built once from what the modules hold, so no
    table is filled as a side effect of importing them. A code with two rules is a slip."""
    found = {id(v): v for m in modules for v in vars(m).values() if isinstance(v, Rule)}
    by_code = {r.code: r for r in found.values()}
    assert len(by_code) == len(found), "two rules share a finding code"
    return MappingProxyType(dict(sorted(by_code.items())))


def project_files(ctx: Context) -> Iterator[tuple[str, dict[str, Any], Project | None]]:
    """Each valid project.yaml: its display path, its data and its record (None if not built)."""
    for source in ctx.sources:
        if source.schema == "project" and source.display in ctx.data:
            project = ctx.corpus.projects.get(source.project or "")
            yield source.display, ctx.data[source.display], project


def report_files(ctx: Context) -> Iterator[tuple[SourceFile, Period, dict[str, Any]]]:
    """Each valid report with its period and its data."""
    for source in ctx.sources:
        if source.period is not None and source.display in ctx.data:
            yield source, source.period, ctx.data[source.display]


def reports_of_projects(
    ctx: Context,
) -> Iterator[tuple[SourceFile, Period, dict[str, Any], Project]]:
    """Reports that can be checked against their project: it is known and of the same kind
    (X010 and X011 say so otherwise, and nothing else is said about such a report)."""
    for source, period, data in report_files(ctx):
        project = ctx.corpus.projects.get(source.project or "")
        if project is not None and data["kind"] == project.kind:
            yield source, period, data, project
