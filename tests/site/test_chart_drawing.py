"""Charts drawn while the pages are made (`site.chart_drawing`): drawn once into the cache,
the SVG ones written every time, every chart in place after `finish`, no worker left after
a failure."""

from __future__ import annotations

import pandas as pd
import pytest

from site_builder.analyse.statuses import STATUS_LABELS
from site_builder.present.colours import city_colours
from site_builder.present.markdown import ChartJob
from site_builder.site.chart_drawing import ChartDrawer

pytestmark = pytest.mark.slow  # worker processes that import matplotlib

RATES = pd.DataFrame(
    {"reporting_rate": [80.0, 95.0], "timeliness_rate": [60.0, 90.0]}, index=["2021-Q1", "2021-Q2"]
)
GRID = pd.DataFrame([["on_time", "late"]], index=["项目甲"], columns=["2021-Q1", "2021-Q2"])


def _jobs(lines: int = 3) -> list[ChartJob]:
    jobs = []
    for n in range(lines):
        line = ChartJob(f"assets/charts/rates-{n}.png", "rate_lines", (RATES, f"报送率{n}"))
        jobs += [line, line.for_phone()]
    heatmap = ChartJob("assets/charts/heatmap.svg", "status_heatmap", (GRID, STATUS_LABELS, "图"))
    return [*jobs, heatmap, heatmap.for_phone()]


def test_charts_are_drawn_in_workers_once_and_all_put_in_place(tmp_path):
    cache = tmp_path / "cache"
    drawer = ChartDrawer(cache, workers=2)
    drawer.add(_jobs())
    assert drawer.pool is not None  # six to draw: handed to workers at once
    assert drawer.finish(tmp_path / "docs") == 8 and drawer.pool is None
    charts = tmp_path / "docs" / "assets" / "charts"
    names = sorted(p.name for p in charts.iterdir())
    assert names[:2] == ["heatmap-phone.svg", "heatmap.svg"] and len(names) == 8
    assert (charts / "rates-0.png").read_bytes()[:4] == b"\x89PNG"
    first = {p.name: p.read_bytes() for p in charts.iterdir()}

    again = ChartDrawer(cache, workers=2)
    again.add(_jobs())
    assert again.pool is None  # nothing to draw: no worker started
    assert again.finish(tmp_path / "docs2") == 2  # the SVGs, written again
    second = {p.name: p.read_bytes() for p in (tmp_path / "docs2" / "assets" / "charts").iterdir()}
    assert second == first


def test_a_rebuilds_one_or_two_charts_are_drawn_here_without_workers(tmp_path):
    drawer = ChartDrawer(tmp_path / "cache", workers=2)
    drawer.add(_jobs(lines=1))
    assert drawer.pool is None
    assert drawer.finish(tmp_path / "docs") == 4
    assert (tmp_path / "docs" / "assets" / "charts" / "rates-0-phone.png").is_file()


def test_a_chart_that_fails_fails_the_build_and_leaves_no_worker(tmp_path):
    drawer = ChartDrawer(tmp_path / "cache", workers=2)
    drawer.add([ChartJob("assets/charts/bad.png", "rate_lines", (pd.DataFrame(), "坏"))])
    with pytest.raises(KeyError):
        drawer.finish(tmp_path / "docs")
    assert drawer.pool is None


def test_each_city_keeps_its_colour_and_neighbours_differ():
    colours = city_colours([f"city{n}" for n in range(12)])
    assert len(set(colours.values())) == 12
    assert city_colours(["city0", "city1"]) == {k: colours[k] for k in ("city0", "city1")}


def test_the_drawing_server_starts_early_for_a_first_build_only(tmp_path, monkeypatch):
    import multiprocessing.forkserver

    from site_builder.site import chart_drawing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server here: the workers are spawned")
    started: list[bool] = []
    monkeypatch.setattr(multiprocessing.forkserver, "ensure_running", lambda: started.append(True))
    cache = tmp_path / "charts"
    chart_drawing.start_server(cache)  # no cache yet: every chart is to be drawn
    assert started == [True]
    cache.mkdir()
    (cache / "0123.png").write_bytes(b"\x89PNG")
    chart_drawing.start_server(cache)  # a rebuild: one or two charts, or none
    assert started == [True]
