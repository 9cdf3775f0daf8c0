"""Aligned plain-text tables for the terminal, counting Chinese characters as two columns."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Display width: a CJK character is two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def aligned(headers: list[str], rows: list[list[object]], right: set[int] | None = None) -> str:
    """Columns padded to the widest cell; columns in `right` are right-aligned (numbers)."""
    right = right or set()
    cells = [[str(h) for h in headers]] + [
        ["" if v is None else str(v) for v in row] for row in rows
    ]
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
