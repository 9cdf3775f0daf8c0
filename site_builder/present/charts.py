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
from matplotlib.ticker import Locator, MaxNLocator  # noqa: E402

FONT_FAMILY = "Noto Sans CJK SC"
from site_builder.errors import SctrackError  # noqa: E402
from site_builder.load.periods import label as period_label  # noqa: E402
from site_builder.present.colours import PALETTE  # noqa: E402
from site_builder.present.markdown import CHART_SOURCE as SOURCE  # noqa: E402  (one wording for image and page)
from site_builder.present.svg_charts import wrap  # noqa: E402

DPI = 200
# A phone shows a chart about 358 CSS px wide (390 px less the page's margins): at 3.6 inches
# one point of text is 358 / 3.6 / 72 = 1.38 px, so the smallest text, 8 pt, shows at 11 px.
PHONE_WIDTH = 3.6
PHONE_MIN_PT = 8


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


def _figure(width: float = 8, height: float = 4.2, phone: bool = False) -> tuple[Figure, plt.Axes]:
    setup_fonts()
    fig = Figure(figsize=(PHONE_WIDTH if phone else width, height), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    return fig, ax


def _finish(fig: Figure, title: str, unit: str, phone: bool = False) -> Figure:
    """Title on top; unit and source as a footer the layout makes room for (wrapped on a phone)."""
    fig.suptitle(title, fontsize=11 if phone else 13, wrap=phone)
    footer = f"单位：{unit}。{SOURCE}" if unit else SOURCE
    fig.supxlabel(
        _wrap(footer, 26) if phone else footer,
        fontsize=PHONE_MIN_PT if phone else 7,
        color="#555555",
        x=0.01,
        ha="left",
    )
    return fig


def _wrap(words: str, width: int) -> str:
    """Chinese text in lines of `width` characters (matplotlib wraps at spaces only)."""
    return "\n".join(wrap(words, width))


def _legend(ax: plt.Axes, columns: int, phone: bool, over_unit: bool = True) -> None:
    """The legend above the plotting area, never over a bar or a line; above the unit
    written at the axis' top left (`_unit_label`) when there is one."""
    ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.07 if over_unit else 1.0),
        ncols=min(2 if phone else 4, columns),
        frameon=False,
        fontsize=PHONE_MIN_PT if phone else 8,
    )


def _integer_ticks(locator: Locator) -> None:
    """Counts are whole: ticks at integers (the default locator, AutoLocator, can do that)."""
    if isinstance(locator, MaxNLocator):
        locator.set_params(integer=True)


