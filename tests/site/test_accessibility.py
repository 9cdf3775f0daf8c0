"""WCAG 2.1 AA in a real browser: axe-core over every page type of both builds at desktop and
phone width, and the keyboard reaching every tab, filter and sortable header with a visible
focus. axe-core: tests/browser.py's `axe_violations` (the web form's own check is in
tests/e2e/test_cms_accessibility.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import WIDTHS, PageWatch, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# One page of each type; a type a build lacks (the internal pages on the public site) is skipped.
PAGE_TYPES = [
    "/",  # 首页
    "/projects/",  # 项目名录
    "/cities/linfen/",  # a city (the internal one is its reviewer's desk)
    "/projects/taiyuan-heavy-equipment/",  # an enterprise project
    "/projects/taiyuan-region/",  # a region project
    "/project-reports/taiyuan-region-2021/",  # a project's older reports of one year
    "/cases/",
    "/cases/tags/",
    "/summary/",  # 全省汇总
    "/query/",  # 统计查询
    "/data/",  # 数据下载
    "/compliance/",  # 报送情况
    "/adjustments/",  # 动态调整
    "/remind/",  # 催报清单
    "/desk/",  # 审核工作台
    "/reports/",
    "/reports/2021-q4/",
    "/reports/2021-annual/",
    "/guide/submit/",
    "/guide/review/",
    "/guide/teams/",
    "/reference/fields/",
    "/about/",
]


def page_types(site: Path) -> list[str]:
    paths = [p for p in PAGE_TYPES if (site / p.strip("/") / "index.html").is_file()]
    case = sorted(p.parent.name for p in (site / "cases").glob("*-*/index.html"))[0]
    return [*paths, f"/cases/{case}/"]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_serious_or_critical_violation_on_any_page(browser, urls, demo_sites, audience, width):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    found = {}
    for path in page_types(demo_sites[audience]):
        watch = PageWatch(page)
        page.goto(urls[audience] + path, wait_until="networkidle")
        violations = axe_violations(page)
        if violations:
            found[path] = violations
        assert watch.errors == [], (path, watch.errors)
    context.close()
    assert found == {}


def test_axe_finds_what_it_should(browser):
    """The check itself works: a page with a known fault is reported (not a silent pass)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content(
        '<html lang="zh"><head><title>t</title></head><body><main>'
        '<p style="color:#c6cbe9;background:#4051b5">报送监管</p><button></button></main></body></html>'
    )
    ids = {v[0] for v in axe_violations(page)}
    context.close()
    assert {"color-contrast", "button-name"} <= ids


FOCUS = """() => {
  const e = document.activeElement;
  const label = e.matches(".tabbed-set > input")
    ? e.closest(".tabbed-set").querySelector(`label[for="${e.id}"]`) : e;
  const s = getComputedStyle(label);
  const shown = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
  return [e.dataset.kb || null, e.id, (e.textContent || "").trim().slice(0, 20), shown];
}"""


@pytest.mark.parametrize(
    "path, selector",
    [
        ("/", ".md-tabs__link"),  # the top tabs
        ("/summary/", "article th.sc-sortable"),
        ("/query/", "article select, article th.sc-sortable"),
        ("/cases/", "article select"),
        ("/compliance/", "article th.sc-sortable"),
    ],
)
def test_keyboard_reaches_every_control_with_a_visible_focus(browser, urls, path, selector):
    """Tab reaches every top tab, filter and sortable header, each outlined when focused."""
    context = browser.new_context(viewport=WIDTHS[1366])
    page = context.new_page()
    page.goto(urls["internal"] + path, wait_until="networkidle")
    wanted = page.eval_on_selector_all(
        selector, "els => els.map((e, i) => { e.dataset.kb = String(i); return i; }).length"
    )
    assert wanted > 0
    reached, unseen = {}, []
    for _ in range(800):
        page.keyboard.press("Tab")
        mark, _, words, shown = page.evaluate(FOCUS)
        if mark is not None:
            reached[mark] = words
            if not shown:
                unseen.append(words)
        if len(reached) == wanted:
            break
    context.close()
    assert len(reached) == wanted, (wanted, reached)
    assert unseen == []


def test_content_tabs_are_reached_and_switched_by_keyboard(browser, urls):
    """A project's report tabs: Tab lands on the selected tab, the arrow keys move to every
    other one, and the focused tab's label is outlined."""
    context = browser.new_context(viewport=WIDTHS[1366])
    page = context.new_page()
    page.goto(urls["internal"] + "/projects/taiyuan-heavy-equipment/", wait_until="networkidle")
    count = page.eval_on_selector_all(".tabbed-set:first-of-type > input", "els => els.length")
    assert count > 1
    for _ in range(250):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.tabbed-set > input')"):
            break
    else:
        pytest.fail("Tab never reaches the report tabs")
    reached = set()
    for _ in range(count):
        _, tab, _, shown = page.evaluate(FOCUS)
        assert shown, tab
        reached.add(tab)
        page.keyboard.press("ArrowRight")
    context.close()
    assert len(reached) == count
