"""MkDocs rebuilding only the pages whose Markdown changed since its last build into a folder.

    python -m site_builder.site.mkdocs_incremental CONFIG_FILE OUTPUT_FOLDER STATE_FILE

A strict `mkdocs build` of the build folder, into an output folder kept between runs
(`build/.cache/<audience>/site`). MkDocs' own `--dirty` mode is not enough for a site
one publishes: it warns (fatal under `--strict`), writes a search index of the rebuilt
pages only, and leaves pages that list other pages (navigation, tags) stale. Here:

- the *shape* of the site (the generated `mkdocs.yml` with its navigation, the theme
  overrides, the names of every docs file, the engine's versions) is digested; when it
  differs from the last build's, or there was none, everything is built, as `mkdocs build`;
- so is it when the title of a page in the navigation changed (every page shows them);
- otherwise a page is built again when its Markdown differs from the last build's (by
  digest, so a cache restored into a fresh checkout still counts) or when it lists other
  pages by their tags; every other page keeps its HTML (its front matter is still read,
  for the tags index); static files are copied when newer, as MkDocs' dirty mode does;
- each page's search entries are kept in STATE_FILE, so the index of a partial build holds
  every page, in the order a full build writes them, and is byte for byte the same.

Both costly steps, converting each page's Markdown and rendering it through the theme,
run in forked worker processes (up to 4, one a core) when there are at least 50 pages to
do, their results taken back in page order (`mkdocs_workers`): the build machine has two
cores and MkDocs uses one. `SCTRACK_MKDOCS_WORKERS` sets their number (1: none).

Links to anchors are checked on the pages MkDocs read (a full build checks them all); the
generator keeps the times of unchanged files (`build.sync_tree`), so static files unchanged
are not copied again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from site_builder.site import mkdocs_workers
from site_builder.site.mkdocs_workers import WORKERS_VARIABLE

# The versions whose HTML or search entries a kept page carries.
ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "jieba", "markdown", "pymdown-extensions")

SearchEntries = dict[str, list[dict[str, Any]]]
# A page listing others by their tags (the tags plugin's directive) is built every time.
LISTING = "<!-- material/tags"


def shape_digest(config_file: Path) -> str:
    """What every page's HTML depends on beyond its own Markdown, as one digest."""
    folder = config_file.parent
    digest = hashlib.sha256(config_file.read_bytes())
    for path in sorted((folder / "overrides").rglob("*")):
        if path.is_file():
            name = path.relative_to(folder).as_posix()
            digest.update(f"\0{name}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    docs = folder / "docs"
    names = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    digest.update("\0".join(names).encode("utf-8"))
    digest.update("\0".join(f"{name} {version(name)}" for name in ENGINE_PACKAGES).encode())
    return digest.hexdigest()


def _read_state(state_file: Path) -> dict[str, Any] | None:
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _replace_in_place_writes() -> None:
    """Make MkDocs write every file as a new one rather than over the old one.

    The published site is hard-linked to this output folder (`incremental.link_tree`);
    writing through the old inode would change the published site under its readers
    before the new one is swapped in.
    """
    import shutil

    from mkdocs import utils

    def write_file(content: bytes, output_path: str) -> None:
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        if os.path.lexists(output_path):
            os.unlink(output_path)
        with open(output_path, "wb") as file:
            file.write(content)

    def copy_file(source_path: str, output_path: str) -> None:
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        if os.path.isdir(output_path):
            output_path = os.path.join(output_path, os.path.basename(source_path))
        if os.path.lexists(output_path):
            os.unlink(output_path)
        shutil.copyfile(source_path, output_path)

    utils.write_file = write_file
    utils.copy_file = copy_file


def _keep_compiled_templates(config: Any, folder: Path) -> None:
    """Keep the theme's templates compiled in `folder` (Jinja's bytecode cache, by template and
    the digest of its source and Jinja's version): compiling its fifty templates took half a
    second of every build, as long as rendering a rebuild's changed pages."""
    from jinja2 import FileSystemBytecodeCache

    folder.mkdir(parents=True, exist_ok=True)
    theme = config.theme
    get_env = theme.get_env

    def get_env_keeping_compiled() -> Any:
        env = get_env()
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    theme.get_env = get_env_keeping_compiled


def _load_segmenter(search: Any) -> None:
    """Load jieba's dictionary here, once, rather than in every worker after the fork."""
    segmenter = getattr(sys.modules.get(type(search).__module__), "jieba", None)
    if segmenter is not None:
        segmenter.initialize()


@dataclass(frozen=True)
class _Converted:
    """What `Page.render` sets on a page: its Markdown converted, by a worker."""

    content: str | None
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    # The pages it links to by an anchor (by their `src_uri`, the worker's `File`s are copies).
    links_to_anchors: dict[str, dict[str, str]] | None


def _converted_by(populate: Callable[..., None], page: Any, config: Any, files: Any) -> _Converted:
    """In a worker: MkDocs' `_populate_page`, and what its `Page.render` set."""
    converted: list[_Converted] = []
    render = page.render

    def render_and_keep(config: Any, files: Any) -> None:
        render(config, files)
        links = page.links_to_anchors
        converted.append(
            _Converted(
                page.content,
                page.toc,
                page._title_from_render,
                page.present_anchor_ids,
                None if links is None else {f.src_uri: anchors for f, anchors in links.items()},
            )
        )

    page.render = render_and_keep
    populate(page, config, files, False)
    return converted[0]


def _populate_with(
    populate: Callable[..., None], page: Any, converted: _Converted, config: Any, files: Any
) -> None:
    """MkDocs' `_populate_page` (its plugin events too), the Markdown converted by a worker."""

    def render(config: Any, files: Any) -> None:
        page.content, page.toc = converted.content, converted.toc
        page._title_from_render = converted.title_from_render
        page.present_anchor_ids = converted.present_anchor_ids
        if converted.links_to_anchors is not None:
            links = converted.links_to_anchors.items()
            page.links_to_anchors = {files.get_file_from_path(u): a for u, a in links}

    page.render = render
    try:
        populate(page, config, files, False)
    finally:
        del page.render


def build(config_file: Path, output: Path, state_file: Path) -> bool:
    """Build the site into `output`; True when only changed pages were built.

    Raises MkDocs' `Abort` when the strict build fails; the state is then gone, so the
    next build is a full one.
    """
    from mkdocs import utils
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, InclusionLevel
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.nav import get_navigation as get_mkdocs_navigation
    from mkdocs.structure.pages import Page

    _replace_in_place_writes()
    shape = shape_digest(config_file)
    state = _read_state(state_file)
    state_file.unlink(missing_ok=True)
    partial = state is not None and state.get("shape") == shape and output.is_dir()
    kept: SearchEntries = state.get("search", {}) if partial and state else {}
    config = load_config(str(config_file), strict=True, site_dir=str(output))
    _keep_compiled_templates(config, state_file.parent / "templates")
    # Its `search_index` is made by its `on_config`, inside the build.
    search = next(p for p in config.plugins.values() if type(p).__name__ == "SearchPlugin")
    entries: SearchEntries = {}
    # Each page's Markdown by digest, not by time: a folder restored by CI has new times.
    kept_sources: dict[str, str] = state.get("sources", {}) if partial and state else {}
    sources: dict[str, str] = {}
    titles: dict[str, str | None] = {}
    built: set[str] = set()
    # What workers (`mkdocs_workers`) did of each page, once the first page is reached.
    converted: dict[str, mkdocs_workers.Done] = {}
    rendered: dict[str, mkdocs_workers.Done] = {}
    populating = building = False

    original_navigation = get_mkdocs_navigation  # what `mkdocs_build` imported
    original_populate = mkdocs_build._populate_page
    original_build_page = mkdocs_build._build_page
    original_copy_static = Files.copy_static_files
    original_clean = utils.clean_directory

    def get_navigation(files: Files, config: Any) -> Navigation:
        """The navigation; a full build after all when a title in it changed (every page shows it)."""
        nonlocal partial
        navigation = original_navigation(files, config)
        for page in navigation.pages:
            page.read_source(config)
            titles[page.file.src_uri] = page.title
        if state is None or state.get("titles") != titles:
            partial = False
        return navigation

    def must_render(page: Page) -> bool:
        if page.markdown is None:
            page.read_source(config)
        assert page.markdown is not None
        uri = page.file.src_uri
        sources[uri] = hashlib.sha256(Path(page.file.abs_src_path or "").read_bytes()).hexdigest()
        unchanged = (
            kept_sources.get(uri) == sources[uri] and Path(page.file.abs_dest_path).is_file()
        )
        return not partial or not unchanged or LISTING in page.markdown

    def convert_in_workers(config: Any, files: Files) -> None:
        """On the first page: its Markdown and the others' converted by forked workers, if
        worth it (the `Page` of a page outside the navigation is made here, not in the loop)."""
        documentation = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in documentation:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        pages = [f.page for f in documentation if f.page is not None and must_render(f.page)]
        count = mkdocs_workers.worker_count(len(pages), os.environ.get(WORKERS_VARIABLE))
        if count > 1:

            def convert(page: Page) -> _Converted:
                return _converted_by(original_populate, page, config, files)

            done = mkdocs_workers.run_in_workers(
                convert, pages, count, mkdocs_workers.markdown_cost
            )
            converted.update(done)

    def populate(page: Page, config: Any, files: Files, dirty: bool = False) -> None:
        nonlocal populating
        if not populating:
            populating = True
            convert_in_workers(config, files)
        uri = page.file.src_uri
        if not must_render(page):
            # Not rendered, but its front matter is read: the tags index lists it.
            config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            return
        built.add(uri)
        if uri in converted:
            mkdocs_workers.replay(converted[uri].log)
            _populate_with(original_populate, page, converted.pop(uri).result, config, files)
        else:
            original_populate(page, config, files, False)

    def render_in_workers(config: Any, doc_files: Any, nav: Any, env: Any) -> None:
        """On the first page: the pages to render, rendered by forked workers if worth it."""
        pages = [f.page for f in doc_files if f.page is not None and f.src_uri in built]
        count = mkdocs_workers.worker_count(len(pages), os.environ.get(WORKERS_VARIABLE))
        if count > 1:
            _load_segmenter(search)

            def render(page: Page) -> list[dict[str, Any]]:
                before = len(search.search_index.entries)
                excluded = page.file.inclusion.is_excluded()
                original_build_page(page, config, doc_files, nav, env, False, excluded=excluded)
                return list(search.search_index.entries[before:])

            done = mkdocs_workers.run_in_workers(render, pages, count, mkdocs_workers.theme_cost)
            rendered.update(done)

    def build_page(page: Page, config: Any, doc_files: Any, nav: Any, env: Any,
                   dirty: bool = False, excluded: bool = False) -> None:  # fmt: skip
        nonlocal building
        if not building:
            building = True
            render_in_workers(config, doc_files, nav, env)
        index = search.search_index.entries
        uri = page.file.src_uri
        if uri not in built:
            index.extend(kept.get(uri, []))
            entries[uri] = kept.get(uri, [])
        elif uri in rendered:
            mkdocs_workers.replay(rendered[uri].log)
            entries[uri] = rendered.pop(uri).result
            index.extend(entries[uri])
        else:
            before = len(index)
            original_build_page(page, config, doc_files, nav, env, False, excluded=excluded)
            entries[uri] = index[before:]

    def copy_static_files(files: Files, dirty: bool = False, **kwargs: Any) -> None:
        original_copy_static(files, dirty=partial, **kwargs)

    def clean_directory(directory: str) -> None:
        if not partial:
            original_clean(directory)

    patches: list[tuple[Any, str, Callable[..., Any]]] = [
        (mkdocs_build, "get_navigation", get_navigation),
        (mkdocs_build, "_populate_page", populate),
        (mkdocs_build, "_build_page", build_page),
        (Files, "copy_static_files", copy_static_files),
        (utils, "clean_directory", clean_directory),
    ]
    for owner, name, replacement in patches:
        setattr(owner, name, replacement)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(
        json.dumps(
            {"shape": shape, "titles": titles, "sources": sources, "search": entries},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return partial


def main(argv: list[str]) -> int:
    from mkdocs.exceptions import Abort

    config_file, output, state_file = (Path(a).absolute() for a in argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        partial = build(config_file, output, state_file)
    except Abort as failure:
        print(f"Aborted: {failure}", file=sys.stderr)
        return 1
    print(f"INFO    -  {'changed pages only' if partial else 'every page'} built")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
