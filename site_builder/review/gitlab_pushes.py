"""Who put the commits of a GitLab merge request on its branch: `check-scope --gitlab-mr`.

GitLab's commits API gives only the name and e-mail a commit carries, which anyone can
write; what decides whose rights a commit used is the account that PUSHED it onto the
merge request's source branch. GitLab records every push as a project event with that
account (`author.username`) and the branch's old and new tips (`push_data.commit_from`,
`commit_to`). So the people judged are the merge request's author and every account that
pushed to the source branch since the push that created it; a bulk push (more branches at
once than GitLab records one by one: `push_data.ref` empty) in that time counts its pusher
too, since it may have touched the branch.

Fail closed, with the findings of the GitHub path (`commit_people.py`):

- R015: a commit of base..head that no recorded push to the branch brought (its new tip
  does not contain it), a commit GitLab lists for the merge request outside base..head (a
  push after the pipeline started), or no record of the branch's creation (older than
  GitLab keeps events, beyond the pages read, or created in a bulk push);
- R014: a push whose account GitLab does not name;
- R016: a merge request from a fork, whose pushes are events of the fork, not readable here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from site_builder.errors import DataError
from site_builder.findings import Finding, at_path
from site_builder.review.commit_people import People, request_commits
from site_builder.review.git import output
from site_builder.review.gitlab_api import MergeRequestRecord

_ANSWER = "GitLab 返回的"
_REFUSE = "无法确认合并请求的推送人，为安全起见拒绝。"
Event = dict[str, Any]  # one push event of GitLab's answer, its shape checked
_SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?\Z")  # SHA-1 or SHA-256, as git names them


def push_people(root: Path, base: str, head: str, record: MergeRequestRecord) -> People:
    """The merge request's author and every pusher to its branch, with what cannot be vouched for."""
    iid, author, branch, forked = _merge_request(record.merge_request)
    people = People(logins=[author])
    if forked:
        people.findings.append(
            at_path(
                f"合并请求 !{iid}",
                "R016",
                "这个合并请求来自派生项目（fork），推送记录在派生项目里，无法确认是谁推送了这些提交，"
                "为安全起见拒绝。请在数据仓库中新建分支，再提交合并请求。",
            )
        )
        return people
    shas = request_commits(root, base, head, "合并请求")
    listed = _commit_ids(record.commits)
    pushes, created = _pushes_since_creation(record.events, branch)
    if not created:
        people.findings.append(_no_creation(branch, record))
    for event in pushes:
        login = _pusher(event)
        if login is None:
            tip = str(event["push_data"].get("commit_to") or "")[:12] or "（无）"
            people.findings.append(
                at_path(
                    f"推送 {tip}",
                    "R014",
                    f"一次推送到分支“{branch}”的记录没有对应的 GitLab 账号，无法判断其权限，"
                    "为安全起见拒绝。",
                )
            )
        elif login.casefold() not in {p.casefold() for p in people.logins}:
            people.logins.append(login)
    covered = _pushed_commits(root, base, pushes)
    for sha in shas:
        if sha not in covered:
            people.findings.append(
                at_path(
                    f"提交 {sha[:12]}",
                    "R015",
                    f"GitLab 的推送记录里没有哪一次推送到分支“{branch}”带来了这个提交，"
                    "无法判断它由谁推送，为安全起见拒绝。请重新运行流水线；仍被拒绝时，"
                    "请从目标分支新建分支，重新提交合并请求。",
                )
            )
    checked = set(shas)
    for sha in [s for s in listed if s not in checked]:
        people.findings.append(
            at_path(
                f"提交 {sha[:12]}",
                "R015",
                "GitLab 列出的这个合并请求提交不在本次检查的版本中（流水线开始后又有推送），"
                "为安全起见拒绝。请以最新一次流水线的结果为准。",
            )
        )
    return people


