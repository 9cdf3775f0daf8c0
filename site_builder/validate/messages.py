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
from site_builder.load.yamlvalues import resolve_plain
from site_builder.spec import catalogue
from site_builder.spec import schema as schemas
from site_builder.validate.units import UNITS, WITH_UNIT, unit_hint

SHOWN_CHARS = 40  # a wrong value is quoted up to this many characters
SUGGESTION_CUTOFF = 0.6  # difflib's similarity needed to suggest a field name or an enum value

_TYPE_NAMES = {
    "string": "文本",
    "number": "数字",
    "integer": "整数",
    "boolean": "true 或 false",
    "object": "分项（键: 值）",
    "array": "列表（每项以“- ”开头）",
    "null": "空值",
}


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
    return f"是不是“{close[0]}”？" if close else ""


def _choices(schema: dict) -> str:
    labels = schema.get("x-enum-labels", {})
    return "、".join(
        f"{code}（{labels[code]}）" if code in labels else str(code) for code in schema["enum"]
    )


def _range(schema: dict) -> str:
    unit = schema.get("x-unit", "")
    low, low_x, high = schema.get("minimum"), schema.get("exclusiveMinimum"), schema.get("maximum")
    if low is not None and high is not None:
        text = f"应在 {low:g}～{high:g} 之间"
    elif low_x is not None and high is not None:
        text = f"应大于 {low_x:g} 且不大于 {high:g}"
    elif low_x is not None:
        text = f"应大于 {low_x:g}"
    elif low is not None:
        text = f"应不小于 {low:g}"
    else:
        text = f"应不大于 {high:g}"
    return text + (f"（单位：{unit}）" if unit else "")


_QUOTES = "\"'“”‘’「」"
_NO_DATA = ("无", "暂无", "-", "—", "/", "N/A", "n/a")


def _number_hint(value: str, schema: dict) -> str:
    unit = schema.get("x-unit", "")
    stripped = value.strip()
    normal = unicodedata.normalize("NFKC", stripped)  # full-width digits, ％ and ， to ASCII
    prefix = ""
    if normal != stripped and re.search("[\uff10-\uff19]", stripped):
        if _is_number(normal):
            return (
                f"这里用了全角数字“{stripped}”。请切换到英文输入法（半角）重新输入，写成 {normal}。"
            )
        prefix = "数字要用半角（英文输入法）输入；"
    if _is_number(normal):  # a string that reads as a number: it was written in quotes
        return f"数字不要加引号（加了引号就成了文本），请去掉引号，写成 {normal}。"
    inner = normal.strip(_QUOTES)
    if inner != normal and _is_number(inner):
        return f"数字不要加引号，请去掉两边的引号，写成 {inner}。"
    if "," in normal:
        return prefix + "不要写千分位逗号，例如写 12000。"
    written = WITH_UNIT.fullmatch(normal)
    if written:
        return prefix + unit_hint(written[1], written[2], unit)
    if normal.lstrip("-+").startswith("0") and normal.lstrip("-+")[1:2].isdigit():
        return prefix + "数字不能以 0 开头。"
    if normal in _NO_DATA:
        return "没有数据时请删除这一行，不要填“无”或 0。"
    if any(u in normal for u in UNITS):
        return prefix + (
            f"不要写单位，单位固定为{unit}，只写数字。" if unit else "不要写单位，只写数字。"
        )
    return prefix + "只写阿拉伯数字，不写单位。"


