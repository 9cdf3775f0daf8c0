"""`generate` and `build`: the analysis as a site, one named step after another.

`generate` fills the build folder (`mkdocs.yml`, `docs/`, `overrides/`) in the steps below,
each a function of its own (`_generate_*`, in the manner of Material's blog plugin); `build`
then runs the engine and swaps the site in. The site-level helpers each step calls (chart
cache, config, folder sync, swap) are in `site.build`.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial
from pathlib import Path

import yaml

from site_builder.analyse.analysis import Analysis
from site_builder.analyse.view import (
    PROJECT_DETAIL,
    REPORT_PAGES,
    RESTRICTED_NOTICE,
    View,
    make_view,
    uses_releases,
)
from site_builder.load import periods
from site_builder.load.digests import FileDigests
from site_builder.load.periods import Period
from site_builder.office.report import SummaryReport
from site_builder.office.report_docx import render_docx
from site_builder.office.report_pages import report_pages, summary_reports
from site_builder.pipeline import forked
from site_builder.pipeline.analysis import load_analysis
from site_builder.pipeline.collector import fewer_collections
from site_builder.pipeline.downloads import start_downloads, wait_for_downloads
from site_builder.pipeline.session import BuildSession
from site_builder.pipeline.timing import Progress, Steps
from site_builder.present.markdown import NavPlace, Page
from site_builder.site import engines
from site_builder.site.build import (
    BuildError,
    BuildResult,
    Generated,
    compact_search_index,
    copy_overrides,
    default_build_dir,
    default_site_dir,
    inputs_fingerprint,
    swap,
    sync_tree,
    write_config,
)
from site_builder.site.chart_drawing import ChartDrawer, start_server
from site_builder.site.cms import build_admin
from site_builder.site.incremental import fixed_zip_times, open_cache
from site_builder.site.nav import build_nav
from site_builder.site.pages import (
    Rendered,
    archive_pages,
    copy_static_docs,
    project_pages,
    site_pages,
)
from site_builder.site.schema_files import write_schema_files

__all__ = ("BuildError", "BuildResult", "build", "default_build_dir", "default_site_dir")


def _generate_view(analysis: Analysis, audience: str, steps: Steps) -> View:
    with steps.step("视图"):
        view = make_view(analysis, audience)
    history = analysis.supervision.history  # analysis may find it records no review
    confirmed = sum(1 for s in analysis.supervision.statuses if s.confirmed)
    source = (
        f"从 git 历史读取 {confirmed} 份报告的确认时间" if history.available else history.reason
    )
    steps.say(
        f"分析 {len(analysis.projects)} 个项目、{len(analysis.corpus.reports)} 份报告、"
        f"{len(analysis.figures)} 项数据；{source}（已用 {steps.elapsed():.1f} 秒）"
    )
    return view


def _generate_pages(
    view: View,
    staging: Path,
    repository: str,
    steps: Steps,
    session: BuildSession,
    drawer: ChartDrawer,
) -> Rendered:
    rendered = Rendered(staging, drawer=drawer)
    total = len(view.corpus.projects)
    # The larger share of the pages is written beside the others in a forked process: the
    # internal site's year pages (two thousand pages of older reports at 500 projects), or
    # the public site's project pages (half of its time rendering pages).
    detailed = view.shows(PROJECT_DETAIL)
    if detailed:
        share, what = partial(archive_pages, view), "生成历年报告页"
    else:
        share, what = partial(project_pages, view, repository, archive=False), "生成项目页"
    with steps.step("页面", lambda: f"已写 {rendered.pages} 个（共 {total} 个项目）"):
        beside = forked.start(partial(_write_share, share, staging), steps, what)
        try:
            rendered.add(
                site_pages(
                    view,
                    repository,
                    session.markdown,
                    archive=False,
                    projects=detailed,
                    downloads=False,
                )
            )
        finally:
            written = beside()  # waited for even after a failure: no process left
        rendered.pages += written.pages
        rendered.charts += written.charts
        rendered.nav += written.nav
        drawer.add(written.charts)
    return rendered


def _write_share(share: Callable[[], Iterable[Page]], staging: Path) -> Rendered:
    """Pages written in a forked process beside the others; what the build needs of them
    (how many, their charts to draw, their places in the navigation)."""
    written = Rendered(staging)
    written.add(share())
    return written


def _generate_reports(view: View, rendered: Rendered, steps: Steps) -> dict[Period, SummaryReport]:
    """The summary report of every period, built once for its page and its Word file."""
    if not view.shows(REPORT_PAGES):
        return {}
    with steps.step("汇总报告"):
        reports = summary_reports(view)
        rendered.add(report_pages(reports))
    return reports


def _generate_admin(root: Path, staging: Path, view: View, steps: Steps) -> None:
    with steps.step("网页表单"):
        line = build_admin(root, staging, view.corpus, periods.today(root))
    steps.say(line)


def _generate_schemas(staging: Path, steps: Steps) -> None:
    with steps.step("数据格式文件"):
        write_schema_files(staging)  # stable addresses for editors in other repositories


def _generate_charts(drawer: ChartDrawer, staging: Path, steps: Steps) -> None:
    """The charts drawn meanwhile, waited for and put in place."""
    count = drawer.count
    before = sum(1 for _ in drawer.cache.glob("*.png"))

    def drawn_so_far() -> str:  # the cache gains a file per chart drawn, in whichever process
        now = sum(1 for _ in drawer.cache.glob("*.png"))
        return f"已绘制 {now - before} 张（共 {count} 张图）"

    with steps.step("图表", drawn_so_far):
        made = drawer.finish(staging)
    steps.say(
        f"绘制图表 {made} 张，沿用未变化的 {count - made} 张（已用 {steps.elapsed():.1f} 秒）"
    )


def _generate_word(reports: dict[Period, SummaryReport], staging: Path, steps: Steps) -> None:
    """Each summary report's Word file beside its page (after the charts: it takes the drawn ones)."""
    if not reports:
        return
    charts = staging / "assets" / "charts"

    def write(share: list[tuple[Period, SummaryReport]]) -> int:
        for period, report in share:
            # Fixed zip dates: the same report gives the same bytes, so a rebuild leaves it be.
            docx = staging / "reports" / f"report-{period.stem.lower()}.docx"
            docx.write_bytes(fixed_zip_times(render_docx(report, chart_folder=charts)))
        return len(share)

    with steps.step("Word 报告"):
        # Every other report in a forked process: the two halves take about as long.
        every = list(reports.items())
        other_half = forked.start(lambda: write(every[1::2]), steps, "生成 Word 报告")
        try:
            write(every[::2])
        finally:
            other_half()  # waited for even when this half failed: no process left behind


