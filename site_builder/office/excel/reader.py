"""Reading a filled workbook back into a report (`sctrack import`)."""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook, load_workbook

from site_builder.spec import catalogue
from site_builder.spec import schema
from site_builder.validate.findings import ERROR, WARNING
from site_builder.load.tree import SUBMISSIONS
from site_builder.load.periods import Period, parse_period
from site_builder.load.yamlsafe import Positions, parse_text
from site_builder.load.yamlvalues import resolve_plain
from site_builder.office.excel.layout import (  # the shared layout: columns, styles, the plan of sheets
    FORMAT,
    GENERATOR,
    GUIDE_ROWS,
    GUIDE_SHEET,
    KEY_COL,
    LABEL_COL,
    MAX_BYTES,
    META_SHEET,
    NO,
    VALUE_COL,
    YES,
    Field,
    SheetPlan,
    WorkbookError,
    _cell_ref,
    _required_top,
    _width,
    plan,
    project_folder,
    read_project,
    report_path,
    schema_digest,
)

# --- reading a workbook back -------------------------------------------------------------


@dataclass(frozen=True, order=True)
class CellFinding:
    """A problem found in a workbook, at a sheet and cell."""

    order: tuple  # sheet number, row, column: the order lines are printed in
    ref: str  # 组织保障!C5
    code: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def line(self, display: str) -> str:
        warning = "" if self.is_error else "警告："
        return f"{display} {self.ref}: {self.code} {warning}{self.message}"


@dataclass
class Imported:
    project: str
    period: Period
    data: dict | None  # None when there are errors
    findings: list[CellFinding]
    text: str = ""  # the report YAML, when there are no errors
    target: Path | None = None

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)


@dataclass
class Opened:
    """A workbook as written (formulas as formulas), and its bytes for the cached values."""

    book: Workbook
    raw: bytes
    _cached: Workbook | None = None

    def cached(self) -> Workbook:
        """The same workbook with each formula's last computed value (read only when needed)."""
        if self._cached is None:
            self._cached = _load(self.raw, data_only=True)
        return self._cached


