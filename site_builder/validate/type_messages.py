"""Type errors of JSON Schema worded for a clerk: what was written, what is expected, and how
to write a number (full-width digits, quotes, thousands separators, units)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from jsonschema.exceptions import ValidationError

from site_builder.load.yamlvalues import resolve_plain
from site_builder.validate.units import WITH_UNIT, unit_hint
from site_builder.validate.wording import NO_DATA, QUOTES, SHOWN_CHARS, TYPE_NAMES, UNITS, say


def type_of(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "布尔值（true/false）"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, list):
        return "列表"
    return "分项"


def title_of(schema: Any) -> str:
    if isinstance(schema, dict) and schema.get("title"):
        return f"“{schema['title']}”"
    return "这一项"


def show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _number_hint(value: str, schema: dict[str, Any]) -> str:
    unit = schema.get("x-unit", "")
    stripped = value.strip()
    normal = unicodedata.normalize("NFKC", stripped)  # full-width digits, ％ and ， to ASCII
    prefix = ""
    if normal != stripped and re.search("[\uff10-\uff19]", stripped):
        if _is_number(normal):
            return say("fullwidth_digits", raw=stripped, normal=normal)
        prefix = say("fullwidth_prefix")
    if _is_number(normal):  # a string that reads as a number: it was written in quotes
        return say("quoted_number", normal=normal)
    inner = normal.strip(QUOTES)
    if inner != normal and _is_number(inner):
        return say("quotes_around", inner=inner)
    if "," in normal:
        return prefix + say("thousands")
    written = WITH_UNIT.fullmatch(normal)
    if written:
        return prefix + unit_hint(written[1], written[2], unit)
    if normal.lstrip("-+").startswith("0") and normal.lstrip("-+")[1:2].isdigit():
        return prefix + say("leading_zero")
    if normal in NO_DATA:
        return say("no_data")
    if any(u in normal for u in UNITS):
        return prefix + (say("unit_fixed", unit=unit) if unit else say("no_unit"))
    return prefix + say("digits_only")


def _is_number(text: str) -> bool:
    value = resolve_plain(text)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def type_message(err: ValidationError, raw: str | None) -> tuple[str, str]:
    types: Any = err.validator_value  # a type name, or a list of them
    expected = types if isinstance(types, str) else types[0]
    value = err.instance
    title = title_of(err.schema)
    if value is None:
        if expected == "array":
            return "S009", f"{title}没有填写内容。没有内容时请写 []。"
        if expected in ("number", "integer"):
            return "S009", f"{title}没有填写数值。没有数据时请删除这一行（不要写 0）。"
        return "S009", f"{title}没有填写内容，请填写或删除这一行。"
    if expected == "string" and raw is not None:
        return "S004", (
            f"{title}应为文本，但未加引号的 {raw} 被 YAML 当成了{type_of(value)}，"
            f'写下的样子可能被改变。请加上引号写成 "{raw}"。'
        )
    if expected in ("number", "integer") and isinstance(value, str):
        hint = _number_hint(value, err.schema if isinstance(err.schema, dict) else {})
        return "S003", say(
            "number_expected",
            title=title,
            expected=TYPE_NAMES[expected],
            shown=show(value),
            hint=hint,
        )
    if expected == "integer" and isinstance(value, float):
        return "S003", f"{title}应为整数，这里写的是 {raw or value}。"
    if expected == "boolean":
        return (
            "S003",
            f"{title}只能写 true（是）或 false（否），这里写的是“{show(raw or value)}”。",
        )
    return (
        "S003",
        f"{title}应为{TYPE_NAMES.get(expected, expected)}，这里写成了{type_of(value)}。",
    )