def _generate_folder(
    root: Path,
    audience: str,
    build_dir: Path,
    view: View,
    nav: list[tuple[str, NavPlace]],
    steps: Steps,
    session: BuildSession,
) -> Path:
    """The staging folder synced into `docs/`, the theme's overrides and `mkdocs.yml`."""
    staging = build_dir / ".staging"
    with steps.step("写入生成目录"):
        sync_tree(staging, build_dir / "docs", session.files)
        shutil.rmtree(staging)
        copy_overrides(build_dir)
        return write_config(
            root, build_dir, audience, build_nav(nav), view.shows(RESTRICTED_NOTICE)
        )


def generate(
    root: Path,
    audience: str,
    build_dir: Path,
    progress: Progress = lambda line: None,
    session: BuildSession | None = None,
    steps: Steps | None = None,
) -> Generated:
    """Validate, analyse and render into `build_dir` (mkdocs.yml, docs/, overrides/).

    When nothing that goes into the pages changed since the last generation into
    the same folder (see `inputs_fingerprint`), the folder is reused as it is.
    """
    with fewer_collections():
        if steps is not None:
            return _generate(root, audience, build_dir, session or BuildSession(), steps)
        steps = Steps(progress)
        try:
            generated = _generate(root, audience, build_dir, session or BuildSession(), steps)
        finally:
            steps.stop()
    for line in steps.summary():
        steps.say(line)
    return generated


def _check_inputs(
    root: Path, audience: str, build_dir: Path, stamp: Path, session: BuildSession, steps: Steps
) -> tuple[Generated | None, Callable[[], str]]:
    """The last generation, when nothing that goes into it changed since (`inputs_fingerprint`);
    and the inputs' fingerprint for the stamp. With no last generation, the fingerprint is
    only written at the end: it is taken beside the validation, in a forked process (the
    digests it reads are sent back for the session)."""
    previous = json.loads(stamp.read_text(encoding="utf-8")) if stamp.exists() else {}
    if not previous or not (build_dir / "mkdocs.yml").exists():

        def fingerprint_and_digests() -> tuple[str, FileDigests]:
            return inputs_fingerprint(root, audience, session.files), session.files

        taken = forked.start(fingerprint_and_digests, steps, "检查输入")

        def fingerprint() -> str:
            value, digests = taken()
            if digests is not session.files:
                session.files.entries.update(digests.entries)
            return value

        return None, fingerprint
    with steps.step("检查输入"):
        value = inputs_fingerprint(root, audience, session.files)
    if previous.get("fingerprint") == value:
        steps.say(f"数据、文档和程序都没有变化，沿用上次生成的页面（{steps.elapsed():.1f} 秒）")
        return Generated(
            build_dir / "mkdocs.yml", previous["pages"], previous["charts"]
        ), lambda: value
    return None, lambda: value


