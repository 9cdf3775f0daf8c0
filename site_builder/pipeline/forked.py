"""Work of a build step done in a forked process beside the main one (two cores: the
downloads beside the pages, half the Word files beside the other half).

The fork inherits the view rather than receiving hundreds of MB pickled, and sends back
only the work's result (or the error that stopped it, raised again in the build as if the
work had run there). Where there is no fork (not Linux), or threads other than the progress
lines run (a fork would copy their locks in whatever state they are: `sctrack serve`), the
work runs in this process when its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from contextlib import nullcontext
from multiprocessing.connection import Connection
from typing import TypeVar

from site_builder.errors import SctrackError
from site_builder.pipeline.timing import Steps

T = TypeVar("T")
Item = TypeVar("Item")


class ForkError(SctrackError):
    """The process doing part of a step ended without sending its result (killed, crashed)."""


def _run(work: Callable[[], T], sender: Connection) -> None:
    """In the forked process: the result of `work`, or the error that stopped it."""
    try:
        sender.send(work())
    except Exception as error:
        sender.send(error)
    finally:
        sender.close()


def can_fork(steps: Steps | None) -> bool:
    """Whether this process may fork: Linux, and no thread but `steps`' progress lines."""
    others = [
        t
        for t in threading.enumerate()
        if t is not threading.main_thread() and not (steps and steps.is_heartbeat(t))
    ]
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not others
        and threading.current_thread() is threading.main_thread()
    )


def start(work: Callable[[], T], steps: Steps | None, what: str) -> Callable[[], T]:
    """Start `work` in a forked process; the function returned waits for its result.
    `what` names the work in the error said when the process dies without a word."""
    if not can_fork(steps):
        return work
    fork = multiprocessing.get_context("fork")
    receiver, sender = fork.Pipe(duplex=False)
    with steps.lock if steps else nullcontext():  # no progress line printed meanwhile
        process = fork.Process(target=_run, args=(work, sender))
        process.start()
    sender.close()

    def wait() -> T:
        died = False
        try:
            answer: T | Exception = receiver.recv()
        except EOFError:
            died = True  # the pipe closes as the process dies, before its exit code is known
        finally:
            receiver.close()
        process.join()
        if died:
            answer = ForkError(f"{what}的进程意外退出（退出码 {process.exitcode}）。")
        if isinstance(answer, Exception):
            raise answer
        return answer

    return wait


def shared(
    items: list[Item], work: Callable[[Item], T], steps: Steps | None, what: str
) -> Callable[[], dict[int, T]]:
    """`work` on each of `items`, by a forked process from now and by this one once it calls
    the function returned, which then waits for the fork's; results by the items' index.

    Each item goes to whichever process claims it first (a counter in shared memory), so
    the two finish together however long this process is busy before it joins in; give
    the longest items first. Without a fork this process does them all.
    """
    counter = multiprocessing.Value("i", 0)

    def claimed() -> dict[int, T]:
        done: dict[int, T] = {}
        while True:
            with counter.get_lock():
                index = counter.value
                counter.value += 1
            if index >= len(items):
                return done
            done[index] = work(items[index])

    beside = start(claimed, steps, what)

    def finish() -> dict[int, T]:
        try:
            mine = claimed()
        finally:
            theirs = beside()  # waited for even after a failure: no process left behind
        return {**theirs, **mine}

    return finish
