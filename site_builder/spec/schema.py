"""The JSON Schemas shipped with the package, and what other stages read from them.

The schemas are the single source of truth for field names, Chinese titles,
descriptions, enum labels and visibility: the validator, the renderer, the
field reference, the Excel template and the report skeleton all walk them.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

SCHEMA_NAMES = ("project", "quarterly-report", "annual-report", "cities", "policy", "adjustments")
# Where a value sits in a file: mapping keys and list indexes ("[]" for any index in a schema).
DataPath = tuple[str | int, ...]


@cache
def load(name: str) -> dict[str, Any]:
    text = (
        resources.files("site_builder.spec")
        .joinpath("schemas", f"{name}.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def full_validator(name: str) -> Draft202012Validator:
    """Lists every error; slower, so only used on files the fast check rejected."""
    return Draft202012Validator(load(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def parse_date(text: object) -> date | None:
    """An ISO date written as text (ASCII digits only); None when it is not one."""
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _is_date(value: object) -> bool:
    return not isinstance(value, str) or parse_date(value) is not None


@cache
def fast_validator(name: str) -> Callable[..., Any]:
    """A compiled validator that answers valid or not (about 10x faster than jsonschema).

    fastjsonschema speaks draft-07; our schemas use nothing later than that
    except the `$schema` line, so a copy with the draft-07 URI compiles to
    the same rules. Dates use the same check as the full validator.
    `use_default=False`: validating must not write the policy's defaults into
    the data (fastjsonschema fills `default`s in by default).
    """
    schema = copy.deepcopy(load(name))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema, formats={"date": _is_date}, use_default=False)


def is_valid(name: str, data: Any) -> bool:
    try:
        fast_validator(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def policy_defaults() -> dict[str, dict[str, Any]]:
    """Group -> option -> default: the `default` keywords of the policy schema.

    The one source of the policy's defaults (declared in `schema_policy`);
    groups without defaults (the programme's dates) are left out.
    """
    groups = load("policy")["properties"]
    return {
        group: {name: option["default"] for name, option in node["properties"].items()}
        for group, node in groups.items()
        if all("default" in option for option in node["properties"].values())
    }


def kind_branch(schema: dict[str, Any], kind: str | None) -> dict[str, Any]:
    """The `then` part of a report schema for one project kind (region / enterprise)."""
    for branch in schema.get("allOf", []):
        condition = branch.get("if", {}).get("properties", {}).get("kind", {})
        if condition.get("const") == kind:
            then: dict[str, Any] = branch["then"]
            return then
    return {}


def report_schema_name(annual: bool) -> str:
    return "annual-report" if annual else "quarterly-report"


@dataclass(frozen=True)
class Part:
    """One part of a report as the notice orders it (一、组织保障 ...)."""

    key: str
    heading: str  # 一、组织保障; the closing parts have no number
    schema: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.schema.get("title", self.key))

    @property
    def items(self) -> list[tuple[str, dict[str, Any]]]:
        """Narrative items of a section, in order, without `figures`."""
        props = self.schema.get("properties", {})
        return [(k, v) for k, v in props.items() if k != "figures" and v.get("type") == "string"]

    @property
    def figures(self) -> dict[str, dict[str, Any]]:
        figures: dict[str, dict[str, Any]] = (
            self.schema.get("properties", {}).get("figures", {}).get("properties", {})
        )
        return figures


@cache
def _parts(annual: bool, kind: str | None) -> tuple[Part, ...]:
    schema = load(report_schema_name(annual))
    branch = kind_branch(schema, kind)
    parts = []
    for key, sub in branch.get("properties", {}).items():
        if sub is False:
            continue
        parts.append(Part(key, sub.get("x-heading", sub.get("title", key)), sub))
    for key in ("problems", "next_steps", "cases"):
        sub = schema["properties"][key]
        parts.append(Part(key, sub.get("x-heading", sub["title"]), sub))
    return tuple(parts)


def report_parts(kind: str | None, annual: bool = False) -> list[Part]:
    """The parts of a report of this project kind, in the notice's order (without a kind,
    as in a file that is not valid yet, the closing parts only)."""
    return list(_parts(annual, kind))


def walk(schema: dict[str, Any], path: DataPath = ()) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """Every subschema with its data path; `[]` stands for any array index.

    Follows `properties`, `items` and the `then` branches of `allOf`.
    """
    yield path, schema
    for key, sub in schema.get("properties", {}).items():
        if isinstance(sub, dict):
            yield from walk(sub, path + (key,))
    if isinstance(schema.get("items"), dict):
        yield from walk(schema["items"], path + ("[]",))
    for branch in schema.get("allOf", []):
        for part in ("then", "else"):
            if isinstance(branch.get(part), dict):
                for sub_path, sub in walk(branch[part], path):
                    if sub_path != path:
                        yield sub_path, sub


@cache
def internal_paths(name: str) -> frozenset[DataPath]:
    """Data paths whose schema says `"x-visibility": "internal"`."""
    return frozenset(p for p, sub in walk(load(name)) if sub.get("x-visibility") == "internal")


def subschema_at(name: str, data: dict[str, Any], path: DataPath) -> dict[str, Any]:
    """The schema node describing the value at `path` in `data` (kind-aware)."""
    schema = load(name)
    if name.endswith("-report"):
        branch = kind_branch(schema, data.get("kind"))
        if path and path[0] in branch.get("properties", {}):
            node = branch["properties"][path[0]]
            return _descend(node, path[1:]) if isinstance(node, dict) else {}
    return _descend(schema, path)


def _descend(node: dict[str, Any], path: DataPath) -> dict[str, Any]:
    for step in path:
        if isinstance(step, int) or step == "[]":
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
        if not isinstance(node, dict):
            return {}
    return node
