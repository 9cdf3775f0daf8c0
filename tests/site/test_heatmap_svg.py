"""The status heat map written as SVG (`present.svg_charts`): every status cell drawn in its
colour and nothing else, the legend naming only the statuses shown, text a phone can read,
names that are text and never markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd

from site_builder.analyse.statuses import STATUS_LABELS
from site_builder.present.svg_charts import MIN_TEXT_PX, PHONE_WIDTH, STATUS_COLOURS, status_heatmap

SVG = "{http://www.w3.org/2000/svg}"


def _grid(names: list[str], rows: list[list[str]]) -> pd.DataFrame:
    periods = ["2021-Q1", "2021-Q2", "2021-Q3", "2021"][: len(rows[0])]
    return pd.DataFrame(rows, index=names, columns=periods)


def _texts(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def test_each_status_cell_is_drawn_in_its_colour_and_blank_periods_are_not():
    grid = _grid(
        ["项目甲", "项目乙"], [["on_time", "late", "missing"], ["on_time", "none", "none"]]
    )
    svg = ET.fromstring(status_heatmap(grid, STATUS_LABELS, "各项目报告报送情况"))
    fills = [r.get("fill") for r in svg.iter(f"{SVG}rect")]
    # the background, three legend keys, then the four cells that have a status
    cells = fills[4:]
    assert cells == [STATUS_COLOURS[s] for s in ("on_time", "late", "missing", "on_time")]
    texts = _texts(svg)
    assert [t for t in texts if t in STATUS_LABELS.values()] == ["按时", "逾期", "缺报"]
    assert "项目甲" in texts and "2021年二季度" in texts and "各项目报告报送情况" in texts
    assert svg.find(f"{SVG}title").text == "各项目报告报送情况"


def test_on_a_phone_the_map_fits_the_column_and_names_wrap_with_their_number_apart():
    """At province scale names like 示例·某某产业链协同项目（0310） would leave the grid no width."""
    names = [f"合成示例·焦化副产品产业链协同项目（{n:04d}）" for n in range(12)]
    periods = [f"202{y}-Q{q}" for y in range(1, 5) for q in range(1, 5)]
    grid = pd.DataFrame([["on_time"] * len(periods)] * len(names), index=names, columns=periods)
    svg = ET.fromstring(status_heatmap(grid, STATUS_LABELS, "各项目报告报送情况", phone=True))
    assert float(svg.get("width")) == PHONE_WIDTH
    assert svg.get("viewBox").split()[2] == svg.get("width")  # drawn at its natural size
    texts = _texts(svg)
    first = texts[texts.index("（0000）") - 3 : texts.index("（0000）") + 1]
    assert "".join(first) == names[0]  # wrapped, nothing cut
    sizes = [float(t.get("font-size")) for t in svg.iter(f"{SVG}text")]
    assert min(sizes) >= MIN_TEXT_PX
    cells = [r for r in svg.iter(f"{SVG}rect") if r.get("fill") == STATUS_COLOURS["on_time"]]
    grid_left = min(float(r.get("x")) for r in cells[1:])
    assert grid_left < 0.45 * PHONE_WIDTH
    assert max(float(r.get("x")) + float(r.get("width")) for r in cells) <= PHONE_WIDTH


def test_a_name_is_text_never_markup():
    grid = _grid(['<script>alert(1)</script>&"x"'], [["late", "on_time", "none"]])
    written = status_heatmap(grid, STATUS_LABELS, "标题<b>")
    assert "<script>" not in written and "<b>" not in written
    assert '<script>alert(1)</script>&"x"' in _texts(ET.fromstring(written))
