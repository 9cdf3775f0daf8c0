"""Values no schema keyword can refuse: control characters and numbers too large to be figures.

A control character (other than newline and tab) is invisible in an editor,
breaks the Excel files (openpyxl refuses it) and can break the pages; a
number with hundreds of digits cannot be turned into a float and is no
figure anyone reported. Both are errors wherever a file holds them: in a
value or in a key.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from site_builder.findings import Finding, at
from site_builder.load.yamlsafe import Positions
from site_builder.load.yamlvalues import JsonPath

# The largest magnitude a figure may have: beyond 2**53 (about 9e15) a float is no longer
# exact, and no reported quantity (亿元, 万吨, 家, %) comes near 1e15.
LARGEST_FIGURE = 1e15


# Unicode's categories Cc (U+0000-U+001F, U+007F-U+009F) and Cs (the surrogates), without
# newline and tab: one regular expression instead of a category lookup per character.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def control_characters(text: str) -> list[str]:
    """The control characters (and lone surrogates) of `text`, other than newline and tab."""
    return _CONTROLS.findall(text)


def printable(name: str) -> str:
    """A name (a file's, as given) on one line: control characters, line and paragraph
    separators written as escapes, so a name cannot start a line of YAML or of output."""
    return "".join(
        c if unicodedata.category(c) not in ("Cc", "Cs", "Zl", "Zp") else repr(c)[1:-1]
        for c in name
    )


def describe_characters(found: list[str]) -> str:
    """`U+0002、U+001B`: how a message names characters nobody can see."""
    return "、".join(dict.fromkeys(f"U+{ord(c):04X}" for c in found))


def bad_values(data: Any, positions: Positions, display: str) -> list[Finding]:
    """Findings for control characters in keys and texts, and for oversized numbers."""
    if _all_clean(data):
        return []
    findings: list[Finding] = []
    for path, value in _keys_and_values(data):
        if isinstance(value, str) and control_characters(value):
            findings.append(_control(value, path, positions, display))
        elif _oversized(value):
            findings.append(_too_large(path, positions, display))
    return findings


def _all_clean(data: Any) -> bool:
    """True when no text of `data` has a control character and no number is oversized: one
    walk without paths and one search over all its texts joined (nearly every file), before
    the walk with paths that says where (`bad_values`)."""
    texts: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            texts.extend(key for key in value if isinstance(key, str))
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            texts.append(value)
        elif _oversized(value):
            return False
    return _CONTROLS.search("\n".join(texts)) is None  # newline is not a control here


def _keys_and_values(data: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Each text key (at the path it names) and each scalar value of `data` with its path:
    the two places a clerk's text and numbers can hide what no schema sees."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                stack.append((path + (key,), child))
                if isinstance(key, str):
                    yield path + (key,), key
        elif isinstance(value, list):
            stack.extend((path + (i,), child) for i, child in enumerate(value))
        else:
            yield path, value


def _oversized(value: Any) -> bool:
    """A number too large to be a report's figure (NaN and infinity are `non_finite`'s)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) >= LARGEST_FIGURE
    return isinstance(value, float) and math.isfinite(value) and abs(value) >= LARGEST_FIGURE


def _control(text: str, path: JsonPath, positions: Positions, display: str) -> Finding:
    return at(
        display,
        "S013",
        f"文本中有看不见的控制字符（{describe_characters(control_characters(text))}），"
        "Excel 和网页都无法正常显示。请删除它们（通常是从别处复制时带进来的）。",
        *positions.locate(path),
    )


def _too_large(path: JsonPath, positions: Positions, display: str) -> Finding:
    raw = positions.raw.get(path, "")
    shown = raw if len(raw) <= 20 else f"{raw[:12]}…（共 {len(raw)} 个字符）"
    return at(
        display,
        "S012",
        f"数值“{shown}”过大（绝对值应小于 {LARGEST_FIGURE:.0e}），不是有效的报告数据。"
        "请检查单位和位数。",
        *positions.locate(path),
    )
