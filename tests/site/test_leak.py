"""The public site leaks nothing the schemas mark internal; the internal site shows it all.

A copy of the demo data gets a unique marker in every internal field (knowing
only the `x-visibility` keyword); both audiences are built from it and every
output file is searched: HTML, search index, sitemap, data files, images.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.pipeline.build import build

from conftest import TODAY, _copy_repo_data
from leakmarks import CREDIT_CODE_MARK, Markers, found_markers, mark_tree

pytestmark = pytest.mark.slow  # builds a site


@pytest.fixture(scope="session")
def marked_sites(tmp_path_factory) -> tuple[Markers, dict[str, Path]]:
    root = _copy_repo_data(tmp_path_factory.mktemp("leak") / "repo")
    markers = mark_tree(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCTRACK_TODAY", TODAY)
        sites = {audience: build(root, audience).site_dir for audience in ("public", "internal")}
    return markers, sites


def _tokens(site: Path) -> tuple[set[str], set[str]]:
    """Every marker-like string and every number printed anywhere in the site (one pass)."""
    strings: set[str] = set()
    numbers: set[str] = set()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        strings.update(found_markers(raw))
        if path.suffix in (".html", ".json", ".xml", ".txt", ".js", ".csv", ".css", ".svg"):
            text = raw.decode("utf-8", errors="replace")
            numbers.update(re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])", text))
    return strings, numbers


def _bare(marker: str) -> str:
    return marker.removesuffix("泄露")


def test_markers_cover_the_internal_fields(marked_sites):
    markers, _ = marked_sites
    assert len(markers.strings) > 500
    # Every enterprise project's 统一社会信用代码 is marked too.
    assert sum(m.startswith(CREDIT_CODE_MARK) for m in markers.strings) >= 10
    assert len(markers.numbers) > 500


def test_public_site_contains_no_marker(marked_sites):
    markers, sites = marked_sites
    strings, numbers = _tokens(sites["public"])
    leaked = [m for m in markers.strings if _bare(m) in strings]
    assert not leaked, f"{len(leaked)} internal strings leaked, e.g. {leaked[:5]}"
    leaked_numbers = [n for n in markers.numbers if n in numbers]
    assert not leaked_numbers, (
        f"{len(leaked_numbers)} internal figures leaked, e.g. {leaked_numbers[:5]}"
    )


def test_internal_site_contains_every_marker(marked_sites):
    markers, sites = marked_sites
    strings, numbers = _tokens(sites["internal"])
    missing = [m for m in markers.strings if _bare(m) not in strings]
    assert not missing, (
        f"{len(missing)} internal strings are not on the internal site, e.g. {missing[:5]}"
    )
    missing_numbers = [n for n in markers.numbers if n not in numbers]
    assert not missing_numbers, (
        f"{len(missing_numbers)} figures missing, e.g. {missing_numbers[:5]}"
    )
