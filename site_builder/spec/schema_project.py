"""The schema of a project's registration (`project.yaml`)."""

from __future__ import annotations

from typing import Any

from site_builder.spec import catalogue, credit_code
from site_builder.spec.schema_nodes import (
    DRAFT,
    INTERNAL,
    LOGIN_MESSAGE,
    LOGIN_PATTERN,
    MAX_CONTACTS,
    MAX_LOGINS,
    MAX_TARGETS,
    date_field,
    enum_field,
    id_field,
    text_field,
)


def project_schema() -> dict[str, Any]:
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
            "text": text_field("目标内容", "不能量化的目标，用一句话写清要完成的事项。"),
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
            "name": text_field("姓名", "联系人姓名。", max_length=40),
            "role": text_field("职务", "联系人职务或分工。", max_length=60),
            "phone": text_field(
                "电话", '联系电话，请加引号以保留区号前的 0，例如 "0351-1234567"。', max_length=40
            ),
            "email": text_field("电子邮箱", "联系邮箱。", max_length=120),
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
            "id": id_field("项目编号", "与项目文件夹名一致，立项后不再更改。"),
            "name": text_field("项目名称", "申报方案中的项目名称。", internal=False, max_length=80),
            "unit": text_field(
                "项目单位",
                "区域项目写牵头的市（县、区）人民政府或商务局；企业项目写企业全称。",
                internal=False,
                max_length=80,
            ),
            "kind": enum_field("项目类别", "区域项目或企业项目。", "kind"),
            "tier": enum_field("项目层级", "省重点项目或全国试点项目。", "tier"),
            "city": id_field("所在市", "registry/cities.yaml 中的城市编号，例如 taiyuan。"),
            "start_date": date_field("纳入跟进日期", "项目纳入重点培育（或试点）的日期。"),
            "industry": enum_field("所属行业", "项目的主要行业。", "industry"),
            "public_summary": text_field(
                "公开简介",
                "面向公众的项目简介（100～300 字），在公开站点展示；不要写具体经营数据。",
                internal=False,
                max_length=1000,
            ),
            "enterprise_type": enum_field(
                "企业类型", "企业项目必填：实体企业或金融机构。", "enterprise_type"
            ),
            "credit_code": {
                "type": "string",
                "title": "统一社会信用代码",
                "description": (
                    "企业项目必填：项目单位营业执照上的 18 位统一社会信用代码。统计时同一代码的"
                    "多个项目合并计为一家企业；仅授权用户可见。"
                ),
                "pattern": credit_code.PATTERN,
                "x-pattern-message": credit_code.PATTERN_MESSAGE,
                **INTERNAL,
            },
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
                "maxItems": MAX_TARGETS,
                "items": target,
            },
            "contacts": {
                "type": "array",
                "title": "联系人",
                "description": "项目联系人，仅授权用户可见。",
                "maxItems": MAX_CONTACTS,
                "items": contact,
                **INTERNAL,
            },
            "submitters": {
                "type": "array",
                "title": "报送人账号",
                "description": "可以修改本项目文件的 GitHub 账号。",
                "minItems": 1,
                "maxItems": MAX_LOGINS,
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
                "then": {"required": ["enterprise_type", "provincial_soe", "credit_code"]},
                "else": {
                    "properties": {
                        "enterprise_type": False,
                        "provincial_soe": False,
                        "credit_code": False,
                    }
                },
            }
        ],
    }
