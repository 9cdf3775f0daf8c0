"""`sctrack import`: a filled workbook read back and checked as `sctrack validate` would.

The report is checked in memory: its YAML is laid over the submissions tree and
validated there with the rules across files, so nothing is copied and nothing
is written until every check has passed (`write_report`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.findings import WARNING, Finding, has_errors
from site_builder.load.periods import Period, checked_period
from site_builder.load.tree import SubmissionsTree
from site_builder.office.excel.cellmap import CellMap
from site_builder.office.excel.layout import GUIDE_ROWS, GUIDE_SHEET, UnknownProject, WorkbookError
from site_builder.office.excel.meta import read_meta, schema_digest
from site_builder.office.excel.project_files import read_project, read_report
from site_builder.office.excel.reader import GUIDE_SHEET_INDEX, Reader, cell_location
from site_builder.office.excel.report_yaml import to_yaml
from site_builder.office.excel.workbook import open_workbook
from site_builder.validate.values import printable


@dataclass
class Imported:
    project: str
    period: Period
    data: dict[str, Any] | None  # None when there are errors
    target: Path  # the report file the workbook fills
    findings: list[Finding] = field(default_factory=list)
    text: str = ""  # the report YAML, when there are no errors

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def import_workbook(root: Path, path: Path, display: str | None = None) -> Imported:
    """Read a filled template and check it as `sctrack validate` would; nothing is written."""
    display = printable(display or path.name)  # a file name may hold a newline
    tree = SubmissionsTree(root)
    opened = open_workbook(path)
    meta = read_meta(opened.book)
    project_id = meta["project"]
    period = checked_period(meta["period"])  # read_meta has refused any other
    try:
        project = read_project(tree, project_id)
    except UnknownProject as err:
        raise WorkbookError(err.message) from None  # the project is named by the workbook
    reader = Reader(opened, meta, display, _previous(tree, project_id, period))
    data = reader.read()
    findings = list(reader.findings)
    row = GUIDE_ROWS["project"]
    guide = reader.cells.get(
        ("project",), cell_location(display, GUIDE_SHEET, row, 2, GUIDE_SHEET_INDEX)
    )
    warnings = []
    if meta.get("schema_digest") != schema_digest(reader.name):
        message = (
            "这个填报表生成之后，报告的字段定义有过更新。已按新定义检查；若有问题，请重新生成模板。"
        )
        warnings.append(Finding(guide, "S099", message, WARNING))
    target = tree.report_file(project_id, period)
    imported = Imported(project_id, period, None, target)
    if project["kind"] != meta["kind"] or (project.get("enterprise_type") or "") != meta.get(
        "enterprise_type", ""
    ):
        message = (
            "立项信息中本项目的类别（或企业类型）在模板生成后改变了，表中的项目与之不符。"
            "请重新生成模板。"
        )
        findings.append(Finding(guide, "X011", message))
    cells = CellMap(reader.cells, guide)
    findings += [
        finding
        for finding in cells.schema_findings(reader.name, data, display)
        if finding.code != "S001"  # every required value is checked at its cell by the reader
    ]
    if has_errors(findings):
        imported.findings = sorted(set(findings)) + warnings
        return imported
    text = to_yaml(data, period.is_annual, target)
    findings += cells.rule_findings(tree, target, text)
    imported.findings = sorted(set(findings)) + warnings
    if imported.ok:
        imported.data = data
        imported.text = text
    return imported


def _previous(tree: SubmissionsTree, project_id: str, period: Period) -> dict | None:
    """The last period's report, whose figures the template shows beside the inputs."""
    try:
        return read_report(tree, project_id, period.previous())
    except WorkbookError:
        return None  # unreadable: every figure in the 上期数 column is then named
