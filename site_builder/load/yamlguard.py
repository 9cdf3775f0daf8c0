"""Checks on a YAML file before it is parsed: what may be read at all.

A file is refused, with a finding, when it is a symbolic link or not a regular
file, larger than MAX_BYTES, not UTF-8 (UTF-16 and GBK are named, since
Windows editors write them), indented with tabs, or nested deeper than
MAX_DEPTH (deep nesting crashes libyaml).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from site_builder.findings import Finding, at

MAX_BYTES = 1_000_000
MAX_DEPTH = 64


def decode(raw: bytes, display: str) -> tuple[str | None, list[Finding]]:
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
# Depth bound: at most _SHALLOW + 1 indentation levels and _DASHES - 1 dashes on a line.
_SHALLOW, _DASHES = 40, 20
_DEEP_INDENT = re.compile(rf"^[ \t]{{{_SHALLOW + 1}}}", re.M)
_MANY_DASHES = re.compile(rf"^[ \t]*(?:-[ \t]+){{{_DASHES}}}", re.M)
assert _SHALLOW + 1 + _DASHES - 1 < MAX_DEPTH


def prescan(text: str, display: str) -> list[Finding]:
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
    if not _DEEP_INDENT.search(text) and not _MANY_DASHES.search(text):
        # No line is indented by more than _SHALLOW spaces or opens _DASHES items: each
        # level of nesting adds a space at least, so fewer than MAX_DEPTH levels; the
        # walk below, a line at a time, would find nothing.
        return []
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
    return decode(raw, display)
