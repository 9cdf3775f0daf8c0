"""Rules about the firm behind an enterprise project: its 统一社会信用代码, and projects that
share one firm.

Disclosure control counts firms (`Project.firm`), so the code must be right: a wrong check
character means a mistyped code, and two projects of one firm would count as two. Two
projects of one firm in the same tier are allowed, but worth a look by the province (a
warning): their figures are summed as one contributor in every public aggregate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from site_builder.findings import Finding, at
from site_builder.load.records import Project
from site_builder.spec import catalogue, credit_code

if TYPE_CHECKING:  # rules.py runs these rules; a run-time import would be circular
    from site_builder.validate.rules import Context


def firm_rules(ctx: Context) -> list[Finding]:
    """The code's check character per project.yaml; firms with two projects in one tier."""
    findings = []
    sources = {s.project: s.display for s in ctx.sources if s.schema == "project"}
    for display in sources.values():
        code = (ctx.data.get(display) or {}).get("credit_code")
        if code and not credit_code.is_valid(code):
            expected = credit_code.check_character(code[:17])
            findings.append(
                at(
                    display,
                    "X020",
                    f"统一社会信用代码“{code}”校验不通过：按 GB 32100-2015，前 17 位对应的"
                    f"第 18 位校验码应为“{expected}”。请对照营业执照逐位核对，多半是抄错了一位。",
                    *ctx.where(display, "credit_code"),
                )
            )
    if not ctx.all_projects_loaded:
        return findings
    by_firm: dict[tuple[str, str], list[Project]] = {}
    for project in sorted(ctx.corpus.projects.values(), key=lambda p: p.id):
        if project.kind == "enterprise":
            by_firm.setdefault((project.firm, project.tier), []).append(project)
    for (_, tier), projects in by_firm.items():
        if len(projects) < 2:
            continue
        for project in projects:
            if project.id not in sources:
                continue
            display = sources[project.id]
            others = "、".join(f"“{p.id}”" for p in projects if p is not project)
            same = "统一社会信用代码" if project.credit_code else "项目单位"
            findings.append(
                at(
                    display,
                    "X021",
                    f"本项目与项目{others}的{same}相同，且同为{catalogue.label('tier', tier)}项目。"
                    "统计时同一企业的多个项目合并计为一家企业；请确认登记无误。",
                    *ctx.where(display, "credit_code" if project.credit_code else "unit"),
                    warning=True,
                )
            )
    return findings
