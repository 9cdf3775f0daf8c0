"""The built demo site, read from one build per audience (session fixture)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, TODAY, invoke

PROJECTS = sorted(p.name for p in (REPO / "submissions/projects").iterdir() if p.is_dir())
CITIES = [
    c["id"]
    for c in yaml.safe_load(
        (REPO / "submissions/registry/cities.yaml").read_text(encoding="utf-8")
    )["cities"]
]


def _reports():
    for folder in (REPO / "submissions/projects").iterdir():
        for path in sorted(folder.glob("20*.yaml")):
            yield path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _cases(public: bool):
    for path, report in _reports():
        for case in report.get("cases") or []:
            if bool(case.get("public")) == public:
                yield path, case


def _all_text(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt", ".js", ".csv")
    )


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_page_is_there(demo_sites, audience):
    site = demo_sites[audience]
    for page in [
        "",
        "projects/",
        "cases/",
        "cases/tags/",
        "summary/",
        "guide/submit/",
        "guide/review/",
        "reference/fields/",
        "about/",
    ]:
        assert (site / page / "index.html").is_file(), page
    for project in PROJECTS:
        assert (site / "projects" / project / "index.html").is_file(), project
    for city in CITIES:
        assert (site / "cities" / city / "index.html").is_file(), city


def test_html_is_chinese_and_asks_no_font_server(demo_sites):
    for audience, site in demo_sites.items():
        index = (site / "index.html").read_text(encoding="utf-8")
        assert '<html lang="zh"' in index
        everything = _all_text(site)
        assert "fonts.googleapis.com" not in everything, audience
        assert "fonts.gstatic.com" not in everything, audience
        # No repository widget: it would call api.github.com on every page view.
        assert 'class="md-source"' not in index, audience


# Markup the generator writes itself; escaped, it shows on the page as "<small>…".
OWN_TAG_ESCAPED = re.compile(r"&lt;/?(small|div|span|br|details|summary|figure|figcaption|p|a)\b")


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_generators_own_markup_is_never_escaped(demo_sites, audience):
    """The demo data holds no HTML, so an escaped tag on a page is markup escaped twice."""
    shown = {
        page.relative_to(demo_sites[audience]).as_posix(): OWN_TAG_ESCAPED.findall(
            page.read_text(encoding="utf-8")
        )
        for page in demo_sites[audience].rglob("*.html")
    }
    assert {path: tags for path, tags in shown.items() if tags} == {}


def test_public_project_pages_hold_no_report_contents(demo_sites):
    path, report = next((p, r) for p, r in _reports() if r["kind"] == "enterprise")
    narrative = report["organisation"]["mechanism"]
    snippet = "".join(narrative.split())[:24]
    project = path.parent.name
    public = (demo_sites["public"] / "projects" / project / "index.html").read_text(
        encoding="utf-8"
    )
    internal_site = demo_sites["internal"]
    internal = (internal_site / "projects" / project / "index.html").read_text(encoding="utf-8")
    # The newest report is on the project page, the older ones on its pages by year.
    year_pages = sorted((internal_site / "project-reports").glob(f"{project}-*/index.html"))
    internal_reports = internal + "".join(p.read_text(encoding="utf-8") for p in year_pages)
    assert snippet not in "".join(public.split())
    assert snippet in "".join(internal_reports.split())
    assert "历次报告" in internal and "历次报告" not in public
    assert year_pages and not (demo_sites["public"] / "project-reports").exists()


def test_unpublished_cases_are_internal_only(demo_sites):
    unpublished = list(_cases(public=False))
    assert unpublished, "the demo data has unpublished cases"
    public_text = _all_text(demo_sites["public"])
    internal_text = _all_text(demo_sites["internal"])
    for _path, case in unpublished:
        assert case["title"] not in public_text
        assert case["title"] in internal_text


def test_every_published_case_has_a_tagged_page(demo_sites):
    published = list(_cases(public=True))
    assert len(published) >= 8
    site = demo_sites["public"]
    pages = list((site / "cases").glob("*/index.html"))
    titles = {case["title"] for _, case in published}
    found = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for title in titles:
            if "<h1" in html and title in html:
                found.add(title)
                assert "md-tag" in html, page
    assert found == titles


def test_search_index_segments_chinese_words(demo_sites):
    index = json.loads(
        (demo_sites["public"] / "search/search_index.json").read_text(encoding="utf-8")
    )
    # mkdocs-material's Chinese separator splits on the zero-width spaces jieba puts between words.
    assert r"\u200b" in index["config"]["separator"]
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "\u200b" in texts, "jieba segmented the text with zero-width spaces"
    # A word from the middle of a case body is a token of its own.
    assert "\u200b柔性\u200b" in texts or "\u200b柔性" in texts


def test_charts_have_alt_text_and_exist(demo_sites):
    site = demo_sites["public"]
    html = (site / "summary/index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]*src="([^"]+)"[^>]*>', html)
    assert len(images) >= 3
    for tag in re.findall(r"<img[^>]*>", html):
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt and alt.group(1).strip(), tag
    for src in images:
        target = (site / "summary" / src).resolve()
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", src


def test_generated_folder_builds_with_plain_mkdocs_strict(demo_copy, demo_sites, tmp_path):
    config = demo_copy / "build/public/mkdocs.yml"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/index.html").is_file()


def test_internal_site_says_so_on_every_page(demo_sites):
    internal = (demo_sites["internal"] / "summary/index.html").read_text(encoding="utf-8")
    public = (demo_sites["public"] / "summary/index.html").read_text(encoding="utf-8")
    assert "仅限授权用户查阅" in internal
    assert "仅限授权用户查阅" not in public


@pytest.mark.slow
def test_failed_build_leaves_the_previous_site(base_tree):
    assert invoke("build", "--root", str(base_tree)).returncode == 0
    index = base_tree / "site/index.html"
    before = index.read_bytes()
    report = base_tree / "submissions/projects/alpha-region/2021-Q2.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("kind: region", "kind: nowhere"),
        encoding="utf-8",
    )
    result = invoke("build", "--root", str(base_tree))
    assert result.returncode == 1
    assert "2021-Q2.yaml:3:1: S005" in result.stderr
    assert index.read_bytes() == before
    assert not list(base_tree.glob(".site.tmp-*"))


@pytest.mark.slow
def test_build_prints_one_line_per_stage(base_tree):
    result = invoke("build", "--root", str(base_tree))
    assert result.returncode == 0, result.stderr
    for word in ("个文件", "个项目", "个页面", "张", "MkDocs"):
        assert word in result.stderr, word  # progress goes to stderr; the result to stdout
    assert TODAY  # the fixture date keeps period checks stable


@pytest.mark.slow
def test_mkdocs_warning_fails_the_build_with_its_message(base_tree):
    assert invoke("build", "--root", str(base_tree)).returncode == 0
    index = base_tree / "site/index.html"
    before = index.read_bytes()
    about = base_tree / "docs/about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\n[失效链接](no-such-page.md)\n", encoding="utf-8"
    )
    result = invoke("build", "--root", str(base_tree))
    assert result.returncode == 1
    assert "MkDocs 构建失败" in result.stderr
    assert "no-such-page.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert index.read_bytes() == before
    assert not list(base_tree.glob(".site.tmp-*"))
