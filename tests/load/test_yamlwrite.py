"""The canonical writer's scalar styles: plain where YAML 1.2 reads the same text back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.load.report_layout import report_layout
from site_builder.load.yamlsafe import parse_text
from site_builder.load.yamlvalues import resolve_plain
from site_builder.load.yamlwrite import Layout, dump, is_plain, number, preamble_of, scalar


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("NO", "NO"),  # YAML 1.2: text, as the README promises
        ("yes", "yes"),
        ("2021-Q3", "2021-Q3"),
        ("12.5万元", "12.5万元"),
        ("010", '"010"'),  # 10 for YAML 1.2 core readers (the form's), text for ours
        ("2021", '"2021"'),
        ("1e3", '"1e3"'),
        ("0x1F", '"0x1F"'),
        ("true", '"true"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("", '""'),
        ("#标签", '"#标签"'),
        ("a: b", '"a: b"'),
        ("中文 # 不是注释", '"中文 # 不是注释"'),
        (" 前导空格", '" 前导空格"'),
        ("- 列表", '"- 列表"'),
        ("制表\t符", '"制表\\t符"'),
        ("隐藏\u202e方向", '"隐藏\\u202E方向"'),
        ("表情😀", "表情😀"),
        ("全角：冒号", "全角：冒号"),
        ("一行\n两行", "|-"),
        ("一行\n两行\n", "|"),
        ("一行\n\n", '"一行\\n\\n"'),  # `|+` would swallow the blank line before a heading
        ("行尾空格 \n下一行", '"行尾空格 \\n下一行"'),  # editors strip them
        (" 缩进\n下一行", '" 缩进\\n下一行"'),
        ("下一行\n\t制表", '"下一行\\n\\t制表"'),  # a tab there reads as tab indentation
        (5.0, "5"),
        (92.4, "92.4"),
        (1e-7, "1e-7"),
        (1e21, "1e+21"),
        (2.0**60, "1.152921504606847e+18"),
        (-0.0, "0"),
        (True, "true"),
        (None, ""),
        ([], "[]"),
    ],
)
def test_scalar_styles(value, written):
    assert scalar(value)[0] == written
    layout = Layout("# first")
    text = dump({"key": value}, layout)
    assert parse_text(text, "x.yaml").data == {"key": value}


@given(st.text(max_size=12))
def test_every_text_the_reader_would_not_read_as_text_is_quoted(text):
    if not isinstance(resolve_plain(text), str):
        assert not is_plain(text)
    assert parse_text(dump({"key": text}, Layout("# first")), "x").data == {"key": text}


@given(st.floats(allow_nan=False) | st.integers())
def test_numbers_read_back(value):
    assert parse_text(f"key: {number(value)}\n", "x").data == {"key": value}


def test_headings_come_before_each_part_and_comments_open_the_file():
    data = {
        "kind": "enterprise",
        "period": "2021-Q3",
        "project": "p",
        "organisation": {"publicity": "宣传", "mechanism": "机制"},
        "unknown": 1,
    }
    text = dump(data, report_layout("enterprise", False), preamble=["# 示例数据"])
    assert text.splitlines()[1:9] == [
        "# 示例数据",
        "project: p",
        "period: 2021-Q3",
        "kind: enterprise",
        "",
        "# 一、组织保障",
        "organisation:",
        "  mechanism: 机制",
    ]
    assert text.endswith("  publicity: 宣传\nunknown: 1\n")
    assert preamble_of(text) == ("# 示例数据",)
    with pytest.raises(ValueError):
        dump(data, report_layout("enterprise", False), preamble=["不是注释"])
