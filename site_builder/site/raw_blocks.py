"""A Markdown extension: the HTML blocks the pages carry (`markup.html_block`) go into the
page as they are, unparsed.

    markdown_extensions:
      - site_builder.site.raw_blocks

Python-Markdown and MkDocs each read every raw HTML block with `html.parser` (one to find
where it ends, one to collect ids for link checks): on an internal site, whose pages carry
every report's text, that was most of the engine's time. This preprocessor runs before both
and puts each block in the stash Python-Markdown keeps for raw HTML, so neither reads it; the
output is what they would have written. Only blocks this program writes start with
`HTML_BLOCK_OPEN` (submitted text cannot write it, see `present.markup`); they hold no
headings or ids, so links into them are not missed. Without the extension the pages come
out the same, more slowly.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_builder.present.markup import HTML_BLOCK_CLOSE, HTML_BLOCK_OPEN


class _StashBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any(line == HTML_BLOCK_OPEN for line in lines):
            return lines
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == HTML_BLOCK_OPEN:
                    block = [line]
                else:
                    out.append(line)
                continue
            block.append(line)
            if line == HTML_BLOCK_CLOSE:
                out.append(self.md.htmlStash.store("\n".join(block)))
                block = None
        return out + (block or [])  # an unclosed block is left to the HTML parser


class RawBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Before MkDocs' anchor collector (21) and Python-Markdown's raw HTML reader (20).
        md.preprocessors.register(_StashBlocks(md), "sctrack_raw_blocks", 25)


def makeExtension(**kwargs) -> RawBlocksExtension:  # noqa: N802 (Python-Markdown's entry point)
    return RawBlocksExtension(**kwargs)
