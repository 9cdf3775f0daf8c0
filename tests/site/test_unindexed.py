"""The report text kept out of the search plugin's way (`site.unindexed`): only blocks the index
would drop are hidden, each comes back where it was, and the site is the same without it."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.present.markup import html_block
from site_builder.site.build import UNINDEXED_PLUGIN, _with_unindexed
from site_builder.site.unindexed import hide, restore

BLOCK = str(html_block(["<p>报告正文</p>", "<table>\n<tr>\n<td>1</td>\n</tr>\n</table>"]))


def _page(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def test_each_block_is_hidden_and_comes_back_in_place():
    content = _page(
        '<h2 id="a">概况</h2>',
        "<p>简介</p>",
        '<h3 data-search-exclude id="report-2021-q3">2021年第三季度进展报告</h3>',
        BLOCK,
        "<ul>\n<li>案例</li>\n</ul>",
        BLOCK,
    )
    hidden_content, hidden = hide(content)
    assert len(hidden) == 2 and "报告正文" not in hidden_content
    assert "<li>案例</li>" in hidden_content and "<p>简介</p>" in hidden_content
    assert restore(hidden_content, hidden) == content


def test_a_page_without_blocks_is_not_touched():
    content = _page('<h2 id="a">概况</h2>', "<div>\n<p>正文</p>\n</div>")
    assert hide(content) == (content, [])


def test_a_block_holding_a_heading_stays_so_the_sections_do_not_change():
    with_heading = str(html_block(['<h4 id="x">小标题</h4>', "<p>正文</p>"]))
    content = _page('<h3 data-search-exclude id="r">报告</h3>', with_heading, BLOCK)
    hidden_content, hidden = hide(content)
    assert hidden == [BLOCK.strip()] and "小标题" in hidden_content


def test_the_plugin_goes_beside_search_once_and_only_where_search_is():
    assert _with_unindexed(["search", "tags"]) == ["search", "tags", UNINDEXED_PLUGIN]
    assert _with_unindexed([{"search": {"lang": "zh"}}]) == [
        {"search": {"lang": "zh"}},
        UNINDEXED_PLUGIN,
    ]
    assert _with_unindexed(["search", UNINDEXED_PLUGIN]) == ["search", UNINDEXED_PLUGIN]
    assert _with_unindexed(["tags"]) == ["tags"]


def _mkdocs(config: Path, site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    subprocess.run(command, check=True, capture_output=True)


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow
def test_the_internal_demo_site_and_its_search_index_are_the_same_without_it(
    demo_sites, demo_copy, tmp_path
):
    folder = shutil.copytree(demo_copy / "build" / "internal", tmp_path / "internal")
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert UNINDEXED_PLUGIN in config["plugins"]
    project = next((folder / "docs" / "projects").glob("*.md"))
    assert "data-search-exclude" in project.read_text(encoding="utf-8")
    config["plugins"].remove(UNINDEXED_PLUGIN)
    without = folder / "mkdocs-without.yml"
    without.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    _mkdocs(folder / "mkdocs.yml", tmp_path / "with")
    _mkdocs(without, tmp_path / "without")
    names = _files(tmp_path / "with")
    assert names == _files(tmp_path / "without")
    assert "search/search_index.json" in names
    _, different, errors = filecmp.cmpfiles(
        tmp_path / "with", tmp_path / "without", names, shallow=False
    )
    assert different == [] and errors == []
    page = next((tmp_path / "with" / "projects").glob("*/index.html")).read_text(encoding="utf-8")
    assert hide(page)[1], "the demo's project pages carry blocks the plugin hides"