def _merge_request(answer: object) -> tuple[str, str, str, bool]:
    """iid, author's username, source branch, and whether it comes from another project."""
    if not isinstance(answer, dict):
        raise DataError(f"{_ANSWER}合并请求信息不是 JSON 对象，{_REFUSE}")
    author = answer.get("author")
    username = author.get("username") if isinstance(author, dict) else None
    branch = answer.get("source_branch")
    source, target = answer.get("source_project_id"), answer.get("target_project_id")
    missing = [
        name
        for name, ok in (
            ("author.username", isinstance(username, str) and username.strip()),
            ("source_branch", isinstance(branch, str) and branch),
            ("source_project_id", isinstance(source, int)),
            ("target_project_id", isinstance(target, int)),
        )
        if not ok
    ]
    if missing:
        raise DataError(f"{_ANSWER}合并请求信息缺少 {'、'.join(missing)}，{_REFUSE}")
    return str(answer.get("iid", "?")), str(username), str(branch), source != target


def _commit_ids(commits: list[object]) -> list[str]:
    ids = [c.get("id") if isinstance(c, dict) else None for c in commits]
    if not all(isinstance(i, str) and i for i in ids):
        raise DataError(f"{_ANSWER}合并请求提交列表中有不带 id 的条目，{_REFUSE}")
    return [str(i) for i in ids]


def _pushes_since_creation(events: list[object], branch: str) -> tuple[list[Event], bool]:
    """The pushes to `branch` from the newest back to the one that created it, and bulk pushes
    in that time; whether that creation was found."""
    for event in events:
        if not (
            isinstance(event, dict)
            and isinstance(event.get("id"), int)
            and isinstance(event.get("push_data"), dict)
        ):
            raise DataError(f"{_ANSWER}推送记录中有不带 id 或 push_data 的条目，{_REFUSE}")
    checked: list[Event] = [e for e in events if isinstance(e, dict)]
    pushes = []
    # Event ids grow with time; the newest first, whatever order the pages came in.
    for event in sorted(checked, key=lambda e: int(e["id"]), reverse=True):
        data = event["push_data"]
        if data.get("ref_type") != "branch":
            continue
        ref = data.get("ref")
        if ref is None or ref == branch:
            pushes.append(event)
        if ref == branch and data.get("action") == "created":
            return pushes, True
    return pushes, False


def _pusher(event: Event) -> str | None:
    author = event.get("author")
    login = author.get("username") if isinstance(author, dict) else None
    if not isinstance(login, str) or not login.strip():
        login = event.get("author_username")
    return login.strip() if isinstance(login, str) and login.strip() else None


def _pushed_commits(root: Path, base: str, pushes: list[Event]) -> set[str]:
    """Every commit, not already in base, that one of the pushes left at the branch's tip.

    A tip a later force-push removed is no longer in the clone and vouches for nothing.
    """
    tips = {str(e["push_data"].get("commit_to") or "") for e in pushes}
    covered: set[str] = set()
    for tip in sorted(t for t in tips if _SHA.match(t)):
        if output(root, "cat-file", "-e", f"{tip}^{{commit}}") is None:
            continue
        covered.update((output(root, "rev-list", tip, "--not", base) or "").split())
    return covered


def _no_creation(branch: str, record: MergeRequestRecord) -> Finding:
    read, pages = len(record.events), record.event_pages
    where = f"读了 {read} 条推送记录（{pages} 页）" if read else "没有读到推送记录"
    limit = "，已到读取上限" if record.events_left else ""
    return at_path(
        f"分支 {branch}",
        "R015",
        f"{where}{limit}，其中找不到创建分支“{branch}”的那次推送，无法确认所有推送过这个分支的人，"
        "为安全起见拒绝。可能的原因：分支建得太早（GitLab 只保留三年内的推送记录），"
        "或与多个分支一起推送（GitLab 只记一条不带分支名的汇总）。"
        "请从目标分支新建分支单独推送，重新提交合并请求。",
    )
