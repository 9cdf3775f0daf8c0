"""Converting a filled cell into a data value of its field, or saying why it cannot be one."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from site_builder.office.excel.layout import NO, YES, Field
from site_builder.office.excel.workbook import Opened
from site_builder.validate.type_messages import show as _show
from site_builder.validate.units import split_unit, unit_hint, unit_name

# ASCII digits only: `\d` would take full-width and Arabic-Indic digits for numbers too.
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
# Thousands separated by commas in groups of three (`1,234.5`); `1,23` is no such number.
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")
PERCENT = "%"


@dataclass(frozen=True)
class Invalid:
    """A cell that holds no value of its field: the finding's code and message."""

    code: str
    message: str


@dataclass(frozen=True)
class Normalised:
    """A cell whose meaning is clear though not written as asked (`１２．５`, `1,234.5`,
    `385.6亿元` in an 亿元 field): its value, and what was done to read it, for a warning."""

    value: int | float
    typed: str  # the cell as the clerk sees it
    notes: tuple[str, ...]

    def message(self, item: Field) -> str:
        return (
            f"“{item.title}”填的是“{_show(self.typed)}”，已按 {written(self.value)} 读入"
            f"（{'；'.join(self.notes)}）。请核对；以后只填数字即可。"
        )


def blank(value: Any) -> bool:
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


def cell_text(value: Any) -> str:
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


def quoted(value: Any) -> str:
    """A cell's content quoted in a message: as typed, cut short like the validator's."""
    return _show(cell_text(value))


def convert(opened: Opened, ws, cell, item: Field) -> Any:
    """The data value of a filled cell, or an Invalid that says why it cannot be one."""
    value = cell.value
    if cell.data_type == "f":  # the template has no formulas; a clerk may have typed one
        value = opened.cached()[ws.title][cell.coordinate].value
        if value is None:
            return Invalid(
                "S003",
                "这个单元格是公式，但文件中没有它的计算结果（可能不是用 Excel/WPS 保存的）。"
                "请直接填写内容，或在 Excel/WPS 中打开并保存后再导入。",
            )
    kind = item.type
    if kind == "number":
        return _figure(value, cell.number_format or "", item)
    if kind == "choice":
        text = cell_text(value).strip()
        for code, label in item.labels.items():
            if text in (label, code):
                return code
        return Invalid(
            "S005",
            f"“{item.title}”的“{quoted(value)}”不在下拉列表中。请从列表中选择：{'、'.join(item.labels.values())}。",
        )
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = cell_text(value).strip().lower()
        if text in (YES, "true"):
            return True
        if text in (NO, "false"):
            return False
        return Invalid("S005", f"“{item.title}”只能选“是”或“否”，这里是“{quoted(value)}”。")
    return cell_text(value)


def _not_a_number(item: Field, value: Any, hint: str = "") -> Invalid:
    return Invalid(
        "S003",
        f"“{item.title}”应填数字（单位：{item.unit or '无'}），这里是“{quoted(value)}”。"
        + (hint or "只填阿拉伯数字；没有数据就留空。"),
    )


def _figure(value: Any, number_format: str, item: Field) -> Any:
    """A figure cell's number, Normalised when it had to be read leniently, or Invalid."""
    if isinstance(value, str):
        return _figure_text(value, item)
    number = _number(value)
    if number is None:
        return _not_a_number(item, value)
    if PERCENT not in number_format:
        return number
    shown = _tidy(number * 100)
    if item.unit == PERCENT:  # `5%` typed in Excel: the cell holds 0.05 and shows 5%
        note = f"单元格是百分比格式，按显示的 {written(shown)}% 读作 {written(shown)}"
        return Normalised(shown, f"{written(shown)}%", (note,))
    return Invalid(
        "S003",
        f"“{item.title}”单元格设成了百分比格式（显示 {written(shown)}%，实际值是 {number:g}）。"
        f"请把单元格改为“常规”格式，直接填 {written(shown)}（单位：{item.unit or '无'}）。",
    )


def _figure_text(typed: str, item: Field) -> Any:
    """A figure typed as text: full-width digits, thousands separators and the field's own
    unit are read (with a note each); another unit is refused with the converted figure."""
    notes = []
    text = unicodedata.normalize("NFKC", typed).strip()  # １２．５ -> 12.5, ％ -> %
    if text != typed.strip():
        notes.append("全角数字或符号按半角读")
    parts = split_unit(text)
    if parts is not None:
        text, unit = parts
        if unit_name(unit, item.unit) != item.unit:
            plain = _plain(text)
            if plain is None:
                return _not_a_number(item, typed)
            return _not_a_number(item, typed, unit_hint(written(plain), unit, item.unit))
        notes.append(f"去掉了单位“{unit}”，本项单位就是{item.unit}")
    number = _plain(text)
    if number is None:
        return _not_a_number(item, typed)
    if "," in text:
        notes.append("去掉了千分位逗号")
    return Normalised(number, typed, tuple(notes)) if notes else number


def _plain(text: str) -> int | float | None:
    """A number in ASCII digits, with or without thousands separators."""
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    return _number(text)


def _tidy(value: float) -> int | float:
    """0.05 * 100 is 5.000000000000001: the figure as it was shown."""
    rounded = round(value, 10)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def written(value: int | float) -> str:
    """A figure as a clerk writes it: 1234567 and 12.5, never 1.23457e+06."""
    return str(value) if isinstance(value, int) else f"{value:.15g}"
