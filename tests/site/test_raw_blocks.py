"""The report text blocks go into pages unparsed (`site.raw_blocks`), and come out as the
Markdown engine alone would write them, in a tab too; what submitters write cannot open one."""

from __future__ import annotations

from pathlib import Path

import markdown
import yaml
from markupsafe import Markup

from site_builder.present.markdown import html_table
from site_builder.present.markup import HTML_BLOCK_OPEN, html_block, html_text, text
from site_builder.site import raw_blocks
from site_builder.site.build import PAGE_EXTENSIONS, write_config

REPO = Path(__file__).resolve().parents[2]


def _engine(with_raw_blocks: bool) -> markdown.Markdown:
    """Python-Markdown with the site's extensions (mkdocs.yml), ours left in or out."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "site_builder.site.raw_blocks" and not with_raw_blocks:
            continue
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def _page() -> str:
    hostile = "<script>alert(1)</script> *not em* [x](javascript:alert(1)) </div>"
    block = html_block(
        [
            f"<p><strong>{html_text('一、组织保障')}</strong></p>",
            f"<p>1. <strong>{html_text('推进机制')}</strong>　{html_text(hostile)}</p>",
            html_table(
                ["指标", "数值"],
                [["营业收入", 12.5], [hostile, Markup("<b>1</b>")]],
                right=frozenset({1}),
            ),
        ]
    )
    return "\n\n".join(
        [
            "# 标题",
            "/// tab | 概况\n\n概况文字\n\n///",
            f"/// tab | 最新报告\n\n### 2021年第三季度进展报告 {{ #report-2021-q3 }}\n\n{block}\n\n- 案例：{text(hostile)}\n\n///",
            f"### 上一份\n\n{block}\n",
        ]
    )


def _lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.strip()]


def test_blocks_come_out_as_the_engine_alone_writes_them_in_a_tab_too():
    page = _page()
    assert page.count(HTML_BLOCK_OPEN) == 2
    plain = _engine(with_raw_blocks=False).convert(page)
    stashed = _engine(with_raw_blocks=True).convert(page)
    # The same HTML; only a blank line between two blocks may differ.
    assert _lines(stashed) == _lines(plain)
    assert stashed.count(HTML_BLOCK_OPEN) == 2
    assert "<script>" not in stashed and "&lt;script&gt;" in stashed
    assert "<em>" not in stashed  # nothing inside a block is read as Markdown
    assert '<td style="text-align: right;">12.5</td>' in stashed


def test_the_preprocessor_leaves_other_lines_and_an_unclosed_block_alone():
    engine = _engine(with_raw_blocks=True)
    lines = ["段落", HTML_BLOCK_OPEN, "<p>x</p>"]
    assert raw_blocks._StashBlocks(engine).run(lines) == lines
    assert raw_blocks._StashBlocks(engine).run(["a", "b"]) == ["a", "b"]


def test_submitted_text_cannot_open_a_block():
    assert HTML_BLOCK_OPEN not in html_text(HTML_BLOCK_OPEN)
    assert HTML_BLOCK_OPEN not in text(HTML_BLOCK_OPEN)


def test_a_repositorys_older_mkdocs_yml_gets_the_extensions_the_pages_need(tmp_path):
    """A province repository keeps its own mkdocs.yml; one from before the tabs and the raw
    blocks still builds project pages with tabs, and one that has them is left as it is."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    older = [
        e
        for e in config["markdown_extensions"]
        if (next(iter(e)) if isinstance(e, dict) else e) not in PAGE_EXTENSIONS
    ]
    for extensions, expected in [(older, older + _added()), (config["markdown_extensions"], None)]:
        root = tmp_path / str(len(extensions))
        (root / "build").mkdir(parents=True)
        (root / "mkdocs.yml").write_text(
            yaml.safe_dump({**config, "markdown_extensions": extensions}), encoding="utf-8"
        )
        written = yaml.safe_load(write_config(root, root / "build", "internal", []).read_text())
        assert written["markdown_extensions"] == (expected or extensions)


def _added() -> list:
    return [{"pymdownx.blocks.tab": {"alternate_style": True}}, "site_builder.site.raw_blocks"]
