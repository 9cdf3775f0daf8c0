"""The pipeline's steps, timed: a line as each ends, a line every few seconds while one runs,
and a summary whose seconds add up to the whole run.

Each step is timed from the end of the one before (a lap), so nothing between two steps
goes uncounted and the summary's steps sum to the total it reports.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[str], None]
# A line after this long without one while a step runs: with the watcher's quarter-second
# poll, never more than 5 s of silence.
HEARTBEAT_SECONDS = 4.5


class Steps:
    def __init__(
        self,
        progress: Progress,
        what: str = "生成站点",
        heartbeat: float = HEARTBEAT_SECONDS,
        started: float | None = None,
    ):
        """`started` (a `time.perf_counter()` reading) counts what came before, such as
        loading the program, in the first step."""
        self.progress = progress
        self.what = what
        self.heartbeat = heartbeat
        self.last_line = time.perf_counter()
        self.started = self.lap = self.last_line if started is None else started
        self.seconds: dict[str, float] = {}
        self.current = ""
        self.detail: Callable[[], str] = lambda: ""
        # Held while a line is printed: a fork (the downloads) waits for it, so the child
        # never starts with the output's lock taken.
        self.lock = threading.Lock()
        self._idle = threading.Event()
        self._beat: threading.Thread | None = None

    @contextmanager
    def step(self, name: str, detail: Callable[[], str] = lambda: "") -> Iterator[None]:
        """Time `name`; while it runs, every `heartbeat` seconds a line with `detail()`."""
        self.current, self.detail = name, detail
        self._start_heartbeat()
        try:
            yield
        finally:
            end = time.perf_counter()
            self.seconds[name] = self.seconds.get(name, 0.0) + end - self.lap
            self.lap = end
            self.current, self.detail = "", lambda: ""

    def say(self, line: str) -> None:
        with self.lock:
            self.progress(line)
            self.last_line = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def summary(self) -> list[str]:
        """One line per step and the total; the steps' seconds add up to the total."""
        end = time.perf_counter()
        if end - self.lap > 0.05:  # after the last step: the summary's own caller
            self.seconds["其他"] = self.seconds.get("其他", 0.0) + end - self.lap
        self.lap = end
        total = sum(self.seconds.values())
        parts = "，".join(f"{name} {seconds:.1f}" for name, seconds in self.seconds.items())
        return [f"各步用时（秒）：{parts}；合计 {total:.1f} 秒"]

    def stop(self) -> None:
        self._idle.set()
        if self._beat is not None:
            self._beat.join()
            self._beat = None

    def is_heartbeat(self, thread: threading.Thread) -> bool:
        return thread is self._beat

    def _start_heartbeat(self) -> None:
        if self._beat is not None or self.heartbeat <= 0:
            return
        self._beat = threading.Thread(target=self._run, name="sctrack-progress", daemon=True)
        self._beat.start()

    def _run(self) -> None:
        while not self._idle.wait(0.25):
            if time.perf_counter() - self.last_line < self.heartbeat or not self.current:
                continue
            detail = self.detail()
            detail = f" {detail}" if detail else ""
            self.say(f"{self.what}：{self.current}{detail}，已用 {self.elapsed():.0f} 秒")
