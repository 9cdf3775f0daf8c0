"""The vendored JavaScript matches SOURCE.json, and a wheel gets it from the registry, checked."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from datetime import date
from pathlib import Path

import pytest

from site_builder.errors import UsageError
from site_builder.site.cms import bundle

from conftest import REPO

VENDOR = REPO / "site_builder/site/cms/vendor"
TOOL = REPO / "tools/vendor_update.py"


def _manifest(folder: Path = VENDOR) -> list[dict]:
    return json.loads((folder / "SOURCE.json").read_text(encoding="utf-8"))["packages"]


def _verify(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), "--verify", "--folder", str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_every_vendored_file_has_its_recorded_sha256():
    listed: dict[str, str] = {}
    for package in _manifest():
        assert package["integrity"].startswith("sha512-") and len(package["shasum"]) == 40
        assert package["tarball"].endswith(f"/{package['name']}-{package['version']}.tgz")
        licence = package["licence"]
        assert licence["spdx"] and licence["file"] not in package["files"]
        listed |= package["files"] | {licence["file"]: licence["sha256"]}
    on_disk = {p.name for p in VENDOR.iterdir()} - {"SOURCE.json"}
    assert on_disk == set(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_decap_is_the_pinned_release_with_its_licence():
    (decap,) = [p for p in _manifest() if p["name"] == "decap-cms"]
    assert decap["version"] == "3.16.3"
    assert "decap-cms.js" in decap["files"]
    licence = (VENDOR / decap["licence"]["file"]).read_text(encoding="utf-8")
    assert licence.startswith("decap-cms 3.16.3 ") and "MIT License" in licence


def test_verify_passes_now_and_fails_on_a_changed_missing_or_extra_file(tmp_path: Path):
    copy = shutil.copytree(VENDOR, tmp_path / "vendor")
    assert _verify(copy).returncode == 0
    script = copy / "103.decap-cms.js"
    script.write_bytes(script.read_bytes().replace(b"function", b"functio\xee", 1))
    (copy / "LICENSE").unlink()
    (copy / "extra.js").write_text("alert(1)\n", encoding="utf-8")
    result = _verify(copy)
    assert result.returncode == 1
    assert f"{copy}/103.decap-cms.js: sha256 differs from SOURCE.json" in result.stdout
    assert f"{copy}/LICENSE: missing" in result.stdout
    assert f"{copy}/extra.js: not listed in SOURCE.json" in result.stdout


def _npm_tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.fixture
def wheel_like(tmp_path: Path, monkeypatch) -> tuple[Path, dict, Path]:
    """An installed vendor folder as a wheel has it (SOURCE.json and licence, no script), and
    the package's tarball at a file:// address."""
    script = b"window.CMS = {};\n"
    tarball = tmp_path / "widget-1.0.0.tgz"
    tarball.write_bytes(_npm_tarball({"dist/widget.js": script, "README.md": b"readme\n"}))
    licence = b"widget 1.0.0\n\nMIT\n"
    package = {
        "name": "widget",
        "version": "1.0.0",
        "tarball": tarball.as_uri(),
        "integrity": bundle.integrity(tarball.read_bytes()),
        "directory": "dist",
        "licence": {"spdx": "MIT", "file": "widget.LICENSE", "sha256": bundle.sha256(licence)},
        "files": {"widget.js": bundle.sha256(script)},
    }
    folder = tmp_path / "installed"
    folder.mkdir()
    (folder / "widget.LICENSE").write_bytes(licence)
    (folder / "SOURCE.json").write_text(json.dumps({"packages": [package]}), encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder, package, tarball


def test_a_wheel_fetches_the_files_once_and_checks_them(wheel_like):
    folder, package, tarball = wheel_like
    files = bundle.package_files(folder, package)
    assert files == {
        "widget.js": b"window.CMS = {};\n",
        "widget.LICENSE": b"widget 1.0.0\n\nMIT\n",
    }
    assert (bundle.cache_folder(package) / "widget.js").is_file()
    tarball.unlink()  # offline from now on: the cache serves
    assert bundle.package_files(folder, package) == files
    (bundle.cache_folder(package) / "widget.js").write_bytes(b"window.evil = 1;\n")
    with pytest.raises(UsageError, match="sha256 不符"):
        bundle.package_files(folder, package)


def test_a_tarball_that_is_not_the_recorded_one_is_refused(wheel_like):
    folder, package, tarball = wheel_like
    tarball.write_bytes(_npm_tarball({"dist/widget.js": b"window.evil = 1;\n"}))
    with pytest.raises(UsageError, match="integrity 不符"):
        bundle.package_files(folder, package)
    assert not bundle.cache_folder(package).exists()


def test_no_network_no_form_but_a_reason(wheel_like):
    folder, package, tarball = wheel_like
    tarball.unlink()
    with pytest.raises(UsageError, match="取不到 widget 1.0.0"):
        bundle.package_files(folder, package)


@pytest.mark.slow
def test_the_wheel_carries_no_vendored_javascript(tmp_path: Path):
    """The hook's environment (`pip install .`) gets SOURCE.json and the licences only."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "site_builder", source / "site_builder", ignore=shutil.ignore_patterns("__pycache__")
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("sctrack-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    vendored = {n.rsplit("/", 1)[1] for n in names if "/cms/vendor/" in n}
    licences = {p["licence"]["file"] for p in _manifest()}
    assert vendored == {"SOURCE.json", "decap-cms.js.LICENSE.txt"} | licences
    assert "site_builder/site/cms/bundle.py" in names


def test_a_build_without_the_bundle_says_why_on_the_form_page(wheel_like, tmp_path, monkeypatch):
    from site_builder.site.cms import build_admin
    from site_builder.validate.run import validate

    folder, _package, tarball = wheel_like
    tarball.unlink()
    monkeypatch.setattr(bundle, "vendor_folder", lambda: folder)
    docs = tmp_path / "docs"
    line = build_admin(REPO, docs, validate(REPO).corpus, date(2022, 1, 10))
    assert line.startswith("网页填报表单未生成：取不到 widget 1.0.0")
    assert [p.name for p in (docs / "admin").iterdir()] == ["index.html"]
    assert "网页表单暂不可用：取不到 widget 1.0.0" in (docs / "admin/index.html").read_text("utf-8")
