"""The 在线报送 form end to end: Decap CMS in Chromium saving through decap-server into git.

A temporary git repository holds the demo's submissions; `sctrack cms-config`
writes the form with "today" in the 2021 Q4 reporting window; `decap-server`
(npm, installed by .ci/run from tests/e2e/cms/package-lock.json) serves that
repository in git mode; the page is opened from localhost, so Decap uses it.
The saved `cms/…` branch must hold a report that `sctrack validate`,
`sctrack check-scope` (for the project's submitter) and `sctrack diff` accept,
with no empty string.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml

from browser import PageWatch
from conftest import run_cli
from decap import by_label as _label
from decap import demo_repository, running_form
from decap import form_field as _field
from gitrepo import Repo

pytestmark = pytest.mark.slow

TODAY = "2022-01-10"  # 2021 Q4 and the 2021 summary are open
PROJECT, CITY, PERIOD = "taiyuan-region", "taiyuan", "2021-Q4"
REPORT = f"submissions/projects/{PROJECT}/{PERIOD}.yaml"
BRANCH = f"cms/{CITY}/{PROJECT}-{PERIOD}"
SUBMITTER = "taiyuan-bureau-demo"
FRESH_ENTRY = "示例·临汾市钢铁产业供应链重点区域 2021年第四季度季报"  # no file in the demo


@pytest.fixture
def repository(tmp_path: Path) -> Repo:
    return demo_repository(tmp_path / "repo")


def test_form_saves_a_valid_report_to_a_branch(repository: Repo, tmp_path: Path, browser):
    with running_form(repository, tmp_path / "site", TODAY, SUBMITTER) as form:
        city = next(c for c in form.config["collections"] if c["name"] == CITY)
        entry = next(f for f in city["files"] if f["file"] == REPORT)
        _fill_and_save(browser, form.url, city["label"], entry["label"], entry["fields"])

    saved = repository.git("show", f"{BRANCH}:{REPORT}")
    assert saved.startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(saved)
    assert data["organisation"]["publicity"] == "网页表单修改的宣传情况。"
    assert data["performance"]["figures"]["key_industry_output"] == 990
    assert "chain_cost_reduction" not in data["performance"]["figures"]
    assert list(data)[:4] == ["project", "period", "kind", "organisation"]
    assert "''" not in saved and '""' not in saved

    repository.git("checkout", "-q", BRANCH)
    run_cli("validate", "--root", str(repository.root), check=0)
    run_cli("check-scope", "--root", str(repository.root), "--author", SUBMITTER,
            "--base", "main", "--head", BRANCH, check=0)  # fmt: skip
    review = run_cli("diff", "--root", str(repository.root), "--base", "main", "--head", BRANCH,
                     check=0).stdout  # fmt: skip
    assert "990" in review and "网页表单修改的宣传情况" in review


def _fill_and_save(browser, base: str, city: str, entry: str, fields: list[dict]) -> None:
    publicity = _field(fields, "organisation", "publicity")["label"]
    output = _field(fields, "performance", "figures", "key_industry_output")["label"]
    cost = _field(fields, "performance", "figures", "chain_cost_reduction")["label"]
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    watch = PageWatch(page)
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="登录").click()
    # A report whose file does not exist yet opens with its first lines, not an error.
    page.get_by_role("link", name="临汾市", exact=True).click()
    assert not page.get_by_role("link", name="媒体").is_visible()  # uploads go to main
    page.get_by_text(FRESH_ENTRY, exact=True).click()
    page.get_by_text("一、组织保障", exact=True).wait_for()
    assert page.get_by_text("加载内容失败").count() == 0
    page.go_back()
    page.go_back()
    page.get_by_role("link", name=city, exact=True).click()
    page.get_by_text(entry, exact=True).click()
    try:
        _label(page, publicity).fill("网页表单修改的宣传情况。")
        _label(page, output).fill("990")
        _label(page, cost).fill("")
        page.get_by_role("button", name="保存").click()
    except Exception:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "cms-form-failure.png"))
        raise
    page.get_by_text("内容已保存").wait_for()
    # Marked ready for review, as the guide says; nothing on the page publishes to main.
    page.get_by_role("button", name=re.compile("^状态")).click()
    page.get_by_role("menuitem", name="就绪").click()
    page.get_by_role("button", name=re.compile("^状态.*就绪")).wait_for()
    page.wait_for_timeout(500)
    visible = [b.inner_text().strip() for b in page.get_by_role("button").all() if b.is_visible()]
    assert not {"发布", "立即发布", "发布新内容", "发布修改"} & set(visible), visible
    page.close()
    # Expected 404s: Decap probes for a proxy on the page's own server, and asks decap-server
    # for the entry's `cms/` branch before it exists.
    expected = ("Failed to load resource: the server responded with a status of 404", "404 ")
    assert not [e for e in watch.errors if not e.startswith(expected)], watch.errors
