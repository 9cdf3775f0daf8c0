"""The form of one report, as Decap CMS fields, walked from the report schema.

The parts come from `schema.report_parts` (the notice's order and headings, the
schema's `if/then` resolved for the project's kind); each item keeps the schema's
title and description; items and figures that do not apply to the project's type
of enterprise are left out, as the `sctrack new` skeleton leaves them out.
`required` says where the schema requires a value. Decap itself is given no
rule to enforce (`for_decap`): the page judges the whole report against the
schema before saving (ajv, `admin.js`) and shows every problem at once, which
Decap's own checks, run first and field by field, would prevent. The page
marks the labels instead (`label_marks`): （至少填写一项） on a section that needs
an item, nothing on a value that must be given, (可选) elsewhere. Figures are
text inputs with their unit after the box, so that `12.5万元` reaches the
check and is refused with the converted value, as `sctrack validate` does.
"""

from __future__ import annotations

from typing import Any

from site_builder.load.periods import Period
from site_builder.load.records import Project
from site_builder.load.tree import report_schema
from site_builder.spec import catalogue, schema

Field = dict[str, Any]
# The keys the form never shows: they name the file and are written once, on creation.
HIDDEN = ("project", "period", "kind")
# Case texts longer than a line: the rich-text editor with the few Markdown tools a
# case needs (the site renders headings, lists and links).
MARKDOWN_BUTTONS = ["bold", "heading-three", "bulleted-list", "numbered-list", "link"]


def _hint(node: dict) -> str:
    return str(node.get("description", "")).strip()


def _leaf(key: str, node: dict, required: bool, label: str | None = None) -> Field:
    """A field for a scalar or a list of enum values."""
    field: Field = {
        "name": key,
        "label": label or node.get("title", key),
        "required": required,
        "hint": _hint(node),
    }
    kind = node.get("type")
    if "enum" in node:
        labels = node.get("x-enum-labels", {})
        field.update(
            widget="select",
            options=[{"label": labels.get(v, v), "value": v} for v in node["enum"]],
        )
    elif kind == "array" and "enum" in node.get("items", {}):
        labels = node["items"].get("x-enum-labels", {})
        field.update(
            widget="select",
            multiple=True,
            min=node.get("minItems", 0),
            options=[{"label": labels.get(v, v), "value": v} for v in node["items"]["enum"]],
        )
    elif kind == "number":
        field.update(widget="number", value_type="float")
        for keyword, option in (("minimum", "min"), ("maximum", "max")):
            if keyword in node:
                field[option] = node[keyword]
    elif kind == "boolean":
        field.update(widget="boolean", default=False)
    elif node.get("maxLength", 0) and node["maxLength"] <= 300:
        field.update(widget="string" if node["maxLength"] <= 60 else "text")
    else:
        field.update(widget="text")
    return field


def _object(key: str, node: dict, required: bool, label: str | None = None) -> Field:
    return {
        "name": key,
        "label": label or node.get("title", key),
        "widget": "object",
        "required": required,
        "collapsed": False,
        "hint": _hint(node),
        "fields": [
            _any(k, sub, k in node.get("required", [])) for k, sub in node["properties"].items()
        ],
    }


def _list(key: str, node: dict, label: str | None = None) -> Field:
    item = node["items"]
    return {
        "name": key,
        "label": label or node.get("title", key),
        "label_singular": item.get("title", key),
        "widget": "list",
        "required": False,
        "collapsed": False,
        "max": node.get("maxItems"),
        "hint": _hint(node),
        "fields": [
            _any(k, sub, k in item.get("required", [])) for k, sub in item["properties"].items()
        ],
    }


def _any(key: str, node: dict, required: bool) -> Field:
    if node.get("type") == "object":
        return _object(key, node, required)
    if node.get("type") == "array" and node["items"].get("type") == "object":
        return _list(key, node)
    field = _leaf(key, node, required)
    if key == "body":
        field.update(
            widget="markdown",
            buttons=MARKDOWN_BUTTONS,
            editor_components=[],
            modes=["raw", "rich_text"],
        )
    return field


def _figures(part: schema.Part, project: Project) -> Field | None:
    node = part.schema["properties"].get("figures")
    fields = []
    for code, sub in part.figures.items():
        if not catalogue.indicators()[code].applies(project.kind, project.enterprise_type):
            continue
        indicator = catalogue.indicators()[code]
        field = _leaf(code, sub, False, indicator.name)
        field.update(widget="string")
        for option in ("value_type", "min", "max"):
            field.pop(option, None)
        fields.append(field)
    if not fields or node is None:
        return None
    return {
        "name": "figures",
        "label": node["title"],
        "widget": "object",
        "required": False,
        "collapsed": False,
        "hint": _hint(node),
        "fields": fields,
    }


