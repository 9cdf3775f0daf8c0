"""check-scope --gitlab-mr: a real git repository and a GitLab API on this machine.

The API serves what GitLab's documentation shows (docs.gitlab.com/api/merge_requests/,
/api/events/): the merge request, its commits, and the project's push events newest first,
100 a page. Each test pushes commits as a person would, and the API records the push.
"""

from __future__ import annotations

import json
import shutil
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import FIXTURES, invoke
from gitrepo import Repo

pytestmark = pytest.mark.slow

ALPHA = "submissions/projects/alpha-region"
BRANCH = "alpha-2021q3"
TOKEN = "glpat-secret-read-token"
PROJECT, IID = 7, 12
ALLOW, REFUSE = 0, 1


class FakeGitLab:
    """One project's merge request !12 and push events, as GitLab's REST API gives them."""

    def __init__(self, head_of):
        self.head_of = head_of  # the branch tip now, from the real repository
        self.merge_request = {
            "id": 99,
            "iid": IID,
            "project_id": PROJECT,
            "source_branch": BRANCH,
            "target_branch": "main",
            "source_project_id": PROJECT,
            "target_project_id": PROJECT,
            "author": {"id": 3, "username": "alpha-clerk", "name": "Alpha"},
        }
        self.commits: list[dict] = []
        self.events: list[dict] = []  # oldest first; served newest first
        self.broken: dict[str, tuple[int, str]] = {}  # path suffix -> (status, body)
        self.requests: list[tuple[str, dict, str]] = []
        self.next_page_header = True

    def push(self, user: str, *, ref: str = BRANCH, before=None, after=None, action="pushed"):
        data = {"commit_count": 1, "action": action, "ref_type": "branch", "ref": ref}
        data.update({"commit_from": before, "commit_to": after, "commit_title": "报告"})
        self.events.append(
            {
                "id": 1000 + len(self.events),
                "project_id": PROJECT,
                "action_name": "pushed new" if action == "created" else "pushed to",
                "author": {"username": user, "name": user.title()},
                "author_username": user,
                "push_data": data,
            }
        )

    def bulk_push(self, user: str):
        """More branches in one push than GitLab records one by one: no ref, no tips."""
        data = {"commit_count": 0, "action": "pushed", "ref_type": "branch", "ref_count": 5}
        data.update({"ref": None, "commit_from": None, "commit_to": None})
        self.events.append({"id": 1000 + len(self.events), "author": {"username": user}})
        self.events[-1]["push_data"] = data

    def answer(self, path: str, query: dict) -> tuple[int, str, str | None]:
        """Status, body and X-Next-Page (None: the header is not sent, as behind some proxies)."""
        prefix = f"/api/v4/projects/{PROJECT}"
        for suffix, (status, body) in self.broken.items():
            if path == prefix + suffix:
                return status, body, ""
        page, size = int(query.get("page", 1)), int(query.get("per_page", 20))
        if path == f"{prefix}/merge_requests/{IID}":
            return 200, json.dumps(self.merge_request), None
        if path == f"{prefix}/merge_requests/{IID}/commits":
            listed = self.commits or [{"id": sha} for sha in self.head_of()]
            return self._page(listed, page, size)
        if path == f"{prefix}/events" and query.get("action") == "pushed":
            return self._page(self.events[::-1], page, size)
        return 404, json.dumps({"message": "404 Not Found"}), None

    def _page(self, items: list[dict], page: int, size: int) -> tuple[int, str, str | None]:
        # GitLab pages first, then drops what the token may not see: a page can be short.
        shown = [i for i in items[(page - 1) * size : page * size] if not i.get("hidden")]
        next_page = str(page + 1) if page * size < len(items) else ""
        return 200, json.dumps(shown), next_page if self.next_page_header else None


@pytest.fixture
def repo(tmp_path) -> Repo:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    repo = Repo(root)
    repo.commit("base", "2021-06-01")
    repo.git("checkout", "-q", "-b", BRANCH)
    return repo


@pytest.fixture
def gitlab(repo, monkeypatch):
    def mr_commits():
        return repo.git("rev-list", f"main..{BRANCH}").split()

    api = FakeGitLab(mr_commits)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            api.requests.append((url.path, query, self.headers.get("PRIVATE-TOKEN", "")))
            status, body, next_page = api.answer(url.path, query)
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if next_page is not None:
                self.send_header("X-Next-Page", next_page)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("CI_API_V4_URL", f"http://127.0.0.1:{server.server_port}/api/v4")
    monkeypatch.setenv("CI_PROJECT_ID", str(PROJECT))
    monkeypatch.setenv("SCTRACK_READ_TOKEN", TOKEN)
    yield api
    server.shutdown()
    server.server_close()


