"""JSON Schema errors rewritten as plain Chinese findings.

Each message says what is wrong, where (by the field's Chinese title) and
what is allowed, in the spirit of lib-cove's rewrites of jsonschema errors.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import replace
from typing import Any

from jsonschema.exceptions import ValidationError

from site_builder.findings import Finding, at
from site_builder.load.yamlerrors import fullwidth_advice, fullwidth_colon
from site_builder.load.yamlsafe import Positions
from site_builder.load.yamlvalues import JsonPath, resolve_plain
from site_builder.spec import catalogue
from site_builder.spec import schema as schemas
from site_builder.validate.units import WITH_UNIT, unit_hint
from site_builder.validate.wording import (
    NO_DATA,
    QUOTES,
    SHOWN_CHARS,
    UNITS,
    say,
)
from site_builder.validate.wording import TYPE_NAMES as _TYPE_NAMES

SUGGESTION_CUTOFF = 0.6  # difflib's similarity needed to suggest a field name or an enum value


def _type_of(value: Any) -> str:
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


def _title(schema: Any) -> str:
    if isinstance(schema, dict) and schema.get("title"):
        return f"“{schema['title']}”"
    return "这一项"


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _did_you_mean(word: str, choices: list[str]) -> str:
    """The closest allowed spelling as a question, or nothing when none is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=SUGGESTION_CUTOFF)
    return say("did_you_mean", close=close[0]) if close else ""


def _choices(schema: dict[str, Any]) -> str:
    labels = schema.get("x-enum-labels", {})
    return "、".join(
        f"{code}（{labels[code]}）" if code in labels else str(code) for code in schema["enum"]
    )


def _range(schema: dict[str, Any]) -> str:
    unit = schema.get("x-unit", "")
    low, low_x, high = schema.get("minimum"), schema.get("exclusiveMinimum"), schema.get("maximum")
    if low is not None and high is not None:
        text = say("range_between", low=f"{low:g}", high=f"{high:g}")
    elif low_x is not None and high is not None:
        text = say("range_above_up_to", low=f"{low_x:g}", high=f"{high:g}")
    elif low_x is not None:
        text = say("range_above", low=f"{low_x:g}")
    elif low is not None:
        text = say("range_from", low=f"{low:g}")
    else:
        text = say("range_up_to", high=f"{high:g}")
    return text + (say("range_unit", unit=unit) if unit else "")


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


def _type_message(err: ValidationError, raw: str | None) -> tuple[str, str]:
    types: Any = err.validator_value  # a type name, or a list of them
    expected = types if isinstance(types, str) else types[0]
    value = err.instance
    title = _title(err.schema)
    if value is None:
        if expected == "array":
            return "S009", f"{title}没有填写内容。没有内容时请写 []。"
        if expected in ("number", "integer"):
            return "S009", f"{title}没有填写数值。没有数据时请删除这一行（不要写 0）。"
        return "S009", f"{title}没有填写内容，请填写或删除这一行。"
    if expected == "string" and raw is not None:
        return "S004", (
            f"{title}应为文本，但未加引号的 {raw} 被 YAML 当成了{_type_of(value)}，"
            f'写下的样子可能被改变。请加上引号写成 "{raw}"。'
        )
    if expected in ("number", "integer") and isinstance(value, str):
        hint = _number_hint(value, err.schema if isinstance(err.schema, dict) else {})
        return "S003", say(
            "number_expected",
            title=title,
            expected=_TYPE_NAMES[expected],
            shown=_show(value),
            hint=hint,
        )
    if expected == "integer" and isinstance(value, float):
        return "S003", f"{title}应为整数，这里写的是 {raw or value}。"
    if expected == "boolean":
        return (
            "S003",
            f"{title}只能写 true（是）或 false（否），这里写的是“{_show(raw or value)}”。",
        )
    return (
        "S003",
        f"{title}应为{_TYPE_NAMES.get(expected, expected)}，这里写成了{_type_of(value)}。",
    )


def _kind_name(data: dict[str, Any]) -> str:
    return catalogue.label("kind", data.get("kind")) or "此类项目"


def _place(name: str, data: dict[str, Any], path: JsonPath) -> str:
    """Where a value sits, in words: “申报目标”第 2 项."""
    if not path:
        return "文件顶层"
    if isinstance(path[-1], int):
        return f"{_place(name, data, path[:-1])}第 {path[-1] + 1} 项"
    title = schemas.subschema_at(name, data, path).get("title")
    return f"“{title}”（{path[-1]}）" if title else f"“{path[-1]}”"


