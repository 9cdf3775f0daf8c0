"""Read one YAML file that may be hostile, and keep the position of every value.

What people commit is not always what they meant: GBK files from Chinese
Windows editors, duplicate keys (PyYAML silently keeps the last), alias bombs,
nesting that crashes libyaml, and YAML 1.1 implicit types that turn `NO` into
false and `010` into 8. This module reads bytes and checks them before
parsing (`yamlguard`), composes a node tree with libyaml (pure-Python
fallback), turns syntax errors into Chinese findings, and builds plain Python
values itself with YAML 1.2 core rules (`yamlvalues`).

Problems come back as findings; nothing here raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from site_builder.findings import Finding, at
from site_builder.load.yamlguard import prescan, read_checked
from site_builder.load.yamlvalues import PLAIN_TAG, Positions, Refused, ValueBuilder


class _PlainMarkingResolver(yaml.resolver.BaseResolver):
    """Tag untagged plain scalars so we resolve them ourselves (YAML 1.2 core)."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return PLAIN_TAG
        return super().resolve(kind, value, implicit)


class _PurePythonLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.BaseConstructor,
    _PlainMarkingResolver,
):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.BaseConstructor.__init__(self)
        _PlainMarkingResolver.__init__(self)


LOADERS: dict[str, type] = {"python": _PurePythonLoader}

if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.cyaml.CParser, yaml.constructor.BaseConstructor, _PlainMarkingResolver):
        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.BaseConstructor.__init__(self)
            _PlainMarkingResolver.__init__(self)

    LOADERS["c"] = _CLoader

_loader_class = LOADERS.get("c", _PurePythonLoader)


def use_loader(name: str) -> None:
    """Select the libyaml ("c") or pure-Python ("python") parser (tests, benchmarks).

    Raises KeyError for "c" where PyYAML was built without libyaml."""
    global _loader_class
    _loader_class = LOADERS[name]


@dataclass
class Parsed:
    data: dict | None
    positions: Positions
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.findings


# --- syntax errors in Chinese -------------------------------------------------

_PROBLEMS = [
    ("while scanning a quoted scalar", "这里开始的引号没有闭合，请补上对应的引号"),
    (
        "mapping values are not allowed",
        "这里不能出现“键: 值”。常见原因：缩进不对，或值里有未加引号的冒号（请给整个值加引号）",
    ),
    ("could not find expected ':'", "缺少冒号“:”，或上一行的引号没有闭合"),
    ("did not find expected key", "缩进不对齐，或列表项“- ”与键混在同一层"),
    ("did not find expected '-' indicator", "列表项缩进不一致，每个“- ”应对齐"),
    (
        "that cannot start any token",
        "出现了不能作为开头的字符（如 @、`、% 或 Tab），请给这个值加引号",
    ),
    ("found undefined alias", "使用了未定义的别名“*”；本平台不支持锚点和别名"),
    ("found unexpected end of stream", "文件意外结束，可能有引号或括号没有闭合"),
    ("found unknown escape character", "双引号中的反斜杠“\\”转义不正确，请改用单引号或去掉反斜杠"),
    ("expected <block end>, but found", "缩进不对齐，这一行和同级的行没有对齐"),
    ("expected a comment or a line break", "值后面多出了内容，若值中有“#”或引号请给整个值加引号"),
    ("found unexpected ':'", "出现了多余的冒号，请给值加引号"),
    ("expected ',' or ']'", "方括号列表中缺少逗号或右方括号“]”"),
    ("expected ',' or '}'", "花括号中缺少逗号或右花括号“}”"),
    ("found a tab character", "出现了 Tab 字符，请改用空格"),
    ("unacceptable character", "文件中有不可见的控制字符，请删除"),
    (
        "expected a single document",
        "文件中有多个 YAML 文档（出现了第二个“---”），每个文件只能有一个",
    ),
]


def _syntax_finding(err: yaml.YAMLError, display: str) -> Finding:
    text = " ".join(
        str(part) for part in (getattr(err, "context", None), getattr(err, "problem", None)) if part
    )
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if "quoted scalar" in text and getattr(err, "context_mark", None) is not None:
        mark = err.context_mark  # where the unclosed quote starts, not the end of the file
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    for needle, chinese in _PROBLEMS:
        if needle in text:
            code = "L013" if needle == "expected a single document" else "L009"
            return at(display, code, f"YAML 格式错误：{chinese}。", line, col)
    return at(
        display,
        "L009",
        f"YAML 格式错误（{text or err}），请检查这一行及上一行的缩进、冒号和引号。",
        line,
        col,
    )


def parse_text(text: str, display: str) -> Parsed:
    """Parse YAML text; `display` is the path shown in findings."""
    findings = prescan(text, display)
    if findings:
        return Parsed(None, Positions(), findings)
    try:
        loader = _loader_class(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        return Parsed(None, Positions(), [_syntax_finding(err, display)])
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
    builder = ValueBuilder(display)
    try:
        data = builder.build(node, ())
    except Refused as refused:
        return Parsed(None, builder.positions, [refused.finding])
    if not isinstance(data, dict):
        line, col = builder.position(node)
        kind = "列表" if isinstance(data, list) else "单个值"
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
