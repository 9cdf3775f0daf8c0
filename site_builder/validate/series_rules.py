"""Warnings on a project's figures over time: a level that jumps by JUMP_FACTOR, a
year-to-date total that falls, an annual summary that differs from Q4's year to date."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.findings import Finding, at
from site_builder.load.periods import Period
from site_builder.load.records import Report
from site_builder.spec import catalogue
from site_builder.validate.registry import Context, rule
from site_builder.validate.wording import ANNUAL_TOLERANCE, JUMP_FACTOR, say

# One figure beside the same figure of the report before: (report, previous report, key of
# the figure's section, indicator, value, previous value).
Pair = tuple[Report, Report, str, catalogue.Indicator, float, float]


def _pairs(ctx: Context) -> list[Pair]:
    """Each figure with its value in the project's report of the period before, both non-zero
    (a ratio to or from zero says nothing); made once per run for the two rules that read it."""
    if "pairs" not in ctx.shared:
        ctx.shared["pairs"] = list(_each_pair(ctx))
    pairs: list[Pair] = ctx.shared["pairs"]
    return pairs


def _each_pair(ctx: Context) -> Iterator[Pair]:
    by_key = {(r.project, r.period): r for r in ctx.corpus.reports}
    indicators = catalogue.indicators()
    for report in ctx.corpus.reports:
        previous = by_key.get((report.project, report.period.previous()))
        if previous is None:
            continue
        before = previous.figures()
        for key, code, value in _figures_with_section(report):
            old = before.get(code)
            if old is not None and old != 0 and value != 0:
                yield report, previous, key, indicators[code], value, old


def _jumps(indicator: catalogue.Indicator, value: float, old: float) -> bool:
    """A level grown or shrunk by more than JUMP_FACTOR: likely a unit or typing error."""
    ratio = abs(value / old)
    return indicator.is_level and (ratio > JUMP_FACTOR or ratio < 1 / JUMP_FACTOR)


@rule("X012", "jump")
def no_jump(ctx: Context) -> Iterator[Finding]:
    """A level does not grow or shrink by more than JUMP_FACTOR from one period to the next."""
    for report, previous, key, indicator, value, old in _pairs(ctx):
        if _jumps(indicator, value, old):
            words = dict(name=indicator.name, period=previous.period, unit=indicator.unit)
            message = say("jump", old=f"{old:g}", value=f"{value:g}", factor=JUMP_FACTOR, **words)
            where = ctx.where(report.path, key, "figures", indicator.code)
            yield at(report.path, "X012", message, *where, warning=True)


@rule("X016", "falling_total")
def totals_do_not_fall(ctx: Context) -> Iterator[Finding]:
    """A year-to-date flow does not fall from one quarter to the next of the same year
    (said only when the fall is not already a jump, X012)."""
    for report, previous, key, indicator, value, old in _pairs(ctx):
        if (
            indicator.measure == "flow"
            and not report.period.is_annual
            and previous.period.year == report.period.year
            and value < old
            and not _jumps(indicator, value, old)
        ):
            words = dict(name=indicator.name, period=previous.period, old=f"{old:g}")
            where = ctx.where(report.path, key, "figures", indicator.code)
            yield at(report.path, "X016", say("falling_total", **words), *where, warning=True)


@rule("X019", "annual_below_q4")
def annual_is_q4(ctx: Context) -> Iterator[Finding]:
    """Year-to-date flows at Q4 are the full year: the annual summary should say the same."""
    by_key = {(r.project, r.period): r for r in ctx.corpus.reports}
    for annual in ctx.corpus.reports:
        q4 = by_key.get((annual.project, Period(annual.period.year, 4)))
        if annual.period.is_annual and q4 is not None:
            yield from _annual_against_q4(ctx, annual, q4)


def _annual_against_q4(ctx: Context, annual: Report, q4: Report) -> Iterator[Finding]:
    quarter = q4.figures()
    for key, code, value in _figures_with_section(annual):
        indicator = catalogue.indicators()[code]
        q4_value = quarter.get(code)
        if indicator.measure != "flow" or q4_value is None:
            continue
        if abs(value - q4_value) > ANNUAL_TOLERANCE * max(abs(value), abs(q4_value)):
            words = dict(name=indicator.name, value=f"{value:g}", unit=indicator.unit)
            words |= dict(q4=f"{q4_value:g}", tolerance=f"{ANNUAL_TOLERANCE:.0%}")
            where = ctx.where(annual.path, key, "figures", code)
            yield at(annual.path, "X019", say("annual_below_q4", **words), *where, warning=True)


def _figures_with_section(report: Report) -> Iterator[tuple[str, str, float]]:
    for key, section in report.data.items():
        if isinstance(section, dict) and isinstance(section.get("figures"), dict):
            for code, value in section["figures"].items():
                yield key, code, value
