"""MkDocs' pages rendered in forked worker processes, for `mkdocs_incremental`.

Rendering a page through the theme (Material's search plugin segmenting its text with
jieba, then the Jinja template) is most of a build's time and needs nothing of the other
pages' rendering: every page, the navigation, the tags and the template environment are
read before the first page is rendered. So at that point the process forks (Linux's fork
start method: the workers get all of it without pickling, and copy-on-write memory);
each worker renders its share of the pages, writes their HTML itself, and sends back
through a pipe, page by page, the page's search entries and the log records MkDocs and
its plugins wrote while rendering it. The parent keeps them by page, then replays them
in the order of a serial build (so the search index is byte for byte the same, and a
warning under `--strict` still aborts the build).

Shares are balanced by the pages' length (longest first, each to the least loaded
worker), not interleaved: the internal site's report pages are far longer than the
rest. A worker that raises or dies fails the build with a `BuildError` naming the page
or the worker; nothing is dropped silently and the parent never waits for a worker that
is gone (its end of the pipe is closed, so the read ends).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.context import ForkProcess

    from mkdocs.structure.pages import Page

# Below this many pages to render, forking costs more than it saves.
MIN_PAGES = 50
MAX_WORKERS = 4
# A page's rendering time beyond its text (the template), in characters of content.
FIXED_COST = 4000
# The environment variable setting the number of workers (1: render in this process).
WORKERS_VARIABLE = "SCTRACK_MKDOCS_WORKERS"

# (logger name, level, message) of one log record.
LogLine = tuple[str, int, str]
# Renders one page, returns the search entries it added.
RenderPage = Callable[["Page"], list[dict[str, Any]]]


@dataclass(frozen=True)
class Rendered:
    """What a worker sends back for one page (or, with `failure`, for the page it failed on)."""

    uri: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    log: list[LogLine] = field(default_factory=list)
    failure: str | None = None


def worker_count(pages: int, requested: str | None = None) -> int:
    """How many processes render `pages` pages; 1 means this process, serially.

    `requested` is the value of `WORKERS_VARIABLE`, if set.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if requested:
        return max(1, int(requested))
    if pages < MIN_PAGES:
        return 1
    return min(os.cpu_count() or 1, MAX_WORKERS)


def shares(pages: Sequence[Page], count: int) -> list[list[Page]]:
    """The pages split in `count` shares of about the same rendering time."""
    loads = [0] * count
    split: list[list[Page]] = [[] for _ in range(count)]
    for page in sorted(pages, key=_cost, reverse=True):
        lightest = loads.index(min(loads))
        split[lightest].append(page)
        loads[lightest] += _cost(page)
    return split


def _cost(page: Page) -> int:
    return len(page.content or "") + FIXED_COST


class _Collect(logging.Handler):
    """Keeps the records a worker logs, for its parent to replay."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[LogLine] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.levelno, record.getMessage()))

    def take(self) -> list[LogLine]:
        lines, self.lines = self.lines, []
        return lines


def _collect_mkdocs_log() -> _Collect:
    """In a worker: the `mkdocs` logger's records kept, not printed nor counted here."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    collect = _Collect()
    logger.addHandler(collect)
    return collect


def _work(render: RenderPage, share: list[Page], connection: Connection) -> None:
    """A worker's life: render each page of its share, sending back what it gives."""
    collect = _collect_mkdocs_log()
    uri = "(before its first page)"
    try:
        for page in share:
            uri = page.file.src_uri
            entries = render(page)
            connection.send(Rendered(uri, entries, collect.take()))
        connection.send(None)
    except BaseException as error:  # everything goes to the parent, which fails the build
        failure = f"{type(error).__name__}: {error}"
        connection.send(Rendered(uri, log=collect.take(), failure=failure))
    finally:
        connection.close()


def replay(log: list[LogLine]) -> None:
    """Log again, in this process, what a worker logged."""
    for name, level, message in log:
        record = logging.makeLogRecord(
            {
                "name": name,
                "levelno": level,
                "levelname": logging.getLevelName(level),
                "msg": message,
            }  # fmt: skip
        )
        logging.getLogger(name).handle(record)


def render_in_workers(render: RenderPage, pages: Sequence[Page], count: int) -> dict[str, Rendered]:
    """Each page's search entries and log, rendered by `count` forked workers."""
    logging.getLogger("mkdocs.workers").info(f"Rendering {len(pages)} pages in {count} processes")
    context = multiprocessing.get_context("fork")
    running: dict[Connection, ForkProcess] = {}
    # The site read so far is out of the collector's sight: a worker's collections then do
    # not walk (and so copy, page by page of memory) everything it shares with this process.
    gc.freeze()
    try:
        for share in shares(pages, count):
            reader, writer = context.Pipe(duplex=False)
            worker = context.Process(target=_work, args=(render, share, writer), daemon=True)
            worker.start()
            writer.close()  # so that the read ends when the worker does
            running[reader] = worker
        return _receive(running)
    finally:
        gc.unfreeze()
        for reader, worker in running.items():
            reader.close()
            if worker.is_alive():
                worker.terminate()
            worker.join()


def _receive(running: dict[Connection, ForkProcess]) -> dict[str, Rendered]:
    """Everything the workers send, by page, until each has said it is done."""
    from mkdocs.exceptions import BuildError

    rendered: dict[str, Rendered] = {}
    waiting = set(running)
    while waiting:
        for reader in wait(list(waiting)):
            assert isinstance(reader, Connection)
            message = _next_message(reader, running[reader])
            if message is None:
                waiting.discard(reader)
                continue
            if message.failure is not None:
                replay(message.log)
                raise BuildError(
                    f"A process rendering pages failed on '{message.uri}': {message.failure}"
                )
            rendered[message.uri] = message
    return rendered


def _next_message(reader: Connection, worker: ForkProcess) -> Rendered | None:
    from mkdocs.exceptions import BuildError

    try:
        message: Rendered | None = reader.recv()
    except EOFError:
        worker.join(timeout=5)
        raise BuildError(
            f"A process rendering pages (pid {worker.pid}) stopped before it had "
            f"rendered all of its pages (exit code {worker.exitcode})."
        ) from None
    return message
