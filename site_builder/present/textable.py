"""Aligned plain-text tables for the terminal, counting Chinese characters as two columns."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Display width: a CJK character is two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


NO_LINE_START = "，。；、：）〕》”"
NO_LINE_END = "（〔《“"
# A run of letters, digits and ASCII signs (a handle, a code, a number) is one word, kept on
# one line when it fits; anything else is one character.
_WORD = re.compile(r"[!-~]+|.", re.DOTALL)


def wrapped(text: str, limit: int) -> list[str]:
    """`text` in lines of at most `limit` columns (a Chinese character counts two); a line
    never starts with a closing mark nor ends with an opening one, nor breaks a word
    (@a-clerk, 2021-Q3) shorter than a line."""
    lines = [""]
    for word in _WORD.findall(text):
        for piece in word if width(word) > limit else [word]:
            if width(lines[-1] + piece) > limit and lines[-1] and piece not in NO_LINE_START:
                last = lines[-1]
                carried = last[-1] if last[-1] in NO_LINE_END and len(last) > 1 else ""
                lines[-1] = last[: len(last) - len(carried)]
                lines.append(carried)
            lines[-1] += piece
    return lines


def aligned(
    headers: list[str],
    rows: Sequence[Sequence[object]],
    right: set[int] | None = None,
    wrap: dict[int, int] | None = None,
) -> str:
    """Columns padded to the widest cell; columns in `right` are right-aligned (numbers); a
    cell of a column in `wrap` (column: most columns) goes on over as many lines as it needs."""
    cells = [[str(h) for h in headers]]
    for row in rows:
        cells += _lines_of(row, wrap or {})
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = [_padded(row, widths, right or set()) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _lines_of(row: Sequence[object], wrap: dict[int, int]) -> list[list[str]]:
    """One row's cells as lines: one, or as many as its longest wrapped cell needs."""
    texts = ["" if v is None else str(v) for v in row]
    parts = [wrapped(t, wrap[i]) if i in wrap else [t] for i, t in enumerate(texts)]
    return [[p[n] if n < len(p) else "" for p in parts] for n in range(max(len(p) for p in parts))]


def _padded(row: list[str], widths: list[int], right: set[int]) -> str:
    padded = []
    for i, value in enumerate(row):
        gap = " " * (widths[i] - width(value))
        padded.append(gap + value if i in right else value + gap)
    return "  ".join(padded).rstrip()
