"""Converting a filled cell into a data value of its field, or saying why it cannot be one."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from site_builder.office.excel.layout import NO, YES, Field
from site_builder.office.excel.workbook import Opened
from site_builder.validate.messages import _show

# ASCII digits only: `\d` would take full-width and Arabic-Indic digits for numbers too.
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")


@dataclass(frozen=True)
class Invalid:
    """A cell that holds no value of its field: the finding's code and message."""

    code: str
    message: str


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


def _shown(value: Any) -> str:
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
        number = _number(value)
        if number is None:
            return Invalid(
                "S003",
                f"“{item.title}”应填数字（单位：{item.unit or '无'}），这里是“{_shown(value)}”。"
                "只填阿拉伯数字，不写单位、千分位逗号或 %；没有数据就留空。",
            )
        if "%" in (cell.number_format or "") and isinstance(value, (int, float)):
            return Invalid(
                "S003",
                f"“{item.title}”单元格设成了百分比格式（显示 {number * 100:g}%，实际值是 {number:g}）。"
                f"请把单元格改为“常规”格式，直接填 {number * 100:g}。",
            )
        return number
    if kind == "choice":
        text = cell_text(value).strip()
        for code, label in item.labels.items():
            if text in (label, code):
                return code
        return Invalid(
            "S005",
            f"“{item.title}”的“{_shown(value)}”不在下拉列表中。请从列表中选择：{'、'.join(item.labels.values())}。",
        )
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = cell_text(value).strip().lower()
        if text in (YES, "true"):
            return True
        if text in (NO, "false"):
            return False
        return Invalid("S005", f"“{item.title}”只能选“是”或“否”，这里是“{_shown(value)}”。")
    return cell_text(value)
