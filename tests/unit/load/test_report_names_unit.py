"""What a report is called is written once (`Period.report_name` / `report_kind`)."""

from __future__ import annotations

import re

from site_builder.load.periods import parse_period

from conftest import REPO

# A second copy of the rule: choosing a report's name from whether its period is annual.
COPY = re.compile(r"(工作总结|进展报告|季报)\"?\s+if\s+[\w.\[\]\"']*(is_annual|annual)")


def test_a_report_is_named_one_way():
    assert parse_period("2021-Q3").report_name == "2021年第三季度进展报告"
    assert parse_period("2021").report_name == "2021年度工作总结"
    assert parse_period("2021-Q3").report_kind == "季度进展报告"


def test_no_module_decides_a_reports_name_itself():
    copies = [
        f"{path.relative_to(REPO)}:{n}"
        for path in (REPO / "site_builder").rglob("*.py")
        if path.name != "periods.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if COPY.search(line)
    ]
    assert copies == []
