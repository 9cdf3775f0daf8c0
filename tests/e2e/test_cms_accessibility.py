"""WCAG 2.1 AA in the web form: axe-core (tests/browser.py) over Decap's list of a city's
reports, over the editor with a report open whose lists have items (4 targets, 2
problems), with a refused save's problems shown, saved, its status menu open and in review,
and over the 审核进度 board, at 1366 and 390 px, served as in tests/e2e/test_cms_form.py (decap-server in git
mode). No violation of impact serious or critical; the controls Decap leaves unnamed (a list
item's collapse, delete and drag handle) are named by admin.js, in words that say which list
and which item."""

from __future__ import annotations

import re

import pytest
import yaml

from browser import WIDTHS, PageWatch, axe_violations
from conftest import REPO
from decap import by_label, demo_repository, form_field, running_form

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TODAY = "2022-01-10"  # 2021 Q4 is open
CITY, SUBMITTER = "taiyuan", "taiyuan-bureau-demo"
REPORT = "submissions/projects/taiyuan-region/2021-Q4.yaml"
LISTS = (("targets", "progress"), ("problems",))  # the report's lists with items


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    folder = tmp_path_factory.mktemp("form")
    repository = demo_repository(folder / "repo")
    with running_form(repository, folder / "site", TODAY, SUBMITTER) as running:
        yield running


def _entry(form) -> dict:
    collection = next(c for c in form.config["collections"] if c["name"] == CITY)
    return next(f for f in collection["files"] if f["file"] == REPORT)


def _open_list(page, form) -> None:
    """Logs in and opens the city's list of reports."""
    collection = next(c for c in form.config["collections"] if c["name"] == CITY)
    page.goto(f"{form.url}/admin/")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name=collection["label"], exact=True).click()
    page.get_by_text(_entry(form)["label"]).wait_for()  # 审核中 follows it once in review


def _open_report(page, form) -> None:
    page.get_by_text(_entry(form)["label"]).click()
    page.locator('[aria-label^="删除"]').first.wait_for()  # the lists' items are named


def _items() -> dict[str, int]:
    data = yaml.safe_load((REPO / REPORT).read_text(encoding="utf-8"))
    return {"targets": len(data["targets"]["progress"]), "problems": len(data["problems"])}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_serious_or_critical_violation_in_the_form(browser, form, width):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    watch = PageWatch(page)
    _open_list(page, form)
    found = {"list": axe_violations(page)}
    _open_report(page, form)
    found["editor"] = axe_violations(page)
    figure = form_field(_entry(form)["fields"], "performance", "figures", "key_industry_output")
    by_label(page, figure["label"]).fill("12.5万元")
    page.get_by_role("button", name="保存").click()
    page.locator(".sctrack-summary .sctrack-error").wait_for()
    page.locator("p.sctrack-field").first.wait_for()
    found["editor with problems"] = axe_violations(page)
    # Saved (a value of each width's own, so that the second save is a change too), the
    # status menu open, marked 审核中, and the 审核进度 board with the report on it.
    by_label(page, figure["label"]).fill("")
    by_label(page, figure["label"]).fill(str(990 + width % 7))
    page.get_by_role("button", name="保存").click()
    page.get_by_text("内容已保存").first.wait_for()
    found["editor saved"] = axe_violations(page)
    page.get_by_role("button", name=re.compile("^状态")).click()
    page.get_by_role("menuitem", name="审核中").wait_for()
    found["status menu"] = axe_violations(page)
    page.get_by_role("menuitem", name="审核中").click()
    page.get_by_role("button", name=re.compile("^状态.*审核中")).wait_for()
    found["editor in review"] = axe_violations(page)
    page.goto(f"{form.url}/admin/#/workflow")
    page.get_by_text(_entry(form)["label"]).first.wait_for()
    found["审核进度"] = axe_violations(page)
    context.close()
    assert {k: v for k, v in found.items() if v} == {}
    # Decap probes for a proxy on the page's own server and for the entry's cms/ branch
    # before the first save, and logs the refused save.
    expected = ("Failed to load resource", "404 ", "Object", "有 ")
    assert not [e for e in watch.errors if not e.startswith(expected)], watch.errors


def test_list_items_are_named_by_list_and_number(browser, form):
    """Every collapse, delete and drag control of a list item says which list and which item
    (a screen reader reads 12 identical unnamed buttons otherwise)."""
    page = browser.new_page(viewport=WIDTHS[1366])
    _open_list(page, form)
    _open_report(page, form)
    items = page.locator('[class*="-SortableListItem"]')
    names = items.evaluate_all(
        "els => els.map(e => Array.from(e.querySelectorAll('[aria-label]'))"
        ".slice(0, 3).map(c => c.getAttribute('aria-label')))"
    )
    progress, problems = (form_field(_entry(form)["fields"], *path)["label"] for path in LISTS)
    expected = [(progress, n) for n in range(1, _items()["targets"] + 1)]
    expected += [(problems, n) for n in range(1, _items()["problems"] + 1)]
    assert names == [
        [f"折叠“{name}”第{n}项", f"拖动“{name}”第{n}项以调整顺序", f"删除“{name}”第{n}项"]
        for name, n in expected
    ]
    # Collapsed, the item's first button says it opens it again; the list's own toggle too.
    toggle = items.first.get_by_role("button", name=f"折叠“{progress}”第1项")
    toggle.click()
    opened = items.first.get_by_role("button", name=f"展开“{progress}”第1项")
    opened.wait_for()
    assert opened.get_attribute("aria-expanded") == "false"
    page.get_by_role("button", name=f"折叠“{problems}”的各项").click()
    page.get_by_role("button", name=f"展开“{problems}”的各项").wait_for()
    handle = items.first.get_by_role("button", name=f"拖动“{progress}”第1项以调整顺序")
    assert "按空格键拿起此项" in handle.evaluate(
        "e => document.getElementById(e.getAttribute('aria-describedby')).textContent"
    )
    assert page.get_by_role("button", name="账户选项").count() == 1
    page.close()
