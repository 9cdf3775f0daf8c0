"""The schemas: generated from the outline and catalogue, complete, and described in Chinese."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from site_builder.spec import catalogue, schema, schemagen

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_committed_schemas_are_up_to_date():
    for filename, text in schemagen.render_all().items():
        committed = (schemagen.SCHEMA_DIR / filename).read_text(encoding="utf-8")
        assert committed == text, f"{filename} is stale: run python -m site_builder.spec.schemagen"


@pytest.mark.parametrize("name", schema.SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name):
    loaded = schema.load(name)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(loaded)


@pytest.mark.parametrize("name", schema.SCHEMA_NAMES)
def test_every_node_has_a_chinese_title_and_description(name):
    for path, node in schema.walk(schema.load(name)):
        if node.get("type") or node.get("enum"):
            assert CJK.search(node.get("title", "")), (name, path)
            assert CJK.search(node.get("description", "")), (name, path)


def _headings(kind: str) -> list[str]:
    return [part.heading for part in schema.report_parts(kind)]


def test_regional_report_follows_section_two_of_the_notice():
    assert _headings("region")[:8] == [
        "一、组织保障",
        "二、基础工作",
        "三、目标完成情况",
        "四、产业供应链绩效情况",
        "五、工作创新与示范带动情况",
        "六、规范发展供应链金融情况",
        "七、大力发展绿色供应链情况",
        "八、积极布局全球供应链情况",
    ]
    items = {part.key: [k for k, _ in part.items] for part in schema.report_parts("region")}
    assert len(items["organisation"]) == 4
    assert len(items["groundwork"]) == 6
    assert len(items["performance"]) == 3
    assert len(items["innovation"]) == 4


def test_enterprise_report_follows_section_three_of_the_notice():
    assert _headings("enterprise")[:7] == [
        "一、组织保障",
        "二、基础工作",
        "三、项目目标完成情况",
        "四、企业供应链绩效情况",
        "五、工作创新与示范带动情况",
        "六、发展绿色供应链情况",
        "七、布局全球供应链情况",
    ]
    items = {part.key: [k for k, _ in part.items] for part in schema.report_parts("enterprise")}
    assert len(items["organisation"]) == 4
    assert len(items["groundwork"]) == 4
    assert len(items["innovation"]) == 3


def test_reports_close_with_problems_next_steps_and_cases():
    for kind in catalogue.KINDS:
        assert [p.key for p in schema.report_parts(kind)][-3:] == [
            "problems",
            "next_steps",
            "cases",
        ]


def test_notice_indicators_are_in_the_catalogue():
    codes = set(catalogue.indicators())
    # 三(四): entity firms and financial institutions; 二(六): supply-chain finance.
    assert {
        "revenue_growth",
        "cost_profit_ratio",
        "inventory_turnover",
        "total_asset_turnover",
        "cash_conversion_cycle",
        "roa",
        "quality_pass_rate",
        "on_time_delivery",
        "scf_volume",
        "scf_growth",
        "scf_enterprises",
        "financing_cost",
        "npl_ratio",
        "smes_served",
        "zhongzheng_financing",
        "bad_debt_ratio",
        "import_export",
    } <= codes
    lower = {c for c, ind in catalogue.indicators().items() if ind.better == "lower"}
    assert {"cash_conversion_cycle", "bad_debt_ratio", "financing_cost", "npl_ratio"} <= lower


def test_internal_fields_are_marked():
    project = schema.internal_paths("project")
    assert ("contacts",) in project
    assert ("contacts", "[]", "phone") in project
    assert ("submitters",) in project
    assert ("targets", "[]", "baseline") in project
    report = schema.internal_paths("quarterly-report")
    # Every per-enterprise figure is internal.
    for code, ind in catalogue.indicators().items():
        if ind.section.get("enterprise"):
            section = ind.section["enterprise"]
            assert (section, "figures", code) in report, code
    assert ("problems", "[]", "problem") in report
    assert ("cases", "[]", "body") not in report  # published when public: true


def test_schema_files_are_plain_json():
    for name in schema.SCHEMA_NAMES:
        path = schemagen.SCHEMA_DIR / f"{name}.schema.json"
        json.loads(path.read_text(encoding="utf-8"))
