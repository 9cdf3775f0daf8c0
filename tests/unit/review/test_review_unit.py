"""The review modules: CODEOWNERS, who may change what, the tree at a moment, the GitHub API."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_builder.errors import DataError, UsageError
from site_builder.review import asof, check_scope, codeowners, frozen, github_api
from site_builder.review.history import read_history

from conftest import REPO
from gitrepo import Repo, base_repo

ALPHA = "submissions/projects/alpha-region"
BEIJING = ZoneInfo("Asia/Shanghai")


def test_codeowners_is_generated_from_the_registry_and_checked():
    text = codeowners.generate(REPO)
    assert text == (REPO / codeowners.CODEOWNERS).read_text(encoding="utf-8")
    assert codeowners.check(REPO) is None


def test_a_stale_codeowners_is_named(base_tree: Path):
    (base_tree / ".github").mkdir()
    (base_tree / codeowners.CODEOWNERS).write_text("* @nobody\n", encoding="utf-8")
    assert codeowners.check(base_tree)
    written = codeowners.write(base_tree)
    assert codeowners.check(base_tree) is None and written.read_text(encoding="utf-8")


@pytest.fixture
def history_repo(tmp_path: Path, git_history: None) -> Repo:
    """The base tree committed on 2021-07-01, then alpha's Q2 report corrected on 2021-07-20."""
    repo = base_repo(tmp_path / "history", "2021-07-01", branch=None)
    report = repo.root / ALPHA / "2021-Q2.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "# 更正\n", encoding="utf-8")
    repo.commit("correct alpha 2021-Q2", "2021-07-20")
    return repo


@pytest.mark.slow
def test_the_tree_at_a_moment_is_what_had_landed(history_repo: Repo):
    history = read_history(history_repo.root, timezone="Asia/Shanghai")
    first = frozen.standing_at(history, datetime(2021, 7, 10, tzinfo=BEIJING))
    assert first is not None and first is history.landings[0]
    assert frozen.standing_at(history, datetime(2021, 6, 1, tzinfo=BEIJING)) is None
    files = frozen.files_at(history_repo.root, first.commit, lambda p: p.endswith("2021-Q2.yaml"))
    assert list(files) == [f"{ALPHA}/2021-Q2.yaml"]
    assert "# 更正" not in files[f"{ALPHA}/2021-Q2.yaml"]


@pytest.mark.slow
def test_as_of_a_day_rebuilds_that_day(history_repo: Repo):
    root = history_repo.root
    assert asof.policy_timezone(root) == "Asia/Shanghai"
    before = asof.snapshot(root, date(2021, 7, 10), "Asia/Shanghai")
    after = asof.snapshot(root, date(2021, 7, 20), "Asia/Shanghai")
    assert before.commit != after.commit
    # As of 10 July the data is the commit that landed on 1 July.
    assert history_repo.git("show", "-s", "--format=%cs", before.commit).strip() == "2021-07-01"
    with pytest.raises(DataError, match="还没有任何提交"):
        asof.snapshot(root, date(2021, 6, 30), "Asia/Shanghai")


@pytest.mark.slow
def test_a_submitter_may_change_only_their_project(history_repo: Repo):
    root = history_repo.root
    base = history_repo.git("rev-parse", "HEAD").strip()
    (root / ALPHA / "2021-Q3.yaml").write_text("kind: region\n", encoding="utf-8")
    registry = root / "submissions/registry/cities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "# x\n", encoding="utf-8")
    history_repo.commit("alpha Q3 and a registry edit", "2021-10-05", author="alpha-clerk")
    head = history_repo.git("rev-parse", "HEAD").strip()
    changes, findings = check_scope.check(root, ["alpha-clerk"], base, head)
    assert {c.path for c in changes} == {
        f"{ALPHA}/2021-Q3.yaml",
        "submissions/registry/cities.yaml",
    }
    assert [f.path for f in findings] == ["submissions/registry/cities.yaml"]
    rules = check_scope.read_rules(root, base)
    assert rules.submitters["alpha-region"] == {"alpha-clerk"}


class _Issues(BaseHTTPRequestHandler):
    """A stand-in for GitHub's issues API: one open issue and one pull request; records calls."""

    calls: list[tuple[str, str, dict]] = []

    def _answer(self, code: int, payload) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _record(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length)) if length else {}
        self.calls.append((self.command, self.path, payload))
        return payload

    def do_GET(self):  # noqa: N802
        self._record()
        if self.path.startswith("/repos/sx/scm/issues?"):
            self._answer(
                200,
                [
                    {"number": 7, "title": "催报", "body": None},
                    {"number": 8, "title": "PR", "pull_request": {}},
                ],
            )
        else:
            self._answer(404, {})

    def do_POST(self):  # noqa: N802
        self._record()
        self._answer(201, {"number": 9})

    def do_PATCH(self):  # noqa: N802
        self._record()
        self._answer(200, {})

    def log_message(self, *args):
        pass


@pytest.fixture
def github(monkeypatch):
    _Issues.calls = []
    server = HTTPServer(("127.0.0.1", 0), _Issues)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_issues_api_lists_creates_updates_and_closes(github: str):
    api = github_api.GitHubIssues("sx/scm", token="t0ken", base_url=github)
    assert [(i.number, i.title, i.body) for i in api.open_issues("催报")] == [(7, "催报", "")]
    assert api.create("太原市 2021年第三季度", "正文", "催报") == 9
    api.update(7, "标题", "新正文")
    api.comment(7, "提醒")
    api.close(7)
    methods = [(method, path.split("?")[0]) for method, path, _ in _Issues.calls]
    assert methods == [
        ("GET", "/repos/sx/scm/issues"),
        ("POST", "/repos/sx/scm/issues"),
        ("PATCH", "/repos/sx/scm/issues/7"),
        ("POST", "/repos/sx/scm/issues/7/comments"),
        ("PATCH", "/repos/sx/scm/issues/7"),
    ]
    assert _Issues.calls[1][2] == {
        "title": "太原市 2021年第三季度",
        "body": "正文",
        "labels": ["催报"],
    }
    assert _Issues.calls[-1][2] == {"state": "closed", "state_reason": "completed"}


def test_a_refusal_and_a_bad_repository_name_say_what_to_check(github: str):
    api = github_api.GitHubIssues("sx/other", token="", base_url=github)
    with pytest.raises(github_api.GitHubError, match="HTTP 404。请检查仓库名"):
        api.open_issues("催报")
    with pytest.raises(UsageError, match="OWNER/NAME"):
        github_api.GitHubIssues("not a repo")
