"""The site's navigation, built from the pages made: a page is in it only if it exists.

Generated pages carry their `NavPlace`; the hand-written pages of `docs/` get
theirs from `HAND_WRITTEN` when they are copied into the build.
"""

from __future__ import annotations

from typing import Any

from site_builder.present.markdown import NavPlace
from site_builder.present.markup import plain_title

# Top-level entries (the tabs), in the order the navigation shows them. Supervision and data
# have tabs of their own, so a reader finds 报送情况, 动态调整, 汇总报告 and the downloads from
# every page, not only through the footer's "next page".
HOME = "首页"
DIRECTORY = "项目名录"
CASES = "实践经验"
SUMMARY = "全省汇总"
SUPERVISION = "报送监管"
QUERY = "统计查询"
GUIDES = "使用指南"
ABOUT = "关于"
SECTIONS = (HOME, DIRECTORY, CASES, SUMMARY, SUPERVISION, QUERY, GUIDES, ABOUT)

HAND_WRITTEN = {
    "guide/submit.md": NavPlace(GUIDES, "填报指南", 10),
    "guide/review.md": NavPlace(GUIDES, "审核指南", 20),
    "guide/deploy.md": NavPlace(GUIDES, "部署指南", 50),
    "guide/developers.md": NavPlace(GUIDES, "开发者说明", 60),
    "about.md": NavPlace(ABOUT),
}


def build_nav(places: list[tuple[str, NavPlace]]) -> list:
    """MkDocs' `nav` from (path, place) pairs, sections in `SECTIONS` order.

    A section made of its own page alone is one entry (`首页: index.md`); else
    its own page comes first, bare, then the titled pages by rank. Titles may come from
    the registry (a city's name) and the theme prints them unescaped: `plain_title`.
    """
    by_section: dict[str, list[tuple[str, NavPlace]]] = {}
    for path, place in places:
        if place.section not in SECTIONS:
            raise ValueError(f"{path}: unknown navigation section {place.section!r}")
        by_section.setdefault(place.section, []).append((path, place))
    nav: list[dict[str, Any]] = []
    for section in SECTIONS:
        entries = by_section.get(section)
        if not entries:
            continue
        if len(entries) == 1 and entries[0][1].title is None:
            nav.append({section: entries[0][0]})
            continue
        entries.sort(key=lambda entry: (entry[1].title is not None, entry[1].rank))
        nav.append(
            {
                section: [
                    path if place.title is None else {plain_title(place.title): path}
                    for path, place in entries
                ]
            }
        )
    return nav
