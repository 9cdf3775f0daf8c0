"""A project's indicator trends as small SVG panels written from the data.

The internal site has one trend chart per project; drawn in matplotlib each took about
0.9 s, which made 500 projects cost minutes. A panel here is a few hundred bytes of SVG
written as text: a line per indicator with its baseline, target and the straight path
between them. Each panel is its own `<svg>` in a CSS grid, so a phone shows one per row
at full width and its text stays legible (the grid never shrinks a panel below
`MIN_PANEL_PX`, see `sctrack.css`).
"""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

from site_builder.load.periods import label as period_label
from site_builder.present.markup import html_block

# The panel's own coordinate system; the page scales it to the column's width.
WIDTH, HEIGHT = 320, 210
LEFT, RIGHT, TOP, BOTTOM = 54, 14, 34, 30
TITLE_SIZE, TICK_SIZE = 15, 13
# The narrowest a panel is shown (sctrack.css `.sc-trends`): 13 × 260 / 320 ≈ 10.6 px text.
MIN_PANEL_PX = 260
TICK_LABEL_PX = 46  # room one year label needs on the time axis, in panel units
ACTUAL, TARGET, BASELINE, GRID = "#0072B2", "#B84A00", "#616161", "#E0E0E0"


def _star(cx: float, cy: float, r: float) -> str:
    """A five-pointed star's points around (cx, cy)."""
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy - radius * math.sin(angle):.1f}")
    return " ".join(points)


LEGEND = {
    "实际": f'<line x1="1" y1="6" x2="19" y2="6" stroke="{ACTUAL}" stroke-width="2"/>'
    f'<circle cx="10" cy="6" r="3" fill="{ACTUAL}"/>',
    "达标路径": f'<line x1="1" y1="6" x2="19" y2="6" stroke="{TARGET}" stroke-width="1.5" '
    'stroke-dasharray="4 3"/>',
    "基期": f'<circle cx="10" cy="6" r="4" fill="{BASELINE}"/>',
    "目标": f'<polygon points="{_star(10, 6, 6)}" fill="{TARGET}"/>',
}


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering [low, high] (steps of 1, 2, 2.5 or 5 × 10ⁿ)."""
    if high == low:
        spread = abs(high) or 1.0
        low, high = low - spread * 0.5, high + spread * 0.5
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first, last = math.floor(low / step), math.ceil(high / step)
    return [round(i * step, 10) for i in range(first, last + 1)]


def _tick_text(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _years(xs: list[float]) -> list[int]:
    first, last = int(math.floor(min(xs))), int(math.ceil(max(xs) - 1e-9))
    return list(range(first, max(last, first + 1) + 1))


def _values_text(item: dict) -> str:
    """What the panel shows, as a sentence for screen readers (the SVG's title)."""
    points = "，".join(f"{_x_label(x)}{_tick_text(v)}" for x, v in item["points"])
    words = f"{item['name']}（{item['unit']}）：{points}"
    if item.get("baseline") and item.get("target"):
        words += f"；基期{_tick_text(item['baseline'][1])}，目标{_tick_text(item['target'][1])}"
    return words + "。"


def _x_label(x: float) -> str:
    year = int(math.floor(x))
    if float(x).is_integer():
        return period_label(str(year))
    slot = round((x - year) * 4 + 0.5)  # quarterly points sit at the middle of their quarter
    return period_label(f"{year}-Q{slot}", short=True)


def panel(item: dict, number: int) -> str:
    """One indicator's panel: its line, and the baseline → target path where there is one."""
    xs = [x for x, _ in item["points"]]
    ys = [y for _, y in item["points"]]
    path = item.get("baseline") and item.get("target")
    if path:
        xs += [item["baseline"][0], item["target"][0]]
        ys += [item["baseline"][1], item["target"][1]]
    years = _years(xs)
    x_low, x_high = years[0] - 0.15, years[-1] + 0.15
    ticks = nice_ticks(min(ys), max(ys))
    y_low, y_high = min(ticks[0], min(ys)), max(ticks[-1], max(ys))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x: float) -> float:
        return LEFT + (x - x_low) / (x_high - x_low) * plot_w

    def sy(y: float) -> float:
        return TOP + plot_h - (y - y_low) / ((y_high - y_low) or 1) * plot_h

    title_id = f"sc-trend-{number}"
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{title_id}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(_values_text(item))}</title>',
        f'<text x="4" y="20" font-size="{TITLE_SIZE}" fill="#212121">'
        f"{escape(item['name'])}（{escape(item['unit'])}）</text>",
    ]
    for tick in ticks:
        y = sy(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="{TICK_SIZE}" text-anchor="end" '
            f'fill="#424242">{_tick_text(tick)}</text>'
        )
    every = max(1, math.ceil(len(years) * TICK_LABEL_PX / plot_w))
    for i, year in enumerate(years):
        if i % every:
            continue
        parts.append(
            f'<text x="{sx(year):.1f}" y="{HEIGHT - 9}" font-size="{TICK_SIZE}" '
            f'text-anchor="middle" fill="#424242">{year}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        'stroke="#9E9E9E"/>'
    )
    if path:
        (bx, bv), (tx, tv) = item["baseline"], item["target"]
        parts.append(
            f'<line x1="{sx(bx):.1f}" y1="{sy(bv):.1f}" x2="{sx(tx):.1f}" y2="{sy(tv):.1f}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<circle cx="{sx(bx):.1f}" cy="{sy(bv):.1f}" r="4" fill="{BASELINE}"/>'
            f'<polygon points="{_star(sx(tx), sy(tv), 7)}" fill="{TARGET}"/>'
        )
    line = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in item["points"])
    parts.append(f'<polyline points="{line}" fill="none" stroke="{ACTUAL}" stroke-width="2"/>')
    parts += [
        f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{ACTUAL}"/>'
        for x, y in item["points"]
    ]
    parts.append("</svg>")
    return "".join(parts)


def legend(series: list[dict]) -> str:
    """The keys the panels use, once above them (outside every plotting area)."""
    names = ["实际"]
    if any(item.get("baseline") and item.get("target") for item in series):
        names += ["达标路径", "基期", "目标"]
    keys = "".join(
        f'<span><svg viewBox="0 0 20 12" width="20" height="12" aria-hidden="true">'
        f"{LEGEND[name]}</svg>{name}</span>"
        for name in names
    )
    return f'<p class="sc-trend-legend">{keys}</p>'


def trend_panels(series: list[dict], caption: str) -> Markup:
    """The project's panels as one HTML block for a Markdown page (kept out of the search index)."""
    panels = "".join(
        f'<figure class="sc-trend">{panel(item, i)}</figure>' for i, item in enumerate(series, 1)
    )
    # A raw block (`markup.html_block`, out of the search index): MkDocs neither parses its
    # hundreds of SVG elements nor hands them to the search plugin (`site.unindexed`). No
    # `div` inside: Material's search parser ends an excluded element at the first closing
    # tag of the same name, and the caption after an inner `</div>` went into the index.
    return html_block(
        [
            f'<section class="sc-trends">{legend(series)}'
            f'<section class="sc-trend-grid">{panels}</section>'
            f"<p><small>{escape(caption)}</small></p></section>"
        ]
    )
