"""Who may change what: `sctrack check-scope`.

CODEOWNERS only decides who must approve; this decides whether the people of
a pull request may touch the changed paths at all: its opener, whoever pushed last,
and the author and committer of every commit (`review/commit_people.py`). Each of
them is judged against the whole change; one without the rights refuses it. The rules are read from
the BASE revision (so a pull request cannot grant itself rights):

- the province's maintainers (registry/cities.yaml) may change anything but
  symlinks and submodules;
- a submitter may add and edit report files of the projects whose
  project.yaml lists them under `submitters`; nothing else (not project.yaml,
  not another project, not the registry, workflows or code, no deletions);
- symlinks are always refused; anything that cannot be classified is refused
  (fail closed).

Each refused path is a `Finding` (codes R0xx) printed by the shared reporters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.errors import DataError
from site_builder.findings import Finding, at_path
from site_builder.load.tree import (
    PROJECT_FILE,
    SUBMISSIONS,
    in_registry,
    in_submissions,
    period_of,
    project_entry,
    registry_path,
)
from site_builder.load.yamlsafe import parse_text
from site_builder.review.git import Change, GitError, changes, list_files, show


@dataclass
class Rules:
    maintainers: set[str]  # casefolded GitHub logins
    submitters: dict[str, set[str]]  # project id -> casefolded logins
    paths: set[str]  # every file at BASE, to spot paths that differ only in case


def _data(text: str | None, display: str) -> dict[str, Any]:
    if text is None:
        return {}
    return parse_text(text, display).data or {}


def read_rules(root: Path, base: str) -> Rules:
    cities = _data(show(root, base, registry_path("cities")), "cities.yaml")
    maintainers = {str(m).casefold() for m in (cities.get("province") or {}).get("maintainers", [])}
    paths = set(list_files(root, base, SUBMISSIONS))
    submitters = {}
    for path in paths:
        entry = project_entry(path)
        if entry and entry[1] == PROJECT_FILE:
            project = _data(show(root, base, path), path)
            submitters[entry[0]] = {str(s).casefold() for s in project.get("submitters", []) or []}
    return Rules(maintainers, submitters, paths | {p.rsplit("/", 1)[0] for p in paths})


def _case_twin(path: str, known: set[str]) -> str | None:
    folded = path.casefold()
    for other in known:
        if other != path and other.casefold() == folded:
            return other
    # A folder that differs only in case, e.g. projects/Taiyuan-Region/…
    parts = path.split("/")
    for depth in range(1, len(parts)):
        prefix = "/".join(parts[:depth])
        for other in known:
            if other != prefix and other.casefold() == prefix.casefold():
                return other
    return None


def _submitter_may(
    path: str, change: Change, author: str, rules: Rules, *, old: bool = False
) -> tuple[str, str] | None:
    """None when the submitter may make this change to `path`, else (code, reason in Chinese).

    `old` is the source of a rename: it only has to belong to one of the author's projects.
    """
    entry = project_entry(path)
    if not entry:
        if in_registry(path):
            return "R005", "登记信息（registry/）只能由省商务厅维护人员修改。"
        if path.startswith(".github/"):
            return "R006", "工作流和审核规则（.github/）只能由省级维护人员修改。"
        if in_submissions(path):
            return "R007", "报送文件只能放在 submissions/projects/<项目编号>/ 下。"
        return "R008", "程序、文档和配置只能由省级维护人员修改。"
    project, name = entry
    if project not in rules.submitters:
        return "R009", f"项目文件夹“{project}”在目标分支上不存在；新增项目须由省商务厅登记。"
    if author not in rules.submitters[project]:
        return (
            "R010",
            f"{author} 不是项目“{project}”的报送人，不能修改它的文件（报送人见该项目 project.yaml 的 submitters）。",
        )
    if old:
        if change.status == "R" and period_of(name) is not None and path in rules.paths:
            # The report at base is confirmed; renaming it to another period removes it.
            return "R013", "把已报送的报告改名为另一报告期，等于删除它，须由省商务厅处理。"
        return None
    if name == PROJECT_FILE:
        return "R011", "立项信息（project.yaml）由省商务厅登记和修改，如需变更请联系省商务厅。"
    if period_of(name) is None:
        return (
            "R012",
            "项目文件夹中只能提交按报告期命名的报告，例如 2021-Q3.yaml 或 2021-annual.yaml。",
        )
    if change.status == "D":
        return "R013", "删除已报送的报告须由省商务厅处理；如需更正，请修改报告内容。"
    return None


def _refused(change: Change, rules: Rules) -> Finding | None:
    """What nobody may commit, maintainers included."""
    if change.is_symlink:
        return at_path(change.path, "R001", "不允许提交符号链接（可能把仓库外的文件带进站点）。")
    if change.is_submodule:
        return at_path(change.path, "R002", "不允许提交子模块。")
    if change.status not in "AMDRC":
        return at_path(
            change.path, "R003", f"无法识别的改动类型（{change.status}），为安全起见拒绝。"
        )
    twin = _case_twin(change.path, rules.paths) if change.status in "AMRC" else None
    if twin is not None:
        return at_path(
            change.path,
            "R004",
            f"与已有的“{twin}”只有大小写不同，在 Windows 和 macOS 上会被当成同一个文件，请使用原有名称。",
        )
    return None


def check(
    root: Path, authors: list[str], base: str, head: str
) -> tuple[list[Change], list[Finding]]:
    """The changes from base to head, and one finding per path one of `authors` may not change.

    Raises DataError when git cannot tell what changed: what cannot be read is refused.
    """
    try:
        rules = read_rules(root, base)
        found = changes(root, base, head)
    except GitError as err:
        raise DataError(f"无法读取改动（{err}），为安全起见拒绝。") from err
    people = list(dict.fromkeys(a.strip().casefold() for a in authors if a.strip()))
    findings: list[Finding] = []
    for change in found:
        refused = _refused(change, rules)
        if refused is not None:
            findings.append(refused)
            continue
        for author in people:
            if author not in rules.maintainers:
                findings.extend(_submitter_findings(change, author, rules))
    return found, findings


def _submitter_findings(change: Change, author: str, rules: Rules) -> list[Finding]:
    findings = []
    for path in [change.path] + ([change.old_path] if change.old_path else []):
        refusal = _submitter_may(path, change, author, rules, old=path == change.old_path)
        if refusal:
            code, reason = refusal
            if path == change.path and change.old_path:
                reason = f"由 {change.old_path} 改名而来：{reason}"
            findings.append(at_path(path, code, reason))
    return findings
