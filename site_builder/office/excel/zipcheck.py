"""A workbook's size checked before openpyxl reads it: bombs are refused, not loaded.

The 20 MB cap on the file is on its compressed size; XML compresses a
thousandfold, and openpyxl holds a Python object for every cell, every cell
of a merged range and every cell of the rectangle a sheet's highest row and
column span when it is read row by row. So the zip's members are measured
from its directory (nothing decompressed), then each worksheet's XML is
streamed once to find its highest row and column, its cells and its merged
ranges, and the workbook is refused when any exceeds what a filled template
could hold (a template is about 150 KB of XML, 8 columns, 40 rows a sheet).
"""

from __future__ import annotations

import re
import zipfile

from site_builder.office.excel.layout import WorkbookError

MAX_UNCOMPRESSED = 50_000_000  # bytes of all members together
MAX_MEMBERS = 500
MAX_ROWS = 5_000  # per sheet: twenty cases and a few hundred table rows at most
MAX_COLUMNS = 100  # per sheet: the widest table has fewer than ten
MAX_CELLS = 200_000  # all sheets: rectangles read, cells written and merged cells
CHUNK = 1 << 20
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]+)\"")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]+)([0-9]+)\"")
_BARE_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\sref=\"([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)\"")
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml\Z")
_TAIL = 256  # bytes carried between chunks, so a tag split by a chunk is still read


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _too_big(what: str) -> WorkbookError:
    return WorkbookError(
        f"工作簿{what}，远超填报表的规模，拒绝读取（可能是恶意构造的文件）。"
        "请使用 sctrack template 生成的模板填写。"
    )


def _measure_sheet(archive: zipfile.ZipFile, name: str) -> tuple[int, int, int]:
    """(highest row, highest column, cells written + merged cells) of one worksheet."""
    rows = columns = cells = 0
    carry = b""
    with archive.open(name) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            data = carry + chunk
            # Only complete tags are read; the unfinished tail waits for the next chunk.
            end = max(data.rfind(b">") + 1, len(data) - _TAIL)
            part, carry = data[:end], data[end:]
            for match in _ROW.finditer(part):
                rows = max(rows, int(match.group(1)))
            for match in _CELL.finditer(part):
                columns = max(columns, _column_number(match.group(1)))
                rows = max(rows, int(match.group(2)))
            cells += len(_BARE_CELL.findall(part))
            for match in _MERGE.finditer(part):
                width = _column_number(match.group(3)) - _column_number(match.group(1)) + 1
                height = int(match.group(4)) - int(match.group(2)) + 1
                cells += max(width, 1) * max(height, 1)
                columns = max(columns, _column_number(match.group(3)))
                rows = max(rows, int(match.group(4)))
            if rows > MAX_ROWS or columns > MAX_COLUMNS or cells > MAX_CELLS:
                break  # no need to read further
    return rows, columns, cells


def check_size(archive: zipfile.ZipFile) -> None:
    """Raise a WorkbookError when the workbook is larger than any filled template could be."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _too_big(f"包含 {len(members)} 个部件")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise _too_big(f"解压后有 {total / 1e6:.0f} MB")
    cells = 0
    for member in members:
        if not _SHEET.match(member.filename):
            continue
        rows, columns, written = _measure_sheet(archive, member.filename)
        if rows > MAX_ROWS:
            raise _too_big(f"的一个工作表有 {rows} 行以上")
        if columns > MAX_COLUMNS:
            raise _too_big(f"的一个工作表有 {columns} 列以上")
        cells += max(written, rows * columns)
        if cells > MAX_CELLS:
            raise _too_big(f"有 {cells} 个以上的单元格")
