"""The words of `sctrack validate`'s findings, as one table of templates.

`messages.py` and `rules.py` fill these templates in Python; the web form
(`site/cms`) ships the same table to the browser as data (`form_wording`), so a
clerk reads in the form the very sentence `validate` would print. A template
names its values in braces (`{title}`); values are filled in as they are, with
no format specification, so that both sides fill them the same way.
"""

from __future__ import annotations

from typing import Any

TEMPLATES: dict[str, str] = {
    # Schema findings (messages.py).
    "required": "{place}缺少必填项{what}。",
    "insert_before": "请补在{where}之前。",
    "not_empty": "{title}不能为空。",
    "pattern": "{title}{explanation}，这里写的是“{shown}”。",
    "enum": "{title}的值“{shown}”不在可选范围内。{hint}可选：{choices}。",
    "did_you_mean": "是不是“{close}”？",
    "range": "{title}为 {shown}，超出允许范围：{range}。",
    "range_between": "应在 {low}～{high} 之间",
    "range_above_up_to": "应大于 {low} 且不大于 {high}",
    "range_above": "应大于 {low}",
    "range_from": "应不小于 {low}",
    "range_up_to": "应不大于 {high}",
    "range_unit": "（单位：{unit}）",
    "too_long": "{title}太长了（{length} 字），最多 {limit} 字。",
    "min_properties": "{title}下至少要填写一项。",
    "min_items": "{title}至少要有 {limit} 项。",
    "max_items": "{title}有 {count} 项，最多 {limit} 项。请只保留最有代表性的几项。",
    "unique_items": "{title}中有重复的项，请删除重复的。",
    "const": "{title}只能是“{value}”。",
    "other": "{title}不符合要求（{validator}）。",
    "number_expected": "{title}应为{expected}，这里写的是“{shown}”。{hint}",
    # How to write a number (the hint after `number_expected`, S003).
    "fullwidth_digits": "这里用了全角数字“{raw}”。请切换到英文输入法（半角）重新输入，写成 {normal}。",
    "fullwidth_prefix": "数字要用半角（英文输入法）输入；",
    "quoted_number": "数字不要加引号（加了引号就成了文本），请去掉引号，写成 {normal}。",
    "quotes_around": "数字不要加引号，请去掉两边的引号，写成 {inner}。",
    "thousands": "不要写千分位逗号，例如写 12000。",
    "leading_zero": "数字不能以 0 开头。",
    "no_data": "没有数据时请删除这一行，不要填“无”或 0。",
    "unit_fixed": "不要写单位，单位固定为{unit}，只写数字。",
    "no_unit": "不要写单位，只写数字。",
    "digits_only": "只写阿拉伯数字，不写单位。",
    "unit_none": "不要写单位“{shown}”，只写数字 {number}。",
    "unit_same": "单位已固定为{unit}，请去掉“{shown}”，只写数字 {number}。",
    "unit_advice": "这里写的单位是{written}，而本项的单位是{unit}：请先换算成{unit}再写数字",
    "unit_converted": "{advice}：{number}{written}即 {figure}{unit}，写成 {figure}。",
    "unit_currency": "{advice}（按汇率折算成{currency}，不要只删掉“{shown}”，否则数值不对）。",
    "unit_other": "{advice}（不要只删掉“{shown}”，否则数值不对）。",
    # Warnings across periods (rules.py).
    "jump": "“{name}”从上期（{period}）的 {old} 变为 {value}{unit}，变化超过 {factor} 倍。"
    "请核对单位（{unit}）和数值是否填错。",
    "falling_total": "“{name}”是本年累计值，却比上季度（{period}）的 {old} 还小。"
    "请核对是否误填了单季值。",
    "annual_below_q4": "“{name}”全年为 {value}{unit}，但第四季度报告的本年累计值是 "
    "{q4}{unit}，两者应基本一致（相差不超过 {tolerance}）。请核对。",
}

TYPE_NAMES = {
    "string": "文本",
    "number": "数字",
    "integer": "整数",
    "boolean": "true 或 false",
    "object": "分项（键: 值）",
    "array": "列表（每项以“- ”开头）",
    "null": "空值",
}

# Units a figure may be written with by mistake, longest first so that 万美元 is not read as 万.
UNITS: tuple[str, ...]  # the next two lines: a tuple of any length
UNITS = ("亿美元", "万美元", "美元", "亿元", "万元", "元", "万吨", "吨", "万", "亿", "家", "个")
UNITS += ("天", "次/年", "次", "人", "%")
SCALES = {"元": 1, "万元": 10**4, "亿元": 10**8, "美元": 1, "万美元": 10**4, "亿美元": 10**8}
QUOTES = "\"'“”‘’「」"
NO_DATA = ("无", "暂无", "-", "—", "/", "N/A", "n/a")
SHOWN_CHARS = 40  # a wrong value is quoted up to this many characters
FIGURE_DIGITS = 10  # significant digits of a converted figure suggested to the user
# A level that grows or shrinks by more than this factor from one period to the next is
# flagged as a likely unit or typing error (X012, a warning).
JUMP_FACTOR = 10
ANNUAL_TOLERANCE = 0.01  # the annual summary's flows may differ from Q4's by this share


def say(key: str, **values: object) -> str:
    """The template `key` filled with `values` (each written with `str`)."""
    return TEMPLATES[key].format(**{k: str(v) for k, v in values.items()})


def form_wording() -> dict[str, Any]:
    """Everything the web form needs to word a finding as `validate` does."""
    return {
        "templates": TEMPLATES,
        "type_names": TYPE_NAMES,
        "units": list(UNITS),
        "scales": SCALES,
        "quotes": QUOTES,
        "no_data": list(NO_DATA),
        "shown_chars": SHOWN_CHARS,
        "figure_digits": FIGURE_DIGITS,
        "jump_factor": JUMP_FACTOR,
        "annual_tolerance": ANNUAL_TOLERANCE,
    }