def _commit(repo: Repo, path: str, git_author: str) -> str:
    """A commit whose name and e-mail say `git_author`: anyone can write them."""
    repo.write(path, f"project: alpha-region\n# {git_author}\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "报告", date="2021-06-02", author=git_author)
    return repo.git("rev-parse", "HEAD").strip()


def _scope(repo: Repo):
    result = invoke(
        "check-scope", "--root", str(repo.root), "--gitlab-mr", str(IID),
        "--base", "main", "--head", BRANCH,
    )  # fmt: skip
    assert TOKEN not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_a_commit_pushed_by_a_second_submitter_without_rights_refuses_the_merge_request(
    repo, gitlab
):
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", action="created", after=first)
    # beta-clerk writes alpha-clerk's name and e-mail into the commit: only the push tells.
    second = _commit(repo, f"{ALPHA}/2021-Q4.yaml", "alpha-clerk")
    gitlab.push("beta-clerk", before=first, after=second)
    result = _scope(repo)
    assert result.returncode == REFUSE, result.stdout + result.stderr
    assert "R010" in result.stdout and "beta-clerk 不是项目“alpha-region”的报送人" in result.stdout
    assert "alpha-clerk、beta-clerk 中有人无权修改" in result.stderr
    # The merge request and its commits were read with the read-only token.
    assert {token for _, _, token in gitlab.requests} == {TOKEN}


def test_pushes_by_the_author_alone_pass_among_other_branches_and_an_earlier_branch(repo, gitlab):
    for n in range(150):  # older pushes: two pages GitLab need not be asked for
        gitlab.push("beta-clerk", ref=f"old-{n}", before="b" * 40, after="c" * 40)
    # The same branch name lived before, pushed by beta-clerk, and was deleted.
    gitlab.push("beta-clerk", action="created", after="a" * 40)
    gitlab.push("beta-clerk", action="removed", before="a" * 40)
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "clerk")
    gitlab.push("alpha-clerk", action="created", after=first)
    # 250 pushes to other branches and tags by others: three pages of events.
    for n in range(250):
        gitlab.push("beta-clerk", ref=f"beta-{n}", before="b" * 40, after="c" * 40)
    gitlab.events[-1]["push_data"]["ref_type"] = "tag"
    gitlab.events[-2]["push_data"]["ref"] = BRANCH  # a tag of the same name is not the branch
    gitlab.events[-2]["push_data"]["ref_type"] = "tag"
    for event in gitlab.events[-20:-10]:
        event["hidden"] = True  # not visible to the token: the first page is short
    second = _commit(repo, f"{ALPHA}/2021-Q4.yaml", "someone-else")
    gitlab.push("alpha-clerk", before=first, after=second)
    # A maintainer's push onto the branch takes nothing away.
    third = _commit(repo, f"{ALPHA}/2021-Q2.yaml", "province-admin")
    gitlab.push("province-admin", before=second, after=third)
    result = _scope(repo)
    assert result.returncode == ALLOW, result.stdout + result.stderr
    assert "alpha-clerk、province-admin 都可以修改这 3 个文件" in result.stdout
    # Newest first, page by page, and no further than the page that created the branch.
    pages = [q for path, q, _ in gitlab.requests if path.endswith("/events")]
    assert [(q["action"], q["sort"], q["page"], q["per_page"]) for q in pages] == [
        ("pushed", "desc", str(n), "100") for n in (1, 2, 3)
    ]


def test_a_commit_no_push_accounts_for_refuses_the_merge_request(repo, gitlab):
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", action="created", after=first)
    second = _commit(repo, f"{ALPHA}/2021-Q4.yaml", "alpha-clerk")  # no event records it
    result = _scope(repo)
    assert result.returncode == REFUSE
    assert f"提交 {second[:12]}: R015" in result.stdout
    assert "没有哪一次推送到分支“alpha-2021q3”带来了这个提交" in result.stdout
    assert f"提交 {first[:12]}" not in result.stdout
    # The closing line says why: not rights, but a commit no account can be tied to.
    assert "有 1 处无法确认由谁提交或推送" in result.stderr
    assert "无权修改" not in result.stderr


