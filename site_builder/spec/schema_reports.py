"""The schemas of quarterly reports and annual summaries, from the notice's outline.

Each kind of project (region, enterprise) has its numbered sections (the
notice's parts two and three); a report carries the sections of its kind, the
figures the catalogue lists for each, and the closing parts every report has.
"""

from __future__ import annotations

from typing import Any

from site_builder.spec import catalogue
from site_builder.spec.schema_nodes import (
    CN_NUMERALS,
    DRAFT,
    INTERNAL,
    MAX_CASES,
    MAX_PROBLEMS,
    MAX_TARGETS,
    QUARTER_PATTERN,
    YEAR_PATTERN,
    enum_field,
    id_field,
    text_field,
)


def _figure(ind: catalogue.Indicator, kind: str) -> dict[str, Any]:
    description = f"{ind.description} 单位：{ind.unit}。"
    if ind.measure == "flow":
        description += "填本年累计值。"
    if kind == "enterprise":
        types = "、".join(
            catalogue.label("enterprise_type", a) for a in ind.applies_to if a != "region"
        )
        description += f"适用于{types}。"
    node: dict[str, Any] = {
        "type": "number",
        "title": ind.name,
        "description": description,
        "x-indicator": ind.code,
        "x-unit": ind.unit,
        "x-better": ind.better,
    }
    for key, keyword in (
        ("minimum", "minimum"),
        ("exclusive_minimum", "exclusiveMinimum"),
        ("maximum", "maximum"),
    ):
        value = getattr(ind, key)
        if value is not None:
            node[keyword] = value
    # A per-enterprise figure is confidential; a regional one follows the catalogue.
    if kind == "enterprise" or ind.visibility == "internal":
        node.update(INTERNAL)
    return node


def _figures(kind: str, section: str) -> dict[str, Any] | None:
    inds = catalogue.section_indicators(kind, section)
    if not inds:
        return None
    description = "本部分的数据指标。流量指标填本年累计值；没有的数据不填（不要写 0）。"
    if kind == "enterprise":
        description += "各指标只适用于对应类型的企业（实体企业或金融机构，见每项说明）。"
    return {
        "type": "object",
        "title": "数据指标",
        "description": description,
        "additionalProperties": False,
        "properties": {ind.code: _figure(ind, kind) for ind in inds},
    }


def _targets_section(title: str, description: str, heading: str) -> dict[str, Any]:
    statuses = catalogue.labels("target_status")
    return {
        "type": "object",
        "title": title,
        "description": description,
        "x-heading": heading,
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            "summary": text_field("目标完成情况概述", description),
            "progress": {
                "type": "array",
                "title": "各项目标进展",
                "description": "对照立项信息（project.yaml）中的每项目标填写进展。",
                "maxItems": MAX_TARGETS,
                "items": {
                    "type": "object",
                    "title": "目标进展",
                    "description": "一项目标的进展。",
                    "additionalProperties": False,
                    "required": ["target", "status"],
                    "properties": {
                        "target": {
                            "type": "string",
                            "title": "目标编号",
                            "description": "立项信息中该目标的 id，例如 T1。",
                            "pattern": "^[A-Za-z0-9_-]{1,20}$",
                            "x-pattern-message": "应为立项信息中的目标编号，例如 T1",
                        },
                        "status": {
                            "type": "string",
                            "title": "进展状态",
                            "description": "该目标当前的推进状态。",
                            "enum": list(statuses),
                            "x-enum-labels": statuses,
                        },
                        "note": text_field("进展说明", "已完成的工作、与计划的差距及原因。"),
                    },
                },
            },
        },
    }


def _section(kind: str, position: int, spec: dict[str, Any]) -> dict[str, Any]:
    heading = f"{CN_NUMERALS[position]}、{spec['title']}"
    description = spec.get("description") or f"对照通知“{heading}”填写。"
    if spec.get("targets"):
        return _targets_section(spec["title"], description, heading)
    properties = {}
    for item in spec.get("items", []):
        properties[item["key"]] = text_field(item["title"], item["description"])
        if "applies_to" in item:
            properties[item["key"]]["x-applies-to"] = item["applies_to"]
    figures = _figures(kind, spec["key"])
    if figures:
        properties["figures"] = figures
    return {
        "type": "object",
        "title": spec["title"],
        "description": description,
        "x-heading": heading,
        "additionalProperties": False,
        "minProperties": 1,
        "properties": properties,
    }


