"""Who made the commits of a pull request, as the forge knows them: `check-scope --commits`.

A pull request's opener is not the only person in it: anyone with Write can push commits
onto another person's branch. GitHub's "list commits on a pull request"
(`gh api --paginate repos/OWNER/NAME/pulls/N/commits`) gives, for each commit, the GitHub
account of its author and of its committer (matched by e-mail). Every one of them is then
judged like the opener. Fail closed: a commit of the range base..head that the list does not
name (GitHub lists at most 250), or whose author has no GitHub account, refuses the pull
request, because nobody can say whose rights it used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.errors import DataError
from site_builder.findings import Finding, at_path
from site_builder.review.git import GitError, run

# The committer GitHub records for a commit made in its web interface (an edit, a merge of
# the base branch): the person is the commit's author, who is judged.
WEB_COMMITTER = "web-flow"
_ROLES = {"author": "作者", "committer": "提交者"}


@dataclass
class People:
    """The logins to judge, and why some commits could not be attributed (findings)."""

    logins: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def read_commit_list(path: Path) -> list[dict[str, Any]]:
    """The commits in GitHub's answer; `--paginate` writes one JSON array per page."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"无法读取提交列表 {path}：{error}") from None
    decoder, position, entries = json.JSONDecoder(), 0, []
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        try:
            page, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise DataError(f"{path} 不是 GitHub 返回的提交列表（JSON）：{error}") from None
        if not isinstance(page, list) or not all(isinstance(e, dict) for e in page):
            raise DataError(f"{path} 不是 GitHub 返回的提交列表：应为提交对象的数组。")
        entries.extend(page)
    return entries


def request_commits(root: Path, base: str, head: str, request: str) -> list[str]:
    """The commits of base..head, oldest first: what a pull or merge request brings, each of
    which must be tied to an account. A DataError (refused) when git cannot list them."""
    try:
        return run(root, "rev-list", "--reverse", f"{base}..{head}").split()
    except GitError as err:
        raise DataError(f"无法列出{request}的提交（{err}），为安全起见拒绝。") from err


def commit_people(root: Path, base: str, head: str, entries: list[dict[str, Any]]) -> People:
    """The GitHub accounts behind every commit of base..head, by GitHub's commit list."""
    shas = request_commits(root, base, head, "拉取请求")
    by_sha = {str(e.get("sha", "")): e for e in entries}
    people = People()
    for sha in shas:
        where = f"提交 {sha[:12]}"
        entry = by_sha.get(sha)
        if entry is None:
            people.findings.append(
                at_path(
                    where,
                    "R015",
                    "GitHub 给出的提交列表里没有这个提交（一个拉取请求最多列出 250 个提交），"
                    "无法判断它由谁提交，为安全起见拒绝。请把改动拆成较小的拉取请求。",
                )
            )
            continue
        _add_people(people, where, entry)
    return people


def _add_people(people: People, where: str, entry: dict[str, Any]) -> None:
    """The author's and committer's accounts of one commit, or R014 for a role without one
    (GitHub's web interface commits as `web-flow`: then only the author is judged)."""
    for role, word in _ROLES.items():
        login = str((entry.get(role) or {}).get("login") or "")
        if role == "committer" and login == WEB_COMMITTER:
            continue
        if login:
            if login.casefold() not in {p.casefold() for p in people.logins}:
                people.logins.append(login)
            continue
        name = str(((entry.get("commit") or {}).get(role) or {}).get("name") or "?")
        people.findings.append(
            at_path(
                where,
                "R014",
                f"这个提交的{word}（{name}）没有对应的 GitHub 账号，无法判断其权限，"
                "为安全起见拒绝。请把提交用的邮箱添加到 GitHub 账号（Settings > Emails），"
                "或用账号的 noreply 邮箱重新提交。",
            )
        )
