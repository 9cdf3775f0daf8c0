"""Putting submitter text into generated Markdown safely.

Submitters write plain text (narratives, titles) and Markdown (case bodies).
Plain text is escaped for both HTML and Markdown, so `<script>` and
`[x](javascript:...)` stay visible characters. Markdown is rendered to HTML
here and cleaned with nh3 (an allow-list sanitiser), then embedded as a raw
HTML block that MkDocs passes through untouched. The same rules apply to
both audiences.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup, escape

from site_builder.load.text import SPACE_BETWEEN_CJK, normalise_space

# Characters that start emphasis, code, links, attribute lists or table cells anywhere
# in a line ({: onclick=...} would be an attribute list), and HTML's own specials.
_INLINE_SPECIALS = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()|"}
# What opens a block at the start of a line (the inline specials above are always escaped):
# headings (`#标题` needs no space in Python-Markdown), quotes, lists (`- `, `+ `, `1. `,
# `1) `), rules and setext underlines (`---`, `===`, a lone `-`), admonitions (`!!!`),
# details (`???`), definitions (`: `), fences (`~~~`), tabs (`=== "x"`). Such a start is
# written as character references; `-3.5`, `+32%` and `158.4` stay as they are.
_LINE_START = re.compile(
    r"[0-9]+(?=[.)](?:\s|$))|[#>]|[-+](?=[\s\-+]|$)|=(?=[=\s]|$)|!(?=!)|\?(?=\?)"
    r"|:(?=[\s:]|$)|~(?=~)"
)
_ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i", "code",
    "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "hr", "del", "sup", "sub",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.M)


# Markdown punctuation and HTML's specials, `&` first (the others' references start with it).
# Replaced one character at a time with `str.replace` (in C, and skipped when absent): a
# translation table with strings for values went through Python per character, and report
# text is most of an internal build's pages.
_ESCAPES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("'", "&#x27;"),
    *_INLINE_SPECIALS.items(),
)


def _escaped(line: str) -> str:
    for special, reference in _ESCAPES:
        if special in line:
            line = line.replace(special, reference)
    return line


def text(value: object) -> Markup:
    """Plain text, inline: nothing in it is read as HTML or Markdown."""
    line = normalise_space(value)
    start = _LINE_START.match(line)
    head = start.group(0) if start else ""
    return Markup("".join(f"&#{ord(c)};" for c in head) + _escaped(line[len(head) :]))


def _paragraph_texts(value: object) -> list[str]:
    """The paragraphs of a plain text (blank-line separated), empty ones left out."""
    return [block for block in re.split(r"\n\s*\n", str(value).strip()) if block.strip()]


def paragraphs(value: object) -> Markup:
    """Plain text that may hold several paragraphs (blank-line separated)."""
    return Markup("\n\n".join(text(block) for block in _paragraph_texts(value)))


def html_text(value: object) -> Markup:
    """Plain text, inline, inside a raw HTML block: escaped for HTML only, since Markdown
    does not read inside one (`html_block`)."""
    return escape(normalise_space(value))


def html_paragraphs(value: object) -> list[Markup]:
    """Plain text that may hold several paragraphs (blank-line separated), one item each."""
    return [html_text(block) for block in _paragraph_texts(value)]


# The first line of every block `html_block` writes; the engine's Markdown extension
# `site.raw_blocks` takes each such block into the page unparsed. Submitted text cannot write
# it: `<` is escaped in plain text, and nh3 drops `class` from submitted Markdown. The blocks
# (the reports' text, the trend panels) stay out of the search index, which a browser loads
# whole before its first search (`site.unindexed`).
HTML_BLOCK_OPEN = '<div class="sc-text" data-search-exclude>'
HTML_BLOCK_CLOSE = "</div>"


def html_block(lines: list[str]) -> Markup:
    """HTML lines (escaped already) as one raw block, which MkDocs passes through as it is: no
    line indented, no blank line inside. Markdown's inline parsing costs far more than the HTML
    parser's pass over the same text, and reports are most of an internal page."""
    body = "\n".join(line for line in lines if line)
    return Markup(f"{HTML_BLOCK_OPEN}\n{body}\n{HTML_BLOCK_CLOSE}")


def plain_title(value: object) -> str:
    """Text for page titles and front matter, where the theme prints it unescaped."""
    swaps = {"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "\n": " "}
    return "".join(swaps.get(c, c) for c in str(value)).strip()


def _shift_headings(source: str) -> str:
    """Make the body's top heading level an h2, below the page's own h1."""
    levels = [len(m.group(1)) for m in _HEADING.finditer(source)]
    if not levels:
        return source
    shift = 2 - min(levels)
    return _HEADING.sub(lambda m: "#" * min(6, max(2, len(m.group(1)) + shift)), source)


def clean_html(raw_html: str) -> str:
    return nh3.clean(
        raw_html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


# A submitter's Markdown -> its sanitised HTML: a build session keeps what it rendered
# (`pipeline.session`), so a rebuild renders only the texts that changed.
RenderedMarkdown = dict[str, Markup]


def submitted_markdown(source: str, memo: RenderedMarkdown | None = None) -> Markup:
    """A submitter's Markdown as sanitised HTML in a raw block MkDocs leaves alone (taken from
    `memo` when rendered before, and kept there)."""
    if memo is not None and source in memo:
        return memo[source]
    html = _rendered(source)
    if memo is not None:
        memo[source] = html
    return html


def _rendered(source: str) -> Markup:
    rendered = markdown.markdown(_shift_headings(source), extensions=["tables", "sane_lists"])
    rendered = SPACE_BETWEEN_CJK.sub("", rendered)  # a line break inside a Chinese paragraph
    cleaned = clean_html(rendered)
    # One line per block with no blank lines inside, so Markdown keeps it one raw HTML block.
    cleaned = re.sub(r"\n\s*\n", "\n", cleaned).strip()
    return Markup(f'<div class="submitted">\n{cleaned}\n</div>')
