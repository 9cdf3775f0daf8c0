"""Stage 5, build: generate the build folder, run MkDocs on it, swap the site in atomically.

The build folder (`build/<audience>/` by default, never committed) holds a
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
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from site_builder.analyse.analysis import analyse
from site_builder.analyse.view import REPORT_PAGES, RESTRICTED_NOTICE, View, make_view
from site_builder.errors import DataError
from site_builder.load import periods
from site_builder.review import git
from site_builder.review.history import read_history
from site_builder.site import charts, engines
from site_builder.site.cms import build_admin
from site_builder.site.downloads import write_downloads
from site_builder.site.incremental import fixed_zip_times, open_cache, replace_text
from site_builder.site.markdown import ChartJob
from site_builder.site.nav import build_nav
from site_builder.site.pages import copy_static_docs, render_site
from site_builder.site.schema_files import write_schema_files
from site_builder.validate.run import validate

Progress = Callable[[str], None]


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


def draw_charts(jobs: list[ChartJob], docs: Path, cache: Path, workers: int | None = None) -> int:
    """Draw the charts not in the cache (in parallel when there are many); return how many were drawn."""
    cache.mkdir(parents=True, exist_ok=True)
    todo = []
    for job in jobs:
        cached = cache / f"{_fingerprint(job)}.png"
        if not cached.exists():
            todo.append((job, cached))
    workers = workers or min(os.cpu_count() or 1, 4)
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
    for job in jobs:
        target = docs / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{_fingerprint(job)}.png", target)
    return len(todo)


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


def _copy_overrides(build_dir: Path) -> None:
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


def compact_search_index(site: Path) -> None:
    """Write the search index as UTF-8 rather than \\u escapes: half the size for Chinese text.

    mkdocs-material dumps it with json's default ensure_ascii=True, so every Chinese
    character and every zero-width space between jieba's words takes six bytes.
    """
    path = site / "search" / "search_index.json"
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        replace_text(path, text)  # not written through: it may be linked into the build cache


def _swap(new: Path, target: Path) -> None:
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


def sync_tree(source: Path, target: Path) -> int:
    """Make `target` hold exactly what `source` holds; touch only files that changed.

    Unchanged files keep their modification time, so a watching `mkdocs serve`
    rebuilds only when something really changed. Returns how many files changed.
    """
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
        if same_size and destination.read_bytes() == path.read_bytes():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        changed += 1
    for path in sorted(target.rglob("*"), reverse=True):
        if path.relative_to(target) not in wanted:
            path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()
            changed += 1
    return changed


def _write_word_reports(view: View, docs: Path) -> None:
    """The Word file of each period's summary report, beside its page."""
    from site_builder.office.report_docx import render_docx
    from site_builder.site.report_pages import report_periods, summary_report

    for period in sorted(report_periods(view)):
        report = summary_report(view, period)  # the one its page printed
        data = render_docx(report, chart_folder=docs / "assets" / "charts")
        (docs / "reports" / f"report-{period.stem.lower()}.docx").write_bytes(fixed_zip_times(data))


# The view a forked process writes the downloads from: set just before the fork, so the
# process inherits it rather than receiving hundreds of MB pickled.
_downloads_view: View | None = None


def _write_downloads_of_forked_view(staging: Path) -> int:
    assert _downloads_view is not None
    return len(write_downloads(_downloads_view, staging))


def _start_downloads(view: View, staging: Path) -> Callable[[], int]:
    """Write the downloads (the Excel files take as long as all the pages) in a forked
    process beside the pages and charts; the function returned waits for it and says how
    many datasets it wrote. Where there is no fork, or other threads run (a fork would copy
    their locks in whatever state they are: `sctrack serve`), that function writes them."""
    global _downloads_view
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return lambda: len(write_downloads(view, staging))
    _downloads_view = view
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(_write_downloads_of_forked_view, staging)
    _downloads_view = None  # the process has it; this one keeps no extra reference

    def wait() -> int:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return wait


def inputs_fingerprint(root: Path, audience: str) -> str:
    """A hash of everything the generated pages depend on.

    The submissions, docs/ and mkdocs.yml by content; the package's own files
    (code, schemas, templates); the audience; today's date (statuses change with
    it); and the commit checked out (confirmation dates come from history).
    """
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent
    files = [root / "mkdocs.yml"]
    for folder in (root / "submissions", root / "docs", package):
        files += sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )
    for path in files:
        if path.exists():
            digest.update(
                str(path).encode("utf-8") + b"\0" + hashlib.sha1(path.read_bytes()).digest()
            )
    head = git.head_commit(root)
    digest.update(f"{audience}|{periods.today(root)}|{head}".encode())
    return digest.hexdigest()


