"""The build cache: a rebuild writes only what changed, and the site is the one a cold build makes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from site_builder.pipeline.build import build
from site_builder.site.incremental import MANIFEST, cache_dir

from conftest import REPO, TODAY, copy_tree

pytestmark = pytest.mark.slow

# Rewritten by every engine run, whatever changed: the pages listing all others.
MARKER = "本期新增的一句话"
EVERY_RUN = {
    "search/search_index.json",
    "sitemap.xml",
    "sitemap.xml.gz",
    "404.html",
    "tags.json",
    "cases/tags/index.html",
}


@pytest.fixture
def demo_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's demo data without its history, in a scratch folder."""
    monkeypatch.setenv("SCTRACK_TODAY", TODAY)
    root = tmp_path / "repo"
    for name in ("submissions", "docs"):
        copy_tree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def times_of(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, time in after.items() if before.get(name) != time}


def html_of(markdown: str) -> str:
    """Where MkDocs writes a page: `a/b.md` → `a/b/index.html`, `a/index.md` → `a/index.html`."""
    stem = markdown.removesuffix(".md")
    return (
        f"{stem.removesuffix('index')}index.html"
        if stem.endswith("index")
        else f"{stem}/index.html"
    )


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_a_warm_build_makes_the_same_files_as_a_cold_one(demo_tree: Path, audience: str):
    root, cold_site, warm_site = demo_tree, demo_tree / "cold", demo_tree / "warm"
    build(root, audience, site_dir=cold_site)
    cache = cache_dir(root / "build" / audience)
    assert (cache / MANIFEST).is_file() and (cache / "site").is_dir()
    assert any((cache / "templates").iterdir())  # the theme compiled once, for the warm build
    # Generate again (nothing changed, so no page is rewritten) and let MkDocs run on the cache.
    (root / "build" / audience / ".inputs").unlink()
    for path in (root / "submissions").rglob("*.yaml"):
        path.touch()
    build(root, audience, site_dir=warm_site)
    # And a cold build into another build folder: no cache at all.
    other = root / "other-build" / audience
    fresh = build(root, audience, site_dir=root / "fresh", build_dir=other).site_dir
    cold, warm = files_of(cold_site), files_of(warm_site)
    assert cold == warm
    assert files_of(fresh) == cold


def test_one_changed_report_rewrites_only_the_pages_that_read_it(demo_tree: Path):
    root = demo_tree
    build(root, "public")
    docs, engine_site = root / "build" / "public" / "docs", cache_dir(root / "build" / "public")
    docs_before, site_before = times_of(docs), times_of(engine_site / "site")
    charts_before = set((engine_site / "charts").iterdir())

    # A sentence added to a case for publication: the text the public site shows of a report.
    report = next(
        p
        for p in sorted((root / "submissions" / "projects").glob("*/*.yaml"))
        if "public: true" in p.read_text(encoding="utf-8")
    )
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    public = next(i for i, line in enumerate(lines) if line.strip() == "public: true")
    sentence = max(i for i in range(public) if "。" in lines[i])  # the case's own text
    lines[sentence] = lines[sentence].replace("。", f"。{MARKER}。", 1)
    report.write_text("".join(lines), encoding="utf-8")
    result = build(root, "public")

    rewritten_docs = changed(docs_before, times_of(docs))
    rewritten_site = changed(site_before, times_of(engine_site / "site"))
    project = report.parent.name
    pages = {name for name in rewritten_docs if name.endswith(".md")}
    assert pages, "the edit shows on no page"
    assert len(pages) < len([n for n in docs_before if n.endswith(".md")]) / 4
    # Other projects' pages are not touched; no chart reads report text.
    others = {n for n in docs_before if n.startswith("projects/") and project not in n}
    assert not pages & others
    assert not {n for n in rewritten_docs if n.endswith(".png")}
    assert set((engine_site / "charts").iterdir()) == charts_before
    # MkDocs rendered those pages, copied the changed downloads, and wrote nothing else but
    # what lists every page.
    downloads = rewritten_docs - pages
    assert downloads <= {"data/cases.csv", "data/cases.json", "data/cases.xlsx"}
    assert rewritten_site - EVERY_RUN == {html_of(name) for name in pages} | downloads
    index = json.loads((result.site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert MARKER in json.dumps(index, ensure_ascii=False).replace("\u200b", "")

    fresh = build(root, "public", site_dir=root / "fresh", build_dir=root / "other" / "public")
    assert files_of(fresh.site_dir) == files_of(result.site_dir)


def test_a_cache_of_another_policy_is_dropped(demo_tree: Path):
    root = demo_tree
    build(root, "public")
    cache = cache_dir(root / "build" / "public")
    marker = cache / "charts" / "left-by-another-policy.png"
    marker.write_bytes(b"")
    policy = root / "submissions" / "registry" / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(root, "public")
    assert not marker.exists()
    assert (cache / "site" / "index.html").is_file()
    assert os.stat(cache / "site" / "index.html").st_nlink == 2  # linked into site/


def test_a_cache_restored_into_a_fresh_checkout_still_spares_the_unchanged_pages(demo_tree: Path):
    """CI keeps `build/.cache/` only: the build folder is generated anew, every file new."""
    root = demo_tree
    cold = files_of(build(root, "public").site_dir)
    engine_site = cache_dir(root / "build" / "public") / "site"
    before = times_of(engine_site)
    shutil.rmtree(root / "build" / "public")
    again = build(root, "public")
    rendered = changed(before, times_of(engine_site))
    docs = root / "build" / "public" / "docs"
    pages = {html_of(p.relative_to(docs).as_posix()) for p in docs.rglob("*.md")}
    assert not (rendered - EVERY_RUN) & pages  # static files were copied again, no page rendered
    assert files_of(again.site_dir) == cold
