"""How a type error is worded: the value as shown, the field's title, and the hint on how to
write a number (validate/type_messages.py), on jsonschema's own errors."""

from __future__ import annotations

from jsonschema import Draft202012Validator

from site_builder.validate import type_messages, wording


def _error(schema: dict, value: object):
    (error,) = Draft202012Validator(schema).iter_errors(value)
    return error


def test_a_long_value_is_shown_cut_and_a_title_quoted():
    assert type_messages.show("x" * (wording.SHOWN_CHARS + 5)) == "x" * wording.SHOWN_CHARS + "…"
    assert type_messages.title_of({"title": "营业收入"}) == "“营业收入”"
    assert type_messages.title_of(False) == "这一项"
    assert type_messages.type_of(True) == "布尔值（true/false）"


def test_a_number_written_with_full_width_digits_is_explained():
    schema = {"type": "number", "title": "营业收入", "x-unit": "亿元"}
    code, message = type_messages.type_message(_error(schema, "１２"), None)
    assert code == "S003"
    assert message.startswith("“营业收入”应为数字，这里写的是“１２”。")
    assert "写成 12" in message


def test_an_unquoted_text_read_as_a_number_asks_for_quotes():
    code, message = type_messages.type_message(_error({"type": "string"}, 2021), "2021")
    assert code == "S004" and '"2021"' in message
