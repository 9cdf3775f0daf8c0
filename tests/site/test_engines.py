"""The second site engine: Zensical builds the same generated folder as MkDocs."""

from __future__ import annotations

import os
import sys

import pytest

from site_builder.site.engines import ENGINES

from conftest import invoke, run_cli


def _require_zensical() -> None:
    """Zensical is in the test extra: under CI its absence is a failure, not a skip."""
    if ENGINES["zensical"].installed():
        return
    message = 'Zensical is not installed (pip install -e ".[test]")'
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_an_engine_that_is_not_installed_names_its_extra(base_tree, monkeypatch):
    monkeypatch.setitem(sys.modules, "zensical", None)  # find_spec then finds nothing
    outcome = invoke("build", "--root", str(base_tree), "--engine", "zensical")
    assert outcome.returncode == 2
    assert 'pip install -e ".[zensical]"' in outcome.stderr
    assert not (base_tree / "site").exists()


def test_zensical_builds_the_demo_with_the_same_pages(demo_copy, demo_sites, tmp_path):
    _require_zensical()
    site = tmp_path / "zensical-site"
    result = run_cli(
        "build", "--root", str(demo_copy), "--engine", "zensical", "--site-dir", str(site)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Zensical 生成站点" in result.stdout + result.stderr

    def pages(folder):
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}

    assert pages(site) == pages(demo_sites["public"])
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="zh"' in home
    index = (site / ENGINES["zensical"].search_index).read_text(encoding="utf-8")
    assert "供应链" in index
    # The engine's own output folder does not stay behind in the build folder.
    assert not (demo_copy / "build" / "public" / "site").exists()
