"""The hidden sheet that says which project, period and schema a workbook is for.

Import reads it instead of any Chinese label or sheet name, and refuses a
workbook that `sctrack template` did not make, or made for another layout.
"""

from __future__ import annotations

import hashlib
import json
import re

from openpyxl import Workbook

from site_builder.load import periods
from site_builder.load.periods import Period, parse_period
from site_builder.office.excel.cells import put
from site_builder.office.excel.layout import SheetPlan, WorkbookError
from site_builder.spec import catalogue, schema
from site_builder.spec.schema_nodes import ID_PATTERN

FORMAT = "1"  # layout version of the workbook; import refuses any other
GENERATOR = "sctrack"
META_SHEET = "_sctrack"


def schema_digest(name: str) -> str:
    """A short fingerprint of a schema: a template made before it changed is noticed."""
    text = json.dumps(schema.load(name), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def write_meta(
    book: Workbook, project: dict, period: Period, sheets: list[SheetPlan], prefilled: str
) -> None:
    """Add the hidden sheet and the workbook's document properties."""
    ws = book.create_sheet(META_SHEET)
    name = schema.report_schema_name(period.is_annual)
    rows = {
        "generator": GENERATOR,
        "format": FORMAT,
        "project": project["id"],
        "period": str(period),
        "kind": project["kind"],
        "enterprise_type": project.get("enterprise_type") or "",
        "schema": name,
        "schema_id": schema.load(name).get("$id", ""),
        "schema_digest": schema_digest(name),
        "parts": ",".join(s.key for s in sheets),
        "prefilled_from": prefilled,
        "created": periods.now().isoformat(timespec="seconds"),
    }
    for row, (key, value) in enumerate(rows.items(), start=1):
        ws.cell(row, 1, key)
        put(ws, row, 2, value)
    ws.sheet_state = "veryHidden"
    props = book.properties
    props.creator = GENERATOR
    props.title = f"{project['name']} {period.label}"
    props.subject = name
    props.keywords = f"sctrack;{project['id']};{period};format={FORMAT}"


def read_meta(book: Workbook) -> dict[str, str]:
    """The hidden sheet's values, or a WorkbookError when the workbook is not a template."""
    refusal = (
        "这个工作簿不是用 sctrack template 生成的填报表，无法导入。"
        "请先运行 sctrack template 项目编号 报告期 -o 文件名.xlsx 生成模板，在模板中填写。"
    )
    if META_SHEET not in book.sheetnames:
        raise WorkbookError(refusal)
    ws = book[META_SHEET]
    meta = {}
    for key, value, *_ in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(key, str):
            meta[key] = "" if value is None else str(value)
    if meta.get("generator") != GENERATOR:
        raise WorkbookError(refusal)
    if meta.get("format") != FORMAT:
        raise WorkbookError(
            f"这个填报表是旧版本 sctrack 生成的（格式 {meta.get('format')}，当前 {FORMAT}），"
            "请用 sctrack template 重新生成模板，把内容复制过去后再导入。"
        )
    period = parse_period(meta.get("period", ""))
    if period is None or meta.get("kind") not in catalogue.KINDS:
        raise WorkbookError(refusal)
    # The project names a folder: anything but a project id (`../../etc`, a newline) is
    # refused before it is joined to a path or quoted in a message.
    if not re.fullmatch(ID_PATTERN, meta.get("project", "")):
        raise WorkbookError(refusal)
    if meta.get("schema") != schema.report_schema_name(period.is_annual):
        raise WorkbookError(refusal)
    return meta
