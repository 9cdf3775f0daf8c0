"""MkDocs' pages built in forked worker processes, for `mkdocs_incremental`.

Two steps of a build take nearly all of its time, and each does for one page what needs
nothing of the others' doing: converting the Markdown to HTML (`Page.render`, inside
`_populate_page`), and rendering the page through the theme (`_build_page`: Material's
search plugin segmenting its text with jieba, then the Jinja template). So at the first
page of each step the process forks (Linux's fork start method: the workers get the whole
site read so far without pickling, in copy-on-write memory), and each worker does the step
for its share of the pages, sending back through a pipe, page by page, what the parent
needs and the log records MkDocs and its plugins wrote meanwhile:

- converting: what `Page.render` set (content, table of contents, title, anchors). The
  parent then runs `_populate_page` itself, plugin events included (the tags plugin
  collects every page's tags there), its `render` taking the worker's result;
- rendering: the worker writes the page's HTML itself and sends its search entries.

The parent replays the records, and appends the entries to the search index, at the
page's turn in a serial build: the site and its search index are byte for byte the same,
and a warning under `--strict` still aborts the build.

Shares are balanced by the pages' length (longest first, each to the least loaded
worker), not interleaved: the internal site's report pages are far longer than the
rest. A worker that raises or dies fails the build with a `BuildError` naming the page
or the worker; nothing is dropped silently and the parent never waits for a worker that
is gone (its end of the pipe is closed, so the read ends). Fewer than `MIN_PAGES` pages,
or no fork (not Linux), and the step stays in the one process.
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
# A page's time through the theme beyond its text (the template), in characters of content.
FIXED_COST = 4000
# The environment variable setting the number of workers (1: render in this process).
WORKERS_VARIABLE = "SCTRACK_MKDOCS_WORKERS"

# (logger name, level, message) of one log record.
LogLine = tuple[str, int, str]
# Does a step of the build for one page, in a worker; returns what the parent needs of it.
PageWork = Callable[["Page"], Any]


@dataclass(frozen=True)
class Done:
    """What a worker sends back for one page (or, with `failure`, for the page it failed on)."""

    uri: str
    result: Any = None
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


def shares(pages: Sequence[Page], count: int, cost: Callable[[Page], int]) -> list[list[Page]]:
    """The pages split in `count` shares of about the same `cost` (longest first, each to the
    share with the least so far)."""
    loads = [0] * count
    split: list[list[Page]] = [[] for _ in range(count)]
    for page in sorted(pages, key=cost, reverse=True):
        lightest = loads.index(min(loads))
        split[lightest].append(page)
        loads[lightest] += cost(page)
    return split


def theme_cost(page: Page) -> int:
    """About the time a page takes through the search plugin and the template."""
    return len(page.content or "") + FIXED_COST


def markdown_cost(page: Page) -> int:
    """About the time a page takes from Markdown to HTML."""
    return len(page.markdown or "")


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


def _work(work: PageWork, share: list[Page], connection: Connection) -> None:
    """A worker's life: `work` on each page of its share, sending back what it gives."""
    collect = _collect_mkdocs_log()
    uri = "(before its first page)"
    try:
        for page in share:
            uri = page.file.src_uri
            result = work(page)
            connection.send(Done(uri, result, collect.take()))
        connection.send(None)
    except BaseException as error:  # everything goes to the parent, which fails the build
        failure = f"{type(error).__name__}: {error}"
        connection.send(Done(uri, log=collect.take(), failure=failure))
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


def run_in_workers(
    work: PageWork, pages: Sequence[Page], count: int, cost: Callable[[Page], int]
) -> dict[str, Done]:
    """What `work` gives for each page, and its log, from `count` forked workers."""
    logging.getLogger("mkdocs.workers").info(f"{len(pages)} pages in {count} processes")
    context = multiprocessing.get_context("fork")
    running: dict[Connection, ForkProcess] = {}
    # The site read so far is out of the collector's sight: a worker's collections then do
    # not walk (and so copy, page by page of memory) everything it shares with this process.
    gc.freeze()
    finished = False
    try:
        for share in shares(pages, count, cost):
            reader, writer = context.Pipe(duplex=False)
            worker = context.Process(target=_work, args=(work, share, writer), daemon=True)
            worker.start()
            writer.close()  # so that the read ends when the worker does
            running[reader] = worker
        done = _receive(running)
        finished = True
        return done
    finally:
        gc.unfreeze()
        for reader, worker in running.items():
            reader.close()
            if not finished:  # the build failed: the others' pages are not wanted
                worker.terminate()
            worker.join()


def _receive(running: dict[Connection, ForkProcess]) -> dict[str, Done]:
    """Everything the workers send, by page, until each has said it is done."""
    from mkdocs.exceptions import BuildError

    rendered: dict[str, Done] = {}
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
                    f"A process building pages failed on '{message.uri}': {message.failure}"
                )
            rendered[message.uri] = message
    return rendered


def _next_message(reader: Connection, worker: ForkProcess) -> Done | None:
    from mkdocs.exceptions import BuildError

    try:
        message: Done | None = reader.recv()
    except EOFError:
        worker.join(timeout=5)
        raise BuildError(
            f"A process building pages (pid {worker.pid}) stopped before it had "
            f"built all of its pages (exit code {worker.exitcode})."
        ) from None
    return message
