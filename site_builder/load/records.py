"""Typed records of what `submissions/` holds, built from validated data.

Later stages (analysis, rendering) read these records, never the YAML. The
raw mapping stays on each record for the renderer, which walks the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Protocol, TypeVar

from site_builder.load.periods import Period
from site_builder.spec import catalogue, schema
from site_builder.spec.schema import parse_date


@dataclass(frozen=True)
class City:
    id: str
    name: str
    reviewer_team: str


# How a figure is written in a target's wording: `num` on pages, `:g` elsewhere. A quantified
# target has every figure (the project schema requires them with its indicator).
Number = Callable[[float | None], str]


def _plain(value: float | None) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Target:
    id: str
    target_year: int
    indicator: str | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    text: str | None = None

    @property
    def measured_by(self) -> catalogue.Indicator | None:
        """The catalogue indicator of a quantified target; None for a target in words."""
        return catalogue.indicators()[self.indicator] if self.indicator else None

    def wording(self, style: str = "promise", number: Number = _plain) -> str:
        """How a target is written: every page, form, workbook and report asks here.

        promise  重点产业产值：2023年达到500亿元 (the report's skeleton and its page)
        path     重点产业产值：300亿元（2020年）→ 500亿元（2023年） (the workbook's reference)
        choice   T1 重点产业产值（2023年） (the form's list of targets)
        what     重点产业产值（亿元） (the project page's table, and its columns:)
        baseline 300（2020年）
        goal     500（2023年）
        A target in words: 建成平台（2023年）; its goal 2023年完成, its baseline —.
        """
        return _TARGET_STYLES[style](self, self.measured_by, number)


def _promise(t: Target, ind: catalogue.Indicator | None, number: Number) -> str:
    if ind is None:
        return f"{t.text}（{t.target_year}年）"
    return f"{ind.name}：{t.target_year}年达到{number(t.target)}{ind.unit}"


def _path(t: Target, ind: catalogue.Indicator | None, number: Number) -> str:
    if ind is None:
        return f"{t.text}（{t.target_year}年）"
    start = f"{number(t.baseline)}{ind.unit}（{t.baseline_year}年）"
    return f"{ind.name}：{start}→ {number(t.target)}{ind.unit}（{t.target_year}年）"


def _choice(t: Target, ind: catalogue.Indicator | None, number: Number) -> str:
    what = ind.name if ind else t.text or ""
    return f"{t.id} {what}（{t.target_year}年）".replace(" （", "（")


def _what(t: Target, ind: catalogue.Indicator | None, number: Number) -> str:
    return ind.label if ind else t.text or ""


def _baseline(t: Target, ind: catalogue.Indicator | None, number: Number) -> str:
    return f"{number(t.baseline)}（{t.baseline_year}年）" if ind else "—"


def _goal(t: Target, ind: catalogue.Indicator | None, number: Number) -> str:
    return f"{number(t.target)}（{t.target_year}年）" if ind else f"{t.target_year}年完成"


_TARGET_STYLES = {
    "promise": _promise,
    "path": _path,
    "choice": _choice,
    "what": _what,
    "baseline": _baseline,
    "goal": _goal,
}


@dataclass
class Project:
    id: str
    name: str
    unit: str
    kind: str  # region | enterprise
    tier: str  # provincial | national_pilot
    city: str
    start_date: date
    industry: str
    public_summary: str
    enterprise_type: str | None  # entity | financial, for enterprises
    provincial_soe: bool
    targets: list[Target]
    submitters: list[str]
    contacts: list[dict[str, Any]]
    path: str  # of project.yaml, relative to the root
    credit_code: str | None = None  # 统一社会信用代码 of an enterprise's unit (internal)

    @property
    def firm(self) -> str:
        """Who contributes to an enterprise aggregate: the credit code, else the unit's name.

        Disclosure control counts firms, not projects: two projects of one firm are one
        contributor, whose figures are summed.
        """
        return self.credit_code or f"unit:{self.unit}"

    @property
    def audience(self) -> str:
        """Who the catalogue's `applies_to` calls this project: region, entity or financial."""
        return "region" if self.kind == "region" else (self.enterprise_type or "entity")

    @classmethod
    def from_data(cls, data: dict[str, Any], path: str) -> Project:
        return cls(
            id=data["id"],
            name=data["name"],
            unit=data["unit"],
            kind=data["kind"],
            tier=data["tier"],
            city=data["city"],
            start_date=parse_date(data["start_date"]) or date.min,
            industry=data["industry"],
            public_summary=data["public_summary"],
            enterprise_type=data.get("enterprise_type"),
            provincial_soe=bool(data.get("provincial_soe", False)),
            targets=[Target(**t) for t in data.get("targets", [])],
            submitters=list(data.get("submitters", [])),
            contacts=list(data.get("contacts", [])),
            path=path,
            credit_code=data.get("credit_code"),
        )


@dataclass
class Report:
    project: str
    period: Period
    kind: str
    data: dict[str, Any]
    path: str

    def figures(self) -> dict[str, float]:
        """Every figure of the report, indicator code -> value."""
        result: dict[str, float] = {}
        for section in self.data.values():
            if isinstance(section, dict) and isinstance(section.get("figures"), dict):
                result.update(section["figures"])
        return result

    def cases(self) -> list[dict[str, Any]]:
        return list(self.data.get("cases") or [])


@dataclass(frozen=True)
class Decision:
    project: str
    date: date
    decision: str  # warning | cancel | restore
    document_no: str
    reason: str


@dataclass(frozen=True)
class Flag:
    project: str
    date: date
    type: str  # risk | violation
    note: str


# Option -> default, from the `default` keywords of the policy schema (their one source).
_POLICY_DEFAULTS = {
    name: default
    for options in schema.policy_defaults().values()
    for name, default in options.items()
}


@dataclass
class Policy:
    """The province's reporting, adjustment and disclosure rules (`registry/policy.yaml`)."""

    programme_start: date | None = None
    programme_end: date | None = None
    quarterly_due_day: int = _POLICY_DEFAULTS["quarterly_due_day"]
    annual_due_month: int = _POLICY_DEFAULTS["annual_due_month"]
    annual_due_day: int = _POLICY_DEFAULTS["annual_due_day"]
    grace_days: int = _POLICY_DEFAULTS["grace_days"]
    timezone: str = _POLICY_DEFAULTS["timezone"]  # IANA name: the calendar every instant is read in
    review_max_days: int = _POLICY_DEFAULTS["review_max_days"]
    # Days before the due date on which `sctrack remind` reminds, and the chase interval after.
    remind_days_before: list[int] = field(
        default_factory=lambda: list(_POLICY_DEFAULTS["remind_days_before"])
    )
    chase_every_days: int = _POLICY_DEFAULTS["chase_every_days"]
    warning_window: int = _POLICY_DEFAULTS["warning_window"]
    warning_missing_or_late: int = _POLICY_DEFAULTS["warning_missing_or_late"]
    warning_lagging_share: float = _POLICY_DEFAULTS["warning_lagging_share"]
    cancel_consecutive_missing: int = _POLICY_DEFAULTS["cancel_consecutive_missing"]
    progress_on_track_ratio: float = _POLICY_DEFAULTS["progress_on_track_ratio"]
    progress_acceleration_ratio: float = _POLICY_DEFAULTS["progress_acceleration_ratio"]
    min_contributors: int = _POLICY_DEFAULTS["min_contributors"]
    max_share_pct: float = _POLICY_DEFAULTS["max_share_pct"]
    min_contributors_quantiles: int = _POLICY_DEFAULTS["min_contributors_quantiles"]

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Policy:
        data = data or {}
        programme = data.get("programme", {})
        values: dict[str, Any] = {
            "programme_start": parse_date(programme.get("start")),
            "programme_end": parse_date(programme.get("end")),
        }
        for group in schema.policy_defaults():
            values.update(data.get(group, {}))
        return cls(**values)


@dataclass
class Registry:
    cities: dict[str, City] = field(default_factory=dict)
    province_team: str = ""
    maintainers: list[str] = field(default_factory=list)
    sasac_team: str = ""
    policy: Policy = field(default_factory=Policy)
    decisions: list[Decision] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def cancellation(self, project_id: str) -> Decision | None:
        """The province's decision that cancelled this project, if any (the last one counts)."""
        current = None
        for decision in sorted(self.decisions, key=lambda d: d.date):
            if decision.project != project_id:
                continue
            if decision.decision == "cancel":
                current = decision
            elif decision.decision == "restore":
                current = None
        return current

    def cancelled_spells(self, project_id: str, until: date) -> list[tuple[date, date | None]]:
        """[cancel, restore) spells of the project, from decisions dated on or before `until`;
        the last one is open (None) when no restore followed its cancellation."""
        spells: list[tuple[date, date | None]] = []
        cancelled_on: date | None = None
        for decision in sorted(self.decisions, key=lambda d: d.date):
            if decision.project != project_id or decision.date > until:
                continue
            if decision.decision == "cancel" and cancelled_on is None:
                cancelled_on = decision.date
            elif decision.decision == "restore" and cancelled_on is not None:
                spells.append((cancelled_on, decision.date))
                cancelled_on = None
        if cancelled_on is not None:
            spells.append((cancelled_on, None))
        return spells

    def city_name(self, city_id: str) -> str:
        city = self.cities.get(city_id)
        return city.name if city else city_id

    def city_key(self, city_id: str) -> int:
        """The one sort key of cities: their place in `registry/cities.yaml`, which lists them
        in the order of their administrative-division codes (太原 140100 … 吕梁 141100), never
        by pinyin (长治 is not "zhang"). A city the registry lacks sorts last."""
        return next((i for i, c in enumerate(self.cities) if c == city_id), len(self.cities))

    def city_order(self, frame: Any, column: str = "city") -> Any:
        """A DataFrame stably sorted by its city-id `column` in registry order."""
        return frame.sort_values(column, key=lambda ids: ids.map(self.city_key), kind="stable")


@dataclass
class Corpus:
    """Everything loaded from one `submissions/` tree."""

    root: str
    registry: Registry
    projects: dict[str, Project]
    reports: list[Report]  # sorted by project, then period

    # Each project's reports, grouped on first use (as `Analysis` groups its tables): pages ask
    # for them project by project, and a scan of the province's 10,000 reports per question
    # was seconds of every build.
    @cached_property
    def _reports_by_project(self) -> dict[str, list[Report]]:
        return by_project(self.reports)

    def reports_of(self, project_id: str) -> list[Report]:
        return list(self._reports_by_project.get(project_id, []))


class _OfProject(Protocol):
    @property
    def project(self) -> str: ...


OfProject = TypeVar("OfProject", bound=_OfProject)


def by_project(items: Iterable[OfProject]) -> dict[str, list[OfProject]]:
    """Items (reports, their statuses) grouped by their project, each group in their order."""
    grouped: dict[str, list[OfProject]] = {}
    for item in items:
        grouped.setdefault(item.project, []).append(item)
    return grouped
