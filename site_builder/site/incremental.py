"""The build cache: what a rebuild reuses, kept in `build/.cache/<audience>/` so CI can restore it.

It holds the charts drawn, by the digest of what each shows (`chart_drawing.ChartDrawer`), and the
engine's own output with each page's search entries (`mkdocs_incremental`), so a rebuild
draws only changed charts and MkDocs renders only changed pages. The generated Markdown
itself lives in the build folder (`build/<audience>/docs/`) and is rewritten only where its
text changed (`build.sync_tree`), which is what tells the engine a page changed.

A cache is used only by the program and under the policy that made it: `manifest.json`
names the package version, a digest of the package's own files (code, templates, schemas)
and of the policy (`submissions/registry/policy.yaml`). Any difference, or no manifest,
empties the folder first. Whatever the cache holds, the site is byte for byte the one a
build without it makes (`tests/site/test_incremental.py`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import site_builder

CACHE_FOLDER = ".cache"
MANIFEST = "manifest.json"
POLICY = Path("submissions") / "registry" / "policy.yaml"


def cache_dir(build_dir: Path) -> Path:
    """`build/.cache/<audience>` for the default `build/<audience>`: beside the build folders,
    so one folder to keep between CI runs holds every audience's cache."""
    return build_dir.parent / CACHE_FOLDER / build_dir.name


def program_digest() -> str:
    """The package version and every file of the package (code, templates, schemas), by content."""
    package = Path(site_builder.__file__).parent
    try:
        digest = hashlib.sha256(version("sctrack").encode())
    except PackageNotFoundError:
        digest = hashlib.sha256(b"unknown")
    for path in sorted(package.rglob("*")):
        # Vendored JavaScript is named by the hashes in its SOURCE.json, read here; reading
        # its megabytes too took half a second a build.
        vendored = "vendor" in path.parts and path.name != "SOURCE.json"
        if path.is_file() and "__pycache__" not in path.parts and not vendored:
            name = path.relative_to(package).as_posix()
            digest.update(f"\0{name}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def policy_digest(root: Path) -> str:
    path = root / POLICY
    return hashlib.sha256(path.read_bytes() if path.is_file() else b"").hexdigest()


def open_cache(root: Path, build_dir: Path) -> Path:
    """The cache folder of this build, emptied first when another program or policy made it."""
    folder = cache_dir(build_dir)
    wanted = {"program": program_digest(), "policy": policy_digest(root)}
    manifest = folder / MANIFEST
    try:
        found = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if found != wanted:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        manifest.write_text(json.dumps(wanted, indent=1), encoding="utf-8")
    return folder


def replace_text(path: Path, text: str) -> None:
    """Write `path` as a new file, never through the old one: that may be a hard link into the
    cache (`link_tree`), which must keep what it holds."""
    fresh = path.with_name(path.name + ".new")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def link_tree(source: Path, target: Path) -> None:
    """`target` as a copy of `source` made of hard links (a copy where links are not possible).

    The engine replaces rather than overwrites the files of `source`
    (`mkdocs_incremental._replace_in_place_writes`), so the copy keeps what it holds.
    """
    for folder, _, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            origin, copy = Path(folder) / name, target / relative / name
            try:
                os.link(origin, copy)
            except OSError:
                shutil.copy2(origin, copy)


def fixed_zip_times(data: bytes) -> bytes:
    """A zip file (a Word file) with every entry dated 1980-01-01, its earliest date.

    python-docx dates each entry when it saves, so the same report gave other bytes every
    build: a rewritten file, copied again by the engine, and no byte-identical rebuild.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
