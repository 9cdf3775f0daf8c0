"""The public site leaks nothing the schemas mark internal; the internal site shows it all.

A copy of the demo data gets a unique marker in every internal field (knowing
only the `x-visibility` keyword); both audiences are built from it and every
output file is searched: HTML, search index, sitemap, data files, images.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build

from conftest import TODAY, _copy_repo_data
from leakmarks import Markers, mark_tree


@pytest.fixture(scope="session")
def marked_sites(tmp_path_factory) -> tuple[Markers, dict[str, Path]]:
    root = _copy_repo_data(tmp_path_factory.mktemp("leak") / "repo")
    markers = mark_tree(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCTRACK_TODAY", TODAY)
        sites = {audience: build(root, audience).site_dir for audience in ("public", "internal")}
    return markers, sites


def _contents(site: Path) -> tuple[str, bytes]:
    texts, blobs = [], []
    for path in site.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            blobs.append(raw)
            if path.suffix in (".html", ".json", ".xml", ".txt", ".js", ".csv", ".css"):
                texts.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(texts), b"\n".join(blobs)


def test_markers_cover_the_internal_fields(marked_sites):
    markers, _ = marked_sites
    assert len(markers.strings) > 500
    assert len(markers.numbers) > 500


def test_public_site_contains_no_marker(marked_sites):
    markers, sites = marked_sites
    text, blob = _contents(sites["public"])
    leaked = [m for m in markers.strings if m in text or m.encode() in blob]
    assert not leaked, f"{len(leaked)} internal strings leaked, e.g. {leaked[:5]}"
    leaked_numbers = [n for n in markers.numbers if markers.number_pattern(n).search(text)]
    assert not leaked_numbers, (
        f"{len(leaked_numbers)} internal figures leaked, e.g. {leaked_numbers[:5]}"
    )


def test_internal_site_contains_every_marker(marked_sites):
    markers, sites = marked_sites
    text, _ = _contents(sites["internal"])
    missing = [m for m in markers.strings if m not in text]
    assert not missing, (
        f"{len(missing)} internal strings are not on the internal site, e.g. {missing[:5]}"
    )
    missing_numbers = [n for n in markers.numbers if not markers.number_pattern(n).search(text)]
    assert not missing_numbers, (
        f"{len(missing_numbers)} figures missing, e.g. {missing_numbers[:5]}"
    )