def describe(
    err: ValidationError, name: str, data: dict[str, Any], positions: Positions, display: str
) -> list[Finding]:
    """The findings for one jsonschema error against schema `name`."""
    path = tuple(err.absolute_path)
    line, col = positions.locate(path)
    validator = err.validator
    schema = err.schema if isinstance(err.schema, dict) else {}

    def one(code: str, message: str, where: JsonPath = path) -> list[Finding]:
        return [at(display, code, message, *positions.locate(where))]

    if validator == "required":
        return _missing(err, name, data, positions, display)
    if validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = (
            [k for k in err.instance if k not in allowed] if isinstance(err.instance, dict) else []
        )
        findings = []
        for key in extras:
            hint = _did_you_mean(key, allowed)
            usable = "、".join(
                f"{k}（{v.get('title', '')}）" if isinstance(v, dict) else k
                for k, v in schema.get("properties", {}).items()
                if v is not False
            )
            findings.append(
                at(
                    display,
                    "S002",
                    f"不认识的字段“{key}”。{hint}此处可用的字段：{usable}。",
                    *positions.locate(path + (key,)),
                )
            )
        return findings
    if validator is None or err.schema is False:
        return _not_for_this_kind(err, name, data, positions, display)
    if validator == "type":
        fullwidth = isinstance(err.instance, str) and fullwidth_colon(err.instance)
        types: Any = err.validator_value
        if fullwidth and "object" in types:
            # `key： value` read as text where a part belongs: point at the text's own line.
            where = positions.values.get(path, (line, col))
            return [at(display, "S003", f"{fullwidth_advice(fullwidth[1])}。", *where)]
        code, message = _type_message(err, positions.raw.get(path))
        return one(code, message)
    if validator == "enum":
        value = err.instance
        hint = _did_you_mean(str(value), [str(e) for e in schema["enum"]])
        return one(
            "S005",
            say(
                "enum",
                title=_title(schema),
                shown=_show(value),
                hint=hint,
                choices=_choices(schema),
            ),
        )
    if validator == "pattern":
        explanation = schema.get("x-pattern-message", "格式不对")
        if explanation == "不能为空":
            return one("S009", say("not_empty", title=_title(schema)))
        shown = _show(err.instance)
        return one(
            "S006", say("pattern", title=_title(schema), explanation=explanation, shown=shown)
        )
    if validator == "format":
        return one(
            "S007",
            f"{_title(schema)}应为有效日期，格式 YYYY-MM-DD（例如 2020-04-16），这里写的是“{_show(err.instance)}”。",
        )
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        shown = positions.raw.get(path) or str(err.instance)
        return one("S008", say("range", title=_title(schema), shown=shown, range=_range(schema)))
    if validator in ("minLength", "maxLength"):
        if validator == "minLength":
            return one("S009", say("not_empty", title=_title(schema)))
        length = len(err.instance) if isinstance(err.instance, str) else 0
        return one(
            "S009", say("too_long", title=_title(schema), length=length, limit=err.validator_value)
        )
    if validator == "minProperties":
        return one("S009", say("min_properties", title=_title(schema)))
    if validator == "minItems":
        return one("S010", say("min_items", title=_title(schema), limit=err.validator_value))
    if validator == "maxItems":
        count = len(err.instance) if isinstance(err.instance, list) else 0
        return one(
            "S010", say("max_items", title=_title(schema), count=count, limit=err.validator_value)
        )
    if validator == "uniqueItems":
        return one("S010", say("unique_items", title=_title(schema)))
    if validator == "const":
        return one("S006", say("const", title=_title(schema), value=err.validator_value))
    return one("S099", say("other", title=_title(schema), validator=validator))


def _missing(
    err: ValidationError, name: str, data: dict[str, Any], positions: Positions, display: str
) -> list[Finding]:
    """One S001 per missing key, each pointing where the key belongs: at the next key
    present after it in the outline's order (else at its parent), so that several missing
    sections are all listed, in file order (and at one place, in the outline's order)."""
    path = tuple(err.absolute_path)
    present = err.instance if isinstance(err.instance, dict) else {}
    order = list(schemas.subschema_at(name, data, path).get("properties", {}))
    findings = []
    required: Any = err.validator_value  # the list of required keys
    for key in (k for k in required if k not in present):
        title = schemas.subschema_at(name, data, path + (key,)).get("title")
        message = say("required", place=_place(name, data, path), what=title_and_key(title, key))
        later = order[order.index(key) + 1 :] if key in order else []
        follower = next((k for k in later if path + (k,) in positions.keys), None)
        if follower is None:
            finding = at(display, "S001", message, *positions.locate(path))
        else:
            where = title_and_key(
                schemas.subschema_at(name, data, path + (follower,)).get("title"), follower
            )
            line, col = positions.keys[path + (follower,)]
            finding = at(display, "S001", message + say("insert_before", where=where), line, col)
        rank = order.index(key) if key in order else len(order)
        findings.append(replace(finding, location=replace(finding.location, rank=rank)))
    return findings


def title_and_key(title: str | None, key: str) -> str:
    """`“基础工作”（groundwork）`, or `“groundwork”` for a key without a title."""
    return f"“{title}”（{key}）" if title else f"“{key}”"


def _not_for_this_kind(
    err: ValidationError, name: str, data: dict[str, Any], positions: Positions, display: str
) -> list[Finding]:
    """A `false` subschema: a key that this kind of project does not have.

    jsonschema reports these without the key in the error's path, so find the
    keys whose subschema is `false` in the `properties` the error points at.
    """
    node = _get(schemas.load(name), tuple(err.absolute_schema_path))
    path = tuple(err.absolute_path)
    container = _get(data, path)
    keys = [
        k
        for k, sub in (node or {}).items()
        if sub is False and isinstance(container, dict) and k in container
    ]
    kind = _kind_name(data)
    return [
        at(
            display,
            "S011",
            f"{kind}不填“{key}”，请删除这一部分（通知对{kind}没有这项要求）。",
            *positions.locate(path + (key,)),
        )
        for key in keys or [""]
    ]


def non_finite(data: dict[str, Any], positions: Positions, display: str) -> list[Finding]:
    """NaN and infinity pass JSON Schema range checks silently; refuse them here."""
    findings = []
    for path, raw in positions.raw.items():
        value = _get(data, path)
        if isinstance(value, float) and not math.isfinite(value):
            findings.append(
                at(
                    display,
                    "S012",
                    f"“{raw}”不是有效数值（NaN 或无穷大），请填写实际数字或删除这一行。",
                    *positions.locate(path),
                )
            )
    return findings


def _get(data: Any, path: JsonPath) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
