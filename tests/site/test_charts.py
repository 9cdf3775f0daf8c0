"""Charts draw Chinese with the bundled Noto Sans CJK; a missing glyph fails the build."""

from __future__ import annotations

import pandas as pd
import pytest

from site_builder.present import charts


def test_chinese_text_renders_without_missing_glyphs(tmp_path):
    frame = pd.DataFrame({"省重点区域": [1, 2], "全国试点企业": [3, 0]}, index=["太原市", "吕梁市"])
    path = tmp_path / "chart.png"
    charts.save(charts.stacked_bars(frame, "全省重点供应链项目分布", "个"), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_missing_glyph_is_an_error(tmp_path):
    # Characters no CJK font has.
    frame = pd.DataFrame({"\U0001d54a\U0001d54b": [1]}, index=["\U00013000"])
    with pytest.raises(charts.ChartError):
        charts.save(charts.stacked_bars(frame, "缺字 \U00013000", "个"), tmp_path / "broken.png")
