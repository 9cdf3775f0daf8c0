"""Aligned plain-text tables for the terminal, counting Chinese characters as two columns."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Display width: a CJK character is two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def wrapped(text: str, limit: int) -> list[str]:
    """`text` in lines of at most `limit` columns (a Chinese character counts two); a line
    never starts with a Chinese punctuation mark."""
    lines = [""]
    for char in text:
        if width(lines[-1] + char) > limit and lines[-1] and char not in "，。；、：）":
            lines.append("")
        lines[-1] += char
    return lines


def aligned(
    headers: list[str],
    rows: list[list[object]],
    right: set[int] | None = None,
    wrap: dict[int, int] | None = None,
) -> str:
    """Columns padded to the widest cell; columns in `right` are right-aligned (numbers); a
    cell of a column in `wrap` (column: most columns) goes on over as many lines as it needs."""
    right = right or set()
    wrap = wrap or {}
    cells = [[str(h) for h in headers]]
    for row in rows:
        texts = ["" if v is None else str(v) for v in row]
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
