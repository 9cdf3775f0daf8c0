"""The per-project trend panels: SVG written from the data, legible on a phone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from site_builder.site import trend_svg
from site_builder.spec import catalogue

from browser import serve

SVG = "{http://www.w3.org/2000/svg}"


def _item(**extra):
    item = {"name": "营业收入", "unit": "亿元", "points": [(2020.375, 10.0), (2020.625, 12.5)]}
    return {**item, **extra}


@pytest.mark.parametrize(
    ("low", "high"), [(0, 372), (3.2, 3.2), (-5, 12.5), (1000, 1260), (0.001, 0.004), (-7, -2)]
)
def test_ticks_are_round_and_cover_the_values(low, high):
    ticks = trend_svg.nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high
    assert 3 <= len(ticks) <= 7
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1


def test_a_panel_is_valid_svg_with_its_values_as_its_accessible_name():
    item = _item(baseline=(2019.5, 8.0), target=(2022.5, 20.0))
    root = ET.fromstring(trend_svg.panel(item, 3))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id") == "sc-trend-3"
    assert title.text == "营业收入（亿元）：2020年二季度10，2020年三季度12.5；基期8，目标20。"
    # The line, its two points, the baseline dot and the target star.
    assert len(root.findall(f"{SVG}circle")) == 3
    assert len(root.findall(f"{SVG}polygon")) == 1


def test_every_panel_title_fits_and_year_labels_do_not_overlap():
    longest = max(len(i.name) + len(i.unit) + 2 for i in catalogue.indicators().values())
    assert 4 + longest * trend_svg.TITLE_SIZE <= trend_svg.WIDTH
    # Twelve years of annual points: labels are thinned to keep their room.
    root = ET.fromstring(
        trend_svg.panel(_item(points=[(y, y - 2000) for y in range(2015, 2027)]), 1)
    )
    xs = [
        float(t.get("x"))
        for t in root.findall(f"{SVG}text")
        if t.text.isdigit() and len(t.text) == 4
    ]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= trend_svg.TICK_LABEL_PX


def test_the_legend_names_only_what_the_panels_draw():
    assert "达标路径" not in trend_svg.legend([_item()])
    both = trend_svg.legend([_item(), _item(baseline=(2019.5, 1.0), target=(2022.5, 2.0))])
    assert all(word in both for word in ("实际", "达标路径", "基期", "目标"))


# Displayed size of each text of the trend panels: its font size in panel units scaled by the
# width the panel is drawn at.
TEXT_PX = """() => [...document.querySelectorAll('.sc-trend svg')].flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => Number(t.getAttribute('font-size')) * scale);
})"""


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_trend_text_is_at_least_10px_as_displayed(browser, demo_sites, width):
    server, url = serve(demo_sites["internal"])
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{url}/projects/taiyuan-region/", wait_until="networkidle")
        page.get_by_text("目标与进展", exact=True).first.click()
        sizes = page.evaluate(TEXT_PX)
        assert sizes, "no trend panel on the project page"
        assert min(sizes) >= 10, min(sizes)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1
    finally:
        context.close()
        server.shutdown()
        server.server_close()
