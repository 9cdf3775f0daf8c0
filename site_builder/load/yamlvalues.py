"""Plain Python values from a YAML node tree, under YAML 1.2 core rules, with their positions.

- only true/false are booleans, only decimal numbers without leading zeros
  are numbers, dates stay text; `010`, `03514076400` and `NO` stay as written;
- the original text of every plain scalar that became a number, boolean or
  null is kept, so the validator can tell the user to quote it;
- aliases, merge keys, explicit tags and complex keys are refused; a
  duplicate key is a finding (PyYAML would silently keep the last);
- a plain (unquoted) Chinese text followed by ` #` on its line is a warning:
  YAML drops the rest of the line as a comment, and the user meant it as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from site_builder.findings import Finding, at

PLAIN_TAG = "tag:sctrack:plain"
STR_TAG = "tag:yaml.org,2002:str"

JsonPath = tuple[str | int, ...]  # mapping keys and sequence indexes


@dataclass
class Positions:
    """Where each value of a file was written (1-based line and column)."""

    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    # Original text of plain scalars that became a number, boolean or null.
    raw: dict[JsonPath, str] = field(default_factory=dict)

    def locate(self, path: JsonPath) -> tuple[int, int]:
        """Line and column to show for a value: its key, else the nearest ancestor."""
        path = tuple(path)
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
_SPECIAL_FLOATS = {
    **{s: float("inf") for s in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF")},
    **{s: float("-inf") for s in ("-.inf", "-.Inf", "-.INF")},
    **{s: float("nan") for s in (".nan", ".NaN", ".NAN")},
}


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted) scalar under YAML 1.2's core schema."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text)
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    return text


class Refused(Exception):
    """A node we do not build (alias, tag, complex key); carries the finding."""

    def __init__(self, finding: Finding):
        self.finding = finding


CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_COMMENT = re.compile(r"[ \t]+(#[^\r\n\x85\u2028\u2029]*)")
SHOWN_COMMENT = 20  # characters of a dropped comment quoted in the warning


def dropped_comment(display: str, node: yaml.ScalarNode, text: str) -> Finding | None:
    """A warning when the line of a plain Chinese text goes on with ` #…`, which YAML drops."""
    end = node.end_mark  # its index counts characters of `text` with either parser
    match = _COMMENT.match(text, end.index)
    if not match or not match[1][1:].strip() or not CJK.search(node.value):
        return None
    comment = match[1].rstrip()
    shown = comment if len(comment) <= SHOWN_COMMENT else comment[:SHOWN_COMMENT] + "…"
    return at(
        display,
        "L017",
        f"“{shown}”被 YAML 当作注释丢掉了，只保存了前面的“{node.value[-SHOWN_COMMENT:]}”"
        "（未加引号的值中，空格后的“#”开始一段注释）。若“#”及其后的文字是内容，"
        "请给整个值加双引号，或改用“|”多行写法（键后写“|”，内容换行缩进）。",
        end.line + 1,
        end.column + match.start(1) - end.index + 1,
        warning=True,
    )


class ValueBuilder:
    def __init__(self, display: str, text: str = ""):
        self.display = display
        self.text = text  # the file's text, to see what follows a value on its line
        self.positions = Positions()
        self.findings: list[Finding] = []
        self.seen: set[int] = set()

    def position(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: JsonPath) -> Any:
        # The composer returns the same node object for an alias (*name): a
        # second visit is an alias, refused so an alias bomb cannot expand.
        if id(node) in self.seen:
            line, col = self.positions.locate(path)
            raise Refused(
                at(
                    self.display,
                    "L011",
                    "使用了 YAML 锚点/别名（& 和 *）。本平台不支持，请把内容直接写出来。",
                    line,
                    col,
                )
            )
        self.seen.add(id(node))
        self.positions.values[path] = self.position(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        self._check_tag(node, "tag:yaml.org,2002:map")
        return self._mapping(node, path)

    def _check_tag(self, node: yaml.Node, default: str) -> None:
        if node.tag not in (default, PLAIN_TAG):
            line, col = self.position(node)
            raise Refused(
                at(
                    self.display,
                    "L015",
                    f"不支持 YAML 标签 {node.tag.replace('tag:yaml.org,2002:', '!!')}，请去掉它，直接写值。",
                    line,
                    col,
                )
            )

    def _scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        if node.tag == PLAIN_TAG:
            value = resolve_plain(node.value)
            if not isinstance(value, str):
                self.positions.raw[path] = node.value
            elif warning := dropped_comment(self.display, node, self.text):
                self.findings.append(warning)
            return value
        self._check_tag(node, STR_TAG)
        return node.value

    def _mapping(self, node: yaml.Node, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = self.position(key_node)
                raise Refused(
                    at(
                        self.display,
                        "L014",
                        "键必须是一个简单的名字，不能是列表或键值对。",
                        line,
                        col,
                    )
                )
            key = key_node.value
            key_pos = self.position(key_node)
            child = path + (key,)
            if key in result:
                first = self.positions.keys[child][0]
                self.findings.append(
                    at(
                        self.display,
                        "L010",
                        f"键“{key}”重复：第 {first} 行和第 {key_pos[0]} 行都写了它。"
                        "YAML 只会保留最后一个，请合并成一个。",
                        *key_pos,
                    )
                )
                continue
            if key == "<<":
                raise Refused(
                    at(
                        self.display,
                        "L011",
                        "不支持 YAML 合并键“<<”，请把内容直接写出来。",
                        *key_pos,
                    )
                )
            self.positions.keys[child] = key_pos
            result[key] = self.build(value_node, child)
        return result
