"""Put a unique marker into every field the schemas mark `"x-visibility": "internal"`.

Knows nothing but the keyword: walks each file's data, asks the schema what
each value is, and replaces internal leaves with markers that still validate
(strings, logins and in-range numbers with two decimals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_builder.load.tree import SubmissionsTree
from site_builder.load.yamlsafe import parse_file
from site_builder.spec import credit_code, schema

# A 统一社会信用代码 marker: a valid code (the schema's pattern, a right check character)
# that no real firm has (division 149900 does not exist) and a scan can find.
CREDIT_CODE_MARK = "91149900LEAK"
# Every marker-like string in a text or a file's bytes: the string markers and the codes.
MARKER = rf"(?:LEAKMARK|leakmark)\d{{5}}|{CREDIT_CODE_MARK}\d{{5}}[0-9A-Z]"


def found_markers(data: str | bytes) -> set[str]:
    """The markers in `data`, as text."""
    if isinstance(data, bytes):
        return {m.decode() for m in re.findall(MARKER.encode(), data)}
    return set(re.findall(MARKER, data))


@dataclass
class Markers:
    strings: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)  # as the site prints them
    _count: int = 0
    _bounded: dict = field(default_factory=dict)

    def _next(self) -> int:
        self._count += 1
        return self._count

    def string(self, node: dict) -> str:
        if node.get("pattern") == credit_code.PATTERN:
            first = f"{CREDIT_CODE_MARK}{self._next():05d}"
            marker = first + credit_code.check_character(first)
        elif "pattern" in node and node["pattern"].startswith("^[A-Za-z0-9]"):
            marker = f"leakmark{self._next():05d}"  # a GitHub login
        else:
            marker = f"LEAKMARK{self._next():05d}泄露"
        self.strings.append(marker)
        return marker

    def number(self, node: dict) -> float:
        high = node.get("maximum")
        if high is None or high >= 10_000:
            value = 900_000 + self._next() + 0.37
        else:
            step = self._bounded.get(high, 0) + 1
            if step % 10 == 0:
                step += 1  # keep two significant decimals: 99.9 or 99 would not be distinctive
            self._bounded[high] = step
            value = round(high - 0.01 * step, 2)
            low = node.get("minimum", node.get("exclusiveMinimum", -1e9))
            assert value > low, "too many markers for this range"
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        self.numbers.append(text)
        return value


def _mark(name: str, data: dict, value, path: tuple, markers: Markers, inside_internal: bool):
    node = schema.subschema_at(name, data, path) if path else {}
    internal = inside_internal or node.get("x-visibility") == "internal"
    if isinstance(value, dict):
        return {k: _mark(name, data, v, path + (k,), markers, internal) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark(name, data, v, path + (i,), markers, internal) for i, v in enumerate(value)]
    marked_here = node.get("x-visibility") == "internal"
    if not internal or "enum" in node or "format" in node:
        return value
    if not marked_here and "pattern" in node:
        return value  # an identifier inside an internal list (project id, date): keep it valid
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and node.get("type") == "number":
        return markers.number(node)
    if isinstance(value, str):
        return markers.string(node)
    return value


def mark_tree(root: Path) -> Markers:
    """Rewrite every YAML file under root/submissions with markers in its internal fields."""
    markers = Markers()
    for path in sorted((root / "submissions").rglob("*.yaml")):
        source = SubmissionsTree(root).classify(path)
        data = parse_file(path, source.display).data
        marked = _mark(source.schema, data, data, (), markers, False)
        path.write_text(
            yaml.safe_dump(marked, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return markers
