"""Charts: a DataFrame in, a matplotlib figure out; `save` writes it.

Chinese text needs a CJK font, and matplotlib's default draws it as empty
boxes with only a warning. We register Noto Sans CJK from the
`noto-cjk-sans-otc` package (OFL) and turn the missing-glyph warning into an
error, so a chart with broken text can never be published silently.
"""

from __future__ import annotations

import warnings
from functools import cache
from importlib import resources
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FONT_FAMILY = "Noto Sans CJK SC"
from site_builder.errors import SctrackError  # noqa: E402
from site_builder.load.periods import label as period_label  # noqa: E402
from site_builder.site.markdown import CHART_SOURCE as SOURCE  # noqa: E402  (one wording for image and page)

# Eleven colours that stay apart in print and for common colour blindness (Okabe-Ito, then Tableau).
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
    "#8C564B", "#F0E442", "#7F7F7F", "#17BECF", "#BCBD22", "#1F3A93",
]  # fmt: skip
DPI = 200


class ChartError(SctrackError):
    """A chart could not be drawn correctly (for example a missing glyph)."""


@cache
def setup_fonts() -> None:
    from matplotlib import font_manager

    # The packaged font has the regular weight only: titles stand out by size, not weight
    # (asking for bold made matplotlib warn and fall back to the same regular face).
    font_file = resources.files("noto_cjk_sans_otc").joinpath("NotoSansCJK-Regular.ttc")
    font_manager.fontManager.addfont(str(font_file))
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "sctrack",
        }
    )


def city_colours(city_ids: list[str]) -> dict[str, str]:
    """A fixed colour per city, by its place in the registry."""
    return {city: PALETTE[i % len(PALETTE)] for i, city in enumerate(city_ids)}


def _figure(width: float = 8, height: float = 4.2) -> tuple[Figure, plt.Axes]:
    setup_fonts()
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    return fig, ax


def _finish(fig: Figure, title: str, unit: str) -> Figure:
    """Title on top; unit and source as a footer the layout makes room for."""
    fig.suptitle(title, fontsize=13)
    footer = f"单位：{unit}。{SOURCE}" if unit else SOURCE
    fig.supxlabel(footer, fontsize=7, color="#555555", x=0.01, ha="left")
    return fig


def _unit_label(ax: plt.Axes, unit: str) -> None:
    """The unit written horizontally above the value axis (a rotated 个 reads as an arrow)."""
    ax.set_title(f"（{unit}）", loc="left", fontsize=8, color="#555555")


def save(fig: Figure, path: Path) -> None:
    """Write a PNG; a glyph missing from the font is an error, not a warning."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*[Gg]lyph .* missing from")
        try:
            fig.savefig(path, format="png", dpi=fig.dpi, metadata={"Software": None})
        except UserWarning as warning:
            raise ChartError(f"图表 {path.name} 中有字体缺少的字符：{warning}") from warning


def stacked_bars(
    table: pd.DataFrame, title: str, unit: str, colours: dict[str, str] | None = None
) -> Figure:
    """Bars per row of `table` (index = categories), stacked by column."""
    fig, ax = _figure()
    bottom = pd.Series(0.0, index=table.index)
    for i, column in enumerate(table.columns):
        colour = (colours or {}).get(column, PALETTE[i % len(PALETTE)])
        ax.bar(
            table.index.astype(str), table[column], bottom=bottom, label=str(column), color=colour
        )
        bottom = bottom + table[column].fillna(0)
    _unit_label(ax, unit)
    ax.legend(frameon=False, fontsize=8, ncols=min(4, len(table.columns)))
    ax.tick_params(axis="x", labelsize=9, rotation=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _finish(fig, title, unit)


def grouped_bars(
    table: pd.DataFrame, title: str, unit: str, colours: dict[str, str] | None = None
) -> Figure:
    """Bars per row of `table` (index = categories), one bar per column side by side."""
    fig, ax = _figure()
    width = 0.8 / max(len(table.columns), 1)
    positions = range(len(table.index))
    for i, column in enumerate(table.columns):
        colour = (colours or {}).get(column, PALETTE[i % len(PALETTE)])
        ax.bar(
            [p + (i - (len(table.columns) - 1) / 2) * width for p in positions],
            table[column],
            width,
            label=str(column),
            color=colour,
        )
    ax.set_xticks(list(positions), [str(i) for i in table.index], fontsize=9)
    _unit_label(ax, unit)
    ax.legend(frameon=False, fontsize=8, ncols=min(4, len(table.columns)))
    return _finish(fig, title, unit)


def quartile_chart(frame: pd.DataFrame, title: str) -> Figure:
    """Median (point) and interquartile range (line) of changes, one row per indicator."""
    fig, ax = _figure(8, 0.45 * max(len(frame), 3) + 1.2)
    labels = frame["label"].tolist()
    y = list(range(len(frame)))[::-1]
    ax.hlines(
        y,
        frame["q1"],
        frame["q3"],
        color="#0072B2",
        linewidth=6,
        alpha=0.35,
        label="四分位区间（P25～P75）",
    )
    ax.scatter(frame["median"], y, color="#0072B2", zorder=3, label="中位数")
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_xlabel("较基期变化（%）")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return _finish(fig, title, "%")


STATUS_COLOURS = {
    "on_time": "#2E7D32",
    "late": "#EF6C00",
    "missing": "#C62828",
    "not_due": "#BDBDBD",
    "unknown": "#90A4AE",
    "none": "#FFFFFF",
}


def status_heatmap(grid: pd.DataFrame, labels: dict[str, str], title: str) -> Figure:
    """Projects (rows) by periods (columns), each cell coloured by its report's status."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    setup_fonts()
    codes = list(STATUS_COLOURS)
    values = grid.map(lambda s: codes.index(s if s in STATUS_COLOURS else "none")).to_numpy()
    fig = Figure(
        figsize=(max(6, 0.55 * len(grid.columns) + 3.5), 0.32 * len(grid) + 1.8),
        dpi=DPI,
        layout="constrained",
    )
    ax = fig.add_subplot()
    ax.imshow(
        values,
        cmap=ListedColormap([STATUS_COLOURS[c] for c in codes]),
        vmin=0,
        vmax=len(codes) - 1,
        aspect="auto",
    )
    periods = [period_label(p, short=True) for p in grid.columns]
    ax.set_xticks(range(len(grid.columns)), periods, fontsize=7, rotation=45, ha="right")
    ax.set_yticks(range(len(grid.index)), list(grid.index), fontsize=7)
    ax.set_xticks([x - 0.5 for x in range(1, len(grid.columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(grid.index))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    present = [c for c in codes if c != "none" and (values == codes.index(c)).any()]
    # Above the grid, with the axes (at the figure's foot it covered the source note).
    ax.legend(
        [Patch(color=STATUS_COLOURS[c]) for c in present], [labels[c] for c in present],
        loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(present), frameon=False,
        fontsize=8,
    )  # fmt: skip
    return _finish(fig, title, "")


def rate_lines(frame: pd.DataFrame, title: str) -> Figure:
    """Reporting and timeliness rates (%) by period."""
    fig, ax = _figure(8, 3.8)
    x = list(range(len(frame)))
    ax.plot(x, frame["reporting_rate"], marker="o", color="#0072B2", label="报送率")
    ax.plot(x, frame["timeliness_rate"], marker="s", color="#E69F00", label="及时率")
    ax.set_xticks(
        x, [period_label(p, short=True) for p in frame.index], fontsize=8, rotation=30, ha="right"
    )
    ax.set_ylim(0, 105)
    _unit_label(ax, "%")
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    return _finish(fig, title, "%")
