"""A page's front matter is written as JSON and read by MkDocs as YAML: it must load back to
the very dict the page holds, whatever a submitter typed into a title."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from site_builder.present.markdown import Page, front_matter

AWKWARD_TITLES = [
    '他说："好"',
    "单引号 ' 和双引号 \" 混在一起",
    "冒号: 后面有空格",
    "key: value",
    "# 不是注释",
    "标题 #号 在中间",
    "第一行\n第二行",
    "制表\t符",
    "反斜杠 \\ 和 \\n 字样",
    "太原市供应链重点项目（2024）",
    "- 像列表项",
    "[像列表]",
    "{像字典}",
    "---",
    "...",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "123",
    "0x1F",
    "1e5",
    "2024-06-30",
    "& 锚点",
    "* 别名",
    "! 标签",
    "| 块",
    "> 折叠",
    "% 指令",
    "@ 保留",
    "` 反引号",
    "",
    " 前后有空格 ",
    "😀 表情",
    "\u0085 下一行",
    "\u2028 行分隔 \u2029 段分隔",
    "\ufeff 字节序标记",
    "\x7f 删除 \x9f 控制",
    "\x00 空字符 \x1b 转义",
    "\u00a0 不换行空格",
    "很长的标题" * 40 + " 带 空格 的 长 标题 " * 10,
]

METAS: list[dict[str, Any]] = [
    *({"title": title, "description": title} for title in AWKWARD_TITLES),
    {"title": "首页", "hide": ["navigation", "toc"]},
    {"hide": []},
    {},
    {"flags": True, "draft": False, "rank": 3, "big": 10**20, "none": None},
    {"nested": {"a": ["x", {"b": "冒号: 与 #"}], "c": {}}},
    {"中文键": "值", "key: with colon": "v", "#": "hash"},
]


def _loaded(meta: dict[str, Any]) -> tuple[Any, Any, dict[str, Any]]:
    """The front matter read by PyYAML's pure and C loaders, and by MkDocs from a page."""
    front = front_matter(meta)
    page = f"---\n{front}\n---\n\n正文\n"
    body, by_mkdocs = get_data(page)
    assert body == "正文\n"
    return yaml.safe_load(front), yaml.load(front, Loader=yaml.CSafeLoader), by_mkdocs


@pytest.mark.parametrize("meta", METAS, ids=range(len(METAS)))
def test_front_matter_loads_back_to_the_same_dict(meta: dict[str, Any]) -> None:
    assert all(loaded == meta for loaded in _loaded(meta))


def test_front_matter_is_one_line_of_json() -> None:
    """One line: no text in it can end the front matter early."""
    assert front_matter({"title": "a\n---\nb", "hide": ["toc"]}).count("\n") == 0


def test_what_json_cannot_say_as_yaml_reads_it_is_dumped_as_yaml() -> None:
    """Floats (JSON's `1e+16` is a string to YAML 1.1), tuples, lone surrogates: as before."""
    for meta in ({"ratio": 1e16}, {"pair": ("a", "b")}, {"odd": "\ud800"}, {1: "int key"}):
        assert (
            front_matter(meta) == yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
        )
    assert yaml.safe_load(front_matter({"ratio": 1e16})) == {"ratio": 1e16}


def test_a_page_title_is_made_plain_before_it_is_written() -> None:
    text = Page("x.md", "正文", {"title": '<b>"甲" & 乙</b>\n'}).text()
    assert get_data(text)[1] == {"title": "＜b＞＂甲＂ ＆ 乙＜/b＞"}


_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_texts, inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(_texts, _values, max_size=5))
def test_any_plain_meta_round_trips(meta: dict[str, Any]) -> None:
    assert all(loaded == meta for loaded in _loaded(meta))
