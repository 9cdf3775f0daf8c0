"""JSON Schema errors rewritten as plain Chinese findings.

Each message says what is wrong, where (by the field's Chinese title) and
what is allowed, in the spirit of lib-cove's rewrites of jsonschema errors.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from jsonschema.exceptions import ValidationError

from site_builder.findings import Finding, at
from site_builder.load.yamlerrors import fullwidth_advice, fullwidth_colon
from site_builder.load.yamlsafe import Positions
from site_builder.load.yamlvalues import JsonPath
from site_builder.spec import catalogue
from site_builder.spec import schema as schemas
from site_builder.validate.type_messages import show, title_of, type_message
from site_builder.validate.wording import say

SUGGESTION_CUTOFF = 0.6  # difflib's similarity needed to suggest a field name or an enum value


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


@dataclass(frozen=True)
class _Error:
    """One jsonschema error with what its handler needs to word and place it."""

    err: ValidationError
    name: str  # the schema's name
    data: dict[str, Any]
    positions: Positions
    display: str

    @property
    def path(self) -> tuple[str | int, ...]:
        return tuple(self.err.absolute_path)

    @property
    def schema(self) -> dict[str, Any]:
        return self.err.schema if isinstance(self.err.schema, dict) else {}

    @property
    def title(self) -> str:
        return title_of(self.schema)

    @property
    def instance(self) -> Any:
        """The value that failed: any YAML value (jsonschema's stubs allow it to be unset)."""
        return self.err.instance

    @property
    def limit(self) -> Any:
        """The keyword's value in the schema: a type name, a list, a number."""
        return self.err.validator_value

    def one(self, code: str, message: str) -> list[Finding]:
        """The error's single finding, at the value it is about."""
        return [at(self.display, code, message, *self.positions.locate(self.path))]


Handler = Callable[[_Error], list[Finding]]


def describe(
    err: ValidationError, name: str, data: dict[str, Any], positions: Positions, display: str
) -> list[Finding]:
    """The findings for one jsonschema error against schema `name`, worded by the handler
    of its keyword (`HANDLERS`)."""
    error = _Error(err, name, data, positions, display)
    if err.validator is None or err.schema is False:
        return _not_for_this_kind(err, name, data, positions, display)
    handler = HANDLERS.get(str(err.validator), _other)
    return handler(error)


def _required(e: _Error) -> list[Finding]:
    return _missing(e.err, e.name, e.data, e.positions, e.display)


def _unknown_keys(e: _Error) -> list[Finding]:
    """One S002 per key the schema does not know, with the closest known key suggested."""
    properties = e.schema.get("properties", {})
    allowed = list(properties)
    usable = "、".join(
        f"{k}（{v.get('title', '')}）" if isinstance(v, dict) else k
        for k, v in properties.items()
        if v is not False
    )
    findings = []
    for key in (k for k in e.instance if k not in allowed):
        message = f"不认识的字段“{key}”。{_did_you_mean(key, allowed)}此处可用的字段：{usable}。"
        findings.append(at(e.display, "S002", message, *e.positions.locate(e.path + (key,))))
    return findings


def _wrong_type(e: _Error) -> list[Finding]:
    fullwidth = isinstance(e.instance, str) and fullwidth_colon(e.instance)
    if fullwidth and "object" in e.limit:
        # `key： value` read as text where a part belongs: point at the text's own line.
        where = e.positions.values.get(e.path, e.positions.locate(e.path))
        return [at(e.display, "S003", f"{fullwidth_advice(fullwidth[1])}。", *where)]
    code, message = type_message(e.err, e.positions.raw.get(e.path))
    return e.one(code, message)


def _not_a_choice(e: _Error) -> list[Finding]:
    value = e.instance
    hint = _did_you_mean(str(value), [str(c) for c in e.schema["enum"]])
    words = dict(title=e.title, shown=show(value), hint=hint, choices=_choices(e.schema))
    return e.one("S005", say("enum", **words))


def _pattern(e: _Error) -> list[Finding]:
    explanation = e.schema.get("x-pattern-message", "格式不对")
    if explanation == "不能为空":
        return e.one("S009", say("not_empty", title=e.title))
    shown = show(e.instance)
    return e.one("S006", say("pattern", title=e.title, explanation=explanation, shown=shown))


def _date_format(e: _Error) -> list[Finding]:
    return e.one(
        "S007",
        f"{e.title}应为有效日期，格式 YYYY-MM-DD（例如 2020-04-16），这里写的是“{show(e.instance)}”。",
    )


def _out_of_range(e: _Error) -> list[Finding]:
    shown = e.positions.raw.get(e.path, e.instance)
    return e.one("S008", say("range", title=e.title, shown=shown, range=_range(e.schema)))


def _empty(e: _Error) -> list[Finding]:
    return e.one("S009", say("not_empty", title=e.title))


def _too_long(e: _Error) -> list[Finding]:
    length = len(e.instance)
    return e.one("S009", say("too_long", title=e.title, length=length, limit=e.limit))


def _no_properties(e: _Error) -> list[Finding]:
    return e.one("S009", say("min_properties", title=e.title))


def _too_few(e: _Error) -> list[Finding]:
    return e.one("S010", say("min_items", title=e.title, limit=e.limit))


def _too_many(e: _Error) -> list[Finding]:
    count = len(e.instance)
    return e.one("S010", say("max_items", title=e.title, count=count, limit=e.limit))


def _repeated(e: _Error) -> list[Finding]:
    return e.one("S010", say("unique_items", title=e.title))


def _const(e: _Error) -> list[Finding]:
    return e.one("S006", say("const", title=e.title, value=e.limit))


def _other(e: _Error) -> list[Finding]:
    return e.one("S099", say("other", title=e.title, validator=e.err.validator))


# The handler of each JSON Schema keyword; a keyword not here is worded by `_other` (S099).
HANDLERS: dict[str, Handler] = {
    "required": _required,
    "additionalProperties": _unknown_keys,
    "type": _wrong_type,
    "enum": _not_a_choice,
    "pattern": _pattern,
    "format": _date_format,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "exclusiveMinimum": _out_of_range,
    "exclusiveMaximum": _out_of_range,
    "minLength": _empty,
    "maxLength": _too_long,
    "minProperties": _no_properties,
    "minItems": _too_few,
    "maxItems": _too_many,
    "uniqueItems": _repeated,
    "const": _const,
}


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
