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
    right = right or set()
    wrap = wrap or {}
    cells = [[str(h) for h in headers]]
    for values in rows:
        texts = ["" if v is None else str(v) for v in values]
        parts = [wrapped(t, wrap[i]) if i in wrap else [t] for i, t in enumerate(texts)]
        for n in range(max(len(p) for p in parts)):
            cells.append([p[n] if n < len(p) else "" for p in parts])
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        padded = []
        for i, value in enumerate(row):
            gap = " " * (widths[i] - width(value))
            padded.append(gap + value if i in right else value + gap)
        lines.append("  ".join(padded).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
