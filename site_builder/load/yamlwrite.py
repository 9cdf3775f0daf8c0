"""Writing YAML the one way the repository keeps it: the emitter behind every report file.

`sctrack new`, `sctrack import` and the web form (its copy of this emitter,
`site/cms/canonical.js`) write a report's data with the same bytes, so a saved
edit shows on the forge as the lines that changed and nothing else:

- block style, two spaces, list items indented under their key, keys in the
  layout's order (`report_layout`), a comment line with the section's heading
  before each part of the notice's outline;
- text is plain where YAML 1.2 core reads it back as the same text (`NO` and
  `yes` stay plain: the project reads YAML 1.2), double-quoted where it would
  not (`"010"`, `"true"`, `"null"`, a leading `#` or space, `: ` inside),
  a block literal (`|`) when it has several lines, never folded; Chinese is
  written as itself, characters that hide or break a line as escapes;
- numbers as JavaScript prints them (shortest, no `.0`), so both writers agree.

The scalar rules are regular expressions written once, here, and handed to the
browser as JSON (`scalar_rules`); each is valid in Python's `re` and in
JavaScript (`u` flag).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from site_builder.load.yamlvalues import JsonPath

INDENT = 2
EXACT_INTEGERS = 2**53  # from here on, not every whole number is a float

# Characters written as themselves: printable, minus those that end a line for some YAML
# reader (NEL, LS, PS), hide text (zero-width, bidirectional controls) or mark a byte order.
_SHOWN = (
    (0x20, 0x7E),
    (0xA0, 0x200A),
    (0x2010, 0x2027),
    (0x202F, 0x205F),
    (0x2070, 0xD7FF),
    (0xE000, 0xFEFE),
    (0xFF00, 0xFFFD),
    (0x10000, 0x10FFFF),
)


def _char(code: int) -> str:
    if code > 0xFFFF:
        return chr(code)  # the same character in both languages' patterns (JSON carries it)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _class(ranges: Sequence[tuple[int, int]], without: str = "") -> str:
    """A character class of `ranges` minus the ASCII characters in `without`."""
    parts: list[tuple[int, int]] = []
    for low, high in ranges:
        start = low
        for code in range(low, min(high, 0x7F) + 1):
            if chr(code) in without:
                if start < code:
                    parts.append((start, code - 1))
                start = code + 1
        if start <= high:
            parts.append((start, high))
    return "[" + "".join(_char(a) if a == b else f"{_char(a)}-{_char(b)}" for a, b in parts) + "]"


_INDICATORS = "-?:,[]{}#&*!|>'\"%@` "
_TEXT = _class(_SHOWN)  # any shown character, space included
_LAST = _class(_SHOWN, " :")  # a plain scalar may not end with a space or a colon
_INK = _class(_SHOWN, " ")
# YAML 1.2 core's plain scalars that are not text (the project's reader, `yamlvalues`, reads
# a subset of these as numbers: `010` stays text there, but is 10 for core readers).
NOT_TEXT = (
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# One line, no indicator first, no `: ` or ` #` inside, no `...` first (a document end at
# the start of a line), no space or colon last.
PLAIN = (
    f"(?!{_class([(ord(c), ord(c)) for c in _INDICATORS])}|\\.\\.\\.)(?!.*(?:: | #)){_TEXT}*{_LAST}"
)
# Several lines: the first not blank nor indented, none with trailing spaces or a tab at the
# start (a tab there reads as tab indentation), at most one line break at the end (`|-`, `|`).
_LINE = f"(?! *\\t){_class(_SHOWN + ((9, 9),))}*{_INK}"
LITERAL = f"(?![ \\n])(?:(?:{_LINE})?\\n)*{_LINE}\\n?"
# In double quotes, every character not shown as itself is escaped.
QUOTED_AS_ITSELF = _class(_SHOWN, '"\\')
# The comment lines that open a file are its preamble, kept when the file is rewritten; the
# schema line among them is the layout's own first line.
COMMENT_LINE = r"#[^\r\n]*"
SCHEMA_LINE = r"# yaml-language-server:[^\r\n]*"
ESCAPES = {
    "\0": "\\0",
    "\x07": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def scalar_rules() -> dict[str, Any]:
    """The scalar rules as the browser's writer reads them (JSON)."""
    return {
        "indent": INDENT,
        "exact_integers": EXACT_INTEGERS,
        "not_text": NOT_TEXT,
        "plain": PLAIN,
        "literal": LITERAL,
        "quoted_as_itself": QUOTED_AS_ITSELF,
        "escapes": ESCAPES,
        "comment_line": COMMENT_LINE,
        "schema_line": SCHEMA_LINE,
    }


def preamble_of(text: str) -> tuple[str, ...]:
    """The comment lines that open a file, but its schema line (canonical.js: preambleOf)."""
    lines = []
    for line in text.split("\n"):
        if not _compiled(COMMENT_LINE).fullmatch(line):
            break
        if not _compiled(SCHEMA_LINE).fullmatch(line):
            lines.append(line)
    return tuple(lines)


def quoted(text: str) -> str:
    shown = _compiled(QUOTED_AS_ITSELF)
    out = []
    for char in text:
        if shown.fullmatch(char):
            out.append(char)
        elif char in ESCAPES:
            out.append(ESCAPES[char])
        else:
            code = ord(char)
            width, letter = (2, "x") if code < 0x100 else (4, "u") if code < 0x10000 else (8, "U")
            out.append(f"\\{letter}{code:0{width}X}")
    return '"' + "".join(out) + '"'


def is_plain(text: str) -> bool:
    return bool(_compiled(PLAIN).fullmatch(text)) and not _compiled(NOT_TEXT).fullmatch(text)


