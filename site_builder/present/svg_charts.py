"""Charts written as SVG text from the data, without matplotlib: the status heat maps.

A city's heat map is a grid of a hundred projects by twenty periods. Drawn in matplotlib
and saved as PNG each took about a second and half a megabyte; the internal site has two
per city (wide and phone). Written here each is a few milliseconds and a tenth of the
bytes, and stays sharp at any zoom. The same table is on the page below the map (with a
text label in every cell), so the map is the overview and the table what a screen reader
reads.

The SVG is shown through `<img>`, which loads no web font: its text asks for the CJK fonts
that Windows, macOS, Android and Linux (Noto, as the CI installs) bring. Sizes are in CSS
pixels at the drawing's natural width (the `width` attribute), which a phone's column
(about 358 px) shows at nearly 1:1: the smallest text, 11 px, stays above 10 px.
"""

from __future__ import annotations

import math
from html import escape

import pandas as pd

from site_builder.load.periods import label as period_label
from site_builder.present.markdown import CHART_SOURCE

FONTS = (
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
    "'Hiragino Sans GB','WenQuanYi Micro Hei',sans-serif"
)
# A report's status → its cell's colour (colour-blind safe with the labels of the table).
STATUS_COLOURS = {
    "on_time": "#2E7D32",
    "late": "#EF6C00",
    "missing": "#C62828",
    "not_due": "#BDBDBD",
    "unknown": "#90A4AE",
}
TEXT, MUTED = "#212121", "#555555"
PHONE_WIDTH = 358  # CSS px of a phone's content column (390 less the page's margins)
PHONE_LABEL_CHARS = 7  # characters per line of a project's name on a phone
MIN_TEXT_PX = 11  # the smallest text written (the phone test asks for 10 as displayed)


def text_width(words: str, size: float) -> float:
    """The width of a line of text: a CJK or full-width character is one em, others about 0.6."""
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in words)


def wrap(words: str, width: int) -> list[str]:
    """Chinese text in lines of `width` characters; a line never starts with a punctuation mark."""
    lines: list[str] = []
    for i in range(0, len(words), width):
        line = words[i : i + width]
        while lines and line and line[0] in "，。；、：）":
            lines[-1] += line[0]
            line = line[1:]
        if line:
            lines.append(line)
    return lines


def _name_lines(name: str, phone: bool) -> list[str]:
    """A project's name as its row label; on a phone in short lines, a closing bracketed part
    such as its number （0310） kept whole on a line of its own."""
    if not phone:
        return [name]
    head, bracket, tail = name.rpartition("（")
    if bracket and head and tail.endswith("）") and len(tail) < PHONE_LABEL_CHARS:
        return [*wrap(head, PHONE_LABEL_CHARS), f"（{tail}"]
    return wrap(name, PHONE_LABEL_CHARS)


def _lines(x: float, y: float, lines: list[str], size: float, leading: float, **attrs: str) -> str:
    """Lines of text, one `<text>` each, the first with its baseline at `y`."""
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return "".join(
        f'<text x="{x:.1f}" y="{y + i * leading:.1f}" font-size="{size}"{extra}>{escape(line)}</text>'
        for i, line in enumerate(lines)
    )