def _closing() -> dict[str, dict[str, Any]]:
    spec = catalogue.outline()["closing"]
    problem = {
        "type": "object",
        "title": "问题及建议",
        "description": "一个问题，以及希望得到的支持。",
        "additionalProperties": False,
        "required": ["theme", "problem"],
        "properties": {
            "theme": enum_field("问题类别", "用于省级汇总时按主题归类。", "problem_theme"),
            "problem": text_field("存在的问题", "具体说明遇到的困难。"),
            "suggestion": text_field(
                "建议或需要的支持", "希望省、市商务部门或有关部门协调支持的事项。"
            ),
        },
    }
    tags = catalogue.labels("case_tag")
    case = {
        "type": "object",
        "title": "实践案例",
        "description": "一条可复制推广的实践经验。",
        "additionalProperties": False,
        "required": ["title", "summary", "body", "tags"],
        "properties": {
            "title": text_field(
                "案例标题", "简明说明做法和成效，不超过 40 字。", internal=False, max_length=60
            ),
            "summary": text_field(
                "案例摘要", "一两句话概括做法与成效，用于案例列表。", internal=False, max_length=300
            ),
            "body": text_field(
                "案例正文",
                "背景、主要做法、取得成效、可复制推广的经验。可使用 Markdown（小标题、列表、表格）。",
                internal=False,
            ),
            "tags": {
                "type": "array",
                "title": "主题标签",
                "description": "案例涉及的主题，至少一个。",
                "minItems": 1,
                "maxItems": len(tags),
                "uniqueItems": True,
                "items": {
                    "type": "string",
                    "title": "主题",
                    "description": "案例主题。",
                    "enum": list(tags),
                    "x-enum-labels": tags,
                },
            },
            "public": {
                "type": "boolean",
                "title": "申请公开发布",
                "description": "true：经审核合并后在公开站点发布；false 或不填：仅授权用户可见。",
            },
        },
    }
    return {
        "problems": {
            "type": "array",
            "title": spec["problems"]["title"],
            "description": spec["problems"]["description"] + "没有问题时写 []。",
            "x-heading": spec["problems"]["title"],
            "maxItems": MAX_PROBLEMS,
            "items": problem,
        },
        "next_steps": text_field(spec["next_steps"]["title"], spec["next_steps"]["description"]),
        "cases": {
            "type": "array",
            "title": spec["cases"]["title"],
            "description": spec["cases"]["description"],
            "x-heading": spec["cases"]["title"],
            "maxItems": MAX_CASES,
            "items": case,
        },
    }


def _kind_branch(kind: str) -> dict[str, Any]:
    sections = catalogue.outline()[kind]
    properties: dict[str, dict[str, Any] | bool] = {
        spec["key"]: _section(kind, i, spec) for i, spec in enumerate(sections)
    }
    other = {
        spec["key"] for k in catalogue.KINDS if k != kind for spec in catalogue.outline()[k]
    } - set(properties)
    for key in sorted(other):
        properties[key] = False
    return {
        "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
        "then": {"properties": properties, "required": [spec["key"] for spec in sections]},
    }


# What the two kinds of report are called (the notice's 季报 and 年度工作总结); a report on a
# period is named by `load.periods.Period.report_name`.
REPORT_KINDS = {False: "季度进展报告", True: "年度工作总结"}


def report_schema(annual: bool) -> dict[str, Any]:
    name = "annual-report" if annual else "quarterly-report"
    title = REPORT_KINDS[annual] + ("" if annual else "（季报）")
    period = {
        "type": "string",
        "title": "报告期",
        "description": '年度总结写年份，例如 "2021"（加引号）。'
        if annual
        else "季度，例如 2021-Q3。须与文件名一致。",
        "pattern": YEAR_PATTERN if annual else QUARTER_PATTERN,
        "x-pattern-message": '应写成 "2021" 这样的四位年份（加引号）'
        if annual
        else "应写成 2021-Q3 这样的季度",
    }
    all_sections: dict[str, Any] = {}
    for kind in catalogue.KINDS:
        for spec in catalogue.outline()[kind]:
            all_sections.setdefault(
                spec["key"],
                {
                    "type": "object",
                    "title": spec["title"],
                    "description": "通知规定的跟进要点之一；区域项目和企业项目的分项不同，按 kind 填写。",
                },
            )
    properties: dict[str, Any] = {
        "project": id_field("项目编号", "本报告所属项目的编号，与项目文件夹名一致。"),
        "period": period,
        "kind": enum_field(
            "项目类别", "区域项目按通知第二部分填写，企业项目按第三部分填写。", "kind"
        ),
    }
    if annual:
        properties["overall"] = text_field(
            "年度工作总体情况", "全年工作的总体情况、主要成效和亮点，300～800 字为宜。"
        )
    properties.update(all_sections)
    properties.update(_closing())
    required = ["project", "period", "kind", "problems", "next_steps"]
    if annual:
        required.insert(3, "overall")
    return {
        "$schema": DRAFT,
        "$id": f"urn:sctrack:schema:{name}",
        "title": title,
        "description": (
            "供应链重点项目的" + title + "。按《关于在线跟进供应链重点项目的通知》"
            "区域项目（第二部分）或企业项目（第三部分）的跟进要点填写；"
            "流量指标填本年累计值，比率指标填本期值，没有的数据不填。"
        ),
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
        "allOf": [_kind_branch(kind) for kind in catalogue.KINDS],
    }
