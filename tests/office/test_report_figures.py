"""Report figures: like-for-like comparisons, rates in 百分点, one project count, the as-of date,
and every number of the Word report found in `sctrack report --format json`.

A copy of `tests/fixtures/base` committed once to a temporary git repository.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from docx import Document

from conftest import FIXTURES, copy_tree, invoke
from gitrepo import Repo

pytestmark = pytest.mark.slow  # a git history

# The base fixture's region (taiyuan) reports 2021-Q1; here it also reports 2022-Q1, and a
# second region (jincheng) reports 2021-Q1 and then stops: 2022-Q1 compares one region only.
ALPHA_2021, ALPHA_2022, GAMMA_2021 = 3.5, 5.0, 10.0
BAD_DEBT_2021, BAD_DEBT_2022 = 1.2, 0.9
GAMMA_NAME = "测试晋城区域项目"


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = copy_tree(FIXTURES / "base", tmp_path / "repo")
    projects = root / "submissions" / "projects"
    alpha = _load(projects / "alpha-region" / "2021-Q1.yaml")
    later = {**alpha, "period": "2022-Q1"}
    later["finance"] = {
        **alpha["finance"],
        "figures": {"scf_volume": ALPHA_2022, "bad_debt_ratio": BAD_DEBT_2022},
    }
    _dump(projects / "alpha-region" / "2022-Q1.yaml", later)
    gamma = _load(projects / "alpha-region" / "project.yaml")
    gamma |= {"id": "gamma-region", "name": GAMMA_NAME, "city": "jincheng"}
    _dump(projects / "gamma-region" / "project.yaml", gamma)
    report = {**alpha, "project": "gamma-region"}
    report["finance"] = {**alpha["finance"], "figures": {"scf_volume": GAMMA_2021}}
    _dump(projects / "gamma-region" / "2021-Q1.yaml", report)
    # The projects registered first, the reports confirmed on main (a pull request) before the
    # 2022-Q1 deadline: the report's past can be rebuilt from git. (Reports committed together
    # with their projects' registration would be a history that records no confirmation.)
    reports = {path: path.read_text(encoding="utf-8") for path in projects.glob("*/20*.yaml")}
    for path in reports:
        path.unlink()
    repo = Repo(root)
    repo.commit("登记项目", "2020-04-16")
    for path, text in reports.items():
        path.write_text(text, encoding="utf-8")
    repo.commit("报送数据 (#2)", "2022-04-10")
    return root


def _analysis(root: Path, as_of: date):
    from site_builder.analyse.analysis import analyse
    from site_builder.validate.run import validate

    result = validate(root)
    assert result.ok, [f.message for f in result.errors]
    return analyse(result.corpus, None, as_of)


def _report_json(root: Path, *args: str) -> dict:
    result = invoke("report", "2022-Q1", "--root", str(root), "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_comparison_covers_only_the_units_that_reported_in_both_periods(tree):
    figures = {f["id"]: f for f in _report_json(tree)["figures"]}
    level = figures["flows.region.scf_volume"]
    assert level["value"] == ALPHA_2022 and level["units"] == ["alpha-region"]
    change = figures["flows.region.scf_volume.yoy"]
    assert change["units"] == ["alpha-region"]
    assert change["compare_to"] == "2021-Q1" and change["compare_value"] == ALPHA_2021
    assert change["change"] == pytest.approx((ALPHA_2022 - ALPHA_2021) / ALPHA_2021 * 100)
    assert change["change_unit"] == "%"
    assert change["excluded"] == [
        {"unit": "gamma-region", "name": GAMMA_NAME, "missing_in": "2022-Q1"}
    ]
    markdown = invoke("report", "2022-Q1", "--root", str(tree)).stdout
    assert f"未纳入比较：{GAMMA_NAME}（2022年第一季度未报送）" in markdown
    assert (
        "同比增长42.9%" in markdown and "下降" not in markdown.split("供应链金融融资规模")[1][:40]
    )


def test_the_change_of_a_rate_is_in_percentage_points(tree):
    figures = {f["id"]: f for f in _report_json(tree)["figures"]}
    rate = figures["ratios.region.bad_debt_ratio.yoy"]
    assert rate["unit"] == "%" and rate["change_unit"] == "百分点"
    assert rate["change"] == pytest.approx(BAD_DEBT_2022 - BAD_DEBT_2021)
    markdown = invoke("report", "2022-Q1", "--root", str(tree)).stdout
    assert "-0.3个百分点" in markdown and "下降0.3个百分点" in markdown


def test_reporting_rate_change_is_in_percentage_points():
    from site_builder.analyse.figures import change, change_text, change_unit

    assert change_unit("%") == "百分点" and change_unit("亿元") == "%"
    assert change(80.0, 60.0, "%") == pytest.approx(20.0)  # not +33.3 %
    assert change(80.0, 60.0, "亿元") == pytest.approx(100 / 3)
    assert change_text(-2.5, "百分点") == "下降2.5个百分点"


def test_the_report_is_as_of_its_as_of_date(tree):
    policy = _load(tree / "submissions" / "registry" / "policy.yaml")
    data = _report_json(tree)
    analysis = _analysis(tree, date.today())
    grace = analysis.corpus.registry.policy.grace_days
    due = date(2022, 4, policy["calendar"]["quarterly_due_day"])
    assert data["as_of"] == (due + timedelta(days=grace)).isoformat()  # not today
    markdown = invoke("report", "2022-Q1", "--root", str(tree)).stdout
    day = date.fromisoformat(data["as_of"])
    assert f"本报告数据截至{day.year}年{day.month}月{day.day}日" in markdown
    chosen = _report_json(tree, "--as-of", "2022-09-01")
    assert chosen["as_of"] == "2022-09-01"
    text = invoke("report", "2022-Q1", "--root", str(tree), "--as-of", "2022-09-01").stdout
    assert "本报告数据截至2022年9月1日" in text


def test_word_tables_are_the_json_figures(tree, tmp_path):
    from site_builder.present.markdown import num

    figures = {f["id"]: f for f in _report_json(tree)["figures"]}
    path = tmp_path / "report.docx"
    result = invoke("report", "2022-Q1", "--root", str(tree), "--format", "docx", "-o", str(path))
    assert result.returncode == 0, result.stderr
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in Document(io.BytesIO(path.read_bytes())).tables
    ]
    distribution = next(t for t in tables if t[0][0] == "城市" and t[0][-1] == "合计")
    body, total = distribution[1:-1], distribution[-1]
    for column in range(1, len(total)):
        assert sum(int(row[column]) for row in body) == int(total[column])
    assert int(total[-1]) == figures["projects.total"]["value"]
    names = {"太原市": "taiyuan", "大同市": "datong", "晋城市": "jincheng"}
    for row in body:
        assert int(row[-1]) == figures[f"projects.{names[row[0]]}"]["value"]
    regional = next(t for t in tables if t[0][:2] == ["指标", "合计"] and "融资规模" in t[1][0])
    level = figures["flows.region.scf_volume"]
    assert regional[1][1:4] == [num(level["value"]), level["unit"], str(len(level["units"]))]
    yoy = figures["flows.region.scf_volume.yoy"]
    assert regional[1][4] == f"{yoy['change']:+.1f}%"


def test_one_project_count_on_home_directory_summary_and_report(tree):
    from site_builder.analyse.stats import followed_projects
    from site_builder.analyse.view import make_view
    from site_builder.site.directory_pages import directory_pages
    from site_builder.site.home_page import home_page
    from site_builder.site.summary_page import summary_page

    # beta-firm is cancelled on 2021-08-20 (adjustments.yaml); as of 2022 three are registered.
    view = make_view(_analysis(tree, date(2022, 6, 30)), "public")
    assert sorted(followed_projects(view)["id"]) == ["alpha-region", "gamma-region"]
    home = home_page(view).body
    assert (
        '<span class="sc-stat-value">2</span>\n<span class="sc-stat-label">纳入跟进的重点项目'
        in home
    )
    note = "纳入跟进的项目（已登记且未被取消重点培育资格的项目，截至2022年6月30日）共2个，不含已取消资格的1个。"
    assert note in home
    directory = directory_pages(view)[0].body
    assert "本名录列出全部3个项目，含已取消资格的1个" in directory and note in directory
    assert note in summary_page(view).body
    # Before the cancellation it was followed: the count is as of the date.
    earlier = make_view(_analysis(tree, date(2021, 6, 30)), "public")
    assert len(followed_projects(earlier)) == 3
