"""Read one YAML file that may be hostile, and keep the position of every value.

What people commit is not always what they meant: GBK files from Chinese
Windows editors, duplicate keys (PyYAML silently keeps the last), alias bombs,
nesting that crashes libyaml, and YAML 1.1 implicit types that turn `NO` into
false and `010` into 8. This module reads bytes, checks them before parsing,
composes a node tree with libyaml (pure-Python fallback), and builds plain
Python values itself with YAML 1.2 core rules:

- only true/false are booleans, only decimal numbers without leading zeros
  are numbers, dates stay text; `010`, `03514076400` and `NO` stay as written;
- the original text of every plain scalar that became a number, boolean or
  null is kept, so the validator can tell the user to quote it.

Problems come back as findings; nothing here raises on bad input.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.validate.findings import Finding, at

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
PLAIN_TAG = "tag:sctrack:plain"
STR_TAG = "tag:yaml.org,2002:str"

JsonPath = tuple  # of str (mapping key) and int (sequence index)


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


@dataclass
class Parsed:
    data: dict | None
    positions: Positions
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.findings


# --- YAML 1.2 core scalars --------------------------------------------------

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


# --- checks before parsing ---------------------------------------------------


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Finding]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            at(
                display,
                "L005",
                "文件是 UTF-16 编码（记事本“Unicode”格式）。请用“另存为”选择 UTF-8 编码后重新提交。",
            )
        ]
    if b"\x00" in raw[:65536]:
        return None, [
            at(
                display,
                "L003",
                "这是二进制文件，不是 YAML 文本文件。报告只能是 .yaml 文本；Excel 表请用 sctrack import 转换。",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark (Windows Notepad) is harmless
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        try:
            decoded = raw.decode("gb18030")
        except UnicodeDecodeError:
            decoded = ""
        if re.search(r"[\u4e00-\u9fff]", decoded):
            return None, [
                at(
                    display,
                    "L004",
                    "文件是 GBK/GB18030 编码（中文 Windows 编辑器的默认编码），本平台只接受 UTF-8。"
                    "请用“另存为”把编码改为 UTF-8 后重新提交（记事本：编码选“UTF-8”；"
                    "VS Code：点右下角“GB 18030”→“通过编码保存”→“UTF-8”；WPS 请另存为纯文本 UTF-8）。",
                    line,
                )
            ]
        return None, [
            at(
                display,
                "L005",
                "文件不是 UTF-8 编码，无法读取。请用编辑器另存为 UTF-8 后重新提交。",
                line,
            )
        ]


_LEADING = re.compile(r"^([ \t]*)((?:-[ \t]+)*)", re.M)
_BRACKETS = re.compile(r"[\[\]{}]")


def _prescan(text: str, display: str) -> list[Finding]:
    """Refuse tab indentation and nesting deep enough to crash a parser."""
    match = re.search(r"^ *\t", text, re.M)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        return [
            at(
                display,
                "L007",
                "这一行用 Tab 键缩进了。YAML 只能用空格缩进，请把 Tab 换成空格（通常每级 2 个）。",
                line,
            )
        ]
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            return [
                at(
                    display,
                    "L008",
                    f"方括号或花括号嵌套超过 {MAX_DEPTH} 层，拒绝读取。报告不需要这么深的结构。",
                    line,
                )
            ]
    indents: list[int] = []
    for number, match in enumerate(_LEADING.finditer(text), start=1):
        indent, dashes = len(match.group(1)), match.group(2).count("-")
        while indents and indents[-1] > indent:
            indents.pop()
        if not indents or indents[-1] < indent:
            indents.append(indent)
        if len(indents) + dashes > MAX_DEPTH:
            return [
                at(display, "L008", f"缩进层级超过 {MAX_DEPTH} 层，拒绝读取。请检查缩进。", number)
            ]
    return []


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


# --- building values ------------------------------------------------------------


class _Refused(Exception):
    """A node we do not build (alias, tag, complex key); carries the finding."""

    def __init__(self, finding: Finding):
        self.finding = finding


class _Builder:
    def __init__(self, display: str):
        self.display = display
        self.positions = Positions()
        self.findings: list[Finding] = []
        self.seen: set[int] = set()

    def _pos(self, node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node, path: JsonPath) -> Any:
        # The composer returns the same node object for an alias (*name): a
        # second visit is an alias, refused so an alias bomb cannot expand.
        if id(node) in self.seen:
            line, col = self.positions.locate(path)
            raise _Refused(
                at(
                    self.display,
                    "L011",
                    "使用了 YAML 锚点/别名（& 和 *）。本平台不支持，请把内容直接写出来。",
                    line,
                    col,
                )
            )
        self.seen.add(id(node))
        self.positions.values[path] = self._pos(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        self._check_tag(node, "tag:yaml.org,2002:map")
        return self._mapping(node, path)

    def _check_tag(self, node, default: str) -> None:
        if node.tag not in (default, PLAIN_TAG):
            line, col = self._pos(node)
            raise _Refused(
                at(
                    self.display,
                    "L015",
                    f"不支持 YAML 标签 {node.tag.replace('tag:yaml.org,2002:', '!!')}，请去掉它，直接写值。",
                    line,
                    col,
                )
            )

    def _scalar(self, node, path: JsonPath) -> Any:
        if node.tag == PLAIN_TAG:
            value = resolve_plain(node.value)
            if not isinstance(value, str):
                self.positions.raw[path] = node.value
            return value
        self._check_tag(node, STR_TAG)
        return node.value

    def _mapping(self, node, path: JsonPath) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = self._pos(key_node)
                raise _Refused(
                    at(
                        self.display,
                        "L014",
                        "键必须是一个简单的名字，不能是列表或键值对。",
                        line,
                        col,
                    )
                )
            key = key_node.value
            key_pos = self._pos(key_node)
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
                raise _Refused(
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


def parse_text(text: str, display: str) -> Parsed:
    """Parse YAML text; `display` is the path shown in findings."""
    findings = _prescan(text, display)
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
    builder = _Builder(display)
    try:
        data = builder.build(node, ())
    except _Refused as refused:
        return Parsed(None, builder.positions, [refused.finding])
    if not isinstance(data, dict):
        line, col = builder._pos(node)
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


def read_checked(path: Path, display: str) -> tuple[str | None, list[Finding]]:
    """The text of a file, or the findings that say why it may not be read."""
    try:
        info = os.lstat(path)
    except OSError as err:
        return None, [at(display, "L016", f"无法读取文件：{err.strerror}。")]
    if stat.S_ISLNK(info.st_mode):
        return None, [
            at(
                display,
                "L001",
                "这是一个符号链接。为防止把仓库外的文件带进站点，报送目录中不允许符号链接，请放入文件本身。",
            )
        ]
    if not stat.S_ISREG(info.st_mode):
        return None, [at(display, "L016", "这不是普通文件，无法读取。")]
    if info.st_size > MAX_BYTES:
        return None, [
            at(
                display,
                "L002",
                f"文件有 {info.st_size / 1_000_000:.1f} MB，超过 {MAX_BYTES // 1_000_000} MB 上限。报告应是纯文本，图片等附件不要放进来。",
            )
        ]
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [at(display, "L016", f"无法读取文件：{err.strerror}。")]
    return _decode(raw, display)


def parse_file(path: Path, display: str) -> Parsed:
    """Read and parse one file; never raises on what the file contains."""
    text, findings = read_checked(path, display)
    if text is None:
        return Parsed(None, Positions(), findings)
    return parse_text(text, display)
