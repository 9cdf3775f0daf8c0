"""The navigation is built from the pages made: a page is listed exactly when it exists."""

from __future__ import annotations

import pytest

from site_builder.present.markdown import NavPlace
from site_builder.site.nav import build_nav


def test_sections_in_order_own_page_first_then_by_rank():
    nav = build_nav(
        [
            ("guide/deploy.md", NavPlace("使用指南", "部署指南", 50)),
            ("compliance/index.md", NavPlace("全省汇总", "报送情况", 10)),
            ("summary/index.md", NavPlace("全省汇总")),
            ("guide/submit.md", NavPlace("使用指南", "填报指南", 10)),
            ("index.md", NavPlace("首页")),
        ]
    )
    assert nav == [
        {"首页": "index.md"},
        {"全省汇总": ["summary/index.md", {"报送情况": "compliance/index.md"}]},
        {"使用指南": [{"填报指南": "guide/submit.md"}, {"部署指南": "guide/deploy.md"}]},
    ]


def test_a_page_not_made_is_not_listed_and_an_unknown_section_is_refused():
    assert build_nav([]) == []
    with pytest.raises(ValueError, match="unknown navigation section"):
        build_nav([("x.md", NavPlace("其他"))])


def test_titles_from_the_registry_arrive_as_text():
    # MkDocs' theme prints navigation titles unescaped: a city named like this ran in the nav.
    nav = build_nav([("cities/x.md", NavPlace("项目名录", "<svg/onload=alert(1)>", 1))])
    title = next(iter(nav[0]["项目名录"][0]))
    assert "<" not in title and ">" not in title and "svg/onload=alert(1)" in title
