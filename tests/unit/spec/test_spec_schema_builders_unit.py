"""Each schema builder on its own: what it produces is the committed schema, and its pieces
accept and refuse what they should."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from site_builder.spec import (
    schema_nodes,
    schema_policy,
    schema_project,
    schema_registry,
    schema_reports,
    schemagen,
)

BUILDERS = {
    "project": schema_project.project_schema,
    "quarterly-report": lambda: schema_reports.report_schema(annual=False),
    "annual-report": lambda: schema_reports.report_schema(annual=True),
    "cities": schema_registry.cities_schema,
    "policy": schema_policy.policy_schema,
    "adjustments": schema_registry.adjustments_schema,
}


@pytest.mark.parametrize("name", BUILDERS)
def test_each_builder_makes_a_valid_schema_equal_to_the_committed_one(name: str):
    built = schemagen.with_editor_messages(BUILDERS[name]())
    Draft202012Validator.check_schema(built)
    committed = json.loads((schemagen.SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
    assert built == committed
    assert built["$schema"] == schema_nodes.DRAFT


def _accepts(node: dict, value) -> bool:
    return Draft202012Validator(node, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(
        value
    )


def test_the_node_helpers_check_what_they_say():
    text = schema_nodes.text_field("标题", "说明。", max_length=5)
    assert (
        _accepts(text, "进展") and not _accepts(text, "   ") and not _accepts(text, "超过五个字了")
    )
    assert text["x-visibility"] == "internal"
    assert "x-visibility" not in schema_nodes.text_field("标题", "说明。", internal=False)
    ident = schema_nodes.id_field("编号", "项目编号。")
    assert _accepts(ident, "taiyuan-region") and not _accepts(ident, "Taiyuan_Region")
    assert _accepts(schema_nodes.date_field("日期", "开工日期。"), "2021-07-01")
    assert not _accepts(schema_nodes.date_field("日期", "开工日期。"), "2021-13-01")


def test_enum_fields_carry_their_chinese_labels():
    tier = schema_project.project_schema()["properties"]["tier"]
    assert tier["enum"] == list(tier["x-enum-labels"])
    assert tier["x-enum-labels"]["national_pilot"] == "全国试点"


def test_patterns_match_periods_logins_and_teams():
    assert re.match(schema_nodes.QUARTER_PATTERN, "2021-Q3")
    assert not re.match(schema_nodes.QUARTER_PATTERN, "2021-Q5")
    assert re.match(schema_nodes.YEAR_PATTERN, "2021")
    assert re.match(schema_nodes.LOGIN_PATTERN, "alpha-clerk")
    assert not re.match(schema_nodes.LOGIN_PATTERN, "alpha--clerk")
    assert re.match(schema_nodes.TEAM_PATTERN, "@shanxi-scm/taiyuan")


def test_lists_are_bounded():
    report = schema_reports.report_schema(annual=False)
    assert report["properties"]["cases"]["maxItems"] == schema_nodes.MAX_CASES
    cities = schema_registry.cities_schema()
    assert json.dumps(cities).count(f'"maxItems": {schema_nodes.MAX_LOGINS}') >= 1


def test_the_policy_schema_defaults_are_the_calendar_the_notice_sets():
    calendar = schema_policy.policy_schema()["properties"]["calendar"]["properties"]
    assert calendar["timezone"]["default"] == "Asia/Shanghai"
