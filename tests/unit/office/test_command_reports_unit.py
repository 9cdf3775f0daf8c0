"""What `sctrack compliance` and `sctrack stats` print, from the reporters, on the demo data
without git history (tests/cli runs the commands themselves)."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from site_builder.analyse.analysis import Analysis
from site_builder.errors import DataError
from site_builder.load.periods import parse_period
from site_builder.office.command_reports import (
    STATS_TEXT,
    compliance_report,
    stats_file,
    stats_of,
)


def test_without_a_trusted_history_compliance_says_why_unless_asked_to_list(
    demo_analysed: Analysis,
):
    with pytest.raises(DataError, match="加 --allow-unknown 仍然列出"):
        compliance_report(demo_analysed, "table", ids=False, allow_unknown=False)
    text = compliance_report(demo_analysed, "table", ids=True, allow_unknown=True)
    first, headers, rule, row = text.splitlines()[:4]
    assert first == "截至 2022-06-30 24:00（Asia/Shanghai）：未读取 git 历史"
    assert headers.split() == ["项目", "报告期", "截止日期", "声明提交", "确认", "状态", "PR"]
    assert set(rule) == {"-", " "}
    assert row.split() == ["changzhi-guarantee", "2020-Q2", "2020-07-15", "—", "—", "确认时间未知"]
    named = compliance_report(demo_analysed, "table", ids=False, allow_unknown=True)
    assert "示例·供应链融资担保项目" in named and "2020年第二季度" in named
    answer = json.loads(compliance_report(demo_analysed, "json", ids=False, allow_unknown=True))
    assert answer["history"] == "unavailable" and answer["reports"]


def test_stats_are_the_same_table_in_every_format(demo_analysed: Analysis):
    stats = stats_of(demo_analysed, "city", parse_period("2021-Q4"), "scf_volume")
    text = STATS_TEXT["table"](stats).splitlines()
    assert text[0] == "2021年第四季度 · 供应链金融融资规模"
    assert text[3].split() == ["太原市", "4", "4", "2", "146.2", "146.2", "192.4", "192.4"]
    assert text[-1].split()[0] == "合计"
    csv = STATS_TEXT["csv"](stats).splitlines()
    assert csv[1] == "太原市,4,4,2,146.2,146.2,192.4,192.4"
    records = json.loads(STATS_TEXT["json"](stats))
    assert records[0]["城市"] == "太原市" and records[-1]["城市"] == "合计"
    assert stats_file(stats, "csv").startswith("\ufeff".encode())  # a BOM for Excel
    sheet = openpyxl.load_workbook(io.BytesIO(stats_file(stats, "xlsx"))).active
    assert sheet.cell(2, 1).value == "太原市"


def test_stats_default_to_the_latest_quarter(demo_analysed: Analysis):
    stats = stats_of(demo_analysed, "kind", None, None)
    assert stats.period == demo_analysed.latest_period
    assert list(stats.table.columns)[:2] == ["类别", "项目数"]
