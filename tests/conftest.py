"""Shared fixtures: fixture trees copied into temporary folders, and the CLI run for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
# Fixed "today" so that period checks do not depend on when the suite runs.
TODAY = "2022-06-30"


# Fixtures that build the demo site or replay a git history: a test that uses one is slow
# (`pytest -m "not slow"` is the edit-test loop and stays under a minute).
SLOW_FIXTURES = {"demo_copy", "demo_sites", "git_history"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, check: int | None = None):
    """Run `python -m site_builder ...` in a real process; return CompletedProcess."""
    full_env = {**os.environ, "SCTRACK_TODAY": TODAY, "PYTHONIOENCODING": "utf-8", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=cwd or REPO,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if check is not None:
        assert result.returncode == check, result.stdout + result.stderr
    return result


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str, cwd: Path | None = None) -> Outcome:
    """Run the CLI in this process (fast); an uncaught exception fails the test."""
    from click.testing import CliRunner

    from site_builder.cli.main import cli

    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd or REPO)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SCTRACK_TODAY", TODAY)
            result = runner.invoke(cli, list(args), catch_exceptions=True)
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True, dirs_exist_ok=True)
    return target


@pytest.fixture
def base_tree(tmp_path: Path) -> Path:
    """A small valid repository (registry, one region, one enterprise) in a temp folder."""
    root = copy_tree(FIXTURES / "base", tmp_path / "repo")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    return root


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("SCTRACK_TODAY", TODAY)
    return TODAY


def _copy_repo_data(target: Path) -> Path:
    """The repository's demo data, docs and config in a scratch folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("submissions", "docs"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def git_history() -> None:
    """Requested by each fixture that commits a git history (tests/gitrepo.py), which makes
    every test using it slow."""


@pytest.fixture(scope="session")
def demo_analysed():
    """The demo data validated and analysed as of 2022-06-30 without git history, once per
    session (tests/analysed.py); tests only read it."""
    from analysed import demo_analysis

    return demo_analysis()


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory) -> Path:
    """The demo data replayed as dated, reviewed merges (`sctrack demo`), as the README shows it."""
    from site_builder.pipeline.demo import replay

    root = tmp_path_factory.mktemp("demo") / "repo"
    replay(REPO, root)
    return root


@pytest.fixture(scope="session")
def demo_sites(demo_copy: Path) -> dict[str, Path]:
    """The demo site built once per session for each audience; page tests read from it."""
    from site_builder.pipeline.build import build

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCTRACK_TODAY", TODAY)
        return {
            audience: build(demo_copy, audience).site_dir for audience in ("public", "internal")
        }


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session, shared by every page test: Playwright's
    sync API allows one running instance per thread, so a second one would fail."""
    from browser import CHROMIUM_ARGS, require_chromium

    path = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def urls(demo_sites):
    """Each audience's demo site served over HTTP for the page tests: {audience: base URL}."""
    from browser import serve

    servers = {audience: serve(site) for audience, site in demo_sites.items()}
    yield {audience: url for audience, (_, url) in servers.items()}
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()
