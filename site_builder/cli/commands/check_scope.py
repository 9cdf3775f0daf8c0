"""`sctrack check-scope`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import REVISION, findings_format_option, root_option
from site_builder.cli.output import print_findings, say
from site_builder.errors import DataError, UsageError
from site_builder.findings import Finding, has_errors


@click.command("check-scope")
@root_option
@click.option(
    "--author",
    "authors",
    multiple=True,
    help="要检查权限的账号：拉取请求的作者，最后推送的人；可写多次，每个人都须有权限。",
)
@click.option(
    "--commits",
    "commits_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="GitHub 给出的拉取请求提交列表（JSON）：每个提交的作者和提交者也须有权限。",
)
@click.option(
    "--gitlab-mr",
    "gitlab_mr",
    type=click.IntRange(min=1),
    help="GitLab 合并请求的编号（IID）：通过 API 读取它的作者和推送到源分支的每个账号，都须有权限"
    "（在 GitLab CI 中使用，读取 CI_API_V4_URL、CI_PROJECT_ID 和只读令牌 SCTRACK_READ_TOKEN）。",
)
@click.option(
    "--base", required=True, type=REVISION, help="目标分支的版本（合并基点），规则从这个版本读取。"
)
@click.option("--head", default="HEAD", show_default=True, type=REVISION, help="拉取请求的版本。")
@findings_format_option
def check_scope(
    root: Path,
    authors: tuple[str, ...],
    commits_path: Path | None,
    gitlab_mr: int | None,
    base: str,
    head: str,
    output_format: str,
) -> None:
    """检查拉取请求涉及的每个人是否都有权修改这些文件。退出码：0 允许，1 拒绝，2 用法错误。

    报送人只能新增和修改自己项目（project.yaml 的 submitters 列出了他）的报告文件；
    登记信息、新项目、工作流和程序只能由省级维护人员（registry/cities.yaml）修改；
    符号链接一律拒绝；无法判断的改动一律拒绝。每个被拒绝的路径一行：路径: CODE 原因。
    给了 --commits 时，每个提交的作者和提交者都要检查；说不出是谁的提交一律拒绝。
    给了 --gitlab-mr 时，合并请求的作者和推送到源分支的每个账号都要检查；
    没有推送记录的提交、来自派生项目的合并请求、读不到的 API 一律拒绝。

    示例：

        sctrack check-scope --author taiyuan-bureau-demo --base origin/main --head HEAD

        sctrack check-scope --author taiyuan-bureau-demo --base origin/main --format github

        sctrack check-scope --author alice --author bob --commits commits.json --base origin/main

        sctrack check-scope --gitlab-mr "$CI_MERGE_REQUEST_IID" --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"
    """
    from site_builder.review.check_scope import check
    from site_builder.review.commit_people import commit_people, read_commit_list

    if not authors and gitlab_mr is None:
        raise UsageError("请用 --author 写出要检查的账号，或用 --gitlab-mr 从 GitLab 读取。")
    people = list(authors)
    unattributed = []
    if commits_path is not None:
        found_people = commit_people(root, base, head, read_commit_list(commits_path))
        people += found_people.logins
        unattributed += found_people.findings
    if gitlab_mr is not None:
        from site_builder.review.gitlab_api import GitLabApi
        from site_builder.review.gitlab_pushes import push_people

        record = GitLabApi.from_environment().merge_request(gitlab_mr)
        pushers = push_people(root, base, head, record)
        people += pushers.logins
        unattributed += pushers.findings
    found, refused_changes = check(root, people, base, head)
    refusals = unattributed + refused_changes
    who = "、".join(dict.fromkeys(p.strip() for p in people if p.strip()))
    print_findings(refusals, len(found), "个改动")
    if has_errors(refusals):
        raise DataError(_refusal(who, unattributed, refused_changes))
    if not found:
        say("没有改动任何文件。")
    else:
        say(f"允许：{who} 都可以修改这 {len(found)} 个文件。")


def _refusal(who: str, unattributed: list[Finding], refused_changes: list[Finding]) -> str:
    """The closing line names what was refused: changes beyond someone's rights, commits
    (or a merge request) that cannot be tied to an account, or both."""
    reasons = []
    unattributed = [f for f in unattributed if f.is_error]
    if refused_changes:
        reasons.append(f"{who} 中有人无权修改以上 {len(refused_changes)} 处改动")
    if unattributed:
        reasons.append(f"有 {len(unattributed)} 处无法确认由谁提交或推送（见上），无从判断权限")
    return "拒绝：" + "；".join(reasons) + "。"
