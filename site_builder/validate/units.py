"""Units a figure may be written with, and a figure converted to its field's unit.

A clerk writes `620万元` where the field counts 亿元. Every door that reads a
figure asks here which unit the text names and what the figure is in the
field's unit: `sctrack validate` (the S003 hint for a report's YAML) and the
Excel import (a cell typed with a unit). Nothing here decides whether a text
is accepted; the callers do.
"""

from __future__ import annotations

import re

from site_builder.validate.wording import FIGURE_DIGITS, SCALES, UNITS, say

_UNIT = "(" + "|".join(map(re.escape, UNITS)) + ")"
# A decimal number followed by a unit: `620万元`, `12.5 %`.
WITH_UNIT = re.compile(r"([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*" + _UNIT)
# Any text ending in a unit: what precedes it is for the caller to read as a number.
_ENDS_IN_UNIT = re.compile(r"(.*?\S)\s*" + _UNIT + r"\Z", re.S)


def split_unit(text: str) -> tuple[str, str] | None:
    """`1,234.5亿元` -> ("1,234.5", "亿元"); None when the text does not end in a unit."""
    found = _ENDS_IN_UNIT.match(text)
    return (found[1], found[2]) if found else None


def unit_name(written: str, unit: str) -> str:
    """The unit a clerk meant: 万 and 亿 alone are 万元 and 亿元 (万美元, 亿美元 in a
    field counted in US dollars); any other unit is itself."""
    if written in ("万", "亿") and unit.endswith("元"):
        return written + ("美元" if unit.endswith("美元") else "元")
    return written


def converted(number: str, written: str, unit: str) -> str | None:
    """`number` in unit `written` expressed in `unit` (`620`, 万元, 亿元 -> "0.062"),
    or None when the two do not convert (another currency, 家 against 亿元)."""
    written = unit_name(written, unit)
    if written not in SCALES or unit not in SCALES:
        return None
    if written.endswith("美元") != unit.endswith("美元"):
        return None
    return f"{float(number) * SCALES[written] / SCALES[unit]:.{FIGURE_DIGITS}g}"


def unit_hint(number: str, written: str, unit: str) -> str:
    """`620万元` where the unit is 万美元: say to convert, naming both units."""
    shown = written
    written = unit_name(written, unit)
    if not unit:
        return say("unit_none", shown=shown, number=number)
    if written == unit:
        return say("unit_same", unit=unit, shown=shown, number=number)
    advice = say("unit_advice", written=written, unit=unit)
    figure = converted(number, written, unit)
    if figure is not None:
        return say(
            "unit_converted",
            advice=advice,
            number=number,
            written=written,
            figure=figure,
            unit=unit,
        )
    if written in SCALES and unit in SCALES:
        currency = "美元" if unit.endswith("美元") else "人民币"
        return say("unit_currency", advice=advice, currency=currency, shown=shown)
    return say("unit_other", advice=advice, shown=shown)
