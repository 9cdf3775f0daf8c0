"""YAML mistakes as the user made them: a Chinese message at the line to fix, never English.

Each input is a mistake from issue 17 (item 5), run with libyaml's parser and with the
pure-Python fallback, whose English wordings differ.
"""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.load import yamlsafe
from site_builder.load.yamlsafe import parse_text


@pytest.fixture(params=sorted(yamlsafe.LOADERS))
def loader(request, monkeypatch):
    monkeypatch.setattr(yamlsafe, "DEFAULT_LOADER", yamlsafe.LOADERS[request.param])
    return request.param


def _one(text: str):
    parsed = parse_text(text, "f.yaml")
    assert len(parsed.findings) == 1, parsed.findings
    return parsed.findings[0]


def test_text_after_space_hash_is_a_warning_naming_the_dropped_text(loader):
    parsed = parse_text("project: x\nsummary: 举办培训 3 期 #第二期推迟\n", "f.yaml")
    assert parsed.data["summary"] == "举办培训 3 期"  # what YAML keeps: the reason to warn
    (finding,) = parsed.findings
    assert (finding.code, finding.line, finding.col, finding.is_error) == ("L017", 2, 19, False)
    assert "“#第二期推迟”被 YAML 当作注释丢掉了" in finding.message
    assert "引号" in finding.message and "“|”" in finding.message
    assert parsed.ok  # a warning does not make the file unusable


@pytest.mark.parametrize(
    "text",
    [
        'summary: "举办培训 3 期 #第二期"\n',  # quoted: the # is kept
        "summary: 举办培训#第二期\n",  # no space before #: part of the text
        "city: taiyuan  # 太原\n",  # a comment after a code is meant as one
        "amount: 7.2  # 亿元\n",
        "summary: |\n  举办培训 3 期 #第二期\n",
        "summary: 举办培训 3 期 #\n",  # nothing after the hash is lost
    ],
)
def test_no_warning_where_nothing_written_as_text_is_lost(loader, text):
    assert parse_text(text, "f.yaml").findings == []


@pytest.mark.parametrize(
    "text, line",
    [
        ("project: x\nnext_steps：推进平台二期。\nperiod: 2021-Q2\n", 2),
        ("targets:\n  summary： 按计划推进。\n  progress:\n    - target: T1\n", 2),
        ("project：alpha\n", 1),
        ("a: 1\nfigures:\n  b: 2\n  scf_volume：7.2\n", 4),
    ],
)
def test_fullwidth_colon_is_named_on_its_own_line(loader, text, line):
    finding = _one(text)
    assert finding.line == line
    assert "全角冒号“：”" in finding.message and "半角冒号“:”" in finding.message


def test_value_starting_with_dash_is_explained_in_chinese(loader):
    finding = _one("project: x\nsummary: - 第一项\n")
    assert finding.line == 2 and "“- ”开头" in finding.message


@pytest.mark.parametrize(
    "text, line, name",
    [
        ("a: 1\ntags: [finance, trade\nb: 2\nc: 3\n", 2, "方括号“[”"),
        ("a: 1\nfigures: {x: 1,\n  y: 2\nb: 3\n", 2, "花括号“{”"),
        ("a: 1\nsummary: '没有闭合\nb: 2\nc: 3\n", 2, "单引号“'”"),
        ('a: 1\nsummary: "没有闭合\nb: 2\n', 2, '双引号“"”'),
    ],
)
def test_unclosed_bracket_or_quote_is_reported_where_it_opened(loader, text, line, name):
    finding = _one(text)
    assert finding.line == line, finding
    assert name in finding.message and "没有闭合" in finding.message


# --- no English from the parser reaches the user ---------------------------------------------

# Pieces of YAML, broken and whole, that a person or an editor might put together.
PIECES = [
    "a", "b", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "'", '"', "#", " #", " ", "  ",
    "\n", "\n  ", "\t", "&x", "*x", "!t", "!!str ", "%", "%YAML 1.1\n", "|", ">", "|-", "? ",
    "---", "...", "\\", "\\q", "@", "`", "中文", "：", "５", "\x07", "\x85", "\ufeff", "\u2028",
    "1.5", "~", "<<: ",
]  # fmt: skip
# Words only a parser's English would use (PyYAML's and libyaml's messages).
PARSER_WORDS = re.compile(
    r"\b(expected|found|while|scanning|parsing|allowed|character|mapping|sequence|stream|"
    r"document|token|indicator|scalar|context|directive|anchor|escape|block|flow|simple|"
    r"could|cannot|unexpected|undefined|unacceptable|invalid|incomplete)\b",
    re.I,
)
ALLOWED_LATIN = ("sctrack new", "sctrack import", "VS Code", "GB 18030", "UTF-8", "UTF-16")


def _english(message: str) -> list[str]:
    for phrase in ALLOWED_LATIN:
        message = message.replace(phrase, "")
    return PARSER_WORDS.findall(message) + re.findall(r"[A-Za-z]{2,}[ ,']+[A-Za-z]{2,}", message)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=30))
def test_no_parser_english_in_any_message(loader, pieces):
    text = "project: x\n" + "".join(pieces)
    for finding in parse_text(text, "f.yaml").findings:
        assert not _english(finding.message), (text, finding.message)
        assert re.search(r"[\u4e00-\u9fff]", finding.message)


@pytest.mark.parametrize(
    "problem",
    [
        "some future wording nobody has seen",
        "found character that cannot start any token",
        "expected URI, but found '\\n'",
    ],
)
def test_an_unknown_error_gets_chinese_advice(problem):
    from site_builder.load.yamlerrors import syntax_finding

    mark = yaml.Mark("f", 0, 0, 0, None, None)
    err = yaml.scanner.ScannerError("while doing something new", mark, problem, mark)
    finding = syntax_finding(err, "a: b\n", "f.yaml")
    assert not _english(finding.message) and finding.code == "L009"


def test_control_character_is_reported_where_it_is(loader):
    # libyaml counts its position in bytes: the Chinese before it must not shift the line.
    finding = _one("x: 中文中文\ny: 中文\na: b\x07c\n")
    assert (finding.line, finding.col) == (3, 5)
    assert "U+0007" in finding.message
