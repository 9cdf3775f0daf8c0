"""Never add across kinds (issue 25, item 5): totals only within one population, counts whole.

From the rules: 重点区域、金融机构和实体企业分别统计，不相加; an indicator may be summed only when
the catalogue says so (`summable`); a number of enterprises prints as a whole number.
"""

from __future__ import annotations

import json

from site_builder.spec import catalogue

from conftest import invoke


def test_summable_is_decided_in_the_catalogue():
    indicators = catalogue.indicators()
    assert indicators["scf_volume"].summable and not indicators["financing_cost"].summable
    assert indicators["smes_served"].counted and not indicators["scf_volume"].counted


def test_stats_prints_counts_as_integers_and_totals_per_population(demo_copy):
    result = invoke(
        "stats", "--root", str(demo_copy), "--period", "2021-Q4", "--indicator", "smes_served"
    )
    assert result.returncode == 0, result.stderr
    assert ".0 " not in result.stdout + " " and not any(
        cell.endswith(".0") for line in result.stdout.splitlines() for cell in line.split()
    )
    rows = json.loads(
        invoke(
            "stats", "--root", str(demo_copy), "--period", "2021-Q4",
            "--indicator", "scf_volume", "--format", "json",
        ).stdout
    )  # fmt: skip
    # Regions and financial institutions both report financing volume: two totals, no sum.
    total = rows[-1]
    assert "合计（重点区域，亿元）" in total and "合计（金融机构项目，亿元）" in total
    assert not [key for key in total if key == "合计（亿元）"]


def test_query_data_names_each_projects_population(demo_copy):
    from site_builder.analyse.view import make_view
    from site_builder.cli.stages import load_analysis
    from site_builder.site.downloads import query_data

    data = query_data(make_view(load_analysis(demo_copy, None, announce=False), "public"))
    assert {p["population"] for p in data["projects"]} == {
        "重点区域",
        "金融机构项目",
        "实体企业项目",
    }
    summed = {i["code"]: i["sum"] for i in data["indicators"]}
    assert all(summed[c] == catalogue.indicators()[c].summable for c in summed)
