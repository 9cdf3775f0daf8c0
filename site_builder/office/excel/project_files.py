"""The files a workbook is made from and imported into, read through the submissions tree:
the project's registration, its reports and the reporting policy."""

from __future__ import annotations

import re

from site_builder.load.periods import Period
from site_builder.load.records import Policy
from site_builder.load.tree import SubmissionsTree, project_file_path
from site_builder.office.excel.layout import UnknownProject, WorkbookError
from site_builder.spec import schema

_PROJECT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def read_project(tree: SubmissionsTree, project_id: str) -> dict:
    """The project's registration, schema-valid, or UnknownProject / WorkbookError."""
    path = tree.project_file(project_id)
    if not _PROJECT_ID.fullmatch(project_id) or not path.is_file():
        hint = "、".join(tree.project_ids()[:30]) or "（没有）"
        raise UnknownProject(
            f"找不到项目“{project_id}”（{project_file_path(project_id)}）。已有项目：{hint}。"
        )
    parsed = tree.read(path)
    if parsed is None or parsed.data is None or not schema.is_valid("project", parsed.data):
        raise WorkbookError(
            f"立项信息 {tree.display(path)} 有错误，请先运行 sctrack validate 改正后再生成或导入。"
        )
    return parsed.data


def read_policy(tree: SubmissionsTree) -> Policy:
    """The reporting policy when policy.yaml is valid, else the defaults."""
    parsed = tree.read(tree.registry_file("policy"))
    if parsed is not None and parsed.data is not None and schema.is_valid("policy", parsed.data):
        return Policy.from_data(parsed.data)
    return Policy()


def read_report(tree: SubmissionsTree, project_id: str, period: Period) -> dict | None:
    """A report's data; None when there is none; a WorkbookError when it cannot be read."""
    path = tree.report_file(project_id, period)
    parsed = tree.read(path)
    if parsed is None:
        return None
    if parsed.data is None:
        problems = "；".join(f"第 {f.line} 行：{f.message}" for f in parsed.findings)
        raise WorkbookError(
            f"现有报告 {tree.display(path)} 无法读取（{problems}）。请先改正它，或删除后重新填写。"
        )
    return parsed.data
