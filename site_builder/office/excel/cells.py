"""Writing the template's cells: values as a clerk sees them, input styles, drop-downs and checks."""

from __future__ import annotations

from datetime import date
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation

from site_builder.office.excel.layout import NO, YES, Field, WorkbookError, for_excel, range_text
from site_builder.office.excel.styles import INPUT_CHOICE, INPUT_NUMBER, INPUT_TEXT


def put(ws, row: int, col: int, value: Any):
    """Write a value into a cell (text stays text), or a WorkbookError when Excel cannot hold it."""
    cell = ws.cell(row, col)
    if value is None:
        return cell
    if isinstance(value, bool) or not isinstance(value, (int, float, str, date)):
        value = str(value)
    try:
        cell.value = value
    except IllegalCharacterError:
        raise WorkbookError(
            f"现有报告中有 Excel 不能保存的控制字符（在“{ws.title}”{get_column_letter(col)}{row}），"
            "请先在报告中删除它。"
        ) from None
    if isinstance(value, str):
        cell.data_type = "s"  # text beginning with "=" stays text, not a formula
    return cell


def style_input(cell, field: Field) -> None:
    # Text cells are formatted as text, so typed identifiers keep their leading zeros.
    cell.style = {"text": INPUT_TEXT, "number": INPUT_NUMBER}.get(field.type, INPUT_CHOICE)


def shown_value(field: Field, value: Any) -> Any:
    """A data value as the cell shows it: labels for codes, 是/否 for booleans."""
    if value is None:
        return None
    if field.type in ("choice", "choices") and isinstance(value, str):
        return field.labels.get(value, value)
    if field.type == "boolean" and isinstance(value, bool):
        return YES if value else NO
    return value


def _number_validation(field: Field) -> DataValidation:
    node = field.node
    low, low_x, high = node.get("minimum"), node.get("exclusiveMinimum"), node.get("maximum")
    bounds = range_text(node)
    if low_x is not None and high is None:
        dv = DataValidation(type="decimal", operator="greaterThan", formula1=f"{low_x:g}")
    elif low is not None and high is None:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=f"{low:g}")
    elif high is not None and low is None and low_x is None:
        dv = DataValidation(type="decimal", operator="lessThanOrEqual", formula1=f"{high:g}")
    else:
        floor = low if low is not None else (low_x if low_x is not None else -1e15)
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1=f"{floor:g}",
            formula2=f"{high if high is not None else 1e15:g}",
        )
    dv.allow_blank = True
    dv.showErrorMessage = True
    dv.errorTitle = "请填写数字"
    dv.error = (
        f"“{field.title}”只填数字（单位：{field.unit or '无'}），不写单位和 %"
        + (f"，范围 {bounds}" if bounds else "")
        + "。没有数据就留空。"
    )
    dv.showInputMessage = True
    dv.promptTitle = field.title[:32]
    dv.prompt = for_excel(field.node.get("description", ""))[:250]
    return dv


def add_validation(ws, field: Field, ranges: str) -> None:
    """The drop-down list of a choice, or the range check of a number, on `ranges`."""
    kind = field.type
    if kind in ("choice", "choices", "boolean"):
        options = list(field.labels.values()) if kind != "boolean" else [YES, NO]
        listing = ",".join(options)
        dv = DataValidation(
            type="list",
            formula1=f'"{listing}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="请从列表中选择",
            error=f"“{field.title}”只能选：{'、'.join(options)}。",
        )
    elif kind == "number":
        dv = _number_validation(field)
    else:
        return
    dv.add(ranges)
    ws.add_data_validation(dv)