def smallest_text_px(fig: Figure) -> float:
    """The smallest text of a figure in image pixels (`save` writes it into the PNG)."""
    from matplotlib.text import Text

    sizes = [float(t.get_fontsize()) for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    return min(sizes, default=0) * fig.dpi / 72


def _unit_label(ax: plt.Axes, unit: str) -> None:
    """The unit written horizontally above the value axis (a rotated 个 reads as an arrow)."""
    ax.set_title(f"（{unit}）", loc="left", fontsize=8, color="#555555")


def save(fig: Figure, path: Path) -> None:
    """Write a PNG; a glyph missing from the font is an error, not a warning."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*[Gg]lyph .* missing from")
        try:
            # The smallest text in pixels, for the page tests' displayed-size check.
            metadata = {"Software": None, "sctrack-min-text-px": f"{smallest_text_px(fig):.1f}"}
            fig.savefig(path, format="png", dpi=fig.dpi, metadata=metadata)
        except UserWarning as warning:
            raise ChartError(f"图表 {path.name} 中有字体缺少的字符：{warning}") from warning


def _phone_height(categories: int) -> float:
    """A phone chart's height: horizontal bars a quarter inch each, plus title and legend."""
    return 0.28 * categories + 2.0


def stacked_bars(
    table: pd.DataFrame,
    title: str,
    unit: str,
    colours: dict[str, str] | None = None,
    phone: bool = False,
) -> Figure:
    """Bars per row of `table` (index = categories), stacked by column; horizontal on a phone,
    first category on top."""
    fig, ax = _figure(height=_phone_height(len(table)) if phone else 4.2, phone=phone)
    names = table.index.astype(str)
    bottom = pd.Series(0.0, index=table.index)
    for i, column in enumerate(table.columns):
        colour = (colours or {}).get(column, PALETTE[i % len(PALETTE)])
        if phone:
            ax.barh(names, table[column], left=bottom, label=str(column), color=colour)
        else:
            ax.bar(names, table[column], bottom=bottom, label=str(column), color=colour)
        bottom = bottom + table[column].fillna(0)
    _legend(ax, len(table.columns), phone, over_unit=not phone)
    if phone:
        ax.invert_yaxis()
        ax.tick_params(labelsize=9)
        _integer_ticks(ax.xaxis.get_major_locator())
        ax.set_xlabel(f"（{unit}）", fontsize=PHONE_MIN_PT, color="#555555")
    else:
        _unit_label(ax, unit)
        ax.tick_params(axis="x", labelsize=9, rotation=0)
        _integer_ticks(ax.yaxis.get_major_locator())
    return _finish(fig, title, unit, phone)


def grouped_bars(
    table: pd.DataFrame,
    title: str,
    unit: str,
    colours: dict[str, str] | None = None,
    phone: bool = False,
) -> Figure:
    """Bars per row of `table` (index = categories), one bar per column side by side;
    horizontal on a phone, first category on top."""
    rows = len(table) * max(1, len(table.columns)) / 2
    fig, ax = _figure(height=_phone_height(int(rows) + 1) if phone else 4.2, phone=phone)
    width = 0.8 / max(len(table.columns), 1)
    positions = range(len(table.index))
    for i, column in enumerate(table.columns):
        colour = (colours or {}).get(column, PALETTE[i % len(PALETTE)])
        at = [p + (i - (len(table.columns) - 1) / 2) * width for p in positions]
        draw = ax.barh if phone else ax.bar
        draw(at, table[column], width, label=str(column), color=colour)
    names = [str(i) for i in table.index]
    _legend(ax, len(table.columns), phone, over_unit=not phone)
    if phone:
        ax.set_yticks(list(positions), names, fontsize=9)
        ax.invert_yaxis()
        ax.tick_params(axis="x", labelsize=PHONE_MIN_PT)
        ax.set_xlabel(f"（{unit}）", fontsize=PHONE_MIN_PT, color="#555555")
    else:
        ax.set_xticks(list(positions), names, fontsize=9)
        _unit_label(ax, unit)
    return _finish(fig, title, unit, phone)


def quartile_chart(frame: pd.DataFrame, title: str, phone: bool = False) -> Figure:
    """Median (point) and interquartile range (line) of changes, one row per indicator."""
    fig, ax = _figure(8, 0.45 * max(len(frame), 3) + (2.2 if phone else 1.2), phone)
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
    ax.set_xlabel("较基期变化（%）", fontsize=9)
    ax.tick_params(axis="x", labelsize=PHONE_MIN_PT if phone else 9)
    _legend(ax, 2, phone, over_unit=False)
    return _finish(fig, title, "%", phone)


def rate_lines(frame: pd.DataFrame, title: str, phone: bool = False) -> Figure:
    """Reporting and timeliness rates (%) by period."""
    fig, ax = _figure(8, 4.6 if phone else 3.8, phone)
    x = list(range(len(frame)))
    ax.plot(x, frame["reporting_rate"], marker="o", color="#0072B2", label="报送率")
    ax.plot(x, frame["timeliness_rate"], marker="s", color="#E69F00", label="及时率")
    ax.set_xticks(
        x,
        [period_label(p, short=True) for p in frame.index],
        fontsize=8,
        rotation=90 if phone else 30,
        ha="center" if phone else "right",
    )
    ax.set_ylim(0, 105)
    ax.tick_params(axis="y", labelsize=8)
    _unit_label(ax, "%")
    _legend(ax, 2, phone)
    return _finish(fig, title, "%", phone)