def open_workbook(path: Path) -> Opened:
    """The workbook, or a WorkbookError that says why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise WorkbookError(f"无法读取文件：{err.strerror}。") from None
    if len(raw) > MAX_BYTES:
        raise WorkbookError(f"文件有 {len(raw) / 1e6:.1f} MB，超过 20 MB，不像是填报表。")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        hint = (
            "这是旧版 Excel（.xls）文件，请在 Excel/WPS 中另存为 .xlsx。"
            if raw.startswith(b"\xd0\xcf\x11\xe0")
            else "它可能是改了扩展名的 CSV 或文本文件，或文件已损坏。"
        )
        raise WorkbookError(f"不是有效的 Excel 工作簿（.xlsx）。{hint}")
    return Opened(_load(raw, data_only=False), raw)


def _load(raw: bytes, data_only: bool) -> Workbook:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Data Validation extension is not supported"
            return load_workbook(io.BytesIO(raw), data_only=data_only)
    except Exception as err:  # openpyxl raises many kinds on a damaged file
        raise WorkbookError(
            f"无法作为 Excel 工作簿打开（文件损坏或格式不对：{type(err).__name__}）。"
            "请在 Excel/WPS 中打开后另存为 .xlsx 再试。"
        ) from None


def read_meta(book) -> dict[str, str]:
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
    if period is None or meta.get("kind") not in catalogue.KINDS or not meta.get("project"):
        raise WorkbookError(refusal)
    if meta.get("schema") != schema.report_schema_name(period.is_annual):
        raise WorkbookError(refusal)
    return meta


class _Reader:
    """Turns the cells of one workbook into report data, a cell for every path, and findings."""

    def __init__(self, opened: Opened, meta: dict[str, str]):
        self.opened = opened
        self.book = opened.book
        self.meta = meta
        self.period = parse_period(meta["period"])
        self.kind = meta["kind"]
        self.name = schema.report_schema_name(self.period.is_annual)
        self.cells: dict[tuple, tuple[str, tuple]] = {}  # data path -> (ref, order)
        self.findings: list[CellFinding] = []
        self.sheet_order: dict[str, int] = {}

    def _ref(self, ws, row: int, col: int) -> tuple[str, tuple]:
        return _cell_ref(ws.title, row, col), (self.sheet_order.get(ws.title, 0), row, col)

    def finding(self, where: tuple[str, tuple], code: str, message: str) -> None:
        ref, order = where
        self.findings.append(CellFinding(order, ref, code, message))

    def read(self) -> dict:
        sheets = plan(self.kind, self.meta.get("enterprise_type") or None, self.period.is_annual)
        found = {}
        for number, ws in enumerate(self.book.worksheets):
            self.sheet_order[ws.title] = number
            marker = ws.cell(1, KEY_COL).value
            if isinstance(marker, str) and marker.startswith("#part:"):
                found[marker[len("#part:") :]] = ws
        missing = [s for s in sheets if s.key not in found]
        if missing:
            names = "、".join(f"“{s.title}”" for s in missing)
            raise WorkbookError(
                f"填报表中找不到工作表{names}（可能被删除，或第一列隐藏的标记被改动）。"
                "请用原模板填写，不要删除工作表；或重新运行 sctrack template 生成模板。"
            )
        if GUIDE_SHEET in self.book.sheetnames:
            guide = self.book[GUIDE_SHEET]
            self.sheet_order[GUIDE_SHEET] = -1
            for key, row in GUIDE_ROWS.items():
                self.cells[(key,)] = self._ref(guide, row, 2)
        data: dict[str, Any] = {
            "project": self.meta["project"],
            "period": str(self.period),
            "kind": self.kind,
        }
        required = _required_top(self.kind, self.period.is_annual)
        for sheet in sheets:
            ws = found[sheet.key]
            value, filled = self._sheet(ws, sheet)
            first = self._first_input(ws, sheet)
            self.cells.setdefault((sheet.key,), first)
            if sheet.shape == "array" and not value and sheet.key not in required:
                continue  # no cases: the key is left out, as in a file without cases
            if value is not None:
                data[sheet.key] = value
            elif sheet.key in required and not filled:
                if sheet.shape == "array":
                    data[sheet.key] = []
                elif sheet.shape == "string":
                    self.finding(first, "S001", f"“{sheet.title}”是必填项，请填写。")
                else:
                    self.finding(
                        first,
                        "S001",
                        f"“{sheet.title}”是必填部分，没有填写任何内容。请至少填写一项。",
                    )
        return data

    def _first_input(self, ws, sheet: SheetPlan) -> tuple[str, tuple]:
        for row in range(1, ws.max_row + 1):
            key = ws.cell(row, KEY_COL).value
            if isinstance(key, str) and key and not key.startswith("#part"):
                if key.startswith("#table:"):
                    return self._ref(ws, row + 2, LABEL_COL)
                return self._ref(ws, row, VALUE_COL)
        return self._ref(ws, 1, LABEL_COL)

    def _sheet(self, ws, sheet: SheetPlan) -> tuple[Any, bool]:
        """The value of one part, and whether any of its cells was filled at all."""
        forms: dict[tuple, Any] = {}
        table_rows: list[dict] | None = None
        filled = False
        texts = {f.key: f for f in sheet.texts}
        figures = {f.key: f for f in sheet.figures}
        rows = ws.iter_rows(min_row=2)
        for row in rows:
            key = row[0].value if row else None
            if not isinstance(key, str) or not key:
                continue
            if key.startswith("#table:"):
                table_rows, any_filled = self._table(ws, row, sheet, rows)
                filled = filled or any_filled
                break
            path = tuple(key.split("."))
            value_cell = (
                row[VALUE_COL - 1] if len(row) >= VALUE_COL else ws.cell(row[0].row, VALUE_COL)
            )
            where = self._ref(ws, value_cell.row, VALUE_COL)
            item = None
            if sheet.shape == "string" and path == (sheet.key,):
                item = texts.get(sheet.key)
            elif len(path) == 2 and path[0] == sheet.key:
                item = texts.get(path[1])
            elif len(path) == 3 and path[:2] == (sheet.key, "figures"):
                item = figures.get(path[2])
            if item is None:
                self.finding(
                    where,
                    "S002",
                    f"这一行的隐藏标记“{key}”不是本表应有的项目，填报表可能被改动过。请用原模板填写。",
                )
                continue
            self.cells[path] = where
            if _blank(value_cell.value):
                continue
            filled = True
            value = self._convert(ws, value_cell, item, where)
            if value is not _INVALID:
                forms[path] = value
        if sheet.shape == "string":
            return forms.get((sheet.key,)), filled
        if sheet.shape == "array":
            if table_rows is None:
                raise WorkbookError(
                    f"工作表“{ws.title}”中找不到表格的隐藏标记行，填报表可能被改动过。请用原模板填写。"
                )
            return table_rows, filled
        section: dict[str, Any] = {}
        for item, sub in sheet.node.get("properties", {}).items():
            if item == "figures":
                values = {
                    code: forms[(sheet.key, "figures", code)]
                    for code in sub.get("properties", {})
                    if (sheet.key, "figures", code) in forms
                }
                if values:
                    section["figures"] = values
            elif sheet.table is not None and item == sheet.table.path[-1]:
                if table_rows:
                    section[item] = table_rows
            elif (sheet.key, item) in forms:
                section[item] = forms[(sheet.key, item)]
        return section or None, filled

    def _table(self, ws, key_row, sheet: SheetPlan, rows) -> tuple[list[dict], bool]:
        table = sheet.table
        fields = {f.key: f for f in table.fields}
        columns: dict[int, tuple[Field, int | None]] = {}
        for cell in key_row[1:]:
            key = cell.value
            if not isinstance(key, str) or key.startswith("#"):
                continue
            name, _, index = key.partition(".")
            if name in fields:
                columns[cell.column] = (fields[name], int(index) if index.isdigit() else None)
        if not columns:
            raise WorkbookError(
                f"工作表“{ws.title}”中表格的隐藏标记行被改动过，无法读取。请用原模板填写。"
            )
        next(rows, None)  # the visible header
        result: list[dict] = []
        filled_any = False
        identity = table.identity
        for row in rows:
            cells = {c.column: c for c in row if c.column in columns}
            if all(
                _blank(c.value)
                for col, c in cells.items()
                if identity is None or columns[col][0] is not identity
            ):
                continue
            filled_any = True
            number = len(result)
            row_path = table.path + (number,)
            first_col = min(columns)
            self.cells[row_path] = self._ref(ws, row[0].row, first_col)
            values: dict[str, Any] = {}
            blanks: dict[str, tuple] = {}
            for col in sorted(columns):
                item, index = columns[col]
                cell = cells.get(col) or ws.cell(row[0].row, col)
                where = self._ref(ws, cell.row, col)
                path = row_path + (item.key,)
                if index is None or index == 0:
                    self.cells.setdefault(path, where)
                    blanks.setdefault(item.key, where)
                if _blank(cell.value):
                    continue
                blanks[item.key] = None
                if index is None:
                    value = self._convert(ws, cell, item, where)
                    if value is not _INVALID:
                        values[item.key] = value
                        self.cells[path] = where
                else:
                    element = Field(item.key, dict(item.node["items"], title=item.title))
                    value = self._convert(ws, cell, element, where)
                    if value is not _INVALID:
                        values.setdefault(item.key, []).append(value)
                        self.cells[path + (len(values[item.key]) - 1,)] = where
            for name in table.required:
                if blanks.get(name) is not None and name not in values:
                    self.finding(
                        blanks[name],
                        "S001",
                        f"这一行填了内容，但必填的“{fields[name].title}”没有填。",
                    )
            result.append({k: values[k] for k in fields if k in values})
        return result, filled_any

    def _convert(self, ws, cell, item: Field, where) -> Any:
        """The data value of a filled cell, or _INVALID (and a finding) when it cannot be one."""
        value = cell.value
        if cell.data_type == "f":  # the template has no formulas; a clerk may have typed one
            value = self.opened.cached()[ws.title][cell.coordinate].value
            if value is None:
                self.finding(
                    where,
                    "S003",
                    "这个单元格是公式，但文件中没有它的计算结果（可能不是用 Excel/WPS 保存的）。"
                    "请直接填写内容，或在 Excel/WPS 中打开并保存后再导入。",
                )
                return _INVALID
        kind = item.type
        if kind == "number":
            number = _number(value)
            if number is None:
                self.finding(
                    where,
                    "S003",
                    f"“{item.title}”应填数字（单位：{item.unit or '无'}），这里是“{_show(value)}”。"
                    "只填阿拉伯数字，不写单位、千分位逗号或 %；没有数据就留空。",
                )
                return _INVALID
            if "%" in (cell.number_format or "") and isinstance(value, (int, float)):
                self.finding(
                    where,
                    "S003",
                    f"“{item.title}”单元格设成了百分比格式（显示 {number * 100:g}%，实际值是 {number:g}）。"
                    f"请把单元格改为“常规”格式，直接填 {number * 100:g}。",
                )
                return _INVALID
            return number
        if kind == "choice":
            text = _text(value).strip()
            for code, label in item.labels.items():
                if text in (label, code):
                    return code
            self.finding(
                where,
                "S005",
                f"“{item.title}”的“{_show(value)}”不在下拉列表中。请从列表中选择：{'、'.join(item.labels.values())}。",
            )
            return _INVALID
        if kind == "boolean":
            if isinstance(value, bool):
                return value
            text = _text(value).strip().lower()
            if text in (YES, "true"):
                return True
            if text in (NO, "false"):
                return False
            self.finding(where, "S005", f"“{item.title}”只能选“是”或“否”，这里是“{_show(value)}”。")
            return _INVALID
        return _text(value)


class _Invalid:
    pass


_INVALID = _Invalid()
_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)\Z")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and _DECIMAL.match(value.strip()):
        value = float(value.strip())
    if isinstance(value, (int, float)) and math.isfinite(value):
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    return None


def _text(value: Any) -> str:
    """A text cell's value; a number that Excel made of typed digits comes back as typed."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _show(value: Any) -> str:
    text = _text(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _positions(cells: dict[tuple, tuple[str, tuple]]) -> tuple[Positions, dict[int, tuple]]:
    """Positions whose line numbers are cell numbers, so the validator's findings find their cell."""
    positions = Positions()
    refs: dict[int, tuple] = {}
    for number, (path, where) in enumerate(cells.items(), start=2):
        positions.keys[path] = (number, 1)
        refs[number] = where
    positions.values[()] = (1, 1)
    return positions, refs


def import_workbook(root: Path, path: Path, display: str | None = None) -> Imported:
    """Read a filled template and check it as `sctrack validate` would; nothing is written."""
    display = display or path.name
    opened = open_workbook(path)
    meta = read_meta(opened.book)
    project_id = meta["project"]
    period = parse_period(meta["period"])
    project = read_project(root, project_id)
    reader = _Reader(opened, meta)
    data = reader.read()
    findings = list(reader.findings)
    row = GUIDE_ROWS["project"]
    guide = reader.cells.get(("project",), (f"{GUIDE_SHEET}!B{row}", (-1, row, 2)))
    warnings_ = []
    if meta.get("schema_digest") != schema_digest(reader.name):
        warnings_.append(
            CellFinding(
                guide[1],
                guide[0],
                "S099",
                "这个填报表生成之后，报告的字段定义有过更新。已按新定义检查；若有问题，请重新生成模板。",
                WARNING,
            )
        )
    target = report_path(root, project_id, period)
    imported = Imported(project_id, period, None, [], "", target)
    if project["kind"] != meta["kind"] or (project.get("enterprise_type") or "") != meta.get(
        "enterprise_type", ""
    ):
        findings.append(
            CellFinding(
                guide[1],
                guide[0],
                "X011",
                "立项信息中本项目的类别（或企业类型）在模板生成后改变了，表中的项目与之不符。请重新生成模板。",
            )
        )
    positions, refs = _positions(reader.cells)
    from site_builder.validate.run import check_schema

    for finding in check_schema(reader.name, data, positions, display):
        if finding.code == "S001":
            continue  # every required value is checked at its cell above
        where = refs.get(finding.line, guide)
        findings.append(
            CellFinding(where[1], where[0], finding.code, finding.message, finding.severity)
        )
    if any(f.is_error for f in findings):
        imported.findings = sorted(set(findings)) + warnings_
        return imported
    text = to_yaml(data, period.is_annual, path.name)
    findings += _rules(root, project_id, period, text, reader.cells, guide)
    imported.findings = sorted(set(findings)) + warnings_
    if imported.ok:
        imported.data = data
        imported.text = text
    return imported


def _rules(
    root: Path, project_id: str, period: Period, text: str, cells: dict, guide: tuple
) -> list[CellFinding]:
    """The validator's rules across files, run on a temporary copy of the project's folder."""
    from site_builder.validate.run import validate

    parsed = parse_text(text, period.filename)
    by_position: dict[tuple[int, int], tuple] = {v: k for k, v in parsed.positions.values.items()}
    by_position.update({v: k for k, v in parsed.positions.keys.items()})
    result = []
    with tempfile.TemporaryDirectory(prefix="sctrack-import-") as temporary:
        copy = Path(temporary)
        registry = root / SUBMISSIONS / "registry"
        if registry.is_dir():
            shutil.copytree(registry, copy / SUBMISSIONS / "registry", symlinks=True)
        folder = copy / SUBMISSIONS / "projects" / project_id
        shutil.copytree(project_folder(root, project_id), folder, symlinks=True)
        target = folder / period.filename
        if target.is_symlink():
            target.unlink()
        target.write_text(text, encoding="utf-8")
        for finding in validate(copy, [target]).findings:
            path = by_position.get((finding.line, finding.col), ())
            while path and path not in cells:
                path = path[:-1]
            where = cells.get(path, guide)
            result.append(
                CellFinding(where[1], where[0], finding.code, finding.message, finding.severity)
            )
    return result


# --- writing the report ------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as the demo files are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


class _QuotedDumper(_Dumper):
    pass


FOLD_WIDTH = 80  # display columns above which a one-line text is written as a `>-` block
YAML_WIDTH = 60  # characters per folded line; PyYAML counts a CJK character as one


def _pretty_str(dumper: yaml.SafeDumper, value: str):
    style = None
    if "\n" in value:
        style = "|"
    elif _width(value) > FOLD_WIDTH:
        style = ">"
    elif not isinstance(resolve_plain(value), str):
        style = '"'  # "2021", "true", "010": quoted, so YAML 1.2 reads them as text
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _quoted_str(dumper: yaml.SafeDumper, value: str):
    plain = isinstance(resolve_plain(value), str) and "\n" not in value
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')


_Dumper.add_representer(str, _pretty_str)
_QuotedDumper.add_representer(str, _quoted_str)


def to_yaml(data: dict, annual: bool, source: str) -> str:
    """The report as the repository keeps it: schema line, origin, block style, headings."""
    name = schema.report_schema_name(annual)
    header = (
        f"# yaml-language-server: $schema=../../../site_builder/spec/schemas/{name}.schema.json\n"
        f"# 由 Excel 导入（{source}）\n"
    )
    headings = {p.key: p.heading for p in schema.report_parts(data["kind"], annual)}
    for dumper in (_Dumper, _QuotedDumper):
        body = yaml.dump(
            data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=YAML_WIDTH, indent=2
        )
        lines = []
        for line in body.splitlines():
            key = line[:-1] if line.endswith(":") and not line.startswith(" ") else None
            if key in headings:
                line = f"{line:<20} # {headings[key]}"
            lines.append(line)
        text = header + "\n".join(lines) + "\n"
        parsed = parse_text(text, "check")
        if parsed.ok and parsed.data == data:
            return text
    raise AssertionError("report YAML does not read back to the same data")  # pragma: no cover


def write_report(path: Path, text: str, force: bool) -> bool:
    """Write the report atomically; False (nothing written) when it exists and not `force`."""
    if path.exists() and not force:
        return False
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    try:
        if force:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)  # fails if the report appeared in the meantime
        except FileExistsError:
            return False
        except OSError:
            if path.exists():
                return False
            os.replace(temporary, path)
        return True
    finally:
        temporary.unlink(missing_ok=True)
