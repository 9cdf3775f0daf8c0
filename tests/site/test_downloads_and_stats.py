"""数据下载, 统计查询, `sctrack stats` and `sctrack new`."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from site_builder.load.yamlsafe import parse_file
from site_builder.spec import catalogue

from conftest import invoke


@pytest.mark.parametrize("audience", ["public", "internal"])
@pytest.mark.parametrize("name", ["projects", "figures", "compliance", "cases"])
def test_csv_starts_with_bom_and_opens_with_pandas(demo_sites, audience, name):
    raw = (demo_sites[audience] / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert len(frame) > 0
    assert any("\u4e00" <= c <= "\u9fff" for c in "".join(frame.columns)), "Chinese headers"


def test_xlsx_has_chinese_headers_widths_and_frozen_row(demo_sites):
    book = load_workbook(demo_sites["public"] / "data/projects.xlsx")
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "项目编号" and sheet["B1"].value == "项目名称"
    assert sheet.column_dimensions["B"].width > 20
    assert sheet["A1"].font.bold


def test_public_downloads_hold_only_public_figures(demo_sites):
    public = pd.read_csv(demo_sites["public"] / "data/figures.csv", encoding="utf-8-sig")
    internal = pd.read_csv(demo_sites["internal"] / "data/figures.csv", encoding="utf-8-sig")
    assert set(public["指标代码"]) <= {"key_industry_output", "key_industry_growth", "leading_enterprise_revenue",
                                      "chain_cost_reduction", "scf_volume", "scf_growth", "smes_served", "financing_cost",
                                      "zhongzheng_financing", "bad_debt_ratio", "green_procurement", "import_export",
                                      "outbound_investment", "fdi_used", "intl_market_share"}  # fmt: skip
    assert "revenue" in set(internal["指标代码"])
    enterprise_projects = {"taiyuan-heavy-equipment", "taiyuan-bank-scf", "yangquan-new-materials"}
    assert not enterprise_projects & set(public["项目编号"])
    cases = pd.read_csv(demo_sites["public"] / "data/cases.csv", encoding="utf-8-sig")
    assert "公开发布" not in cases.columns
    compliance = pd.read_csv(demo_sites["public"] / "data/compliance.csv", encoding="utf-8-sig")
    assert "项目编号" not in compliance.columns  # public: rates per city only


def test_query_json_follows_the_audience(demo_sites):
    public = json.loads((demo_sites["public"] / "data/query.json").read_text(encoding="utf-8"))
    internal = json.loads((demo_sites["internal"] / "data/query.json").read_text(encoding="utf-8"))
    assert {i["code"] for i in public["indicators"]}.isdisjoint({"revenue", "roa", "npl_ratio"})
    assert "revenue" in {i["code"] for i in internal["indicators"]}
    # Which enterprise reported which period is not public: the newest would stand out.
    region = catalogue.label("kind", "region")

    def regional(data: dict) -> list:
        return [r for r in data["reports"] if data["projects"][r[0]]["kind"] == region]

    assert len(internal["reports"]) > 100 > len(regional(internal)) > 0
    assert public["reports"] == regional(public) and len(public["reports"]) == len(
        regional(internal)
    )


def test_downloads_page_links_every_file(demo_sites):
    html = (demo_sites["public"] / "data/index.html").read_text(encoding="utf-8")
    for name in ("projects", "figures", "compliance", "cases"):
        for fmt in ("csv", "xlsx", "json"):
            assert f'href="../{name}.{fmt}"' in html or f'href="{name}.{fmt}"' in html, (name, fmt)


def test_stats_by_city(demo_copy):
    result = invoke("stats", "--root", str(demo_copy), "--by", "city", "--period", "2021-Q2")
    assert result.returncode == 0, result.stderr
    assert "太原市" in result.stdout and "合计" in result.stdout
    data = json.loads(
        invoke(
            "stats",
            "--root",
            str(demo_copy),
            "--by",
            "tier",
            "--period",
            "2021",
            "--indicator",
            "revenue",
            "--format",
            "json",
        ).stdout
    )
    pilot = next(row for row in data if row["层级与类别"] == "全国试点企业")
    assert pilot["填报数"] >= 3 and pilot["合计（亿元）"] > 0


def test_stats_xlsx_needs_an_output_and_rejects_unknown_indicators(demo_copy, tmp_path):
    assert invoke("stats", "--root", str(demo_copy), "--format", "xlsx").returncode == 2
    assert invoke("stats", "--root", str(demo_copy), "--indicator", "profit").returncode == 2
    out = tmp_path / "stats.xlsx"
    assert (
        invoke("stats", "--root", str(demo_copy), "--format", "xlsx", "-o", str(out)).returncode
        == 0
    )
    assert load_workbook(out).active["A1"].value == "城市"


def test_new_writes_a_skeleton_with_last_figures_as_comments(base_tree):
    result = invoke("new", "--root", str(base_tree), "alpha-region", "2021-Q3")
    assert result.returncode == 0, result.stderr
    path = base_tree / "submissions/projects/alpha-region/2021-Q3.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../site_builder/spec/schemas/quarterly-report.schema.json"
    )
    for heading in (
        "# 一、组织保障",
        "# 六、规范发展供应链金融情况",
        "# 八、积极布局全球供应链情况",
        "# 存在的问题及建议",
    ):
        assert heading in text
    assert "上期 7.2" in text  # last period's scf_volume, as a comment
    data = parse_file(path, "x").data
    assert data["finance"]["figures"]["scf_volume"] is None  # not carried forward as a value
    assert [row["target"] for row in data["targets"]["progress"]] == ["T1", "T2"]
    assert data["targets"]["progress"][1]["status"] == "completed"  # carried forward


def test_new_refuses_existing_and_unexpected_periods(base_tree):
    assert (
        invoke("new", "--root", str(base_tree), "alpha-region", "2021-Q2").returncode == 1
    )  # exists
    assert (
        invoke("new", "--root", str(base_tree), "alpha-region", "2019-Q4").returncode == 1
    )  # before start
    assert (
        invoke("new", "--root", str(base_tree), "alpha-region", "2022-Q3").returncode == 1
    )  # not ended
    assert (
        invoke("new", "--root", str(base_tree), "beta-firm", "2021-Q4").returncode == 1
    )  # cancelled
    assert invoke("new", "--root", str(base_tree), "nobody", "2021-Q3").returncode == 1
    assert invoke("new", "--root", str(base_tree), "alpha-region", "2021-Q9").returncode == 2
    assert invoke("new", "--root", str(base_tree), "alpha-region", "2021").returncode == 0  # annual
