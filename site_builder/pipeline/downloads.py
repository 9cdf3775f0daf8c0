"""The downloads step: the data files and the page listing them, written in a forked process
beside the pages and charts (the Excel files take as long as all the pages)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from site_builder.analyse.view import View
from site_builder.pipeline import forked
from site_builder.pipeline.timing import Steps
from site_builder.present.markdown import Page
from site_builder.site.downloads import XlsxMemo, downloads_page, listed, write_downloads
from site_builder.site.pages import Rendered


def start_downloads(
    view: View, staging: Path, steps: Steps, memo: XlsxMemo
) -> Callable[[], tuple[int, Page]]:
    """Write the downloads (the Excel files take as long as all the pages) and the page listing
    them in a forked process beside the pages and charts; the function returned waits for it
    and says how many datasets it wrote, and the page. `memo` (the session's) holds the
    workbooks of the tables that did not change; the fork sends back those it holds, for the
    session it cannot change."""

    def write() -> tuple[int, XlsxMemo, Page]:
        written = write_downloads(view, staging, memo)
        page = downloads_page(view, listed(written))
        page.write(staging)
        return len(written), memo, page

    sent = forked.start(write, steps, "生成下载文件")

    def wait() -> tuple[int, Page]:
        datasets, workbooks, page = sent()
        if workbooks is not memo:
            memo.clear()
            memo.update(workbooks)
        return datasets, page

    return wait


def wait_for_downloads(
    wait: Callable[[], tuple[int, Page]], rendered: Rendered | None, steps: Steps
) -> None:
    """Wait for the downloads and their page; the page counted and placed with the others
    (`rendered` is None when the pages failed)."""
    with steps.step("下载文件"):
        datasets, page = wait()
    if rendered is not None:
        rendered.pages += 1
        if page.nav is not None:
            rendered.nav.append((page.path, page.nav))
    steps.say(f"生成 {datasets * 3} 个下载文件（已用 {steps.elapsed():.1f} 秒）")
