"""The schemas of the province's registry: cities and teams, adjustment decisions.

The policy's schema, which declares every rule's default, is in `schema_policy`.
"""

from __future__ import annotations

from typing import Any

from site_builder.spec.schema_nodes import (
    DRAFT,
    INTERNAL,
    LOGIN_MESSAGE,
    LOGIN_PATTERN,
    MAX_CITIES,
    MAX_LOGINS,
    MAX_RECORDS,
    TEAM_MAX_LENGTH,
    TEAM_MESSAGE,
    TEAM_PATTERN,
    date_field,
    enum_field,
    id_field,
    text_field,
)


def cities_schema() -> dict[str, Any]:
    team = {
        "type": "string",
        "title": "审核团队",
        "description": "GitHub 团队，写作 @组织名/团队名。",
        "pattern": TEAM_PATTERN,
        "maxLength": TEAM_MAX_LENGTH,
        "x-pattern-message": TEAM_MESSAGE,
    }
    logins = {
        "type": "array",
        "title": "账号",
        "description": "GitHub 用户名列表。",
        "uniqueItems": True,
        "maxItems": MAX_LOGINS,
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
                    "name": text_field("名称", "单位名称。", internal=False, max_length=60),
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
                    "name": text_field("名称", "单位名称。", internal=False, max_length=60),
                    "team": team,
                },
            },
            "cities": {
                "type": "array",
                "title": "城市",
                "description": "全省各设区市。",
                "minItems": 1,
                "maxItems": MAX_CITIES,
                "items": {
                    "type": "object",
                    "title": "城市",
                    "description": "一个设区市及其商务局审核团队。",
                    "additionalProperties": False,
                    "required": ["id", "name", "reviewer_team"],
                    "properties": {
                        "id": id_field("城市编号", "城市的拼音编号，例如 taiyuan。"),
                        "name": text_field(
                            "城市名称", "例如 太原市。", internal=False, max_length=20
                        ),
                        "reviewer_team": {**team, "title": "市商务局审核团队"},
                    },
                },
            },
        },
    }


def adjustments_schema() -> dict[str, Any]:
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
                "maxItems": MAX_RECORDS,
                "items": {
                    "type": "object",
                    "title": "决定",
                    "description": "一项决定。",
                    "additionalProperties": False,
                    "required": ["project", "date", "decision", "document_no", "reason"],
                    "properties": {
                        "project": id_field("项目编号", "被调整项目的编号。"),
                        "date": date_field("决定日期", "发文日期。"),
                        "decision": enum_field(
                            "决定", "预警、取消重点培育资格或恢复重点培育资格。", "decision"
                        ),
                        "document_no": text_field(
                            "文号", "例如 晋商建函〔2021〕88 号。", internal=False, max_length=60
                        ),
                        "reason": text_field(
                            "理由", "决定的事实依据。", internal=False, max_length=2000
                        ),
                    },
                },
            },
            "flags": {
                "type": "array",
                "title": "风险与违规记录",
                "description": "省级记录的重大风险隐患或违法违规情况，仅授权用户可见，是建议取消资格的依据。",
                "maxItems": MAX_RECORDS,
                "items": {
                    "type": "object",
                    "title": "记录",
                    "description": "一条风险或违规记录。",
                    "additionalProperties": False,
                    "required": ["project", "date", "type", "note"],
                    "properties": {
                        "project": id_field("项目编号", "所涉项目的编号。"),
                        "date": date_field("记录日期", "发现或记录的日期。"),
                        "type": enum_field("类别", "重大风险隐患或违法违规。", "flag_type"),
                        "note": text_field("情况说明", "事实和来源。"),
                    },
                },
            },
        },
    }
