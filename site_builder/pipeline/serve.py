"""`sctrack serve`: a live preview that regenerates when submissions change.

The engine's own server (MkDocs' or Zensical's) watches the generated docs folder and reloads the
browser; we watch `submissions/`, `docs/` and `mkdocs.yml` and regenerate
into that folder. Invalid data prints the validator's findings and keeps
the last good pages. One build session lives as long as the preview: a regeneration
checks again only the files that changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from site_builder.pipeline.build import generate
from site_builder.pipeline.session import BuildSession
from site_builder.site import engines
from site_builder.site.build import BuildError, default_build_dir

DEBOUNCE_SECONDS = 0.5


class SingleFlight:
    """Runs `action` one at a time. A request while it runs marks the tree dirty, and one
    more run follows when it ends, however many requests came in between: two runs at
    once would empty and refill the same generated folder under each other."""

    def __init__(self, action: Callable[[], None]):
        self.action = action
        self.lock = threading.Lock()
        self.running = False
        self.dirty = False

    def request(self) -> None:
        """Run now in the caller's thread, or, if a run is under way, once more after it."""
        with self.lock:
            if self.running:
                self.dirty = True
                return
            self.running = True
        while True:
            try:
                self.action()
            except BaseException:
                with self.lock:
                    self.running = self.dirty = False
                raise
            with self.lock:
                if not self.dirty:
                    self.running = False
                    return
                self.dirty = False


class _Regenerate(FileSystemEventHandler):
    def __init__(self, action: Callable[[], None]):
        self.action = action
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            # Editors save in bursts (temp file, rename, chmod): act once it settles.
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.action)
            self.timer.daemon = True
            self.timer.start()


def serve(
    root: Path,
    audience: str,
    dev_addr: str,
    report: Callable[[str], None],
    on_error: Callable[[BuildError], None],
    engine: str = engines.DEFAULT_ENGINE,
) -> None:
    chosen = engines.engine(engine)
    root = root.absolute()
    build_dir = default_build_dir(root, audience)
    session = BuildSession()
    generated = generate(root, audience, build_dir, report, session)

    def regenerate() -> None:
        report("检测到修改，重新生成……")
        try:
            generate(root, audience, build_dir, report, session)
        except BuildError as err:
            on_error(err)
        report("重新生成结束。")

    observer = Observer()
    handler = _Regenerate(SingleFlight(regenerate).request)
    for watched in (root / "submissions", root / "docs"):
        if watched.is_dir():
            observer.schedule(handler, str(watched), recursive=True)
    observer.schedule(handler, str(root), recursive=False)  # mkdocs.yml
    observer.start()
    try:
        engines.serve(chosen, generated.config_file, dev_addr)
    finally:
        observer.stop()
        observer.join()
