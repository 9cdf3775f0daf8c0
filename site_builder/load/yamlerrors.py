"""YAML syntax errors as Chinese findings, at the line where the user has to look.

libyaml and PyYAML's pure-Python parser word the same error differently
("did not find expected ',' or ']'" / "expected ',' or ']', but got ':'"), so
each problem is matched by a fragment both share or by one row per wording.
Every error gets a Chinese message: an unknown one gets the general advice,
never the parser's English. An unclosed bracket or quote is reported where it
was opened (the error's context mark), not where the parser gave up; a
full-width colon `：` written as the key separator is named on its own line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from site_builder.findings import Finding, at

# A line whose key is followed by a full-width colon: `next_steps：推进` (keys are ASCII names).
FULLWIDTH_KEY = re.compile(r"^[ ]*(?:-[ ]+)*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*：")
# What YAML refuses to read (outside its printable set), as the reader checks it.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break

CONTROL = "文件中有不可见的控制字符或无效字符，请删除（通常是从别处复制时带进来的）"
DIRECTIVE = "行首的“%”会被当作 YAML 指令；若这是内容，请给整个值加引号"
TAG = "“!”开头会被当作 YAML 标签，本平台不支持；若这是内容，请给整个值加引号"
ANCHOR = "“&”或“*”开头会被当作 YAML 锚点或别名，本平台不支持；若这是内容，请给整个值加引号"
BLOCK = "“|”或“>”后面应直接换行，正文从下一行开始并比键多缩进两格"
ESCAPE = "双引号中的反斜杠“\\”转义不正确，请改用单引号或去掉反斜杠"
SEPARATOR = "行首的“---”或“...”会被当作文档分隔符，即使在引号里也是如此；请改写这一行的开头"
DASH = (
    "值不能以“- ”开头（YAML 会把它当作列表项）。若这是一段文字，请给整个值加引号，"
    "或去掉开头的“- ”；若要写列表，请换行并缩进后每项以“- ”开头"
)
GENERAL = "这一行的写法无法识别。请检查这一行及上一行的缩进、冒号和引号；值中有特殊符号时，请给整个值加引号"

# (fragment of the parser's problem or context, Chinese explanation). First match wins.
PROBLEMS = [
    ("sequence entries are not allowed", DASH),
    (
        "mapping keys are not allowed",
        "“? ”开头会被当作复杂键，本平台不支持；若这是内容，请给整个值加引号",
    ),
    (
        "mapping values are not allowed",
        "这里不能出现“键: 值”。常见原因：缩进不对，或值里有未加引号的冒号（请给整个值加引号）",
    ),
    ("could not find expected ':'", "这一行缺少冒号“:”，或上一行的引号没有闭合"),
    ("invalid indentation or unclosed", "缩进不对，或前面有未闭合的“[”或“{”"),
    ("did not find expected key", "缩进不对齐，或列表项“- ”与键混在同一层"),
    ("did not find expected '-' indicator", "列表项缩进不一致，每个“- ”应对齐"),
    ("expected <block end>", "缩进不对齐，这一行和同级的行没有对齐"),
    ("tab character", "出现了 Tab 字符，请改用空格"),
    ("found undefined alias", "使用了未定义的别名“*”；本平台不支持锚点和别名"),
    ("duplicate anchor", ANCHOR),
    ("escape", ESCAPE),
    ("unexpected document", SEPARATOR),
    ("another document", "文件中有多个 YAML 文档（出现了第二个“---”），每个文件只能有一个"),
    ("expected a comment or a line break", "值后面多出了内容，若值中有“#”或引号请给整个值加引号"),
    ("expected comment or line break", "值后面多出了内容，若值中有“#”或引号请给整个值加引号"),
    ("found unexpected ':'", "出现了多余的冒号，请给值加引号"),
    ("node content", "这里缺少值，或值以“,”“]”“}”等符号开头；若这是内容，请给整个值加引号"),
    ("unexpected end of stream", "文件意外结束，可能有引号或括号没有闭合"),
    ("unacceptable character", CONTROL),
    ("special characters", CONTROL),
    ("control characters", CONTROL),
    ("unicode", CONTROL),
    ("utf-8", CONTROL),
    ("utf-16", CONTROL),
    ("input is too long", "文件过长，无法读取"),
    ("block scalar", BLOCK),
    ("chomping", BLOCK),
    ("indentation indicator", BLOCK),
    ("directive", DIRECTIVE),
    ("document start", DIRECTIVE),
    ("incompatible yaml document", DIRECTIVE),
    ("digit", DIRECTIVE),
    ("version number", DIRECTIVE),
    ("tag", TAG),
    ("uri", TAG),
    ("'!'", TAG),
    ("'>'", TAG),
    ("anchor", ANCHOR),
    ("alias", ANCHOR),
    ("alphabetic or numeric", ANCHOR),
]

_FLOWS = {"flow sequence": ("方括号", "[", "]"), "flow mapping": ("花括号", "{", "}")}


def lines_of(text: str) -> list[str]:
    return _BREAKS.split(text)


def fullwidth_colon(line: str) -> re.Match[str] | None:
    """The match when `line` uses `：` as its key separator (group 1: the key), else None."""
    return FULLWIDTH_KEY.match(line)


def fullwidth_advice(key: str) -> str:
    return (
        f"键“{key}”后面用了全角冒号“：”，YAML 只认半角冒号“:”。"
        f"请切换到英文输入法，改为半角冒号并在其后加一个空格，写成“{key}: ……”"
    )


def _mark(mark: yaml.Mark | None) -> tuple[int, int] | None:
    return (mark.line, mark.column) if mark is not None else None


def _char(lines: list[str], mark: tuple[int, int]) -> str:
    line, col = mark
    return lines[line][col : col + 1] if line < len(lines) else ""


@dataclass(frozen=True)
class _Stop:
    """Where and why the parser stopped, as each recogniser of `syntax_finding` reads it."""

    display: str
    lines: list[str]
    context: str  # the parser's words for what it was reading
    problem: str  # ... and for what it found
    context_mark: tuple[int, int] | None  # where what it was reading began
    where: tuple[int, int]  # where it stopped (0-based line and column)


def syntax_finding(err: yaml.YAMLError, text: str, display: str) -> Finding:
    """The finding for one parser error on `text`: the first recogniser that knows the
    problem words it, else the table of problems (`PROBLEMS`)."""
    if isinstance(err, yaml.reader.ReaderError):
        return _bad_character(text, display)
    context_mark = _mark(getattr(err, "context_mark", None))
    problem_mark = _mark(getattr(err, "problem_mark", None))
    stop = _Stop(
        display,
        lines_of(text),
        str(getattr(err, "context", None) or ""),
        str(getattr(err, "problem", None) or ""),
        context_mark,
        problem_mark or context_mark or (0, 0),
    )
    for recognise in _RECOGNISERS:
        finding = recognise(stop)
        if finding is not None:
            return finding
    return _from_table(stop)


def _bad_character(text: str, display: str) -> Finding:
    """A character YAML may not hold: libyaml's position counts bytes, so find it in the text."""
    bad = _NON_PRINTABLE.search(text)
    start = bad.start() if bad else 0
    line_start = text.rfind("\n", 0, start) + 1
    where = (text.count("\n", 0, start), start - line_start)
    shown = f"这里有{_shown_char(bad.group())}。" if bad else ""
    return _finding(display, f"{shown}{CONTROL}", where)


