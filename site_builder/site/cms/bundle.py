"""The vendored JavaScript (`vendor/`) and where it comes from (`vendor/SOURCE.json`).

`SOURCE.json` lists, for each npm package: its name, version, tarball address, the
`integrity` (sha512) and `shasum` npm gives for the tarball, the folder of the
package the files come from, the sha256 of each vendored file, and its licence file.
The folder is flat and holds several packages.

The files themselves ship only in a source checkout (the editable install of the
README). A wheel carries `SOURCE.json` and the licence files but no JavaScript, so
the validator-only install (the pre-commit hook's `pip install .`) has none; a site
built from a wheel downloads each package's tarball once from the npm registry,
checks its integrity and every file's sha256, and keeps the files in the user's cache.
`tools/vendor_update.py` writes the folder and `SOURCE.json` from the registry.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import urllib.request
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from site_builder.errors import UsageError

MANIFEST = "SOURCE.json"
FETCH_SECONDS = 120


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def integrity(data: bytes) -> str:
    """A tarball's Subresource Integrity string, as npm writes it (`sha512-<base64>`)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def vendor_folder() -> Traversable:
    return resources.files("site_builder.site.cms").joinpath("vendor")


def load_manifest(folder: Traversable | Path) -> list[dict]:
    """The packages of `SOURCE.json`."""
    return json.loads(folder.joinpath(MANIFEST).read_text(encoding="utf-8"))["packages"]


def expected(package: dict) -> dict[str, str]:
    """Every file the package puts in the folder, its licence file included: name -> sha256."""
    licence = package["licence"]
    return {**package["files"], licence["file"]: licence["sha256"]}


def folder_problems(folder: Path) -> list[str]:
    """What in `folder` differs from its `SOURCE.json`: changed, missing or unlisted files."""
    packages = load_manifest(folder)
    listed: dict[str, str] = {}
    for package in packages:
        listed.update(expected(package))
    problems = []
    for name, digest in sorted(listed.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256(path.read_bytes()) != digest:
            problems.append(f"{name}: sha256 differs from {MANIFEST}")
    unlisted = {p.name for p in folder.iterdir()} - set(listed) - {MANIFEST}
    problems += [f"{name}: not listed in {MANIFEST}" for name in sorted(unlisted)]
    return problems


def tarball_files(tarball: bytes, package: dict, names: list[str]) -> dict[str, bytes]:
    """The named files of the package's folder (`directory`) inside an npm tarball."""
    prefix = "package/" + (package["directory"].strip("/") + "/" if package["directory"] else "")
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix(prefix)
            if member.isfile() and member.name.startswith(prefix) and name in names:
                extracted = archive.extractfile(member)  # None only for what is not a file
                if extracted is not None:
                    found[name] = extracted.read()
    return found


def _checked(files: dict[str, bytes], digests: dict[str, str], what: str) -> dict[str, bytes]:
    for name, digest in digests.items():
        if name not in files:
            raise UsageError(f"{what} 中缺少 {name}。")
        if sha256(files[name]) != digest:
            raise UsageError(f"{what} 中的 {name} 与 {MANIFEST} 记录的 sha256 不符。")
    return files


def download(package: dict) -> dict[str, bytes]:
    """The package's files from its npm tarball, after checking the tarball's integrity."""
    what = f"{package['name']} {package['version']}"
    try:
        with urllib.request.urlopen(package["tarball"], timeout=FETCH_SECONDS) as answer:
            tarball = answer.read()
    except OSError as error:
        raise UsageError(
            f"取不到 {what}（{package['tarball']}）：{error}。"
            '联网后重试，或从仓库源代码安装（pip install -e ".[site]"），其中带有这些文件。'
        ) from error
    if integrity(tarball) != package["integrity"]:
        raise UsageError(f"下载的 {what} 与 {MANIFEST} 记录的 integrity 不符，未使用。")
    files = tarball_files(tarball, package, list(package["files"]))
    return _checked(files, package["files"], f"{what} 的 npm 包")


def cache_folder(package: dict) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sctrack" / "npm" / f"{package['name']}-{package['version']}"


def _cached(package: dict) -> dict[str, bytes]:
    """The package's files from the user's cache, downloaded into it first if need be."""
    folder = cache_folder(package)
    if folder.is_dir() and all((folder / name).is_file() for name in package["files"]):
        files = {name: (folder / name).read_bytes() for name in package["files"]}
        return _checked(files, package["files"], f"缓存 {folder}")
    files = download(package)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".partial-"))
    for name, data in files.items():
        (staging / name).write_bytes(data)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return files


def package_files(folder: Traversable, package: dict) -> dict[str, bytes]:
    """The package's files, licence included: from the installed folder where it has
    them (a source checkout), else from the cache or the registry (a wheel)."""
    licence = package["licence"]
    have = all(folder.joinpath(name).is_file() for name in package["files"])
    if have:
        files = {name: folder.joinpath(name).read_bytes() for name in package["files"]}
        _checked(files, package["files"], "vendor/")
    else:
        files = _cached(package)
    files[licence["file"]] = folder.joinpath(licence["file"]).read_bytes()
    return _checked(files, expected(package), "vendor/")


def vendor_files() -> dict[str, bytes]:
    """Every vendored file, each checked against `SOURCE.json`: name -> content."""
    folder = vendor_folder()
    files: dict[str, bytes] = {}
    for package in load_manifest(folder):
        files.update(package_files(folder, package))
    return files
