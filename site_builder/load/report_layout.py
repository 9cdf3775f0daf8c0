"""The canonical layout of a report file, read off the schema, and the one writer of reports.

Key order is the notice's outline (`schema.report_parts`: 一、组织保障 …, then the
problems, next steps and cases) and, inside each part, the schema's order; each
part is preceded by its heading as a comment line. `report_text` is what
`sctrack new` and `sctrack import` write; `layouts_json` hands the same layout to
the web form, whose `canonical.js` writes the same bytes (`yamlwrite`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from site_builder.load.tree import schema_comment
from site_builder.load.yamlwrite import Layout, Notes, dump, scalar_rules
from site_builder.spec import schema

# The keys that name the file (written first, without a heading).
IDENTITY = ("project", "period", "kind")
CLOSING = ("problems", "next_steps", "cases")


def form_key(kind: str, annual: bool) -> str:
    """How the page names the layout of one kind and period type (`region|annual`)."""
    return f"{kind}|{'annual' if annual else 'quarterly'}"


def _kinds() -> list[str]:
    return list(schema.load("quarterly-report")["properties"]["kind"]["enum"])


def _orders(path: str, node: dict[str, Any], order: dict[str, list[str]]) -> None:
    if node.get("type") == "object" and node.get("properties"):
        order[path] = list(node["properties"])
        for key, sub in node["properties"].items():
            if isinstance(sub, dict):
                _orders(f"{path}.{key}" if path else key, sub, order)
    elif node.get("type") == "array" and isinstance(node.get("items"), dict):
        _orders(path + "[]", node["items"], order)


@cache
def report_layout(kind: str | None, annual: bool) -> Layout:
    """The layout of a report of this kind; an unknown kind gets the closing parts only."""
    name = schema.report_schema_name(annual)
    root = schema.load(name)
    known = kind if kind in _kinds() else None
    parts = schema.report_parts(known or "", annual)
    sections = set(CLOSING)
    for branch in root.get("allOf", []):
        sections |= set(branch.get("then", {}).get("properties", {}))
    head = [k for k in root["properties"] if k not in sections]
    order: dict[str, list[str]] = {"": head + [p.key for p in parts]}
    headings = {k: root["properties"][k]["title"] for k in head if k not in IDENTITY}
    for part in parts:
        headings[part.key] = part.heading
        _orders(part.key, part.schema, order)
    return Layout(schema_comment(name), order, headings)


def report_text(
    data: dict[str, Any], annual: bool, notes: Notes | None = None, preamble: tuple[str, ...] = ()
) -> str:
    """A report as the repository keeps it: what every door writes."""
    kind = data.get("kind")
    return dump(
        data, report_layout(kind if isinstance(kind, str) else None, annual), notes, preamble
    )


def layouts_json() -> dict[str, Any]:
    """Every report layout and the scalar rules, for the form's writer."""
    return {
        "scalars": scalar_rules(),
        "reports": {
            form_key(kind, annual): report_layout(kind, annual).as_json()
            for kind in _kinds()
            for annual in (False, True)
        },
    }
