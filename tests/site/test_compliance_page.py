"""The compliance page says first when the history cannot be trusted, shows the rates'
denominators, and (internal) each city's review time."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from site_builder.analyse.analysis import analyse
from site_builder.analyse.disclosure import OTHER_CITIES
from site_builder.analyse.view import make_view
from site_builder.review.history import History
from site_builder.site.supervision_pages import compliance_page
from site_builder.validate.run import validate

from conftest import FIXTURES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = shutil.copytree(FIXTURES / "base", tmp_path_factory.mktemp("page") / "tree")
    result = validate(root)
    assert result.ok
    return result.corpus


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_an_untrusted_history_is_a_warning_box_at_the_top(corpus, audience):
    history = History(False, reason="这是浅克隆（git clone --depth），缺少早期的合并记录")
    view = make_view(analyse(corpus, history, date(2021, 10, 20)), audience)
    body = compliance_page(view).body
    lines = [line for line in body.splitlines() if line.strip()]
    assert lines[0] == "# 报送情况"
    assert lines[1].startswith("!!! warning")
    assert "浅克隆" in lines[2]
    assert "状态已知" in body  # the denominator column
    # Nothing known: the cities' rates are blank (—), never 0.0%, beside 0 known reports.
    # (On the public page, cities with too few projects are pooled as 其他城市.)
    city_rows = [line for line in lines if line.startswith(("| [", f"| {OTHER_CITIES}"))]
    assert city_rows and all(line.endswith("| 0 | 0 | 0 | — | — |") for line in city_rows[:2])