def generate(
    root: Path, audience: str, build_dir: Path, progress: Progress = lambda line: None
) -> Generated:
    """Validate, analyse and render into `build_dir` (mkdocs.yml, docs/, overrides/).

    When nothing that goes into the pages changed since the last generation into
    the same folder (see `inputs_fingerprint`), the folder is reused as it is.
    """
    step = time.perf_counter()
    fingerprint = inputs_fingerprint(root, audience)
    stamp = build_dir / ".inputs"
    if stamp.exists() and (build_dir / "mkdocs.yml").exists():
        previous = json.loads(stamp.read_text(encoding="utf-8"))
        if previous.get("fingerprint") == fingerprint:
            progress(
                f"数据、文档和程序都没有变化，沿用上次生成的页面（{time.perf_counter() - step:.1f} 秒）"
            )
            return Generated(build_dir / "mkdocs.yml", previous["pages"], previous["charts"])
    result = validate(root)
    if not result.ok:
        raise BuildError(
            f"数据有 {len(result.errors)} 个错误，未生成站点。", result.findings, result.files
        )
    progress(f"读取并校验 {result.files} 个文件（{time.perf_counter() - step:.1f} 秒）")

    step = time.perf_counter()
    history = read_history(root, timezone=result.corpus.registry.policy.timezone)
    analysis = analyse(result.corpus, history, periods.today(root))
    confirmed = sum(1 for s in analysis.supervision.statuses if s.confirmed)
    history = analysis.supervision.history  # analysis may find it records no review
    source = (
        f"从 git 历史读取 {confirmed} 份报告的确认时间" if history.available else history.reason
    )
    progress(
        f"分析 {len(analysis.projects)} 个项目、{len(result.corpus.reports)} 份报告、"
        f"{len(analysis.figures)} 项数据；{source}（{time.perf_counter() - step:.1f} 秒）"
    )

    step = time.perf_counter()
    repository = (yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}).get(
        "repo_url", ""
    )
    staging = build_dir / ".staging"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    view = make_view(analysis, audience)
    hand_written = copy_static_docs(root / "docs", staging)
    downloads = _start_downloads(view, staging)
    try:
        rendered = render_site(view, staging, repository)
        progress(build_admin(root, staging, view.corpus, periods.today(root)))
        write_schema_files(staging)  # stable addresses for editors in other repositories
        progress(f"生成 {rendered.pages} 个页面（{time.perf_counter() - step:.1f} 秒）")

        step = time.perf_counter()
        drawn = draw_charts(rendered.charts, staging, open_cache(root, build_dir) / "charts")
        progress(
            f"绘制图表 {drawn} 张，沿用未变化的 {len(rendered.charts) - drawn} 张（{time.perf_counter() - step:.1f} 秒）"
        )
    finally:
        step = time.perf_counter()
        datasets = downloads()
    progress(
        f"生成 {datasets * 3} 个下载文件（页面和图表之后另用 {time.perf_counter() - step:.1f} 秒）"
    )

    if view.shows(REPORT_PAGES):
        _write_word_reports(view, staging)
    sync_tree(staging, build_dir / "docs")
    shutil.rmtree(staging)
    _copy_overrides(build_dir)
    nav = build_nav(hand_written + rendered.nav)
    config_file = write_config(root, build_dir, audience, nav, view.shows(RESTRICTED_NOTICE))
    stamp.write_text(
        json.dumps(
            {
                "fingerprint": fingerprint,
                "pages": rendered.pages,
                "charts": len(rendered.charts),
            }
        ),
        encoding="utf-8",
    )
    return Generated(config_file, rendered.pages, len(rendered.charts))


def build(
    root: Path,
    audience: str = "public",
    site_dir: Path | None = None,
    build_dir: Path | None = None,
    progress: Progress = lambda line: None,
    engine: str = engines.DEFAULT_ENGINE,
) -> BuildResult:
    """Generate, then build the site with `engine` into a temporary folder and swap it in."""
    chosen = engines.engine(engine)
    started = time.perf_counter()
    root = root.absolute()
    site_dir = (site_dir or default_site_dir(root, audience)).absolute()
    build_dir = (build_dir or default_build_dir(root, audience)).absolute()
    generated = generate(root, audience, build_dir, progress)

    step = time.perf_counter()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = site_dir.parent / f".{site_dir.name}.tmp-{os.getpid()}"
    if temporary.exists():
        shutil.rmtree(temporary)
    try:
        cache = open_cache(root, build_dir)
        failure = engines.run_build(chosen, generated.config_file, temporary, cache)
        if failure:
            raise BuildError(failure)
        compact_search_index(temporary)
        _swap(temporary, site_dir)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary)
    progress(f"{chosen.label} 生成站点 {site_dir}（{time.perf_counter() - step:.1f} 秒）")
    return BuildResult(
        site_dir, build_dir, generated.pages, generated.charts, time.perf_counter() - started
    )


def default_build_dir(root: Path, audience: str) -> Path:
    return root / "build" / audience
