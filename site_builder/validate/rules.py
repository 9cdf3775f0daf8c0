"""Rules across files: what a schema cannot see from one file alone.

Each rule reads the corpus of schema-valid records plus the positions of
their values, and returns findings; none of them changes anything.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from site_builder.findings import Finding, at
from site_builder.load.periods import Period
from site_builder.load.records import Corpus, Project, Report
from site_builder.load.tree import SourceFile
from site_builder.load.yamlsafe import Positions
from site_builder.spec import catalogue, schema
from site_builder.validate.firms import firm_rules
from site_builder.validate.wording import ANNUAL_TOLERANCE, JUMP_FACTOR, say


@dataclass
class Context:
    corpus: Corpus
    sources: list[SourceFile]
    data: dict[str, dict[str, Any]]  # display path -> schema-valid data
    positions: dict[str, Positions]
    today: date
    registry_loaded: bool  # cities.yaml was read and valid
    all_projects_loaded: bool  # every project.yaml of the tree is in the corpus

    def where(self, display: str, *path: str | int) -> tuple[int, int]:
        positions = self.positions.get(display)
        return positions.locate(tuple(path)) if positions else (1, 1)


def check(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for rule in (_project_rules, firm_rules, _report_rules, _series_rules, _registry_rules):
        findings.extend(rule(ctx))
    return findings


def _project_rules(ctx: Context) -> list[Finding]:
    findings = []
    cities = ctx.corpus.registry.cities
    for source in ctx.sources:
        if source.schema != "project" or source.display not in ctx.data or not source.project:
            continue
        data = ctx.data[source.display]
        d = source.display
        if data["id"] != source.project:
            findings.append(
                at(
                    d,
                    "X001",
                    f"项目编号“{data['id']}”与文件夹名“{source.project}”不一致。两者必须相同，请改其中之一。",
                    *ctx.where(d, "id"),
                )
            )
        project = ctx.corpus.projects.get(source.project)
        if project is None:
            continue
        if ctx.registry_loaded and project.city not in cities:
            choices = "、".join(f"{c.id}（{c.name}）" for c in cities.values())
            findings.append(
                at(
                    d,
                    "X007",
                    f"所在市“{project.city}”不在 registry/cities.yaml 中。可选：{choices}。",
                    *ctx.where(d, "city"),
                )
            )
        counts = Counter(t.id for t in project.targets)
        for index, target in enumerate(project.targets):
            if counts[target.id] > 1:
                findings.append(
                    at(
                        d,
                        "X013",
                        f"目标编号“{target.id}”重复，每项目标的编号必须不同。",
                        *ctx.where(d, "targets", index, "id"),
                    )
                )
            if target.indicator:
                indicator = catalogue.indicators()[target.indicator]
                if not indicator.applies(project.kind, project.enterprise_type):
                    findings.append(
                        at(
                            d,
                            "X008",
                            _not_applicable(indicator, project),
                            *ctx.where(d, "targets", index, "indicator"),
                        )
                    )
            if target.baseline_year and target.baseline_year > target.target_year:
                findings.append(
                    at(
                        d,
                        "X017",
                        f"目标 {target.id} 的基期年份 {target.baseline_year} 晚于目标年份 {target.target_year}。",
                        *ctx.where(d, "targets", index, "baseline_year"),
                    )
                )
        if project.start_date > ctx.today:
            findings.append(
                at(
                    d,
                    "X017",
                    f"纳入跟进日期 {project.start_date} 还没到。",
                    *ctx.where(d, "start_date"),
                )
            )
    return findings


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
    return f"指标“{indicator.name}”（{indicator.code}）只适用于{applies}，本项目是{own}，请删除或换用适用的指标。"


def _report_rules(ctx: Context) -> list[Finding]:
    findings = []
    for source in ctx.sources:
        if source.period is None or source.display not in ctx.data or not source.project:
            continue
        d = source.display
        data = ctx.data[d]
        folder = source.project
        if data["project"] != folder:
            findings.append(
                at(
                    d,
                    "X009",
                    f"报告中的项目编号“{data['project']}”与所在文件夹“{folder}”不一致。报告必须放在本项目的文件夹中。",
                    *ctx.where(d, "project"),
                )
            )
        if data["period"] != str(source.period):
            findings.append(
                at(
                    d,
                    "X003",
                    f"报告期“{data['period']}”与文件名 {source.path.name} 不一致（应为“{source.period}”）。",
                    *ctx.where(d, "period"),
                )
            )
        if source.period.end >= ctx.today:
            findings.append(
                at(
                    d,
                    "X006",
                    f"{source.period.label}到 {source.period.end} 才结束，还不能报送这一期的报告。",
                    *ctx.where(d, "period"),
                )
            )
        project = ctx.corpus.projects.get(folder)
        if project is None:
            if ctx.all_projects_loaded or not (source.path.parent / "project.yaml").exists():
                findings.append(
                    at(
                        d,
                        "X010",
                        f"项目文件夹 {folder}/ 中缺少有效的 project.yaml（立项信息），无法核对这份报告。",
                    )
                )
            continue
        findings.extend(_report_against_project(ctx, source, data, project))
    return findings


def _report_against_project(
    ctx: Context, source: SourceFile, data: dict[str, Any], project: Project
) -> list[Finding]:
    d = source.display
    period = source.period
    findings: list[Finding] = []
    if period is None:  # _report_rules passes reports only
        return findings
    if data["kind"] != project.kind:
        findings.append(
            at(
                d,
                "X011",
                f"报告的项目类别是“{catalogue.label('kind', data['kind'])}”，但立项信息中本项目是“{catalogue.label('kind', project.kind)}”。",
                *ctx.where(d, "kind"),
            )
        )
        return findings
    if period.end < project.start_date:
        findings.append(
            at(
                d,
                "X004",
                f"{period.label}早于本项目纳入跟进的日期 {project.start_date}，不需要报送。",
                *ctx.where(d, "period"),
            )
        )
    cancelled = ctx.corpus.registry.cancellation(project.id)
    if cancelled and period.end > cancelled.date:
        findings.append(
            at(
                d,
                "X005",
                f"本项目已于 {cancelled.date} 被取消重点培育资格（{cancelled.document_no}），之后结束的{period.label}不再报送。",
                *ctx.where(d, "period"),
            )
        )
    for key, section in data.items():
        if not isinstance(section, dict):
            continue
        for code in section.get("figures") or {}:
            indicator = catalogue.indicators()[code]
            if not indicator.applies(project.kind, project.enterprise_type):
                findings.append(
                    at(
                        d,
                        "X008",
                        _not_applicable(indicator, project),
                        *ctx.where(d, key, "figures", code),
                    )
                )
        if project.kind == "enterprise":
            findings.extend(_items_for_type(ctx, d, key, section, project))
    known = {t.id for t in project.targets}
    for index, row in enumerate(data.get("targets", {}).get("progress", [])):
        if row["target"] not in known:
            choices = "、".join(sorted(known)) or "（立项信息中没有目标）"
            findings.append(
                at(
                    d,
                    "X013",
                    f"目标编号“{row['target']}”不在立项信息中。本项目的目标编号：{choices}。",
                    *ctx.where(d, "targets", "progress", index, "target"),
                )
            )
    return findings


def _items_for_type(
    ctx: Context, d: str, key: str, section: dict[str, Any], project: Project
) -> list[Finding]:
    """Items the notice asks only of entity firms, or only of financial institutions."""
    part = {p.key: p for p in schema.report_parts("enterprise")}.get(key)
    if part is None:
        return []
    findings = []
    own = catalogue.label("enterprise_type", project.enterprise_type)
    for item, sub in part.items:
        applies = sub.get("x-applies-to")
        if item in section and applies and project.enterprise_type not in applies:
            who = "、".join(catalogue.label("enterprise_type", a) for a in applies)
            findings.append(
                at(
                    d,
                    "X008",
                    f"“{sub['title']}”只适用于{who}，本项目是{own}。请删除这一项，或把内容写到“{part.items[0][1]['title']}”中。",
                    *ctx.where(d, key, item),
                )
            )
    return findings


def _series_rules(ctx: Context) -> list[Finding]:
    """Warnings on a project's figures over time (jumps by JUMP_FACTOR, falling year-to-date totals)."""
    findings = []
    by_key = {(r.project, r.period): r for r in ctx.corpus.reports}
    for report in ctx.corpus.reports:
        if report.period.is_annual:
            q4 = by_key.get((report.project, Period(report.period.year, 4)))
            findings.extend(_annual_against_q4(ctx, report, q4))
        previous = by_key.get((report.project, report.period.previous()))
        if previous is None:
            continue
        before = previous.figures()
        for key, code, value in _figures_with_section(report):
            old = before.get(code)
            if old is None or old == 0 or value == 0:
                continue
            indicator = catalogue.indicators()[code]
            where = ctx.where(report.path, key, "figures", code)
            ratio = abs(value / old)
            if indicator.is_level and (ratio > JUMP_FACTOR or ratio < 1 / JUMP_FACTOR):
                words = dict(name=indicator.name, period=previous.period, unit=indicator.unit)
                message = say(
                    "jump", old=f"{old:g}", value=f"{value:g}", factor=JUMP_FACTOR, **words
                )
                findings.append(at(report.path, "X012", message, *where, warning=True))
            elif (
                indicator.measure == "flow"
                and not report.period.is_annual
                and previous.period.year == report.period.year
                and value < old
            ):
                findings.append(
                    at(
                        report.path,
                        "X016",
                        say(
                            "falling_total",
                            name=indicator.name,
                            period=previous.period,
                            old=f"{old:g}",
                        ),
                        *where,
                        warning=True,
                    )
                )
    return findings


