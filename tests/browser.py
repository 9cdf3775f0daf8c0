"""Headless Chromium for page tests: Debian's package, driven by Playwright (no browser download).

Without Chromium the tests skip on a developer laptop, but fail when CI is set. Also axe-core,
vendored under tests/vendor/axe-core/ (pinned, see its VERSION): only ever injected by the
tests, never shipped with the site or the form.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = {1366: {"width": 1366, "height": 900}, 390: {"width": 390, "height": 844}}
# The violations of impact serious or critical, each as [rule, impact, first targets, help].
RUN_AXE = """async (exclude) => {
  const result = await axe.run(exclude.length ? { exclude: exclude.map(s => [s]) } : document);
  return result.violations
    .filter(v => ["serious", "critical"].includes(v.impact))
    .map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(" ")), v.help]);
}"""

SETTLED = """() => document.getAnimations().every(
  a => a.playState !== "running" || a.effect.getComputedTiming().iterations === Infinity)"""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    # SCTRACK_CHROMIUM names the browser when the machine has several (or a snap wrapper).
    chosen = os.environ.get("SCTRACK_CHROMIUM")
    if chosen:
        return chosen
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    path = chromium_path()
    try:
        import playwright  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium (and Playwright) are required under CI: .ci/run installs them")
        pytest.skip("Chromium is not installed")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class PageWatch:
    """Console errors, failed requests and dialogs of one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed {r.url}"))
        page.on(
            "response",
            lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)


def axe_violations(page, exclude: tuple[str, ...] = ()) -> list[list]:
    """axe-core's serious and critical violations on the page as it is now; `exclude` are CSS
    selectors of parts left out (each caller names why)."""
    # A colour caught halfway through a transition (Decap fades a label when focus leaves
    # its box) is not the page's colour: the finite animations end first.
    page.wait_for_function(SETTLED)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, list(exclude))
