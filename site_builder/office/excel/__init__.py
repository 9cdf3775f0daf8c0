"""The Excel round trip: a workbook to fill in for one report, and the report read back from it.

`make_template` (template.py) lays the report schema out for one project and
period: an instructions sheet (说明, guide.py), one sheet per part of the
notice's outline, input cells filled yellow, drop-down lists for the schema's
fixed value sets, numbers checked against the catalogue's range (cells.py).
Every data row carries its YAML path in a hidden column A (tables: a hidden
row of field keys), and a hidden sheet (meta.py) records the project, period
and schema, so import never depends on a Chinese label or a sheet name.

`import_workbook` (importer.py) opens the workbook (workbook.py), reads it
back by the plan of its sheets (layout.py, reader.py) into report data in the
schema's key order, converting and checking every cell (values.py: what a
clerk clearly meant is read with a warning), naming whatever it does not read
(leftovers.py: added sheets, text beside the form, merges across items), then runs
the validator on the report held in memory over the submissions tree
(cellmap.py). Problems come back as findings located at the sheet and cell
(`组织保障!C5`), as lib-cove does for spreadsheets. Nothing here prints; only
`write_report` (report_yaml.py) writes, and only into the tree.
"""

from __future__ import annotations

from site_builder.office.excel.importer import Imported, import_workbook
from site_builder.office.excel.layout import UnknownProject, WorkbookError
from site_builder.office.excel.report_yaml import write_report
from site_builder.office.excel.template import Template, make_template, save

__all__ = [
    "Imported",
    "Template",
    "UnknownProject",
    "WorkbookError",
    "import_workbook",
    "make_template",
    "save",
    "write_report",
]
