"""Read one YAML file that may be hostile, and keep the position of every value.

What people commit is not always what they meant: GBK files from Chinese
Windows editors, duplicate keys (PyYAML silently keeps the last), alias bombs,
nesting that crashes libyaml, and YAML 1.1 implicit types that turn `NO` into
false and `010` into 8. This module reads bytes and checks them before
parsing (`yamlguard`), composes a node tree with libyaml (pure-Python
fallback), turns syntax errors into Chinese findings (`yamlerrors`), and builds
plain Python values itself with YAML 1.2 core rules (`yamlvalues`).

Problems come back as findings; nothing here raises on bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from site_builder.findings import Finding, at, has_errors
from site_builder.load.yamlerrors import (
    fullwidth_advice,
    fullwidth_colon,
    syntax_finding,
)
from site_builder.load.yamlguard import prescan, read_checked
from site_builder.load.yamlvalues import PLAIN_TAG, Refused, ValueBuilder
from site_builder.load.yamlvalues import Positions as Positions  # with Parsed, for importers


class _PlainMarkingResolver(yaml.resolver.BaseResolver):
    """Tag untagged plain scalars so we resolve them ourselves (YAML 1.2 core)."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return PLAIN_TAG
        tag: str = yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)
        return tag


class _PurePythonLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.BaseConstructor,
    _PlainMarkingResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.BaseConstructor.__init__(self)
        _PlainMarkingResolver.__init__(self)


if getattr(yaml, "__with_libyaml__", False):
    # yaml.cyaml re-exports it from yaml._yaml, where the stubs declare it.
    from yaml._yaml import CParser

    class _CLoader(CParser, yaml.constructor.BaseConstructor, _PlainMarkingResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.BaseConstructor.__init__(self)
            _PlainMarkingResolver.__init__(self)

    # The libyaml ("c") and the pure-Python parser; "c" is missing where PyYAML was built
    # without libyaml. Tests run each through `parse_text`'s `loader`.
    LOADERS: Mapping[str, type] = MappingProxyType({"python": _PurePythonLoader, "c": _CLoader})
else:
    LOADERS = MappingProxyType({"python": _PurePythonLoader})

DEFAULT_LOADER: type = LOADERS.get("c", _PurePythonLoader)


@dataclass
class Parsed:
    data: dict[str, Any] | None
    positions: Positions
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return self.data is not None and not has_errors(self.findings)


def parse_text(text: str, display: str, loader_class: type | None = None) -> Parsed:
    """Parse YAML text; `display` is the path shown in findings. `loader_class` (one of
    `LOADERS`) chooses the parser; the default is libyaml's where PyYAML has it."""
    findings = prescan(text, display)
    if findings:
        return Parsed(None, Positions(), findings)
    try:
        loader = (loader_class or DEFAULT_LOADER)(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        return Parsed(None, Positions(), [syntax_finding(err, text, display)])
    except RecursionError:
        return Parsed(
            None, Positions(), [at(display, "L008", "嵌套层级过深，拒绝读取。请检查缩进。")]
        )
    if node is None:
        return Parsed(
            None,
            Positions(),
            [
                at(
                    display,
                    "L006",
                    "文件是空的（或只有注释）。请按模板填写内容，或用 sctrack new 生成报告框架。",
                )
            ],
        )
    builder = ValueBuilder(display, text)
    try:
        data = builder.build(node, ())
    except Refused as refused:
        return Parsed(None, builder.positions, [refused.finding])
    if not isinstance(data, dict):
        line, col = builder.position(node)
        kind = "列表" if isinstance(data, list) else "单个值"
        fullwidth = isinstance(data, str) and fullwidth_colon(data)
        if fullwidth:  # `project：alpha` on the only line: one text, not a key and a value
            advice = f"YAML 格式错误：{fullwidth_advice(fullwidth[1])}。"
            return Parsed(None, builder.positions, [at(display, "L009", advice, line, col)])
        return Parsed(
            None,
            builder.positions,
            [
                at(
                    display,
                    "L012",
                    f"文件顶层是{kind}，应当是“键: 值”形式（例如第一行写 project: 项目编号）。",
                    line,
                    col,
                )
            ],
        )
    return Parsed(data, builder.positions, builder.findings)


def parse_file(path: Path, display: str) -> Parsed:
    """Read and parse one file; never raises on what the file contains."""
    text, findings = read_checked(path, display)
    if text is None:
        return Parsed(None, Positions(), findings)
    return parse_text(text, display)