def _is_number(text: str) -> bool:
    value = resolve_plain(text)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type_message(err: ValidationError, raw: str | None) -> tuple[str, str]:
    expected = (
        err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
    )
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
        return (
            "S003",
            f"{title}应为{_TYPE_NAMES[expected]}，这里写的是“{_show(value)}”。{_number_hint(value, err.schema)}",
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


def _kind_name(data: dict) -> str:
    return catalogue.label("kind", data.get("kind")) or "此类项目"


def _place(name: str, data: dict, path: tuple) -> str:
    """Where a value sits, in words: “申报目标”第 2 项."""
    if not path:
        return "文件顶层"
    if isinstance(path[-1], int):
        return f"{_place(name, data, path[:-1])}第 {path[-1] + 1} 项"
    title = schemas.subschema_at(name, data, path).get("title")
    return f"“{title}”（{path[-1]}）" if title else f"“{path[-1]}”"


def describe(
    err: ValidationError, name: str, data: dict, positions: Positions, display: str
) -> list[Finding]:
    """The findings for one jsonschema error against schema `name`."""
    path = tuple(err.absolute_path)
    line, col = positions.locate(path)
    validator = err.validator
    schema = err.schema if isinstance(err.schema, dict) else {}

    def one(code: str, message: str, where: tuple = path) -> list[Finding]:
        return [at(display, code, message, *positions.locate(where))]

    if validator == "required":
        return _missing(err, name, data, positions, display)
    if validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = [k for k in err.instance if k not in allowed]
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
        if fullwidth and "object" in err.validator_value:
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
            f"{_title(schema)}的值“{_show(value)}”不在可选范围内。{hint}可选：{_choices(schema)}。",
        )
    if validator == "pattern":
        explanation = schema.get("x-pattern-message", "格式不对")
        if explanation == "不能为空":
            return one("S009", f"{_title(schema)}不能为空。")
        return one("S006", f"{_title(schema)}{explanation}，这里写的是“{_show(err.instance)}”。")
    if validator == "format":
        return one(
            "S007",
            f"{_title(schema)}应为有效日期，格式 YYYY-MM-DD（例如 2020-04-16），这里写的是“{_show(err.instance)}”。",
        )
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        value = err.instance
        shown = positions.raw.get(path, value)
        return one("S008", f"{_title(schema)}为 {shown}，超出允许范围：{_range(schema)}。")
    if validator in ("minLength", "maxLength"):
        if validator == "minLength":
            return one("S009", f"{_title(schema)}不能为空。")
        return one(
            "S009",
            f"{_title(schema)}太长了（{len(err.instance)} 字），最多 {err.validator_value} 字。",
        )
    if validator == "minProperties":
        return one("S009", f"{_title(schema)}下至少要填写一项。")
    if validator == "minItems":
        return one("S010", f"{_title(schema)}至少要有 {err.validator_value} 项。")
    if validator == "maxItems":
        return one(
            "S010",
            f"{_title(schema)}有 {len(err.instance)} 项，最多 {err.validator_value} 项。"
            "请只保留最有代表性的几项。",
        )
    if validator == "uniqueItems":
        return one("S010", f"{_title(schema)}中有重复的项，请删除重复的。")
    if validator == "const":
        return one("S006", f"{_title(schema)}只能是“{err.validator_value}”。")
    return one("S099", f"{_title(schema)}不符合要求（{validator}）。")


def _missing(
    err: ValidationError, name: str, data: dict, positions: Positions, display: str
) -> list[Finding]:
    """One S001 per missing key, each pointing where the key belongs: at the next key
    present after it in the outline's order (else at its parent), so that several missing
    sections are all listed, in file order (and at one place, in the outline's order)."""
    path = tuple(err.absolute_path)
    present = err.instance if isinstance(err.instance, dict) else {}
    order = list(schemas.subschema_at(name, data, path).get("properties", {}))
    findings = []
    for key in (k for k in err.validator_value if k not in present):
        title = schemas.subschema_at(name, data, path + (key,)).get("title")
        message = f"{_place(name, data, path)}缺少必填项{title_and_key(title, key)}。"
        later = order[order.index(key) + 1 :] if key in order else []
        follower = next((k for k in later if path + (k,) in positions.keys), None)
        if follower is None:
            finding = at(display, "S001", message, *positions.locate(path))
        else:
            where = title_and_key(
                schemas.subschema_at(name, data, path + (follower,)).get("title"), follower
            )
            line, col = positions.keys[path + (follower,)]
            finding = at(display, "S001", f"{message}请补在{where}之前。", line, col)
        rank = order.index(key) if key in order else len(order)
        findings.append(replace(finding, location=replace(finding.location, rank=rank)))
    return findings


def title_and_key(title: str | None, key: str) -> str:
    """`“基础工作”（groundwork）`, or `“groundwork”` for a key without a title."""
    return f"“{title}”（{key}）" if title else f"“{key}”"


def _not_for_this_kind(
    err: ValidationError, name: str, data: dict, positions: Positions, display: str
) -> list[Finding]:
    """A `false` subschema: a key that this kind of project does not have.

    jsonschema reports these without the key in the error's path, so find the
    keys whose subschema is `false` in the `properties` the error points at.
    """
    node: Any = schemas.load(name)
    for step in err.absolute_schema_path:
        node = node[step] if isinstance(node, (dict, list)) else None
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


def non_finite(data: dict, positions: Positions, display: str) -> list[Finding]:
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


def _get(data: Any, path: tuple) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
