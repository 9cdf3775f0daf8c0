"""Generate the JSON Schemas from the notice's outline and the indicator catalogue.

Run `python -m site_builder.spec.schemagen` after editing `data/outline.yaml` or
`data/indicators.yaml`; a test fails while the committed schemas are stale.

Custom keywords the rest of the package reads:
  x-visibility: internal   never published on the public site
  x-enum-labels            enum code -> Chinese label
  x-unit, x-better, x-indicator   on figures
  x-pattern-message        what a pattern means, in Chinese
  x-applies-to             an item only entity firms or financial institutions fill in
  x-heading                the notice's numbered heading of a section
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from site_builder.spec import catalogue

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).parent / "schemas"
CN_NUMERALS = "一二三四五六七八九十"
INTERNAL = {"x-visibility": "internal"}

ID_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
ID_MESSAGE = (
    "只能由小写英文字母、数字和连字符（-）组成，且不以连字符开头或结尾，例如 taiyuan-logistics"
)
LOGIN_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"
LOGIN_MESSAGE = "应为 GitHub 用户名（字母、数字和单个连字符，最长 39 位）"
TEAM_PATTERN = "^@[A-Za-z0-9-]+/[A-Za-z0-9._-]+$"
TEAM_MESSAGE = "应为 GitHub 团队，写作 @组织名/团队名，例如 @shanxi-scm/taiyuan"
QUARTER_PATTERN = "^[0-9]{4}-Q[1-4]$"
YEAR_PATTERN = "^[0-9]{4}$"


def _text(title: str, description: str, *, internal: bool = True, max_length: int = 20000) -> dict:
    node = {
        "type": "string",
        "title": title,
        "description": description,
        "pattern": "\\S",
        "x-pattern-message": "不能为空",
        "maxLength": max_length,
    }
    if internal:
        node.update(INTERNAL)
    return node


def _enum(title: str, description: str, label_set: str) -> dict:
    labels = catalogue.labels(label_set)
    return {
        "type": "string",
        "title": title,
        "description": description,
        "enum": list(labels),
        "x-enum-labels": labels,
    }


def _date(title: str, description: str) -> dict:
    return {
        "type": "string",
        "format": "date",
        "title": title,
        "description": description + "格式 YYYY-MM-DD。",
    }


def _id(title: str, description: str) -> dict:
    return {
        "type": "string",
        "title": title,
        "description": description,
        "pattern": ID_PATTERN,
        "x-pattern-message": ID_MESSAGE,
    }


def _figure(ind: catalogue.Indicator, kind: str) -> dict:
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


def _figures(kind: str, section: str) -> dict | None:
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


def _targets_section(title: str, description: str, heading: str) -> dict:
    statuses = catalogue.labels("target_status")
    return {
        "type": "object",
        "title": title,
        "description": description,
        "x-heading": heading,
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            "summary": _text("目标完成情况概述", description),
            "progress": {
                "type": "array",
                "title": "各项目标进展",
                "description": "对照立项信息（project.yaml）中的每项目标填写进展。",
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
                        "note": _text("进展说明", "已完成的工作、与计划的差距及原因。"),
                    },
                },
            },
        },
    }


def _section(kind: str, position: int, spec: dict) -> dict:
    heading = f"{CN_NUMERALS[position]}、{spec['title']}"
    description = spec.get("description") or f"对照通知“{heading}”填写。"
    if spec.get("targets"):
        return _targets_section(spec["title"], description, heading)
    properties = {}
    for item in spec.get("items", []):
        properties[item["key"]] = _text(item["title"], item["description"])
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


def _closing() -> dict[str, dict]:
    spec = catalogue.outline()["closing"]
    problem = {
        "type": "object",
        "title": "问题及建议",
        "description": "一个问题，以及希望得到的支持。",
        "additionalProperties": False,
        "required": ["theme", "problem"],
        "properties": {
            "theme": _enum("问题类别", "用于省级汇总时按主题归类。", "problem_theme"),
            "problem": _text("存在的问题", "具体说明遇到的困难。"),
            "suggestion": _text("建议或需要的支持", "希望省、市商务部门或有关部门协调支持的事项。"),
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
            "title": _text(
                "案例标题", "简明说明做法和成效，不超过 40 字。", internal=False, max_length=60
            ),
            "summary": _text(
                "案例摘要", "一两句话概括做法与成效，用于案例列表。", internal=False, max_length=300
            ),
            "body": _text(
                "案例正文",
                "背景、主要做法、取得成效、可复制推广的经验。可使用 Markdown（小标题、列表、表格）。",
                internal=False,
            ),
            "tags": {
                "type": "array",
                "title": "主题标签",
                "description": "案例涉及的主题，至少一个。",
                "minItems": 1,
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
            "items": problem,
        },
        "next_steps": _text(spec["next_steps"]["title"], spec["next_steps"]["description"]),
        "cases": {
            "type": "array",
            "title": spec["cases"]["title"],
            "description": spec["cases"]["description"],
            "x-heading": spec["cases"]["title"],
            "items": case,
        },
    }


def _kind_branch(kind: str) -> dict:
    sections = catalogue.outline()[kind]
    properties = {spec["key"]: _section(kind, i, spec) for i, spec in enumerate(sections)}
    other = {
        spec["key"] for k in catalogue.KINDS if k != kind for spec in catalogue.outline()[k]
    } - set(properties)
    for key in sorted(other):
        properties[key] = False
    return {
        "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
        "then": {"properties": properties, "required": [spec["key"] for spec in sections]},
    }


def report_schema(annual: bool) -> dict:
    name = "annual-report" if annual else "quarterly-report"
    title = "年度工作总结" if annual else "季度进展报告（季报）"
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
        "project": _id("项目编号", "本报告所属项目的编号，与项目文件夹名一致。"),
        "period": period,
        "kind": _enum("项目类别", "区域项目按通知第二部分填写，企业项目按第三部分填写。", "kind"),
    }
    if annual:
        properties["overall"] = _text(
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


def project_schema() -> dict:
    codes = list(catalogue.indicators())
    indicator_labels = {code: ind.label for code, ind in catalogue.indicators().items()}
    target = {
        "type": "object",
        "title": "目标",
        "description": "申报方案中的一项目标：量化目标写指标、基期值和目标值；其他目标写文字。",
        "additionalProperties": False,
        "required": ["id", "target_year"],
        "properties": {
            "id": {
                "type": "string",
                "title": "目标编号",
                "description": "本项目内唯一，报告中按此编号填写进展，例如 T1。",
                "pattern": "^[A-Za-z0-9_-]{1,20}$",
                "x-pattern-message": "应为字母、数字组成的短编号，例如 T1",
            },
            "indicator": {
                "type": "string",
                "title": "指标",
                "description": "指标目录中的指标代码。",
                "enum": codes,
                "x-enum-labels": indicator_labels,
            },
            "baseline": {
                "type": "number",
                "title": "基期值",
                "description": "基期年份的指标值，单位同指标目录。",
                **INTERNAL,
            },
            "baseline_year": {
                "type": "integer",
                "title": "基期年份",
                "description": "基期值所属年份。",
                "minimum": 2000,
                "maximum": 2100,
            },
            "target": {
                "type": "number",
                "title": "目标值",
                "description": "目标年份要达到的指标值。",
                **INTERNAL,
            },
            "target_year": {
                "type": "integer",
                "title": "目标年份",
                "description": "计划达成目标的年份。",
                "minimum": 2000,
                "maximum": 2100,
            },
            "text": _text("目标内容", "不能量化的目标，用一句话写清要完成的事项。"),
        },
        "allOf": [
            {
                "if": {"required": ["indicator"]},
                "then": {"required": ["baseline", "baseline_year", "target"]},
                "else": {"required": ["text"]},
            }
        ],
    }
    contact = {
        "type": "object",
        "title": "联系人",
        "description": "项目联系人，仅授权用户可见。",
        "additionalProperties": False,
        "required": ["name", "phone"],
        "properties": {
            "name": _text("姓名", "联系人姓名。", max_length=40),
            "role": _text("职务", "联系人职务或分工。", max_length=60),
            "phone": _text(
                "电话", '联系电话，请加引号以保留区号前的 0，例如 "0351-1234567"。', max_length=40
            ),
            "email": _text("电子邮箱", "联系邮箱。", max_length=120),
        },
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:sctrack:schema:project",
        "title": "项目立项信息",
        "description": "一个供应链重点项目的立项信息，放在 submissions/projects/<项目编号>/project.yaml。",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "name",
            "unit",
            "kind",
            "tier",
            "city",
            "start_date",
            "industry",
            "public_summary",
            "targets",
            "submitters",
        ],
        "properties": {
            "id": _id("项目编号", "与项目文件夹名一致，立项后不再更改。"),
            "name": _text("项目名称", "申报方案中的项目名称。", internal=False, max_length=80),
            "unit": _text(
                "项目单位",
                "区域项目写牵头的市（县、区）人民政府或商务局；企业项目写企业全称。",
                internal=False,
                max_length=80,
            ),
            "kind": _enum("项目类别", "区域项目或企业项目。", "kind"),
            "tier": _enum("项目层级", "省重点项目或全国试点项目。", "tier"),
            "city": _id("所在市", "registry/cities.yaml 中的城市编号，例如 taiyuan。"),
            "start_date": _date("纳入跟进日期", "项目纳入重点培育（或试点）的日期。"),
            "industry": _enum("所属行业", "项目的主要行业。", "industry"),
            "public_summary": _text(
                "公开简介",
                "面向公众的项目简介（100～300 字），在公开站点展示；不要写具体经营数据。",
                internal=False,
                max_length=1000,
            ),
            "enterprise_type": _enum(
                "企业类型", "企业项目必填：实体企业或金融机构。", "enterprise_type"
            ),
            "provincial_soe": {
                "type": "boolean",
                "title": "是否省属企业",
                "description": "企业项目必填。省属企业的报告由省商务厅会同省国资委督促和审核。",
            },
            "targets": {
                "type": "array",
                "title": "申报目标",
                "description": "申报方案中的目标，报告按编号填写进展。",
                "minItems": 1,
                "items": target,
            },
            "contacts": {
                "type": "array",
                "title": "联系人",
                "description": "项目联系人，仅授权用户可见。",
                "items": contact,
                **INTERNAL,
            },
            "submitters": {
                "type": "array",
                "title": "报送人账号",
                "description": "可以修改本项目文件的 GitHub 账号。",
                "minItems": 1,
                "uniqueItems": True,
                "items": {
                    "type": "string",
                    "title": "GitHub 账号",
                    "description": "报送人的 GitHub 用户名。",
                    "pattern": LOGIN_PATTERN,
                    "x-pattern-message": LOGIN_MESSAGE,
                    **INTERNAL,
                },
                **INTERNAL,
            },
        },
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": "enterprise"}}, "required": ["kind"]},
                "then": {"required": ["enterprise_type", "provincial_soe"]},
                "else": {"properties": {"enterprise_type": False, "provincial_soe": False}},
            }
        ],
    }


def cities_schema() -> dict:
    team = {
        "type": "string",
        "title": "审核团队",
        "description": "GitHub 团队，写作 @组织名/团队名。",
        "pattern": TEAM_PATTERN,
        "x-pattern-message": TEAM_MESSAGE,
    }
    logins = {
        "type": "array",
        "title": "账号",
        "description": "GitHub 用户名列表。",
        "uniqueItems": True,
        "items": {
            "type": "string",
            "title": "GitHub 账号",
            "description": "GitHub 用户名。",
            "pattern": LOGIN_PATTERN,
            "x-pattern-message": LOGIN_MESSAGE,
            **INTERNAL,
        },
        **INTERNAL,
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:sctrack:schema:cities",
        "title": "城市与审核团队",
        "description": "全省各市及其审核团队，以及省级团队。决定谁审核（确认）哪些项目的报告。",
        "type": "object",
        "additionalProperties": False,
        "required": ["province", "sasac", "cities"],
        "properties": {
            "province": {
                "type": "object",
                "title": "省商务厅",
                "description": "省商务厅团队：审核登记信息、省级配置和代码的变更。",
                "additionalProperties": False,
                "required": ["name", "team", "maintainers"],
                "properties": {
                    "name": _text("名称", "单位名称。", internal=False, max_length=60),
                    "team": team,
                    "maintainers": {
                        **logins,
                        "title": "省级维护人员",
                        "description": "可以修改登记信息（registry/）、新增项目、修改工作流和代码的账号。",
                        "minItems": 1,
                    },
                },
            },
            "sasac": {
                "type": "object",
                "title": "省国资委",
                "description": "省属企业的报告由省商务厅会同省国资委督促，省国资委团队参与审核。",
                "additionalProperties": False,
                "required": ["name", "team"],
                "properties": {
                    "name": _text("名称", "单位名称。", internal=False, max_length=60),
                    "team": team,
                },
            },
            "cities": {
                "type": "array",
                "title": "城市",
                "description": "全省各设区市。",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "title": "城市",
                    "description": "一个设区市及其商务局审核团队。",
                    "additionalProperties": False,
                    "required": ["id", "name", "reviewer_team"],
                    "properties": {
                        "id": _id("城市编号", "城市的拼音编号，例如 taiyuan。"),
                        "name": _text("城市名称", "例如 太原市。", internal=False, max_length=20),
                        "reviewer_team": {**team, "title": "市商务局审核团队"},
                    },
                },
            },
        },
    }


def policy_schema() -> dict:
    def day(title: str, description: str, maximum: int = 31) -> dict:
        return {
            "type": "integer",
            "title": title,
            "description": description,
            "minimum": 1,
            "maximum": maximum,
        }

    return {
        "$schema": DRAFT,
        "$id": "urn:sctrack:schema:policy",
        "title": "报送与调整规则",
        "description": "报送日历、宽限天数、动态调整阈值和统计发布规则。未写的项目取默认值。",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "programme": {
                "type": "object",
                "title": "培育期",
                "description": "重点培育工作的起止日期；培育期结束后不再要求报送。",
                "additionalProperties": False,
                "required": ["start"],
                "properties": {
                    "start": _date("开始日期", "培育工作开始日期。"),
                    "end": _date("结束日期", "培育期结束日期，不填表示持续进行。"),
                },
            },
            "calendar": {
                "type": "object",
                "title": "报送日历",
                "description": "各类报告的截止日期。",
                "additionalProperties": False,
                "properties": {
                    "quarterly_due_day": day(
                        "季报截止日",
                        "季度结束后次月的第几日前报送（第四季度同样适用）。默认 15。",
                        28,
                    ),
                    "annual_due_month": day("年度总结截止月", "次年几月。默认 1。", 12),
                    "annual_due_day": day("年度总结截止日", "该月的第几日。默认 31。"),
                    "grace_days": {
                        "type": "integer",
                        "title": "宽限天数",
                        "description": "截止日后仍算按时的天数。默认 0。",
                        "minimum": 0,
                        "maximum": 60,
                    },
                },
            },
            "adjustment": {
                "type": "object",
                "title": "动态调整阈值",
                "description": "预警和建议取消资格的规则。",
                "additionalProperties": False,
                "properties": {
                    "warning_window": {
                        "type": "integer",
                        "title": "预警观察期",
                        "description": "看最近几期应报报告。默认 4。",
                        "minimum": 1,
                        "maximum": 12,
                    },
                    "warning_missing_or_late": {
                        "type": "integer",
                        "title": "预警期数",
                        "description": "观察期内缺报或迟报达到几期即预警。默认 1。",
                        "minimum": 1,
                        "maximum": 12,
                    },
                    "warning_lagging_share": {
                        "type": "number",
                        "title": "目标滞后比例",
                        "description": "进展有限或倒退的量化目标超过此比例即预警。默认 0.5（过半）。",
                        "minimum": 0,
                        "maximum": 1,
                    },
                    "cancel_consecutive_missing": {
                        "type": "integer",
                        "title": "连续缺报期数",
                        "description": "连续缺报达到几期即建议取消资格。默认 2。",
                        "minimum": 1,
                        "maximum": 12,
                    },
                },
            },
            "disclosure": {
                "type": "object",
                "title": "统计发布规则",
                "description": "企业数据汇总后公开发布的条件（统计部门通行的 (n, k) 规则）。",
                "additionalProperties": False,
                "properties": {
                    "min_contributors": {
                        "type": "integer",
                        "title": "最少企业数",
                        "description": "至少有几家企业贡献数据才公开汇总值。默认 3。",
                        "minimum": 3,
                        "maximum": 20,
                    },
                    "max_share_pct": {
                        "type": "number",
                        "title": "单家占比上限",
                        "description": "单家企业占合计的比例超过此值（%）则不公开。默认 85。",
                        "minimum": 50,
                        "maximum": 100,
                    },
                },
            },
        },
    }


def adjustments_schema() -> dict:
    return {
        "$schema": DRAFT,
        "$id": "urn:sctrack:schema:adjustments",
        "title": "动态调整决定",
        "description": "省商务厅对项目作出的预警、取消资格等决定，以及省级记录的风险或违规情况。",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "decisions": {
                "type": "array",
                "title": "调整决定",
                "description": "省商务厅作出的决定，公开发布。",
                "items": {
                    "type": "object",
                    "title": "决定",
                    "description": "一项决定。",
                    "additionalProperties": False,
                    "required": ["project", "date", "decision", "document_no", "reason"],
                    "properties": {
                        "project": _id("项目编号", "被调整项目的编号。"),
                        "date": _date("决定日期", "发文日期。"),
                        "decision": _enum("决定", "预警、取消重点培育资格或解除预警。", "decision"),
                        "document_no": _text(
                            "文号", "例如 晋商建函〔2021〕88 号。", internal=False, max_length=60
                        ),
                        "reason": _text(
                            "理由", "决定的事实依据。", internal=False, max_length=2000
                        ),
                    },
                },
            },
            "flags": {
                "type": "array",
                "title": "风险与违规记录",
                "description": "省级记录的重大风险隐患或违法违规情况，仅授权用户可见，是建议取消资格的依据。",
                "items": {
                    "type": "object",
                    "title": "记录",
                    "description": "一条风险或违规记录。",
                    "additionalProperties": False,
                    "required": ["project", "date", "type", "note"],
                    "properties": {
                        "project": _id("项目编号", "所涉项目的编号。"),
                        "date": _date("记录日期", "发现或记录的日期。"),
                        "type": _enum("类别", "重大风险隐患或违法违规。", "flag_type"),
                        "note": _text("情况说明", "事实和来源。"),
                    },
                },
            },
        },
    }


SCHEMAS = {
    "project": project_schema,
    "quarterly-report": lambda: report_schema(annual=False),
    "annual-report": lambda: report_schema(annual=True),
    "cities": cities_schema,
    "policy": policy_schema,
    "adjustments": adjustments_schema,
}


def render_all() -> dict[str, str]:
    """File name -> JSON text of every schema."""
    return {
        f"{name}.schema.json": json.dumps(build(), ensure_ascii=False, indent=2) + "\n"
        for name, build in SCHEMAS.items()
    }


def main() -> int:
    for filename, text in render_all().items():
        (SCHEMA_DIR / filename).write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_DIR / filename}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
