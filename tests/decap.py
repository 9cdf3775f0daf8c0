"""The web form served for real: the demo in a git repository, `sctrack cms-config`, decap-server
(npm, installed by .ci/run from tests/e2e/cms/package-lock.json) in git mode, and the page
served from localhost so that Decap uses that server. Shared by the form's browser tests."""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from site_builder.validate.wording import say

from browser import serve
from conftest import REPO, run_cli
from gitrepo import Repo, git_environment

CMS_NODE = REPO / "tests" / "e2e" / "cms"
SERVER = CMS_NODE / "node_modules" / "decap-server" / "dist" / "index.js"


def require_node() -> str:
    """Node.js, for the form's scripts run outside a browser; .ci/run installs it."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is required under CI: .ci/run installs it")
        pytest.skip("node is not installed")
    return node


def require_server() -> str:
    node = shutil.which("node")
    if node is None or not SERVER.exists():
        if os.environ.get("CI"):
            pytest.fail("node and decap-server are required under CI: .ci/run runs npm ci")
        pytest.skip("decap-server is not installed (cd tests/e2e/cms && npm ci)")
    return node


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            pytest.fail("decap-server stopped:\n" + log.read_text(encoding="utf-8"))
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("decap-server did not start:\n" + log.read_text(encoding="utf-8"))


def form_field(fields: list[dict], *names: str) -> dict:
    """The form's field at a path of names (`organisation`, `publicity`)."""
    for name in names:
        field = next(f for f in fields if f["name"] == name)
        fields = field.get("fields", [])
    return field


def by_label(page, label: str):
    """A field by its label; Decap adds （可选） to the label of a field that may be empty."""
    return page.get_by_label(re.compile("^" + re.escape(label) + r"( \(可选\))?$"))


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a save took out (`-`) and put in (`+`), as the forge shows them."""
    return [
        line
        for line in difflib.unified_diff(before.split("\n"), after.split("\n"), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def as_in_the_form(message: str) -> str:
    """validate's message as the form shows it: without its advice on where a missing key
    goes in the file (请补在……之前), which has no place in a form, where every section has
    its own box. The sentence before it is the same."""
    return re.sub(_INSERT_BEFORE, "", message)


_INSERT_BEFORE = re.escape(say("insert_before", where="@")).replace("@", ".+?") + "$"


def demo_repository(folder: Path) -> Repo:
    """The demo's submissions committed once, on a `main` branch."""
    repo = Repo(folder)
    shutil.copytree(REPO / "submissions", repo.root / "submissions")
    shutil.copy(REPO / "mkdocs.yml", repo.root / "mkdocs.yml")
    repo.git("add", ".")
    repo.git("commit", "-qm", "demo", date="2022-01-05")
    return repo


@dataclass
class Form:
    url: str  # the page's base URL; the form is at {url}/admin/
    config: dict  # admin/config.yml as written


@contextlib.contextmanager
def running_form(repo: Repo, site: Path, today: str, author: str) -> Iterator[Form]:
    """The form of `repo` as on `today`, saving through decap-server as `author`."""
    node = require_server()
    run_cli("cms-config", "--root", str(repo.root), "--site", str(site),
            env={"SCTRACK_TODAY": today}, check=0)  # fmt: skip
    config_file = site / "admin" / "config.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    port = free_port()
    config["local_backend"] = {"url": f"http://127.0.0.1:{port}/api/v1"}
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    log = site.parent / "decap-server.log"
    environment = {
        **git_environment(author, author),
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(repo.root),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
    }
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([node, str(SERVER)], env=environment, stdout=out, stderr=out)
    http, base = serve(site)
    try:
        wait_for(port, process, log)
        yield Form(base, config)
    finally:
        http.shutdown()
        http.server_close()
        process.terminate()
        process.wait(timeout=10)
