"""Opening a filled workbook: size and format checked before openpyxl reads it."""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook

from site_builder.office.excel.layout import WorkbookError
from site_builder.office.excel.zipcheck import check_size

MAX_BYTES = 20_000_000


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
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            check_size(archive)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        OSError,
        EOFError,
        zlib.error,
    ):
        raise WorkbookError(
            "无法作为 Excel 工作簿打开（压缩包损坏）。请在 Excel/WPS 中打开后另存为 .xlsx 再试。"
        ) from None
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
