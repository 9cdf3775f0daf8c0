"""MkDocs' pages rendered by forked workers: the same site as a serial build, and failures seen."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.site import mkdocs_workers
from site_builder.site.build import copy_overrides, write_config

from conftest import REPO

PAGES = 80


def _page(number: int) -> str:
    """A small page in Chinese, with tags, a table, a link and sections of unequal length."""
    tags = ["煤炭", "物流"] if number % 3 else ["冷链"]
    rows = "\n".join(f"| 项目{number}-{row} | {row * 37} 万元 |" for row in range(number % 7))
    return (
        f"---\ntags: [{', '.join(tags)}]\n---\n\n# 第 {number} 号项目\n\n"
        f"太原市供应链项目第 {number} 号，建设内容包括仓储和配送中心。\n\n"
        f"## 进展\n\n{'本月完成投资，进展顺利。' * (number % 11 + 1)}\n\n"
        f"| 名称 | 金额 |\n| --- | --- |\n{rows}\n\n"
        f"见[上一个项目](p{max(number - 1, 0):02}.md#进展)和[一节](p00.md#无此节-{number % 2})。\n"
    )


def _folder(tmp_path: Path, broken: bool = False) -> Path:
    """A build folder of `PAGES` pages and a tags index, configured as `sctrack build` does."""
    folder = tmp_path / "build"
    docs = folder / "docs"
    (docs / "projects").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n全省项目。\n", encoding="utf-8")
    (docs / "tags.md").write_text("# 标签\n\n<!-- material/tags -->\n", encoding="utf-8")
    for number in range(PAGES):
        (docs / "projects" / f"p{number:02}.md").write_text(_page(number), encoding="utf-8")
    if broken:
        (docs / "projects" / "p05.md").write_text("# 五\n\n[断链](nowhere.md)\n", "utf-8")
    nav = ["index.md", {"项目": [f"projects/p{n:02}.md" for n in range(PAGES)]}, "tags.md"]
    write_config(REPO, folder, "public", nav)
    copy_overrides(folder)
    return folder


def _build(folder: Path, output: Path, workers: int) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, mkdocs_workers.WORKERS_VARIABLE: str(workers)}
    command = [sys.executable, "-m", "site_builder.site.mkdocs_incremental",
               str(folder / "mkdocs.yml"), str(output), str(output.parent / f"{output.name}.json")]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def _said(output: str) -> list[str]:
    """What MkDocs said of the pages."""
    return [line for line in output.splitlines() if "Doc file" in line]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.slow
def test_pages_rendered_by_workers_make_the_same_site_as_a_serial_build(tmp_path: Path):
    folder = _folder(tmp_path)
    serial = _build(folder, tmp_path / "serial", workers=1)
    assert serial.returncode == 0, serial.stderr
    parallel = _build(folder, tmp_path / "parallel", workers=2)
    assert parallel.returncode == 0, parallel.stderr
    # Their Markdown converted, then rendered through the theme, each time in two processes.
    assert parallel.stderr.count(f"{PAGES + 2} pages in 2 processes") == 2
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")
    assert len(_files(tmp_path / "serial")) > PAGES
    # The same things said (links to missing anchors among them), in the same order.
    assert "does not contain an anchor '#无此节-1'" in serial.stderr
    assert _said(parallel.stderr) == _said(serial.stderr)
    # A rebuild after one page changed: the same again, that page rendered by a worker.
    page = folder / "docs" / "projects" / "p07.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    for name in ("serial", "parallel"):
        assert _build(folder, tmp_path / name, workers=1 if name == "serial" else 2).returncode == 0
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")


@pytest.mark.slow
def test_a_broken_link_fails_the_parallel_strict_build_with_mkdocs_warning(tmp_path: Path):
    completed = _build(_folder(tmp_path, broken=True), tmp_path / "site", workers=2)
    assert completed.returncode == 1
    assert "nowhere.md" in completed.stderr and "strict mode" in completed.stderr


@pytest.mark.slow
def test_a_page_whose_template_is_missing_fails_the_parallel_build_naming_it(tmp_path: Path):
    folder = _folder(tmp_path)
    page = folder / "docs" / "projects" / "p09.md"
    page.write_text("---\ntemplate: missing.html\n---\n\n# 九\n", encoding="utf-8")
    completed = _build(folder, tmp_path / "site", workers=2)
    assert completed.returncode == 1
    assert "projects/p09.md" in completed.stderr and "missing.html" in completed.stderr


class _Page:
    """What `shares` and a render function read of a MkDocs page."""

    def __init__(self, uri: str, content: str) -> None:
        self.content = content
        self.file = type("File", (), {"src_uri": uri})()


def test_workers_send_back_each_page_entries_and_warnings_for_the_parent_to_log(caplog):
    pages = [_Page(f"p{n}.md", "字" * n * 1000) for n in range(9)]

    def render(page) -> list[dict[str, str]]:
        if page.file.src_uri == "p4.md":
            logging.getLogger("mkdocs.plugins.x").warning("警告：%s", page.file.src_uri)
        return [{"location": page.file.src_uri}]

    rendered = mkdocs_workers.run_in_workers(render, pages, 2, mkdocs_workers.theme_cost)  # type: ignore[arg-type]
    assert {uri: r.result for uri, r in rendered.items()} == {
        p.file.src_uri: [{"location": p.file.src_uri}] for p in pages
    }
    from mkdocs.utils import CountHandler

    counter = CountHandler()  # what `mkdocs build --strict` counts
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            for page in pages:
                mkdocs_workers.replay(rendered[page.file.src_uri].log)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    assert caplog.messages == ["警告：p4.md"]
    assert counter.get_counts() == [("WARNING", 1)]


def test_a_worker_that_dies_fails_the_build_rather_than_hanging():
    from mkdocs.exceptions import BuildError

    def render(page) -> list[dict[str, str]]:
        if page.file.src_uri == "p3.md":
            os._exit(9)
        return []

    pages = [_Page(f"p{n}.md", "") for n in range(6)]
    with pytest.raises(BuildError, match="exit code 9"):
        mkdocs_workers.run_in_workers(render, pages, 2, mkdocs_workers.theme_cost)  # type: ignore[arg-type]


def test_shares_are_balanced_by_length_and_few_pages_stay_in_one_process():
    pages = [
        _Page(f"p{n}.md", "x" * size) for n, size in enumerate([90_000, 10_000, 10_000, 60_000])
    ]
    split = mkdocs_workers.shares(pages, 2, mkdocs_workers.theme_cost)  # type: ignore[arg-type]
    assert sorted(len(share) for share in split) == [1, 3]
    assert mkdocs_workers.worker_count(10) == 1
    assert mkdocs_workers.worker_count(500) == min(os.cpu_count() or 1, mkdocs_workers.MAX_WORKERS)
    assert mkdocs_workers.worker_count(10, "2") == 2
