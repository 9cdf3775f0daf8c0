"""Vendor an npm package's files into site_builder/site/cms/vendor/ and record them in SOURCE.json.

    python tools/vendor_update.py decap-cms 3.16.3
    python tools/vendor_update.py ajv-dist 8.17.1 --directory dist --include "ajv2020.bundle.js"
    python tools/vendor_update.py --verify

The first form asks the npm registry (`npm view NAME@VERSION`) for the tarball's address,
`integrity` and `shasum`, downloads the tarball, checks both, replaces the package's files
in the flat vendor folder by the tarball's files under `--directory` that match an
`--include` pattern (a package already in SOURCE.json keeps its own), writes its licence
file, and rewrites the package's entry in SOURCE.json with the sha256 of every file.
`--verify` recomputes every sha256 and exits 1 when a file changed, is missing or unlisted.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

from site_builder.site.cms.bundle import (
    MANIFEST,
    folder_problems,
    integrity,
    sha256,
    tarball_files,
)

FOLDER = Path(__file__).resolve().parents[1] / "site_builder/site/cms/vendor"
LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md")


def npm_view(name: str, version: str) -> dict:
    command = ["npm", "view", f"{name}@{version}", "dist", "repository", "license", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=300) as answer:
        return answer.read()


def matching(tarball: bytes, directory: str, patterns: list[str]) -> list[str]:
    """Names of the files directly under `package/<directory>/` that match a pattern."""
    prefix = "package/" + (directory.strip("/") + "/" if directory else "")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        members = [m.name for m in archive.getmembers() if m.isfile()]
    direct = [m.removeprefix(prefix) for m in members if m.startswith(prefix)]
    return sorted(
        n for n in direct if "/" not in n and any(fnmatch.fnmatch(n, p) for p in patterns)
    )


def repository_url(view: dict) -> str:
    repository = view.get("repository") or {}
    url = repository.get("url", "") if isinstance(repository, dict) else str(repository)
    return url.removeprefix("git+").removesuffix(".git")


def licence_text(tarball: bytes, entry: dict, old: dict | None, view: dict) -> str:
    """A header naming the package and version, then the package's licence text; a package
    that carries none keeps the text its licence file had (taken from its repository)."""
    header = (
        f"{entry['name']} {entry['version']} (npm package `{entry['name']}`, "
        f"{entry['directory']}/), {repository_url(view)}\n\n"
    )
    top = {"package/" + n: n for n in LICENCE_NAMES}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.name in top and member.isfile():
                return header + archive.extractfile(member).read().decode("utf-8")
    path = FOLDER / entry["licence"]["file"]
    if not path.is_file():
        sys.exit(f"{entry['name']} carries no licence file: write {path} by hand first")
    text = path.read_text(encoding="utf-8")
    # A file written by this script starts with its header; one written by hand does not.
    return header + (text.split("\n\n", 1)[1] if old is not None else text)


def update(name: str, version: str, directory: str | None, include: list[str], licence: str | None):
    manifest = json.loads((FOLDER / MANIFEST).read_text(encoding="utf-8"))
    packages = {p["name"]: p for p in manifest["packages"]}
    old = packages.get(name)
    if old is None and not (directory is not None and include):
        sys.exit(f"{name} is new here: give --directory and --include")
    view = npm_view(name, version)
    dist = view["dist"]
    tarball = fetch(dist["tarball"])
    if integrity(tarball) != dist["integrity"]:
        sys.exit(f"{dist['tarball']}: sha512 differs from the registry's integrity")
    if hashlib.sha1(tarball).hexdigest() != dist["shasum"]:
        sys.exit(f"{dist['tarball']}: sha1 differs from the registry's shasum")
    entry = {
        "name": name,
        "version": version,
        "tarball": dist["tarball"],
        "integrity": dist["integrity"],
        "shasum": dist["shasum"],
        "directory": directory if directory is not None else old["directory"],
        "include": include or old["include"],
        "licence": {
            "spdx": view.get("license", ""),
            "file": licence or (old["licence"]["file"] if old else f"{name}.LICENSE"),
        },
    }
    names = matching(tarball, entry["directory"], entry["include"])
    if not names:
        sys.exit(f"no file of {name} {version} matches {entry['include']} in {entry['directory']}/")
    files = tarball_files(tarball, entry, names)
    text = licence_text(tarball, entry, old, view).encode("utf-8")
    for stale in [*old.get("files", {}), old["licence"]["file"]] if old else []:
        (FOLDER / stale).unlink(missing_ok=True)
    for file, data in files.items():
        (FOLDER / file).write_bytes(data)
    (FOLDER / entry["licence"]["file"]).write_bytes(text)
    entry["licence"]["sha256"] = sha256(text)
    entry["files"] = {file: sha256(data) for file, data in sorted(files.items())}
    packages[name] = entry
    manifest["packages"] = [packages[n] for n in sorted(packages)]
    (FOLDER / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{name} {version}: {len(files)} files and {entry['licence']['file']} in {FOLDER}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", nargs="?", help="npm package name")
    parser.add_argument("version", nargs="?", help="exact version")
    parser.add_argument(
        "--directory", help="the package's folder the files come from (new package)"
    )
    parser.add_argument("--include", action="append", default=[], help="file name pattern")
    parser.add_argument(
        "--licence-file", help="licence file name (new package; default NAME.LICENSE)"
    )
    parser.add_argument("--verify", action="store_true", help="recompute every file's sha256")
    parser.add_argument("--folder", type=Path, default=FOLDER, help="vendor folder to verify")
    args = parser.parse_args(argv)
    if args.verify:
        problems = folder_problems(args.folder)
        for problem in problems:
            print(f"{args.folder}/{problem}")
        print(f"{len(problems)} problem(s) in {args.folder}")
        return 1 if problems else 0
    if not (args.name and args.version):
        parser.error("give NAME VERSION, or --verify")
    update(args.name, args.version, args.directory, args.include, args.licence_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
