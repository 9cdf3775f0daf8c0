"""An MkDocs plugin: the raw text blocks (`markup.html_block`) kept out of the search plugin's
way.

    plugins:
      - search
      - sctrack-unindexed

Every such block carries `data-search-exclude` (the reports' text, the trend panels: the
search index, which a browser loads whole before its first search, would be mostly them). Yet
Material's search plugin reads every page's HTML with `html.parser` and only then skips what
is excluded: on an internal site the blocks are most of every project page, and the parser's
pass over them was a large part of the engine's time for nothing. Just before the search
plugin reads a page, this plugin puts a comment in place of each block; just after, it puts
the blocks back, before the theme renders the page. The page and the search index come out
byte for byte as without it (`tests/site/test_unindexed.py`).

A block holding a heading is left in place (the search plugin opens a section at every
heading, excluded or not); the text in the blocks is escaped, so none holds one but ours.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from site_builder.present.markup import HTML_BLOCK_CLOSE, HTML_BLOCK_OPEN

# The blocks as Python-Markdown writes them back from its stash: whole, on their own lines.
_BLOCK = re.compile(
    "^" + re.escape(HTML_BLOCK_OPEN) + r"\n.*?^" + re.escape(HTML_BLOCK_CLOSE) + "$",
    re.MULTILINE | re.DOTALL,
)
_HEADING = re.compile(r"<h[1-6]\b", re.IGNORECASE)
_PLACEHOLDER = "<!--sctrack-unindexed {}-->"


def hide(content: str) -> tuple[str, list[str]]:
    """`content` with a placeholder for each block, and the blocks."""
    hidden: list[str] = []

    def swap(match: re.Match[str]) -> str:
        block = match.group(0)
        if _HEADING.search(block):
            return block
        hidden.append(block)
        return _PLACEHOLDER.format(len(hidden) - 1)

    return _BLOCK.sub(swap, content), hidden


def restore(content: str, hidden: list[str]) -> str:
    """The blocks `hide` took, each back at its placeholder."""
    for number, block in enumerate(hidden):
        content = content.replace(_PLACEHOLDER.format(number), block, 1)
    return content


class UnindexedPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self._hidden: dict[str, list[str]] = {}  # by page, between the two events

    @event_priority(100)  # before the search plugin (0) reads the page
    def _hide(self, context: dict[str, Any], *, page: Any, **kwargs: Any) -> dict[str, Any]:
        if page.content:
            page.content, hidden = hide(page.content)
            if hidden:
                self._hidden[page.file.src_uri] = hidden
        return context

    @event_priority(-100)  # after it, before the theme renders the page
    def _restore(self, context: dict[str, Any], *, page: Any, **kwargs: Any) -> dict[str, Any]:
        hidden = self._hidden.pop(page.file.src_uri, None)
        if hidden:
            page.content = restore(page.content, hidden)
        return context

    on_page_context = CombinedEvent(_hide, _restore)