def _annual_against_q4(ctx: Context, annual: Report, q4: Report | None) -> list[Finding]:
    """Year-to-date flows at Q4 are the full year: the annual summary should say the same."""
    if q4 is None:
        return []
    findings = []
    quarter = q4.figures()
    for key, code, value in _figures_with_section(annual):
        indicator = catalogue.indicators()[code]
        q4_value = quarter.get(code)
        if indicator.measure != "flow" or q4_value is None:
            continue
        if abs(value - q4_value) > ANNUAL_TOLERANCE * max(abs(value), abs(q4_value)):
            findings.append(
                at(
                    annual.path,
                    "X019",
                    say(
                        "annual_below_q4",
                        name=indicator.name,
                        value=f"{value:g}",
                        unit=indicator.unit,
                        q4=f"{q4_value:g}",
                        tolerance=f"{ANNUAL_TOLERANCE:.0%}",
                    ),
                    *ctx.where(annual.path, key, "figures", code),
                    warning=True,
                )
            )
    return findings


def _figures_with_section(report: Report) -> Iterator[tuple[str, str, Any]]:
    for key, section in report.data.items():
        if isinstance(section, dict) and isinstance(section.get("figures"), dict):
            for code, value in section["figures"].items():
                yield key, code, value


def _registry_rules(ctx: Context) -> list[Finding]:
    findings = []
    for source in ctx.sources:
        data = ctx.data.get(source.display)
        if data is None:
            continue
        d = source.display
        if source.schema == "cities":
            counts = Counter(c["id"] for c in data["cities"])
            for index, city in enumerate(data["cities"]):
                if counts[city["id"]] > 1:
                    findings.append(
                        at(
                            d,
                            "X015",
                            f"城市编号“{city['id']}”重复。",
                            *ctx.where(d, "cities", index, "id"),
                        )
                    )
        elif source.schema == "policy":
            findings.extend(_timezone_rule(ctx, d, data))
        elif source.schema == "adjustments" and ctx.all_projects_loaded:
            for group in ("decisions", "flags"):
                for index, row in enumerate(data.get(group, [])):
                    project = ctx.corpus.projects.get(row["project"])
                    if project is None:
                        findings.append(
                            at(
                                d,
                                "X014",
                                f"项目“{row['project']}”不存在（submissions/projects/ 下没有这个文件夹）。",
                                *ctx.where(d, group, index, "project"),
                            )
                        )
                    elif row["date"] < project.start_date.isoformat():
                        findings.append(
                            at(
                                d,
                                "X017",
                                f"日期 {row['date']} 早于该项目纳入跟进的日期 {project.start_date}。",
                                *ctx.where(d, group, index, "date"),
                            )
                        )
    return findings


def _timezone_rule(ctx: Context, d: str, data: dict[str, Any]) -> list[Finding]:
    """The policy's time zone must be one zoneinfo knows: every due date is read in it."""
    zone = (data.get("calendar") or {}).get("timezone")
    if zone is None or zone in zoneinfo.available_timezones():
        return []
    message = f"时区“{zone}”不是有效的 IANA 时区名，例如 Asia/Shanghai。"
    return [at(d, "S005", message, *ctx.where(d, "calendar", "timezone"))]
