"""What the form saves is what `sctrack new` writes: Chromium, decap-server in git mode.

A new report saved through the form lands on its `cms/…` branch byte for byte as the
`sctrack new` skeleton filled with the same values (unfilled lines and the skeleton's
help comments deleted, as a clerk does); an existing report with two fields changed in
the form differs from main by those two lines.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from site_builder.load.report_layout import report_text
from site_builder.load.yamlsafe import parse_text

from conftest import run_cli
from decap import by_label, changed_lines, demo_repository, form_field, running_form
from gitrepo import Repo

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TODAY = "2022-01-10"  # 2021 Q4 is open
AUTHOR = "linfen-bureau-demo"
NEW = ("linfen", "linfen-region", "2021-Q4")  # no file in the demo
OLD = ("taiyuan", "taiyuan-region", "2021-Q4")
# One item of every section (a report that needs them all), a figure, a text of several
# lines (a block literal) and one that must be quoted (`: ` inside).
VALUES = {
    ("organisation", "publicity"): "网页表单填写：010、NO、#号和“: ”都照原样保存。",
    (
        "organisation",
        "overall_progress",
    ): "第一段：建成钢铁产业链公共服务平台。\n第二段：接入企业 120 家。",
    ("groundwork", "infrastructure"): "新建钢铁物流园 1 处。",
    ("targets", "summary"): "各项目标按计划推进。",
    ("performance", "key_industries"): "钢铁产业产值稳步增长。",
    ("performance", "figures", "key_industry_output"): 1234.5,
    ("innovation", "technology"): "推广智能排产系统。",
    ("finance", "summary"): "供应链金融融资规模稳步扩大。",
    ("green", "green_procurement"): "政府绿色采购 2 亿元。",
    ("global", "summary"): "钢材出口保持增长。",
    ("next_steps",): "做好年度总结。",
}
EDITS = {
    ("organisation", "publicity"): "网页表单修改的宣传情况。",
    ("performance", "figures", "key_industry_output"): 990,
}


def _report(project: str, period: str) -> str:
    return f"submissions/projects/{project}/{period}.yaml"


def _branch(city: str, project: str, period: str) -> str:
    return f"cms/{city}/{project}-{period}"


def _filled_skeleton(repo: Repo, tmp_path: Path, project: str, period: str) -> str:
    """`sctrack new`'s skeleton (in a copy of the repository) filled with VALUES as a clerk
    fills it: the values written, every line left empty and every row left unfilled
    deleted (没有进展的项目可以整行删除), the help comments deleted."""
    copy = tmp_path / "skeleton"
    shutil.copytree(repo.root / "submissions", copy / "submissions")
    run_cli("new", "--root", str(copy), project, period, env={"SCTRACK_TODAY": TODAY}, check=0)
    data = parse_text((copy / _report(project, period)).read_text("utf-8"), "x").data
    for path, value in VALUES.items():
        node = data
        for key in path[:-1]:
            node = node[key]
        assert path[-1] in node, path  # the skeleton has the line to fill in
        node[path[-1]] = value
    return report_text(_prune(data), annual=False)


def _prune(value, top: bool = True):
    """No empty values; no row with only the skeleton's presets; no empty list but the
    report's own (`problems: []` says "no problems")."""
    if isinstance(value, dict):
        kept = {k: _prune(v, False) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, {}) and (top or v != [])}
    if isinstance(value, list):
        rows = [_prune(v, False) for v in value]
        return [
            r for r in rows if not isinstance(r, dict) or set(r) - {"theme", "target", "status"}
        ]
    return value


def _save(browser, url: str, city: str, entry: str, fields: list[dict], values: dict) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(f"{url}/admin/")
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name=city, exact=True).click()
        page.get_by_text(entry, exact=True).click()
        for path, value in values.items():
            by_label(page, form_field(fields, *path)["label"]).fill(str(value))
        page.get_by_role("button", name="保存").click()
        page.get_by_text("内容已保存").wait_for()
    except Exception:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "cms-canonical-failure.png"))
        raise
    finally:
        page.close()


def _entry(config: dict, city: str, report: str) -> tuple[str, str, list[dict]]:
    collection = next(c for c in config["collections"] if c["name"] == city)
    entry = next(f for f in collection["files"] if f["file"] == report)
    return collection["label"], entry["label"], entry["fields"]


def _committed(repo: Repo, branch: str, report: str) -> str:
    for _ in range(50):  # decap-server commits after it answers
        shown = subprocess.run(
            ["git", "show", f"{branch}:{report}"], cwd=repo.root, capture_output=True, text=True
        )
        if shown.returncode == 0:
            return shown.stdout
        time.sleep(0.1)
    pytest.fail(f"nothing saved on {branch}")


def test_the_form_writes_what_sctrack_new_writes(tmp_path: Path, browser):
    repo = demo_repository(tmp_path / "repo")
    city, project, period = NEW
    expected = _filled_skeleton(repo, tmp_path, project, period)
    old_city, old_project, old_period = OLD
    before = (repo.root / _report(old_project, old_period)).read_text("utf-8")
    with running_form(repo, tmp_path / "site", TODAY, AUTHOR) as form:
        label, entry, fields = _entry(form.config, city, _report(project, period))
        _save(browser, form.url, label, entry, fields, VALUES)
        label, entry, fields = _entry(form.config, old_city, _report(old_project, old_period))
        _save(browser, form.url, label, entry, fields, EDITS)

    saved = _committed(repo, _branch(city, project, period), _report(project, period))
    assert saved == expected, "\n".join(
        difflib.unified_diff(expected.split("\n"), saved.split("\n"))
    )
    repo.git("checkout", "-q", _branch(city, project, period))
    run_cli("validate", "--root", str(repo.root), check=0)  # a complete report, as CI sees it
    edited = _committed(
        repo, _branch(old_city, old_project, old_period), _report(old_project, old_period)
    )
    changed = changed_lines(before, edited)
    assert changed == [
        "-  publicity: 举办“链上太原”试点成果发布会，发布统仓共配、链长制等 5 个典型案例；省级以上媒体报道 4 篇。",
        "+  publicity: 网页表单修改的宣传情况。",
        "-    key_industry_output: 985",
        "+    key_industry_output: 990",
    ]