def number(value: float) -> str:
    """A number as JavaScript's `String(value)` writes it (YAML core reads it back), but
    whole numbers from 2**53 on in exponent form, as `toExponential()` writes them."""
    if isinstance(value, int):
        exact = abs(value) < EXACT_INTEGERS or float(value) != value
        return str(value) if exact else number(float(value))
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    shortest = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, shortest.digits))
    exponent = int(shortest.exponent) + len(digits) - 1  # of the first digit
    n = exponent + 1  # where the decimal point sits, counted from the first digit
    if value.is_integer() and abs(value) >= EXACT_INTEGERS:
        n = 22  # digits and zeros would read back as an integer that is not this number
    return sign + _shortest_text(digits, n, exponent)


def _shortest_text(digits: str, n: int, exponent: int) -> str:
    """ECMAScript's Number::toString of a positive number of shortest digits `digits`, its
    decimal point `n` digits from their start: plain up to 21 digits before the point and
    6 zeros after it, in exponent form beyond (or when `n` says so)."""
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return f"{digits[:n]}.{digits[n:]}"
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    mantissa = digits if k == 1 else f"{digits[0]}.{digits[1:]}"
    return f"{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def scalar(value: object) -> tuple[str, list[str]]:
    """The text after `key:` (or `-`) and, for a block literal, its lines."""
    if value is None:
        return "", []
    if value is True or value is False:
        return ("true" if value else "false"), []
    if isinstance(value, (int, float)):
        return number(value), []
    if isinstance(value, dict):
        return "{}", []
    if isinstance(value, list):
        return "[]", []
    text = str(value)
    if "\n" not in text:
        return (text if is_plain(text) else quoted(text)), []
    if not _compiled(LITERAL).fullmatch(text):
        return quoted(text), []
    return ("|" if text.endswith("\n") else "|-"), text.removesuffix("\n").split("\n")


def key_text(key: object) -> str:
    text = str(key)
    return text if is_plain(text) else quoted(text)


@dataclass(frozen=True)
class Layout:
    """What a writer needs besides the data: the first line, key order, section headings.

    `order` maps a path (`""`, `organisation`, `targets.progress[]`) to its keys in order;
    keys not listed follow in the data's order. `headings` are the top-level keys'."""

    first_line: str
    order: Mapping[str, Sequence[str]] = field(default_factory=dict)
    headings: Mapping[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "first_line": self.first_line,
            "order": {k: list(v) for k, v in self.order.items()},
            "headings": dict(self.headings),
        }


Notes = Mapping[JsonPath, Sequence[str]]  # data path -> comment lines written before it


def _comment(text: str, indent: int) -> str:
    """A note as one comment line: a line break in it would start a key of its own."""
    return " " * indent + "# " + re.sub(r"[\r\n\x85\u2028\u2029]+", " ", str(text))


class _Writer:
    def __init__(self, layout: Layout, notes: Notes):
        self.layout, self.notes = layout, notes

    def entry(self, head: str, value: object, path: str, where: JsonPath, indent: int) -> list[str]:
        pad = " " * indent
        if isinstance(value, dict) and value:
            return [pad + head, *self.mapping(value, path, where, indent + INDENT)]
        if isinstance(value, list) and value:
            return [pad + head, *self.sequence(value, path + "[]", where, indent + INDENT)]
        text, block = scalar(value)
        inner = " " * (indent + INDENT)
        first = f"{pad}{head} {text}" if text else pad + head
        return [first, *(inner + line if line else "" for line in block)]

    def mapping(
        self, data: Mapping[str, Any], path: str, where: JsonPath, indent: int
    ) -> list[str]:
        known = list(self.layout.order.get(path, ()))
        keys = known + [k for k in data if k not in known]
        lines: list[str] = []
        for key in keys:
            here = where + (key,)
            if key not in data and here not in self.notes:
                continue
            if indent == 0 and key in self.layout.headings:
                lines += ["", "# " + self.layout.headings[key]]
            lines += [_comment(note, indent) for note in self.notes.get(here, ())]
            if key in data:
                child = f"{path}.{key}" if path else str(key)
                lines += self.entry(key_text(key) + ":", data[key], child, here, indent)
        return lines

    def sequence(self, items: Sequence[Any], path: str, where: JsonPath, indent: int) -> list[str]:
        lines: list[str] = []
        for number_, item in enumerate(items):
            here = where + (number_,)
            lines += [_comment(note, indent) for note in self.notes.get(here, ())]
            inner = self.entry("-", item, path, here, indent)
            if inner[0].strip() == "-" and len(inner) > 1 and isinstance(item, (dict, list)):
                # `- key: value`: the item's first line moves up onto the dash
                first = next(i for i, line in enumerate(inner[1:], 1) if not _is_comment(line))
                moved = " " * indent + "- " + inner[first][indent + INDENT :]
                inner = inner[1:first] + [moved] + inner[first + 1 :]
            lines += inner
        return lines


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def dump(
    data: Mapping[str, Any],
    layout: Layout,
    notes: Notes | None = None,
    preamble: Sequence[str] = (),
) -> str:
    """The text of a file: first line, preamble comments, then the data as the layout says.

    `notes` are comment lines placed before the value at a data path (`("organisation",
    "publicity")`, `("targets", "progress", 0)`; `()` is ignored); a note on a key that the
    data lacks is written where the key would be (the skeleton's commented-out cases)."""
    for line in preamble:
        if not _compiled(COMMENT_LINE).fullmatch(line):
            raise ValueError(f"not a comment line: {line!r}")
    lines = [layout.first_line, *preamble]
    lines += _Writer(layout, notes or {}).mapping(data, "", (), 0)
    return "\n".join(lines) + "\n"
