"""The policy's time zone: declared once, validated, and the clock every deadline is read on."""

from __future__ import annotations

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

from site_builder.analyse.calendar import cutoff, deadline
from site_builder.load.periods import parse_period
from site_builder.load.records import Policy
from site_builder.validate.run import validate

from conftest import FIXTURES

POLICY = "submissions/registry/policy.yaml"


def test_beijing_time_is_the_default_and_the_day_ends_at_midnight():
    policy = Policy()
    assert policy.timezone == "Asia/Shanghai"
    end = deadline(parse_period("2021-Q1"), policy)
    assert end == datetime(2021, 4, 16, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert end == datetime.fromisoformat("2021-04-15T16:00:00+00:00")


def test_grace_days_and_another_zone_move_the_deadline():
    policy = Policy(grace_days=2, timezone="Asia/Tokyo")
    assert deadline(parse_period("2021-Q1"), policy) == datetime.fromisoformat(
        "2021-04-18T00:00:00+09:00"
    )


def test_as_of_sees_up_to_the_end_of_the_day_never_past_now():
    policy = Policy()
    day = parse_period("2021-Q1").end
    now = datetime.fromisoformat("2021-03-31T09:00:00+08:00")
    assert cutoff(day, policy, now=now) == now
    later = datetime.fromisoformat("2022-01-01T00:00:00+08:00")
    assert cutoff(day, policy, now=later) == datetime.fromisoformat("2021-04-01T00:00:00+08:00")


def test_an_unknown_time_zone_is_a_data_error(tmp_path):
    root = shutil.copytree(FIXTURES / "base", tmp_path / "tree")
    policy = root / POLICY
    policy.write_text(
        policy.read_text(encoding="utf-8") + "  timezone: Asia/Beijing\n", encoding="utf-8"
    )
    result = validate(root)
    assert [(f.code, f.path) for f in result.errors] == [("S005", POLICY)]
    assert "Asia/Beijing" in result.errors[0].message
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("Asia/Beijing", "Asia/Tokyo"), encoding="utf-8"
    )
    assert validate(root).ok