def test_a_branch_whose_creation_is_not_on_record_refuses_the_merge_request(repo, gitlab):
    """GitLab keeps events three years; a bulk push records no branch name."""
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", before="d" * 40, after=first)
    result = _scope(repo)
    assert result.returncode == REFUSE
    assert f"分支 {BRANCH}: R015" in result.stdout
    assert "找不到创建分支“alpha-2021q3”的那次推送" in result.stdout
    assert "读了 1 条推送记录（1 页），其中" in result.stdout
    # Without X-Next-Page (a proxy may drop it), only an empty page ends the list.
    gitlab.next_page_header = False
    assert "读了 1 条推送记录（2 页），其中" in _scope(repo).stdout


def test_a_branch_beyond_the_pages_read_is_refused_and_the_message_says_why(
    repo, gitlab, monkeypatch
):
    from site_builder.review import gitlab_api

    monkeypatch.setattr(gitlab_api, "MAX_EVENT_PAGES", 2)
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", action="created", after=first)
    for n in range(250):
        gitlab.push("beta-clerk", ref=f"beta-{n}", before="b" * 40, after="c" * 40)
    result = _scope(repo)
    assert result.returncode == REFUSE
    assert "读了 200 条推送记录（2 页），已到读取上限" in result.stdout
    assert len([p for p, _, _ in gitlab.requests if p.endswith("/events")]) == 2
    # With more pages allowed, the third one holds the branch's creation.
    gitlab.next_page_header, gitlab.requests = False, []
    monkeypatch.setattr(gitlab_api, "MAX_EVENT_PAGES", 5)
    assert _scope(repo).returncode == ALLOW
    assert len([p for p, _, _ in gitlab.requests if p.endswith("/events")]) == 3


def test_a_bulk_push_during_the_branch_s_life_judges_its_pusher(repo, gitlab):
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", action="created", after=first)
    gitlab.bulk_push("beta-clerk")
    second = _commit(repo, f"{ALPHA}/2021-Q4.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", before=first, after=second)
    result = _scope(repo)
    assert result.returncode == REFUSE
    assert "beta-clerk 不是项目“alpha-region”的报送人" in result.stdout


def test_a_merge_request_from_a_fork_is_refused(repo, gitlab):
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", action="created", after=first)
    gitlab.merge_request["source_project_id"] = 8
    result = _scope(repo)
    assert result.returncode == REFUSE
    assert f"合并请求 !{IID}: R016" in result.stdout and "派生项目" in result.stdout


def test_a_commit_gitlab_lists_outside_the_checked_range_is_refused(repo, gitlab):
    """A push after the pipeline started: this pipeline's verdict is not the merge request's."""
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", action="created", after=first)
    gitlab.commits = [{"id": "e" * 40}, {"id": first}]
    result = _scope(repo)
    assert result.returncode == REFUSE
    assert f"提交 {'e' * 12}: R015" in result.stdout and "流水线开始后又有推送" in result.stdout


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ({f"/merge_requests/{IID}": (200, "{not json")}, "的回答不是 JSON"),
        ({f"/merge_requests/{IID}": (200, '{"iid": 12}')}, "缺少 author.username、source_branch"),
        ({f"/merge_requests/{IID}": (401, "{}")}, "HTTP 401。请检查 CI/CD 变量 SCTRACK_READ_TOKEN"),
        ({"/events": (500, "{}")}, "HTTP 500"),
        ({"/events": (200, '{"message": "x"}')}, "的回答不是列表"),
        ({"/events": (200, '[{"id": 1}]')}, "推送记录中有不带 id 或 push_data 的条目"),
        ({f"/merge_requests/{IID}/commits": (200, "[{}]")}, "提交列表中有不带 id 的条目"),
    ],
    ids=["garbled", "missing-fields", "token-refused", "server-error", "not-a-list", "no-push-data", "commit-without-id"],
)  # fmt: skip
def test_an_api_answer_that_cannot_be_read_refuses_with_a_message(repo, gitlab, broken, message):
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    gitlab.push("alpha-clerk", action="created", after=first)
    gitlab.broken = broken
    result = _scope(repo)
    assert result.returncode == REFUSE, result.stdout + result.stderr
    assert message in result.stderr and "为安全起见拒绝" in result.stderr


def test_without_the_token_or_the_job_s_variables_the_command_says_what_is_missing(
    repo, gitlab, monkeypatch
):
    monkeypatch.delenv("SCTRACK_READ_TOKEN")
    monkeypatch.delenv("CI_PROJECT_ID")
    result = _scope(repo)
    assert result.returncode == 2
    assert "没有设置环境变量 CI_PROJECT_ID、SCTRACK_READ_TOKEN" in result.stderr
    assert gitlab.requests == []
    nobody = invoke("check-scope", "--root", str(repo.root), "--base", "main")
    assert nobody.returncode == 2 and "--gitlab-mr" in nobody.stderr
