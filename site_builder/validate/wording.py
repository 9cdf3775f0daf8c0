"""The words of `sctrack validate`'s findings, as one table of templates.

`messages.py` and the rules across files (`rules.RULES`) fill these templates
in Python; the web form (`site/cms`) ships the same table to the browser as data
(`form_wording`), so a clerk reads in the form the very sentence `validate` would
print. A template names its values in braces (`{title}`); values are filled in as
they are, with no format specification, so that both sides fill them the same way.
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
    # Rules across files (rules.RULES names the templates of each code).
    "folder_id": "项目编号“{id}”与文件夹名“{folder}”不一致。两者必须相同，请改其中之一。",
    "period_name": "报告期“{period}”与文件名 {name} 不一致（应为“{expected}”）。",
    "before_start": "{period}早于本项目纳入跟进的日期 {start}，不需要报送。",
    "after_cancel": "本项目已于 {date} 被取消重点培育资格（{document}），之后结束的{period}不再报送。",
    "period_open": "{period}到 {end} 才结束，还不能报送这一期的报告。",
    "unknown_city": "所在市“{city}”不在 registry/cities.yaml 中。可选：{choices}。",
    "indicator_not_applicable": "指标“{name}”（{code}）只适用于{applies}，本项目是{own}，"
    "请删除或换用适用的指标。",
    "item_not_applicable": "“{title}”只适用于{who}，本项目是{own}。请删除这一项，"
    "或把内容写到“{general}”中。",
    "report_folder": "报告中的项目编号“{project}”与所在文件夹“{folder}”不一致。"
    "报告必须放在本项目的文件夹中。",
    "no_project": "项目文件夹 {folder}/ 中缺少有效的 project.yaml（立项信息），无法核对这份报告。",
    "kind_differs": "报告的项目类别是“{kind}”，但立项信息中本项目是“{project_kind}”。",
    "duplicate_target": "目标编号“{id}”重复，每项目标的编号必须不同。",
    "unknown_target": "目标编号“{target}”不在立项信息中。本项目的目标编号：{choices}。",
    "unknown_project": "项目“{project}”不存在（submissions/projects/ 下没有这个文件夹）。",
    "duplicate_city": "城市编号“{id}”重复。",
    "baseline_after_target": "目标 {target} 的基期年份 {baseline} 晚于目标年份 {year}。",
    "start_ahead": "纳入跟进日期 {start} 还没到。",
    "date_before_start": "日期 {date} 早于该项目纳入跟进的日期 {start}。",
    "credit_code": "统一社会信用代码“{code}”校验不通过：按 GB 32100-2015，前 17 位对应的"
    "第 18 位校验码应为“{expected}”。请对照营业执照逐位核对，多半是抄错了一位。",
    "same_firm": "本项目与项目{others}的{same}相同，且同为{tier}项目。"
    "统计时同一企业的多个项目合并计为一家企业；请确认登记无误。",
    "timezone": "时区“{zone}”不是有效的 IANA 时区名，例如 Asia/Shanghai。",
    # Warnings across periods (series_rules.py; the form's check.js words the same).
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
