"""What a build does to folders: the chart cache, `mkdocs.yml`, the synced `docs/`, the swap.

The pipeline (`pipeline.build`) generates the build folder with these and runs the engine
on it, then swaps the site in atomically. The build folder (`build/<audience>/` by default, never committed) holds a
complete MkDocs project: `mkdocs.yml`, `docs/` and `overrides/`; so
`mkdocs build --strict -f build/public/mkdocs.yml` rebuilds the same site,
and a successor such as Zensical can read it. No MkDocs plugin of ours is
involved: everything is generated before MkDocs starts.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from site_builder.errors import DataError
from site_builder.load import periods
from site_builder.load.digests import FileDigests, content_digest
from site_builder.present import charts
from site_builder.present.markdown import ChartJob
from site_builder.review import git
from site_builder.site.incremental import program_digest, replace_text


class BuildError(DataError):
    """The site was not built; the previous site is untouched.

    When the data has errors it carries the whole validation result (findings and the
    number of files judged), so `build` reports exactly what `validate` does.
    """


@dataclass
class BuildResult:
    site_dir: Path
    build_dir: Path
    pages: int
    charts: int
    seconds: float


# The public site is the default one; any other audience's site says whose it is.
SITE_FOLDERS = {"public": "site"}


def default_site_dir(root: Path, audience: str) -> Path:
    return root / SITE_FOLDERS.get(audience, f"site-{audience}")


def _fingerprint(job: ChartJob) -> str:
    """A stable hash of what a chart shows, so an unchanged chart is not drawn again."""

    def encode(value):
        if isinstance(value, pd.DataFrame | pd.Series):
            return value.to_json(orient="split", date_format="iso")
        if isinstance(value, dict | list | tuple):
            return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        return str(value)

    # The drawing code is part of what a chart shows: a changed charts.py draws again.
    code = hashlib.sha256(Path(charts.__file__).read_bytes()).hexdigest()
    text = code + job.kind + ("-phone" if job.phone else "") + "\x00"
    text += "\x00".join(encode(a) for a in job.args)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _draw(job: ChartJob, target: Path) -> None:
    charts.save(job.draw(), target)


def _write_svgs(jobs: list[ChartJob], docs: Path) -> None:
    """The charts written as SVG text (milliseconds each): written every time, never cached."""
    for job in jobs:
        target = docs / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(job.draw(), encoding="utf-8")


def _draw_all(todo: list[tuple[ChartJob, Path]], workers: int) -> None:
    """Draw each chart into its cache file, in parallel when there are many."""
    if len(todo) > 4 and workers > 1:
        # Fresh worker processes, not forks: a fork would start as large as this
        # process, which by now holds the whole analysis.
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
            for future in [pool.submit(_draw, job, cached) for job, cached in todo]:
                future.result()
    else:
        for job, cached in todo:
            _draw(job, cached)


def draw_charts(jobs: list[ChartJob], docs: Path, cache: Path, workers: int | None = None) -> int:
    """Write the SVG charts, draw the others not in the cache; return how many were made."""
    cache.mkdir(parents=True, exist_ok=True)
    written = [job for job in jobs if job.written]
    _write_svgs(written, docs)
    drawn = [job for job in jobs if not job.written]
    todo = [(job, cache / f"{_fingerprint(job)}.png") for job in drawn]
    todo = [(job, cached) for job, cached in todo if not cached.exists()]
    _draw_all(todo, workers or min(os.cpu_count() or 1, 4))
    for job in drawn:
        target = docs / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{_fingerprint(job)}.png", target)
    return len(todo) + len(written)


# Markdown extensions the generated pages need, added when a repository's mkdocs.yml (made
# before they were) lacks them: the project page's tabs (`/// tab`, `project.md.j2`) and the
# report text blocks taken in unparsed (`site.raw_blocks`).
PAGE_EXTENSIONS: dict[str, dict] = {
    "pymdownx.blocks.tab": {"alternate_style": True},
    "site_builder.site.raw_blocks": {},
}


def _with_page_extensions(extensions: list) -> list:
    names = {next(iter(e)) if isinstance(e, dict) else e for e in extensions}
    missing = [
        {name: options} if options else name
        for name, options in PAGE_EXTENSIONS.items()
        if name not in names
    ]
    return [*extensions, *missing]


def write_config(
    root: Path, build_dir: Path, audience: str, nav: list, restricted: bool = False
) -> Path:
    """`mkdocs.yml` of the build folder; a `restricted` site says so in its name and a banner."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    # The theme would fetch stars and releases from api.github.com on every page view,
    # which fails on an intranet; the data repository is private anyway. The generator
    # keeps the address for its own links to pull requests (internal audience).
    config.setdefault("extra", {})["repository"] = config.pop("repo_url", "")
    config.pop("repo_name", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = nav
    config.setdefault("theme", {})["custom_dir"] = "overrides"
    config["markdown_extensions"] = _with_page_extensions(config.get("markdown_extensions") or [])
    config.setdefault("extra", {})["audience"] = audience
    config["extra"]["restricted"] = restricted
    if restricted:
        config["site_name"] = f"{config.get('site_name', '')}（内部版）"
    path = build_dir / "mkdocs.yml"
    path.write_text(
        "# Generated by `sctrack build`; edit the repository's mkdocs.yml instead.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


def copy_overrides(build_dir: Path) -> None:
    """The theme's overrides, `partials/` included (Material's search dialog, named)."""

    def copy(source, target: Path) -> None:
        target.mkdir(exist_ok=True)
        for item in source.iterdir():
            if item.is_dir():
                copy(item, target / item.name)
            else:
                (target / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")

    # Synced: no override of an older version stays behind, unchanged ones keep their times.
    fresh = build_dir / ".overrides"
    shutil.rmtree(fresh, ignore_errors=True)
    copy(resources.files("site_builder.site").joinpath("templates", "overrides"), fresh)
    sync_tree(fresh, build_dir / "overrides")
    shutil.rmtree(fresh)


def compact_search_index(path: Path) -> None:
    """Write the search index as UTF-8 rather than \\u escapes: half the size for Chinese text.

    mkdocs-material dumps it with json's default ensure_ascii=True, so every Chinese
    character and every zero-width space between jieba's words takes six bytes.
    """
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        replace_text(path, text)  # not written through: it may be linked into the build cache


def swap(new: Path, target: Path) -> None:
    """Put the freshly built site in place; the old one is removed only after."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    if old.exists():
        shutil.rmtree(old)


@dataclass
class Generated:
    """A build folder ready for MkDocs."""

    config_file: Path
    pages: int
    charts: int


def sync_tree(source: Path, target: Path, digests: FileDigests | None = None) -> int:
    """Make `target` hold exactly what `source` holds; touch only files that changed.

    Unchanged files keep their modification time, so a watching `mkdocs serve`
    rebuilds only when something really changed. Returns how many files changed.
    `digests` (a build session's) knows the digests of the target's files it read last
    time, so an unchanged target file is not read again to be compared.
    """
    digests = FileDigests() if digests is None else digests
    changed = 0
    wanted = set()
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        wanted.add(relative)
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        same_size = destination.is_file() and destination.stat().st_size == path.stat().st_size
        if same_size and digests.digest(destination) == content_digest(path.read_bytes()):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        changed += 1
    for path in sorted(target.rglob("*"), reverse=True):
        if path.relative_to(target) not in wanted:
            path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()
            changed += 1
    return changed


def _files_under(folder: Path) -> list[str]:
    """The files under `folder` as `Path.rglob` and `is_file` find them (links to files
    followed, links to folders not entered, no `__pycache__`), in the order of sorted
    `Path`s (part by part), as strings: a province's tree is 10,000 files."""
    found = []
    for here, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(here, name)
            if os.path.isfile(path) and "__pycache__" not in path.split(os.sep):
                found.append(path)
    return sorted(found, key=lambda path: path.split(os.sep))


def inputs_fingerprint(root: Path, audience: str, digests: FileDigests | None = None) -> str:
    """A hash of everything the generated pages depend on.

    The submissions, docs/ and mkdocs.yml by content (`digests`, a build session's, reads
    again only the files whose signature changed since it last read them); the program
    (`program_digest`, the one the build cache is keyed by: code, schemas, templates,
    vendored files by their recorded hashes); the audience; today's date (statuses change
    with it); and the commit checked out (confirmation dates come from history).
    """
    digests = FileDigests() if digests is None else digests
    digest = hashlib.sha256(program_digest().encode())
    files = [str(root / "mkdocs.yml")]
    for folder in (root / "submissions", root / "docs"):
        files += _files_under(folder)
    for path in files:
        if os.path.exists(path):
            digest.update(path.encode("utf-8") + b"\0" + digests.digest(path))
    head = git.head_commit(root)
    digest.update(f"{audience}|{periods.today(root)}|{head}".encode())
    return digest.hexdigest()


def default_build_dir(root: Path, audience: str) -> Path:
    return root / "build" / audience