class _Layout:
    """Sizes of one heat map, wide or for a phone (CSS px)."""

    def __init__(self, grid: pd.DataFrame, title: str, phone: bool):
        self.phone = phone
        self.label_size = MIN_TEXT_PX if phone else 12
        self.names = [_name_lines(str(name), phone) for name in grid.index]
        self.periods = [period_label(str(p), short=True) for p in grid.columns]
        name_width = max(
            (text_width(n, self.label_size) for ls in self.names for n in ls), default=0
        )
        self.left = 4 + name_width + 6
        columns = max(len(self.periods), 1)
        # Period labels stand rotated: upright on a phone, whose columns are narrower than a
        # line of text; at 60° on a wide screen, running up to the right beyond the grid.
        self.angle = 90 if phone else 60
        longest = max((text_width(p, self.label_size) for p in self.periods), default=0)
        self.head_h = longest * math.sin(math.radians(self.angle)) + 8
        beyond = longest * math.cos(math.radians(self.angle))
        if phone:
            self.cell_w = max(8.0, (PHONE_WIDTH - self.left - 4) / columns)
        else:
            self.cell_w = 26.0
        self.width = self.left + self.cell_w * columns + max(beyond, 4)
        self.width = max(self.width, PHONE_WIDTH if phone else 480)
        self.leading = self.label_size + 2
        self.row_h = [max(18.0, len(ls) * self.leading + 4) for ls in self.names]
        title_size = 14 if phone else 16
        chars = max(8, int((self.width - 8) // title_size))
        self.title = (title_size, wrap(title, chars))
        self.source = wrap(CHART_SOURCE, max(8, int((self.width - 8) // MIN_TEXT_PX)))


def _legend(
    statuses: list[str], labels: dict[str, str], layout: _Layout, y: float
) -> tuple[str, float]:
    """The colours the map uses with their names, in rows that fit the width; its bottom."""
    size = MIN_TEXT_PX if layout.phone else 12
    parts, x = [], 4.0
    for status in statuses:
        word = labels.get(status, status)
        item = size + 6 + text_width(word, size) + 14
        if x > 4 and x + item > layout.width - 4:
            x, y = 4.0, y + size + 8
        parts.append(
            f'<rect x="{x:.1f}" y="{y - size + 1:.1f}" width="{size}" height="{size}" '
            f'fill="{STATUS_COLOURS[status]}"/>'
            f'<text x="{x + size + 5:.1f}" y="{y:.1f}" font-size="{size}" fill="{TEXT}">'
            f"{escape(word)}</text>"
        )
        x += item
    return "".join(parts), y + 8


def status_heatmap(
    grid: pd.DataFrame, labels: dict[str, str], title: str, phone: bool = False
) -> str:
    """Projects (rows) by periods (columns), each cell coloured by its report's status; a
    period a project need not report stays blank."""
    layout = _Layout(grid, title, phone)
    title_size, title_lines = layout.title
    body = [_lines(4, title_size + 4, title_lines, title_size, title_size + 4, fill=TEXT)]
    y: float = title_size + 4 + (len(title_lines) - 1) * (title_size + 4) + layout.label_size + 14
    statuses = [s for s in STATUS_COLOURS if (grid == s).to_numpy().any()]
    legend, y = _legend(statuses, labels, layout, y)
    body.append(legend)
    # Period labels rotated up to the right, each starting over its column.
    top = y + layout.head_h
    for i, period in enumerate(layout.periods):
        cx = layout.left + (i + 0.5) * layout.cell_w + layout.label_size * 0.35
        body.append(
            f'<text transform="translate({cx:.1f} {top - 4:.1f}) rotate(-{layout.angle})" '
            f'font-size="{layout.label_size}" fill="{TEXT}">{escape(period)}</text>'
        )
    gap = 1.5  # white between cells
    y = top
    cells = []
    values = grid.to_numpy()
    for row, (lines, height) in enumerate(zip(layout.names, layout.row_h, strict=True)):
        middle = y + height / 2
        first = middle - (len(lines) - 1) * layout.leading / 2 + layout.label_size * 0.35
        cells.append(
            _lines(layout.left - 6, first, lines, layout.label_size, layout.leading,
                   text_anchor="end", fill=TEXT)
        )  # fmt: skip
        for column, status in enumerate(values[row]):
            if status in STATUS_COLOURS:
                x = layout.left + column * layout.cell_w
                cells.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{layout.cell_w - gap:.1f}" '
                    f'height="{height - gap:.1f}" fill="{STATUS_COLOURS[status]}"/>'
                )
        y += height
    body += cells
    y += MIN_TEXT_PX + 8
    body.append(_lines(4, y, layout.source, MIN_TEXT_PX, MIN_TEXT_PX + 4, fill=MUTED))
    height = y + (len(layout.source) - 1) * (MIN_TEXT_PX + 4) + 6
    width = f"{layout.width:.0f}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" font-family="{FONTS}" role="img">'
        f"<title>{escape(title)}</title>"
        f'<rect width="100%" height="100%" fill="#FFFFFF"/>{"".join(body)}</svg>\n'
    )
