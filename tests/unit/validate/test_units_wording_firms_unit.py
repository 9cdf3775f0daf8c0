"""validate's unit conversions, its table of words, and the firm rules, module by module."""

from __future__ import annotations

import pytest

from site_builder.spec import credit_code
from site_builder.validate import firms, rules, units, wording
from site_builder.validate.run import validate


@pytest.mark.parametrize(
    ("text", "split"),
    [("1,234.5亿元", ("1,234.5", "亿元")), ("12.5 %", ("12.5", "%")), ("385.6", None)],
)
def test_split_unit_reads_the_unit_a_text_ends_in(text, split):
    assert units.split_unit(text) == split


def test_conversion_between_scales_of_one_currency_only():
    assert units.converted("620", "万", "亿元") == "0.062"  # 万 alone in a 元 field is 万元
    assert units.converted("3", "亿", "万美元") == "30000"  # ... and 万美元 in a dollar field
    assert units.converted("3", "亿美元", "亿元") is None  # needs an exchange rate
    assert units.converted("5", "家", "亿元") is None


def test_the_unit_hint_is_worded_from_the_shared_table():
    hint = units.unit_hint("12.5", "万元", "亿元")
    assert hint == wording.say(
        "unit_converted",
        advice=wording.say("unit_advice", written="万元", unit="亿元"),
        number="12.5",
        written="万元",
        figure="0.00125",
        unit="亿元",
    )
    assert "写成 0.00125" in hint
    assert units.unit_hint("7", "亿元", "亿元") == "单位已固定为亿元，请去掉“亿元”，只写数字 7。"


def test_every_template_fills_and_the_form_gets_the_same_table():
    for key, template in wording.TEMPLATES.items():
        names = {part.split("}")[0] for part in template.split("{")[1:]}
        assert wording.say(key, **dict.fromkeys(names, "X")).count("{") == 0
    shipped = wording.form_wording()
    assert shipped["templates"] is wording.TEMPLATES
    assert shipped["jump_factor"] == wording.JUMP_FACTOR


def test_a_mistyped_credit_code_is_named_with_its_right_check_character():
    first17 = "91140100MA0K12345"
    code = first17 + credit_code.check_character(first17)
    assert credit_code.is_valid(code)
    wrong = first17 + ("0" if code[-1] != "0" else "1")
    assert not credit_code.is_valid(wrong)


def test_firm_rules_name_a_wrong_check_character_in_project_yaml(base_tree):
    project = base_tree / "submissions/projects/beta-firm/project.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("91140200000000100T", "91140200000000100X"), encoding="utf-8")
    found = [f for f in validate(base_tree).findings if f.code == "X020"]
    assert len(found) == 1 and "应为“T”" in found[0].message
    assert found[0].location.line == 12  # the credit_code line
    assert rules.RULES["X020"] is firms.credit_code_checks  # run by the table of rules