def _targets(part: schema.Part, project: Project, required: bool) -> Field:
    field = _object(part.key, part.schema, required, part.heading)
    progress = next(f for f in field["fields"] if f["name"] == "progress")
    target = next(f for f in progress["fields"] if f["name"] == "target")
    if project.targets:
        target.update(
            widget="select",
            options=[{"label": t.wording("choice"), "value": t.id} for t in project.targets],
        )
    return field


def _section(part: schema.Part, project: Project, required: bool) -> Field:
    fields: list[Field] = []
    for number, (key, sub) in enumerate(part.items, start=1):
        applies = sub.get("x-applies-to")
        if applies and project.enterprise_type not in applies:
            continue
        fields.append(_leaf(key, sub, False, f"{number}. {sub['title']}"))
    figures = _figures(part, project)
    if figures:
        fields.append(figures)
    return {
        "name": part.key,
        "label": part.heading,
        "widget": "object",
        "required": required,
        "collapsed": False,
        "hint": _hint(part.schema),
        "fields": fields,
    }


def report_fields(project: Project, period: Period) -> list[Field]:
    """The form of the project's report for the period."""
    name = report_schema(period)
    root = schema.load(name)
    required = set(root["required"]) | set(
        schema.kind_branch(root, project.kind).get("required", [])
    )
    values = {"project": project.id, "period": str(period), "kind": project.kind}
    fields: list[Field] = [
        {
            "name": key,
            "label": root["properties"][key]["title"],
            "widget": "hidden",
            "default": values[key],
        }
        for key in HIDDEN
    ]
    if "overall" in root["properties"]:
        fields.append(_leaf("overall", root["properties"]["overall"], True))
    for part in schema.report_parts(project.kind, period.is_annual):
        if part.key == "targets":
            fields.append(_targets(part, project, part.key in required))
        elif part.key in root["properties"] and part.schema is root["properties"][part.key]:
            must = part.key in required and part.schema.get("type") != "array"
            fields.append(_any(part.key, part.schema, must) | {"label": part.heading})
        else:
            fields.append(_section(part, project, part.key in required))
    return fields


def key_order(fields: list[Field]) -> dict[str, list[str]]:
    """Path (`""`, `organisation`, `problems[]`) -> its keys in the form's order."""
    order: dict[str, list[str]] = {}

    def visit(path: str, items: list[Field]) -> None:
        order[path] = [f["name"] for f in items]
        for f in items:
            child = f"{path}.{f['name']}" if path else f["name"]
            if f["widget"] == "object":
                visit(child, f["fields"])
            elif f["widget"] == "list":
                visit(child + "[]", f["fields"])

    visit("", fields)
    return order


def required_lists(period: Period) -> list[str]:
    """Top-level lists the schema requires even when empty (`problems: []`)."""
    root = schema.load(report_schema(period))
    return [k for k in root["required"] if root["properties"][k].get("type") == "array"]


def _walk(fields: list[Field]):
    for field in fields:
        yield field
        yield from _walk(field.get("fields", []))


def for_decap(fields: list[Field]) -> list[Field]:
    """The fields with no `required` for Decap to enforce (the page's schema check does)
    and no value of their own: the hidden keys come from the file or its first lines, so
    that one form serves every period of a project (written once in config.yml)."""
    result = []
    for field in fields:
        if field["widget"] == "hidden":
            result.append({k: v for k, v in field.items() if k != "default"})
            continue
        field = field | {"required": False}
        if "fields" in field:
            field["fields"] = for_decap(field["fields"])
        result.append(field)
    return result


def label_marks(fields: list[Field]) -> dict[str, str]:
    """Label -> `one` (an outline section that needs at least one item) or `must` (a value
    that must be given); labels not named keep Decap's (可选). A label that is required in
    one place and optional in another is not named."""
    marks: dict[str, str] = {}
    optional: set[str] = set()
    for field in _walk(fields):
        if field["widget"] == "hidden":
            continue
        if not field["required"]:
            optional.add(field["label"])
        elif field["widget"] == "object":
            marks[field["label"]] = "one"
        else:
            marks[field["label"]] = "must"
    return {label: mark for label, mark in marks.items() if label not in optional}


def figure_units(fields: list[Field]) -> dict[str, str]:
    """A figure's label -> its unit, shown after the input box."""
    units = {}
    for field in _walk(fields):
        if field["name"] == "figures" and field["widget"] == "object":
            for figure in field["fields"]:
                units[figure["label"]] = catalogue.indicators()[figure["name"]].unit
    return units


def field_labels(fields: list[Field]) -> dict[str, str]:
    """Path (as `key_order` writes it) -> the field's label: where the page shows a problem."""
    labels: dict[str, str] = {}

    def visit(path: str, items: list[Field]) -> None:
        for f in items:
            child = f"{path}.{f['name']}" if path else f["name"]
            labels[child] = f["label"]
            if f["widget"] in ("object", "list"):  # a list item's keys: `problems.theme`
                visit(child, f["fields"])

    visit("", fields)
    return labels