def _generate(
    root: Path, audience: str, build_dir: Path, session: BuildSession, steps: Steps
) -> Generated:
    stamp = build_dir / ".inputs"
    reused, fingerprint = _check_inputs(root, audience, build_dir, stamp, session, steps)
    if reused is not None:
        return reused
    try:
        generated = _generate_all(root, audience, build_dir, session, steps)
    except BaseException:
        with suppress(Exception):
            fingerprint()  # the process taking it is waited for: none is left behind
        raise
    summary = {"fingerprint": fingerprint(), "pages": generated.pages, "charts": generated.charts}
    stamp.write_text(json.dumps(summary), encoding="utf-8")
    return generated


def _generate_all(
    root: Path, audience: str, build_dir: Path, session: BuildSession, steps: Steps
) -> Generated:
    """What `generate` makes when it cannot reuse the last generation."""
    charts = open_cache(root, build_dir) / "charts"
    start_server(charts)  # the chart workers' matplotlib, imported while the data is checked
    analysis = load_analysis(root, None, session, steps, BuildError, uses_releases(audience))
    view = _generate_view(analysis, audience, steps)
    del analysis  # the view holds what the pages need; what only the analysis held is freed
    repository = (yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}).get(
        "repo_url", ""
    )
    staging = build_dir / ".staging"
    with steps.step("准备生成目录"):
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        hand_written = copy_static_docs(root / "docs", staging)
    downloads = start_downloads(view, staging, steps, session.workbooks)
    drawer = ChartDrawer(charts)
    rendered = None
    try:
        rendered = _generate_pages(view, staging, repository, steps, session, drawer)
        reports = _generate_reports(view, rendered, steps)
        _generate_admin(root, staging, view, steps)
        _generate_schemas(staging, steps)
        steps.say(f"生成 {rendered.pages} 个页面（已用 {steps.elapsed():.1f} 秒）")
        _generate_charts(drawer, staging, steps)
    finally:
        drawer.close()  # after a failure: no worker left drawing
        wait_for_downloads(downloads, rendered, steps)
    _generate_word(reports, staging, steps)
    config_file = _generate_folder(
        root, audience, build_dir, view, hand_written + rendered.nav, steps, session
    )
    return Generated(config_file, rendered.pages, len(rendered.charts))


def _run_engine(
    chosen: engines.Engine, config_file: Path, site_dir: Path, cache: Path, steps: Steps
) -> None:
    """The engine builds the site into a temporary folder, which is then swapped in; with the
    build cache, MkDocs renders only the pages whose Markdown changed."""
    with steps.step(chosen.label):
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        temporary = site_dir.parent / f".{site_dir.name}.tmp-{os.getpid()}"
        if temporary.exists():
            shutil.rmtree(temporary)
        try:
            failure = engines.run_build(chosen, config_file, temporary, cache)
            if failure:
                raise BuildError(failure)
            compact_search_index(temporary / chosen.search_index)
            swap(temporary, site_dir)
        finally:
            if temporary.exists():
                shutil.rmtree(temporary)
    steps.say(f"{chosen.label} 生成站点 {site_dir}（已用 {steps.elapsed():.1f} 秒）")


def build(
    root: Path,
    audience: str = "public",
    site_dir: Path | None = None,
    build_dir: Path | None = None,
    progress: Progress = lambda line: None,
    engine: str = engines.DEFAULT_ENGINE,
    session: BuildSession | None = None,
    started: float | None = None,
) -> BuildResult:
    """Generate, then build the site with `engine` into a temporary folder and swap it in.

    `started` (a `time.perf_counter()` reading: when the command began, before it loaded
    pandas and MkDocs) makes that loading the first step, and the build's time count from it.
    """
    chosen = engines.engine(engine)
    started = time.perf_counter() if started is None else started
    root = root.absolute()
    site_dir = (site_dir or default_site_dir(root, audience)).absolute()
    build_dir = (build_dir or default_build_dir(root, audience)).absolute()
    steps = Steps(progress, started=started)
    with steps.step("载入程序"):
        pass  # from `started` to here
    try:
        generated = generate(root, audience, build_dir, progress, session, steps)
        cache = open_cache(root, build_dir)
        _run_engine(chosen, generated.config_file, site_dir, cache, steps)
    finally:
        steps.stop()
    for line in steps.summary():
        steps.say(line)
    return BuildResult(
        site_dir, build_dir, generated.pages, generated.charts, time.perf_counter() - started
    )
