"""Submitted text on one line, YAML scalars as YAML 1.2 reads them, dropped comments, positions."""

from __future__ import annotations

import math

from site_builder.load import text, yamlvalues
from site_builder.load.yamlsafe import parse_text
from site_builder.present import textable


def test_chinese_lines_join_without_a_space_and_latin_words_keep_one():
    assert text.normalise_space("供应链\n  金融服务 融资 \t platform  two") == (
        "供应链金融服务融资 platform two"
    )
    assert text.normalise_space(12) == "12"


def test_plain_scalars_are_read_as_yaml_1_2():
    resolve = yamlvalues.resolve_plain
    assert resolve("10") == 10 and resolve("1e3") == 1000.0 and resolve("-0.5") == -0.5
    assert resolve("010") == "010"  # a leading zero keeps it text (an identifier)
    assert resolve("true") is True and resolve("yes") == "yes" and resolve("on") == "on"
    assert resolve("~") is None and resolve("null") is None
    assert math.isnan(resolve(".nan")) and resolve("-.inf") == float("-inf")
    assert resolve("2021-Q3") == "2021-Q3"


def test_a_hash_after_chinese_text_is_a_warning_with_the_lost_words():
    parsed = parse_text("summary: 完成第一期 #第二期启动\n", "r.yaml")
    assert parsed.data == {"summary": "完成第一期"}
    (finding,) = parsed.findings
    assert (finding.code, finding.line, finding.col, finding.is_error) == ("L017", 1, 16, False)
    assert "“#第二期启动”被 YAML 当作注释丢掉了" in finding.message


def test_positions_locate_a_value_or_its_nearest_key():
    parsed = parse_text("a:\n  b:\n    - 1\n    - x: 2\n", "p.yaml")
    positions = parsed.positions
    assert positions.locate(("a", "b", 1, "x")) == (4, 7)
    assert positions.locate(("a", "b", 0)) == (3, 7)
    assert positions.locate(("a", "missing")) == (1, 1)


def test_terminal_tables_align_chinese_by_display_width():
    assert textable.width("报送ab") == 6
    table = textable.aligned(["城市", "项目数"], [["太原市", 4], ["大同", None]], right={1})
    assert table.splitlines() == [
        "城市    项目数",
        "------  ------",
        "太原市       4",
        "大同",
    ]
