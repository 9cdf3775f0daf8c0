"""The status heatmap's legend covers neither its title nor its source note (issue 17)."""

from __future__ import annotations

import io

import pandas as pd

from site_builder.analyse.statuses import STATUS_LABELS
from site_builder.present import charts


def test_heatmap_legend_overlaps_neither_title_nor_source_note():
    grid = pd.DataFrame(
        [["on_time", "late", "missing"], ["on_time", "on_time", "none"]],
        index=["项目甲", "项目乙"],
        columns=["2021-Q1", "2021-Q2", "2021-Q3"],
    )
    fig = charts.status_heatmap(grid, STATUS_LABELS, "各项目报告报送情况")
    fig.savefig(io.BytesIO(), format="png")  # lays the figure out
    renderer = fig._get_renderer()
    legend = fig.axes[0].get_legend().get_window_extent(renderer)
    for text in (fig._suptitle, fig._supxlabel):
        assert not legend.overlaps(text.get_window_extent(renderer)), text.get_text()
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["按时", "逾期", "缺报"]


def test_on_a_phone_long_project_names_leave_the_grid_most_of_the_width():
    """At province scale names like 示例·某某产业链协同项目（0310） collapsed the grid to nothing."""
    names = [f"合成示例·焦化副产品产业链协同项目（{n:04d}）" for n in range(12)]
    periods = [f"202{y}-Q{q}" for y in range(1, 5) for q in range(1, 5)]
    grid = pd.DataFrame([["on_time"] * len(periods)] * len(names), index=names, columns=periods)
    fig = charts.status_heatmap(grid, STATUS_LABELS, "各项目报告报送情况", phone=True)
    fig.savefig(io.BytesIO(), format="png")
    grid_box = fig.axes[0].get_window_extent(fig._get_renderer())
    assert grid_box.width > 0.45 * fig.bbox.width
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].replace("\n", "") == names[0]  # wrapped, nothing cut
    assert labels[0].endswith("\n（0000）")  # the number on a line of its own
