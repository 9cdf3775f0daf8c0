"""The schema of the province's policy (`registry/policy.yaml`): the one place its defaults live.

Each option's `default` keyword is the single source of its default value:
`load.records.Policy` reads it from the generated schema, and the option's
description states it from the same declaration. An option a policy file
leaves out takes its default.
"""

from __future__ import annotations

from typing import Any

from site_builder.spec.schema_nodes import DRAFT, date_field


def _option(
    kind: str,
    title: str,
    description: str,
    default: float,
    minimum: float,
    maximum: float,
    note: str = "",
) -> dict[str, Any]:
    """One tunable rule; `note` explains the default in words (e.g. 过半)."""
    return {
        "type": kind,
        "title": title,
        "description": f"{description}默认 {default:g}{note}。",
        "default": default,
        "minimum": minimum,
        "maximum": maximum,
    }


def _group(
    title: str, description: str, options: dict[str, dict[str, Any]], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "type": "object",
        "title": title,
        "description": description,
        "additionalProperties": False,
    }
    if required:
        node["required"] = list(required)
    return {**node, "properties": options}


def _zone_option(title: str, description: str, default: str) -> dict[str, Any]:
    """A time zone by its IANA name (zoneinfo); the validator checks the name is known."""
    return {
        "type": "string",
        "title": title,
        "description": f"{description}默认 {default}。",
        "default": default,
        "pattern": r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$",
    }


CALENDAR = {
    "quarterly_due_day": _option(
        "integer",
        "季报截止日",
        "季度结束后次月的第几日前报送（第四季度同样适用）。",
        15,
        1,
        28,
    ),
    "annual_due_month": _option("integer", "年度总结截止月", "次年几月。", 1, 1, 12),
    "annual_due_day": _option("integer", "年度总结截止日", "该月的第几日。", 31, 1, 31),
    "grace_days": _option("integer", "宽限天数", "截止日后仍算按时的天数。", 0, 0, 60),
    "timezone": _zone_option(
        "时区",
        "截止日、确认时间和“截至”日期都按这个时区的日历计算（IANA 时区名，如 Asia/Shanghai）；"
        "截止日当天 24 时前确认的算按时。",
        "Asia/Shanghai",
    ),
    "review_max_days": _option(
        "integer",
        "审核用时上限",
        "从提交人声明的提交时间到确认（合并）超过这么多天，或确认早于提交的，标为审核用时存疑。",
        60,
        1,
        365,
    ),
    "remind_days_before": {
        "type": "array",
        "title": "截止前提醒天数",
        "description": "截止日前还剩几天时提醒尚未确认的报告（sctrack remind、催报清单）。"
        "默认 7、3、1（截止前 7 天、3 天、1 天各提醒一次）。",
        "default": [7, 3, 1],
        "items": {
            "type": "integer",
            "title": "提前天数",
            "description": "截止日前还剩的天数（0 为截止当天）。",
            "minimum": 0,
            "maximum": 60,
        },
        "minItems": 1,
        "uniqueItems": True,
    },
    "chase_every_days": _option(
        "integer",
        "逾期催报间隔",
        "截止日过后仍未确认的报告，从次日起每隔几天催报一次。",
        7,
        1,
        60,
    ),
}
ADJUSTMENT = {
    "warning_window": _option("integer", "预警观察期", "看最近几期应报报告。", 4, 1, 12),
    "warning_missing_or_late": _option(
        "integer", "预警期数", "观察期内缺报或迟报达到几期即预警。", 1, 1, 12
    ),
    "warning_lagging_share": _option(
        "number",
        "目标滞后比例",
        "进展有限或倒退的量化目标超过此比例即预警。",
        0.5,
        0,
        1,
        note="（过半）",
    ),
    "cancel_consecutive_missing": _option(
        "integer", "连续缺报期数", "连续缺报达到几期即建议取消资格。", 2, 1, 12
    ),
    "progress_on_track_ratio": _option(
        "number",
        "进度正常比例",
        "量化目标的实际年均增速达到按期完成目标所需增速的此比例及以上，评为进度正常。",
        0.95,
        0,
        1,
    ),
    "progress_acceleration_ratio": _option(
        "number",
        "需加快进度比例",
        "实际年均增速达到所需增速的此比例、但不到进度正常比例的，评为需加快进度；"
        "低于此比例的评为进展有限。",
        0.6,
        0,
        1,
    ),
}
DISCLOSURE = {
    "min_contributors": _option(
        "integer", "最少企业数", "至少有几家企业贡献数据才公开汇总值。", 3, 3, 20
    ),
    "max_share_pct": _option(
        "number", "单家占比上限", "单家企业占合计的比例超过此值（%）则不公开。", 85.0, 50, 100
    ),
    "min_contributors_quantiles": _option(
        "integer",
        "分位数最少企业数",
        "至少有几家企业贡献数据才公开中位数和四分位数（数据太少时，分位数会还原出各家的数值）。",
        10,
        5,
        50,
    ),
}


def policy_schema() -> dict[str, Any]:
    programme = _group(
        "培育期",
        "重点培育工作的起止日期；培育期结束后不再要求报送。",
        {
            "start": date_field("开始日期", "培育工作开始日期。"),
            "end": date_field("结束日期", "培育期结束日期，不填表示持续进行。"),
        },
        required=("start",),
    )
    return {
        "$schema": DRAFT,
        "$id": "urn:sctrack:schema:policy",
        "title": "报送与调整规则",
        "description": "报送日历、宽限天数、动态调整阈值和统计发布规则。未写的项目取默认值。",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "programme": programme,
            "calendar": _group("报送日历", "各类报告的截止日期。", CALENDAR),
            "adjustment": _group("动态调整阈值", "预警和建议取消资格的规则。", ADJUSTMENT),
            "disclosure": _group(
                "统计发布规则",
                "企业数据汇总后公开发布的条件（统计部门通行的 (n, k) 规则）。",
                DISCLOSURE,
            ),
        },
    }
