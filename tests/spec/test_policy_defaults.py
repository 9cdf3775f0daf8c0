"""The policy's defaults are declared once, in its schema, and `Policy` takes them from there."""

from __future__ import annotations

import dataclasses

from site_builder.load.records import Policy
from site_builder.spec import schema

DATES = {"programme_start", "programme_end"}


def test_every_policy_option_has_its_schema_default():
    defaults = {
        name: default
        for options in schema.policy_defaults().values()
        for name, default in options.items()
    }
    fields = {
        f.name: f.default if f.default is not dataclasses.MISSING else f.default_factory()
        for f in dataclasses.fields(Policy)
        if f.name not in DATES
    }
    assert fields == defaults


def test_descriptions_state_the_declared_default():
    for group, options in schema.policy_defaults().items():
        nodes = schema.load("policy")["properties"][group]["properties"]
        for name, default in options.items():
            if isinstance(default, list):  # a list of days reads 7、3、1
                stated = "、".join(str(item) for item in default)
            else:
                stated = f"{default:g}" if isinstance(default, int | float) else str(default)
            assert f"默认 {stated}" in nodes[name]["description"], name


def test_an_option_left_out_takes_its_default():
    policy = Policy.from_data({"calendar": {"grace_days": 3}})
    assert policy.grace_days == 3
    assert policy.quarterly_due_day == schema.policy_defaults()["calendar"]["quarterly_due_day"]


def test_validation_does_not_write_defaults_into_the_data():
    data = {"calendar": {"grace_days": 3}}
    assert schema.is_valid("policy", data)
    assert data == {"calendar": {"grace_days": 3}}
