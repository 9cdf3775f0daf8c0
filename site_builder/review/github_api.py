"""The few calls of GitHub's REST API that the 催报 sync needs, with the standard library only.

The token comes from the environment (`GITHUB_TOKEN`) and is sent only in the
Authorization header: it never appears in a message, an exception or the output.
`GITHUB_API_URL` (set by GitHub Actions, and on GitHub Enterprise Server) gives the base URL.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from site_builder.errors import DataError, UsageError
from site_builder.review.remind_issues import Issue

DEFAULT_API = "https://api.github.com"
_REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+\Z")
_PAGE_SIZE = 100
_TIMEOUT = 30
# The account behind the GITHUB_TOKEN of a workflow run, which cannot read GET /user.
ACTIONS_BOT = "github-actions[bot]"


class GitHubError(DataError):
    """GitHub refused or could not answer a call; `status` is the HTTP status, 0 without one."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


class GitHubIssues:
    """`IssuesApi` on one GitHub repository."""

    def __init__(self, repo: str, token: str | None = None, base_url: str | None = None):
        if not _REPO.match(repo):
            raise UsageError(f"仓库应写成 OWNER/NAME，例如 sx-commerce/sctrack，而不是 {repo!r}。")
        self.repo = repo
        self._token = token if token is not None else os.environ.get("GITHUB_TOKEN", "")
        self.base_url = (base_url or os.environ.get("GITHUB_API_URL") or DEFAULT_API).rstrip("/")

    def me(self) -> str:
        """The login the token acts as: GET /user, or the Actions bot for a workflow's token."""
        try:
            return str(self._call("GET", "/user", whole_path=True)["login"])
        except GitHubError as error:
            if error.status == 403 and os.environ.get("GITHUB_ACTIONS") == "true":
                return ACTIONS_BOT
            raise

    def open_issues(self, label: str) -> list[Issue]:
        issues: list[Issue] = []
        page = 1
        while True:
            query = urllib.parse.urlencode(
                {"state": "open", "labels": label, "per_page": _PAGE_SIZE, "page": page}
            )
            batch = self._call("GET", f"/issues?{query}")
            for entry in batch:
                if "pull_request" not in entry:  # the issues API lists pull requests too
                    author = str((entry.get("user") or {}).get("login") or "")
                    body = entry.get("body") or ""
                    issues.append(Issue(entry["number"], entry["title"], body, author))
            if len(batch) < _PAGE_SIZE:
                return issues
            page += 1

    def create(self, title: str, body: str, label: str) -> int:
        created = self._call("POST", "/issues", {"title": title, "body": body, "labels": [label]})
        return int(created["number"])

    def update(self, number: int, title: str, body: str) -> None:
        self._call("PATCH", f"/issues/{number}", {"title": title, "body": body})

    def comment(self, number: int, body: str) -> None:
        self._call("POST", f"/issues/{number}/comments", {"body": body})

    def close(self, number: int) -> None:
        self._call("PATCH", f"/issues/{number}", {"state": "closed", "state_reason": "completed"})

    def _call(
        self,
        method: str,
        path: str,
        payload: dict[str, Any] | None = None,
        whole_path: bool = False,
    ) -> Any:
        url = f"{self.base_url}{path}" if whole_path else f"{self.base_url}/repos/{self.repo}{path}"
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "sctrack-remind-sync",
        }
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        data = None
        if payload is not None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json; charset=utf-8"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        where = f"{method} {url.split('?')[0]}"
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise GitHubError(
                f"GitHub 拒绝了请求 {where}：HTTP {error.code}{_hint(error.code)}", error.code
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise GitHubError(f"无法连接 GitHub（{where}）：{reason}") from None
        return json.loads(text) if text else {}


def _hint(code: int) -> str:
    if code in (401, 403):
        return "。请检查 GITHUB_TOKEN 是否有效，工作流是否给了 issues: write 权限。"
    if code == 404:
        return "。请检查仓库名，以及 GITHUB_TOKEN 能否访问这个仓库。"
    return "。"
