"""The Excel round trip: a workbook to fill in for one report, and the report read back from it.

`make_template` lays the report schema out for one project and period: an
instructions sheet (说明), one sheet per part of the notice's outline, input
cells filled yellow, drop-down lists for the schema's fixed value sets,
numbers checked against the catalogue's range. Every data row carries its
YAML path in a hidden column A (tables: a hidden row of field keys), and a
hidden sheet records the project, period and schema, so import never depends
on a Chinese label or a sheet name.

`import_workbook` reads a filled workbook back into report data in the
schema's key order, checks every cell, runs the validator's schema check in
memory with positions that point at cells, then the rules across files on a
temporary copy of the project's folder. Problems come back as findings that
name the sheet and cell (`组织保障!C5`), as lib-cove does for spreadsheets.
Nothing here prints; only `write_report` writes, and only into the tree.
"""

from __future__ import annotations

from site_builder.office.excel.layout import UnknownProject, WorkbookError
from site_builder.office.excel.reader import import_workbook, write_report
from site_builder.office.excel.template import make_template, save

__all__ = [
    "UnknownProject",
    "WorkbookError",
    "import_workbook",
    "make_template",
    "save",
    "write_report",
]
