"""`sctrack serve` regenerates one run at a time: saves during a run make one more run."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from site_builder.pipeline import serve as serve_module
from site_builder.pipeline.serve import SingleFlight


def test_requests_during_a_run_give_exactly_one_more_run():
    started, release = threading.Event(), threading.Event()
    runs = []

    def action():
        runs.append(len(runs))
        if len(runs) == 1:
            started.set()
            release.wait(5)

    flight = SingleFlight(action)
    first = threading.Thread(target=flight.request)
    first.start()
    assert started.wait(5)
    flight.request()  # both return at once: the running request will run again
    flight.request()
    release.set()
    first.join(5)
    assert runs == [0, 1]
    flight.request()  # idle again: runs in the caller
    assert runs == [0, 1, 2]


def test_a_failed_run_does_not_wedge_the_next_request():
    calls = []

    def action():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")

    flight = SingleFlight(action)
    with pytest.raises(RuntimeError):
        flight.request()
    flight.request()
    assert len(calls) == 2


@pytest.mark.slow
def test_serve_saves_during_a_regeneration_give_one_extra_run_not_two_at_once(
    base_tree, monkeypatch
):
    """serve with its real file watcher; the engine and the generator replaced by slow fakes."""
    lock = threading.Lock()
    state = {"running": 0, "most": 0, "runs": 0}
    regenerating, settled = threading.Event(), threading.Event()

    sessions = []

    def slow_generate(root, audience, build_dir, report, session):
        sessions.append(session)
        with lock:
            state["running"] += 1
            state["most"] = max(state["most"], state["running"])
            state["runs"] += 1
            run = state["runs"]
        if run == 2:
            regenerating.set()  # the first regeneration after the initial build
        time.sleep(0 if run == 1 else 2.5)
        with lock:
            state["running"] -= 1
        if run == 3:
            settled.set()
        return SimpleNamespace(config_file=Path(build_dir) / "mkdocs.yml")

    stop = threading.Event()
    monkeypatch.setattr(serve_module, "generate", slow_generate)
    monkeypatch.setattr(serve_module.engines, "serve", lambda *args: stop.wait(60))
    report = base_tree / "submissions" / "projects" / "alpha-region" / "2021-Q2.yaml"

    def save() -> None:
        report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    server = threading.Thread(
        target=serve_module.serve,
        args=(base_tree, "public", "127.0.0.1:0", lambda line: None, lambda err: None),
        daemon=True,
    )
    server.start()
    try:
        time.sleep(1.0)  # the initial generation is done and the watcher is running
        save()
        assert regenerating.wait(20)
        for _ in range(2):  # two saves while that regeneration runs
            save()
            time.sleep(0.8)
        assert settled.wait(20)
        time.sleep(1.5)  # and nothing more follows
    finally:
        stop.set()
        server.join(10)
    assert state == {"running": 0, "most": 1, "runs": 3}
    assert len({id(session) for session in sessions}) == 1  # one build session for the preview
