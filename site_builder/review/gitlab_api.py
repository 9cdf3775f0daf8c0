"""What GitLab's REST API says about one merge request, read with the standard library only.

`check-scope --gitlab-mr IID` (the `scope` job of examples/gitlab-ci.yml) reads three things
with the read-only token of the CI/CD variable `SCTRACK_READ_TOKEN` (Reporter, `read_api`):

- the merge request (`GET /projects/:id/merge_requests/:iid`): its author, source branch
  and source and target projects;
- its commits (`GET /projects/:id/merge_requests/:iid/commits`);
- the project's push events (`GET /projects/:id/events?action=pushed`), newest first, page
  by page until the push that created the source branch; `review/gitlab_pushes.py` turns
  them into the accounts that pushed onto the branch.

The base URL and the project come from the job's predefined variables (`CI_API_V4_URL`,
`CI_PROJECT_ID`). The token is sent only in the PRIVATE-TOKEN header: it never appears in a
message, an exception or the output. Every failure is a DataError: a merge request nobody
can vouch for is refused.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from site_builder.errors import DataError, UsageError

TOKEN_VARIABLE = "SCTRACK_READ_TOKEN"
API_VARIABLE = "CI_API_V4_URL"
PROJECT_VARIABLE = "CI_PROJECT_ID"
PAGE_SIZE = 100  # GitLab's largest page
# How many pages of push events are read, at most, looking for the push that created the
# source branch: 50 pages of 100 events. A branch older than that is refused (the deploy
# guide says to open the merge request from a new branch).
MAX_EVENT_PAGES = 50
MAX_COMMIT_PAGES = 50
_TIMEOUT = 30


@dataclass
class MergeRequestRecord:
    """GitLab's answers, as JSON values; `gitlab_pushes.push_people` judges their shape."""

    merge_request: object
    commits: list[object] = field(default_factory=list)
    events: list[object] = field(default_factory=list)
    event_pages: int = 0  # how many pages of push events were read
    events_left: bool = False  # whether GitLab had more pages when the reading stopped


class GitLabApi:
    """The read-only calls on one project of one GitLab instance."""

    def __init__(self, api_url: str, project: str, token: str):
        self.api_url = api_url.rstrip("/")
        self.project = urllib.parse.quote(project, safe="")
        self._token = token

    @classmethod
    def from_environment(cls) -> GitLabApi:
        """The instance, project and token of the running GitLab CI job."""
        values = {name: os.environ.get(name, "") for name in (API_VARIABLE, PROJECT_VARIABLE)}
        values[TOKEN_VARIABLE] = os.environ.get(TOKEN_VARIABLE, "")
        missing = [name for name, value in values.items() if not value.strip()]
        if missing:
            raise UsageError(
                f"没有设置环境变量 {'、'.join(missing)}：--gitlab-mr 只能在 GitLab CI 的"
                f"合并请求流水线中使用，并且要把只读令牌设为 CI/CD 变量 {TOKEN_VARIABLE}。"
            )
        return cls(values[API_VARIABLE], values[PROJECT_VARIABLE], values[TOKEN_VARIABLE])

    def merge_request(self, iid: int) -> MergeRequestRecord:
        """The merge request, its commits, and the push events back to its branch's creation."""
        merge_request, _ = self._get(f"/merge_requests/{iid}", {})
        record = MergeRequestRecord(merge_request)
        record.commits = self._pages(f"/merge_requests/{iid}/commits", {}, MAX_COMMIT_PAGES)
        branch = merge_request.get("source_branch") if isinstance(merge_request, dict) else None
        if not isinstance(branch, str):
            return record  # push_people refuses the malformed answer with its own message
        query: dict[str, Any] = {"action": "pushed", "sort": "desc"}
        for page in range(1, MAX_EVENT_PAGES + 1):
            batch, record.events_left = self._page("/events", query, page)
            record.events.extend(batch)
            record.event_pages = page
            if not record.events_left or any(_creates(event, branch) for event in batch):
                break
        return record

    def _pages(self, path: str, query: dict[str, Any], limit: int) -> list[object]:
        entries: list[object] = []
        for page in range(1, limit + 1):
            batch, more = self._page(path, query, page)
            entries.extend(batch)
            if not more:
                return entries
        raise DataError(
            f"GitLab 的 {path} 超过 {limit} 页，没有读完，为安全起见拒绝。"
            "请把改动拆成较小的合并请求。"
        )

    def _page(self, path: str, query: dict[str, Any], page: int) -> tuple[list[object], bool]:
        """One page, and whether another follows.

        GitLab names the next page in `X-Next-Page` (empty on the last). A page can be short
        and still not the last (the events API drops, after paging, the events the token
        may not see), so without the header only an empty page ends the list.
        """
        batch, next_page = self._get(path, {**query, "per_page": PAGE_SIZE, "page": page})
        if not isinstance(batch, list):
            raise DataError(f"GitLab 对 {path} 的回答不是列表，无法确认推送人，为安全起见拒绝。")
        more = bool(next_page.strip()) if next_page is not None else bool(batch)
        return batch, more

    def _get(self, path: str, query: dict[str, Any]) -> tuple[object, str | None]:
        """GitLab's answer, and its `X-Next-Page` header (None when it sent none)."""
        url = f"{self.api_url}/projects/{self.project}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        headers = {"PRIVATE-TOKEN": self._token, "User-Agent": "sctrack-check-scope"}
        request = urllib.request.Request(url, headers=headers, method="GET")
        where = f"GET {url.split('?')[0]}"
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                text = response.read().decode("utf-8")
                next_page = response.headers.get("X-Next-Page")
        except urllib.error.HTTPError as error:
            raise DataError(
                f"GitLab 拒绝了请求 {where}：HTTP {error.code}{_hint(error.code)}"
                "无法确认合并请求的推送人，为安全起见拒绝。"
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "reason", error)
            raise DataError(f"无法读取 GitLab（{where}）：{reason}，为安全起见拒绝。") from None
        try:
            return json.loads(text), next_page
        except json.JSONDecodeError as error:
            raise DataError(
                f"GitLab 对 {where} 的回答不是 JSON（{error}），无法确认推送人，为安全起见拒绝。"
            ) from None


def _creates(event: object, branch: str) -> bool:
    """Whether a push event is the one that created `branch` (the oldest push that matters)."""
    if not isinstance(event, dict) or not isinstance(event.get("push_data"), dict):
        return False
    data: dict[str, Any] = event["push_data"]
    return bool(
        data.get("action") == "created"
        and data.get("ref_type") == "branch"
        and data.get("ref") == branch
    )


def _hint(code: int) -> str:
    if code in (401, 403):
        return f"。请检查 CI/CD 变量 {TOKEN_VARIABLE} 是否有效、是否为 Reporter 角色并有 read_api 权限；"
    if code == 404:
        return "。请检查令牌能否访问这个项目和合并请求；"
    return "；"