def _fullwidth_colon(stop: _Stop) -> Finding | None:
    """A full-width colon makes the parser stop a line later: name it on its own line."""
    where = stop.where
    candidates = (where[0], where[0] - 1, (stop.context_mark or where)[0])
    for number in dict.fromkeys(candidates):
        if 0 <= number < len(stop.lines) and (match := fullwidth_colon(stop.lines[number])):
            return _finding(stop.display, fullwidth_advice(match[1]), (number, match.end() - 1))
    return None


def _unclosed_flow(stop: _Stop) -> Finding | None:
    """A `[...]` or `{...}` left open, or missing a comma: named at the line it opens."""
    flow = next((v for k, v in _FLOWS.items() if k in stop.context), None)
    if not (flow and stop.context_mark and f"'{flow[2]}'" in stop.problem):
        return None
    name, opening, closing = flow
    later = (
        f"（第 {stop.where[0] + 1} 行处发现问题）" if stop.where[0] != stop.context_mark[0] else ""
    )
    message = (
        f"这一行的{name}“{opening}”没有闭合，或其中缺少逗号{later}。"
        f"请在末尾补上“{closing}”，各项之间用半角逗号“,”分隔"
    )
    return _finding(stop.display, message, stop.context_mark)


def _unclosed_quote(stop: _Stop) -> Finding | None:
    """A quote left open: named at the line it opens, which may be far above the stop."""
    if "quoted scalar" not in stop.context or not stop.context_mark or "escape" in stop.problem:
        return None
    quote = _char(stop.lines, stop.context_mark)
    name = {"'": "单引号", '"': "双引号"}.get(quote, "引号")
    shown = quote or '"'
    message = f"这一行开始的{name}“{shown}”没有闭合，请在值的末尾补上对应的{name}"
    if "document" in stop.problem:
        message = f"{message}；{SEPARATOR}"
    return _finding(stop.display, message, stop.context_mark)


def _bad_start(stop: _Stop) -> Finding | None:
    """A value that begins with a character YAML reserves (`@`, a backtick, a tab)."""
    if "cannot start any token" not in stop.problem:
        return None
    shown = _shown_char(_char(stop.lines, _line_of(stop)))
    message = f"值不能以{shown}开头（YAML 把它当作特殊符号），请给整个值加引号"
    return _finding(stop.display, message, _line_of(stop))


def _from_table(stop: _Stop) -> Finding:
    """Any other problem, worded by the first row of `PROBLEMS` whose needle it contains."""
    searched = f"{stop.problem} {stop.context}".lower()
    chinese = next((c for needle, c in PROBLEMS if needle.lower() in searched), GENERAL)
    code = "L013" if "another document" in searched else "L009"
    return _finding(stop.display, chinese, _line_of(stop), code)


def _line_of(stop: _Stop) -> tuple[int, int]:
    """Where to point: for a key without its colon, the key's line, not the line after it."""
    if "simple key" in stop.context and stop.context_mark:
        return stop.context_mark
    return stop.where


# Tried in order; the first that knows the problem words the finding.
_RECOGNISERS: tuple[Callable[[_Stop], Finding | None], ...] = (
    _fullwidth_colon,
    _unclosed_flow,
    _unclosed_quote,
    _bad_start,
)


def _shown_char(char: str) -> str:
    """How a message names the character the parser stopped at."""
    if char == "\t":
        return "Tab"
    if not char or char.isalnum():  # not what the parser means: the position is off
        return "特殊字符"
    if unicodedata.category(char)[0] in "CZ":
        return f"看不见的字符 U+{ord(char):04X}"
    return f"“{char}”"


def _finding(display: str, chinese: str, mark: tuple[int, int], code: str = "L009") -> Finding:
    return at(display, code, f"YAML 格式错误：{chinese}。", mark[0] + 1, mark[1] + 1)
