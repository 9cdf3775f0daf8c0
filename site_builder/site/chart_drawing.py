"""The charts, drawn while the pages that show them are still being made.

A page's charts are known as soon as the page is (`pages.Rendered.add`); once a few are not
in the cache, they and every later one go at once to a pool of fresh worker processes, so
matplotlib draws on the second core while this process goes on making pages (the public
site's charts used to wait for every page, then take seconds of their own). SVG charts
(`present.svg_charts`) are written here at the end: a few milliseconds each, never cached.
The cache holds each PNG under the digest of what it shows and the code that draws it
(`fingerprint`).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from importlib import resources
from pathlib import Path

import pandas as pd

from site_builder.present.markdown import ChartJob

# Up to this many workers (a province's charts are a few dozen; more would idle).
MAX_WORKERS = 4
# Charts to draw before a pool starts: its workers take a second or two to import matplotlib,
# longer than this process takes to draw the one or two a rebuild after a save changes.
POOL_FROM = 5


# The modules whose code decides how a chart looks: a change to any draws every chart again.
DRAWING_CODE = ("charts.py", "colours.py", "svg_charts.py")


def drawing_code_digest() -> str:
    """The digest of the drawing code (`DRAWING_CODE`), part of every chart's fingerprint."""
    present = resources.files("site_builder.present")
    code = b"".join(present.joinpath(name).read_bytes() for name in DRAWING_CODE)
    return hashlib.sha256(code).hexdigest()


def fingerprint(job: ChartJob, code_digest: str) -> str:
    """A stable hash of what a chart shows and of the code that draws it (`code_digest`),
    so an unchanged chart is not drawn again."""

    def encode(value):
        if isinstance(value, pd.DataFrame | pd.Series):
            return value.to_json(orient="split", date_format="iso")
        if isinstance(value, dict | list | tuple):
            return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        return str(value)

    text = code_digest + job.kind + ("-phone" if job.phone else "") + "\x00"
    text += "\x00".join(encode(a) for a in job.args)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def worker_context() -> multiprocessing.context.BaseContext:
    """Where the drawing workers come from: forks of a small server process that imported
    matplotlib once (`start_server`), else fresh processes. Not forks of this process: a
    fork would start as large as it, which holds the whole analysis."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("forkserver")


def start_server(cache: Path) -> None:
    """Start the server the drawing workers are forked from when the chart `cache` holds no
    chart (a first build, which draws every one): it imports matplotlib now, beside what the
    build does, once instead of once in each worker. A rebuild draws one or two, or none."""
    context = worker_context()
    first_build = not any(cache.glob("*.png"))
    if first_build and isinstance(context, multiprocessing.context.ForkServerContext):
        context.set_forkserver_preload(["site_builder.present.charts"])
        multiprocessing.forkserver.ensure_running()


def _draw(job: ChartJob, target: Path) -> None:
    from site_builder.present import charts  # matplotlib: in the worker processes only

    charts.save(job.draw(), target)


class ChartDrawer:
    """Charts handed over as pages are made (`add`), on disk under `docs` after `finish`."""

    def __init__(self, cache: Path, workers: int | None = None):
        self.cache = cache
        self.workers = workers or min(os.cpu_count() or 1, MAX_WORKERS)
        self.code_digest = drawing_code_digest()  # once: the same for every chart
        self.written: list[ChartJob] = []
        self.drawn: list[tuple[ChartJob, Path]] = []  # with its cache file
        self.pending: list[Future] = []
        self.waiting: list[tuple[ChartJob, Path]] = []  # to draw, not yet handed to the pool
        self.pool: ProcessPoolExecutor | None = None
        cache.mkdir(parents=True, exist_ok=True)

    def add(self, jobs: list[ChartJob]) -> None:
        for job in jobs:
            if job.written:
                self.written.append(job)
                continue
            cached = self.cache / f"{fingerprint(job, self.code_digest)}.png"
            self.drawn.append((job, cached))
            if not cached.exists():
                self.waiting.append((job, cached))
        if self.pool is not None or len(self.waiting) >= POOL_FROM:
            pool = self._pool()
            self.pending += [pool.submit(_draw, job, cached) for job, cached in self.waiting]
            self.waiting = []

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=worker_context())
        return self.pool

    @property
    def count(self) -> int:
        return len(self.written) + len(self.drawn)

    def finish(self, docs: Path) -> int:
        """Wait for the drawings, put every chart under `docs`; how many were made now."""
        try:
            for future in self.pending:
                future.result()
        finally:
            self.close()
        for job, cached in self.waiting:  # too few for a pool (a rebuild's one or two)
            _draw(job, cached)
        for job in self.written:
            target = docs / job.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(job.draw(), encoding="utf-8")
        for job, cached in self.drawn:
            target = docs / job.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
        return len(self.pending) + len(self.waiting) + len(self.written)

    def close(self) -> None:
        """Stop the workers (drawings not started are dropped: after a failure)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
