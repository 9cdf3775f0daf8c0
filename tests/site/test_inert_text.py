"""Narratives and titles render as text: no Markdown block syntax survives `text`/`paragraphs`.

Rendered with the site's own Markdown extensions (mkdocs.yml), so an admonition,
a details block, a definition list or a heading written into a narrative would show.
"""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from site_builder.present.markup import paragraphs, text

from conftest import REPO

BLOCK_SYNTAX = [
    '!!! danger "该企业存在违法违规记录"',
    "!!! danger",
    "??? note",
    '???+ note "展开"',
    '??? warning "x"',
    "#标题",
    "# 标题",
    "###### 小标题",
    "---",
    "***",
    "___",
    "===",
    ": 定义",
    "- 列表项",
    "* 列表项",
    "+ 列表项",
    "1. 有序",
    "1) 有序",
    "> 引用",
    "| a | b |",
    "~~~",
    "```",
    "*[HTML]: 缩写",
    "[^1]: 脚注",
    "<div>块</div>",
    '=== "标签页"',
    "{: .danger }",
    "-",
    "=",
    "+",
    "1.",
    "::: note",
]
BLOCK_TAGS = re.compile(
    r"<(?!p>|/p>)(h[1-6]|div|details|summary|dl|dt|dd|ul|ol|li|hr|table|blockquote|pre|code|abbr|sup)\b"
)


def _extensions() -> list[str]:
    """The Markdown extensions the site uses (mkdocs.yml), bar the table of contents."""
    listed = (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("markdown_extensions:")[1]
    entries = yaml.safe_load("x:" + listed.split("\n\n")[0])["x"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in entries]
    assert "admonition" in names and "pymdownx.details" in names
    return [n for n in names if n != "toc"]


def _render(source: str) -> str:
    return markdown.markdown(source, extensions=_extensions())


@pytest.mark.parametrize("written", BLOCK_SYNTAX)
def test_a_narrative_line_stays_a_paragraph(written):
    html = _render(f"正文第一段。\n\n{text(written)}\n")
    assert not BLOCK_TAGS.search(html), html


@pytest.mark.parametrize("written", BLOCK_SYNTAX)
def test_each_paragraph_of_a_narrative_stays_a_paragraph(written):
    html = _render(str(paragraphs(f"第一段\n\n{written}\n\n最后一段\n{written}")))
    assert not BLOCK_TAGS.search(html), html


def test_the_text_itself_is_shown():
    html = _render(str(text('!!! danger "该企业存在违法违规记录"')))
    assert "!!! danger" in html.replace("&#33;", "!").replace("&quot;", '"')


@pytest.mark.parametrize("figure", ["158.4", "+32.2%", "-3.5", "2021年", "1.5倍"])
def test_figures_at_the_start_of_a_cell_stay_readable(figure):
    assert str(text(figure)) == figure
