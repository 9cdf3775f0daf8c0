"""Rules about the firm behind an enterprise project: its 统一社会信用代码, and projects that
share one firm.

Disclosure control counts firms (`Project.firm`), so the code must be right: a wrong check
character means a mistyped code, and two projects of one firm would count as two. Two
projects of one firm in the same tier are allowed, but worth a look by the province (a
warning): their figures are summed as one contributor in every public aggregate.
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.findings import Finding, at
from site_builder.load.records import Project
from site_builder.spec import catalogue, credit_code
from site_builder.validate.registry import Context, rule
from site_builder.validate.wording import say


@rule("X020", "credit_code")
def credit_code_checks(ctx: Context) -> Iterator[Finding]:
    """The code's check character per project.yaml (GB 32100-2015)."""
    for source in ctx.sources:
        code = (ctx.data.get(source.display) or {}).get("credit_code")
        if source.schema == "project" and code and not credit_code.is_valid(code):
            message = say("credit_code", code=code, expected=credit_code.check_character(code[:17]))
            yield at(source.display, "X020", message, *ctx.where(source.display, "credit_code"))


@rule("X021", "same_firm")
def one_project_per_firm_and_tier(ctx: Context) -> Iterator[Finding]:
    """Firms with two projects in one tier: a warning on each of them."""
    if not ctx.all_projects_loaded:
        return  # the firm's other project may be one not read
    sources = {s.project: s.display for s in ctx.sources if s.schema == "project"}
    for tier, projects in _firms_in_tiers(ctx):
        for project in projects:
            if project.id not in sources:
                continue
            display = sources[project.id]
            others = "、".join(f"“{p.id}”" for p in projects if p is not project)
            same = "统一社会信用代码" if project.credit_code else "项目单位"
            words = dict(others=others, same=same, tier=catalogue.label("tier", tier))
            where = ctx.where(display, "credit_code" if project.credit_code else "unit")
            yield at(display, "X021", say("same_firm", **words), *where, warning=True)


def _firms_in_tiers(ctx: Context) -> Iterator[tuple[str, list[Project]]]:
    """(tier, projects) of each firm with more than one enterprise project in one tier."""
    by_firm: dict[tuple[str, str], list[Project]] = {}
    for project in sorted(ctx.corpus.projects.values(), key=lambda p: p.id):
        if project.kind == "enterprise":
            by_firm.setdefault((project.firm, project.tier), []).append(project)
    for (_, tier), projects in by_firm.items():
        if len(projects) > 1:
            yield tier, projects
