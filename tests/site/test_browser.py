"""The demo site in a real browser: pages load cleanly, charts show, Chinese search works."""

from __future__ import annotations

import pytest

from browser import PageWatch

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _first_case_path(site) -> str:
    return sorted(
        p.parent.name for p in (site / "cases").glob("*/index.html") if p.parent.name != "tags"
    )[0]


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_pages_load_without_errors_and_charts_show(page, urls, demo_sites, audience):
    case = _first_case_path(demo_sites[audience])
    for path in [
        "/",
        "/projects/taiyuan-heavy-equipment/",
        f"/cases/{case}/",
        "/summary/",
        "/projects/",
    ]:
        watch = PageWatch(page)
        page.goto(urls[audience] + path, wait_until="networkidle")
        assert watch.errors == [], (path, watch.errors)
        assert watch.dialogs == []
        # Charts are lazy-loaded, some in a tab of their own: show each tab, then its charts.
        for label in [None, *page.query_selector_all("article .tabbed-labels > label")]:
            if label is not None:
                label.click()
            for img in page.query_selector_all("img"):
                if img.evaluate("i => i.offsetParent !== null"):  # not in a hidden tab
                    img.scroll_into_view_if_needed()
        # A chart's phone drawing is display:none on a wide screen, and never fetched (lazy).
        shown = "Array.from(document.images).filter(i => getComputedStyle(i).display !== 'none')"
        page.wait_for_function(f"{shown}.every(i => i.complete)", timeout=20000)
        broken = page.evaluate(f"{shown}.filter(i => i.naturalWidth === 0).map(i => i.src)")
        assert broken == [], (path, broken)


# Every kind of page the site has, one example each; those a view lacks are skipped.
PAGE_TYPES = [
    "/",
    "/projects/",
    "/cities/linfen/",
    "/projects/taiyuan-heavy-equipment/",
    "/cases/",
    "/cases/tags/",
    "/summary/",
    "/compliance/",
    "/adjustments/",
    "/reports/",
    "/reports/2021-q4/",
    "/remind/",
    "/query/",
    "/data/",
    "/guide/submit/",
    "/guide/teams/",
    "/reference/fields/",
    "/about/",
]
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}


def _page_types(site) -> list[str]:
    """One page of each type the built site has, a case page included."""
    paths = [p for p in PAGE_TYPES if (site / p.strip("/") / "index.html").is_file()]
    return [*paths, f"/cases/{_first_case_path(site)}/"]


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_supervision_and_data_are_reachable_from_every_page(
    browser, urls, demo_sites, audience, width
):
    """A top tab (or, on a phone, the drawer's first level) for 报送监管 and 统计查询 on every
    page type; the supervision tab leads to its pages with 动态调整 in the side menu."""
    from site_builder.site.nav import QUERY, SUPERVISION

    context = browser.new_context(viewport=WIDE if width > 1219 else PHONE)
    page = context.new_page()
    for path in _page_types(demo_sites[audience]):
        page.goto(urls[audience] + path, wait_until="domcontentloaded")
        # Material puts the top-level sections in the tabs (wide) and in the drawer (phone).
        selector = ".md-tabs__link" if width > 1219 else ".md-nav--primary > .md-nav__list > li"
        labels = [" ".join(e.inner_text().split()) for e in page.query_selector_all(selector)]
        assert any(SUPERVISION in label for label in labels), (path, labels)
        assert any(QUERY in label for label in labels), (path, labels)
    if width > 1219:
        page.click(f".md-tabs__link:has-text('{SUPERVISION}')")
        page.wait_for_load_state("domcontentloaded")
        assert page.url.endswith("/compliance/"), page.url
        # The section's other pages are in the side menu there, not only in the footer.
        side = [
            e.inner_text().strip()
            for e in page.query_selector_all(".md-sidebar--primary .md-nav__link")
        ]
        assert any("动态调整" in label for label in side), side
        page.click(f".md-tabs__link:has-text('{QUERY}')")
        page.wait_for_load_state("domcontentloaded")
        side = [
            e.inner_text().strip()
            for e in page.query_selector_all(".md-sidebar--primary .md-nav__link")
        ]
        assert any("数据下载" in label for label in side), side
    context.close()


@pytest.mark.parametrize("path", ["/projects/taiyuan-heavy-equipment/", "/cases/"])
def test_project_and_case_pages_have_breadcrumbs(page, urls, demo_sites, path):
    if path == "/cases/":
        path = f"/cases/{_first_case_path(demo_sites['public'])}/"
    page.goto(urls["public"] + path, wait_until="domcontentloaded")
    crumbs = page.locator("article .sc-breadcrumbs a")
    assert crumbs.count() == 2
    assert crumbs.first.inner_text() in ("项目名录", "实践经验")
    if "/cases/" in path:  # the case's themes sit under its title, not above the breadcrumbs
        order = page.evaluate(
            """() => {
              const tags = document.querySelector("article nav.md-tags:not([hidden])");
              const h1 = document.querySelector("article h1");
              return tags && (h1.compareDocumentPosition(tags) & Node.DOCUMENT_POSITION_FOLLOWING);
            }"""
        )
        assert order


def _late_and_missing(demo_copy, city: str) -> set[tuple[str, str, str]]:
    """What the analysis (in Python, as the build made it) says is late or missing in `city`."""
    from datetime import date

    from site_builder.analyse.analysis import analyse
    from site_builder.analyse.statuses import STATUS_LABELS
    from site_builder.review.history import read_history
    from site_builder.validate.run import validate

    from conftest import TODAY

    corpus = validate(demo_copy).corpus
    history = read_history(demo_copy, timezone=corpus.registry.policy.timezone)
    analysis = analyse(corpus, history, date.fromisoformat(TODAY))
    return {
        (corpus.projects[s.project].name, s.period.label, STATUS_LABELS[s.status])
        for s in analysis.supervision.statuses
        if s.status in ("late", "missing") and corpus.projects[s.project].city == city
    }


def test_the_reviewers_desk_lists_exactly_the_citys_late_and_missing_reports(page, urls, demo_copy):
    expected = _late_and_missing(demo_copy, "linfen")
    assert expected  # the demo has a city that falls behind
    page.goto(urls["internal"] + "/cities/linfen/", wait_until="domcontentloaded")
    rows = page.locator(".sc-desk-late table tbody tr")
    listed = [
        tuple(rows.nth(i).locator("td").nth(c).inner_text().strip() for c in (0, 2, 1))
        for i in range(rows.count())
    ]
    assert len(listed) == len(set(listed))
    assert set(listed) == expected
    assert "本期应报报告" in page.inner_text("article")
    # The public city page keeps its public part only.
    page.goto(urls["public"] + "/cities/linfen/", wait_until="domcontentloaded")
    assert "审核工作台" not in page.inner_text("article")
    assert page.locator(".sc-desk-late").count() == 0


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_internal_project_pages_fit_in_three_screens(browser, urls, demo_sites, viewport):
    """Only the newest report is open, the others collapsed, the sections in tabs."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    projects = sorted(
        p.parent.name for p in (demo_sites["internal"] / "projects").glob("*/index.html")
    )
    tallest = (0, "")
    for project in projects:
        page.goto(f"{urls['internal']}/projects/{project}/", wait_until="networkidle")
        tallest = max(tallest, (page.evaluate("document.documentElement.scrollHeight"), project))
    context.close()
    assert tallest[0] <= 3 * viewport["height"], tallest


# For each table: the box it scrolls in (its nearest ancestor that scrolls sideways) lies
# inside the screen; a table with no such box ends inside the article.
CLIPPED_TABLES = """() => {
  const article = document.querySelector('article').getBoundingClientRect();
  const screen = document.documentElement.clientWidth;
  const bad = [];
  for (const table of document.querySelectorAll('article table')) {
    let box = table.parentElement;
    while (box && box.tagName !== 'ARTICLE' && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX))
      box = box.parentElement;
    const scrolls = box && box.tagName !== 'ARTICLE';
    const edge = (scrolls ? box : table).getBoundingClientRect();
    const limit = scrolls ? screen : article.right;
    if (edge.right > limit + 1 || edge.left < -1) bad.push(table.rows[0].innerText.slice(0, 40));
  }
  return bad;
}"""


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_table_wider_than_its_container_on_a_phone(browser, urls, demo_sites, audience):
    context = browser.new_context(viewport=PHONE, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    for path in _page_types(demo_sites[audience]):
        page.goto(urls[audience] + path, wait_until="networkidle")
        if path == "/query/":
            page.wait_for_selector("#sc-query table tbody tr")
        assert page.evaluate(CLIPPED_TABLES) == [], path
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, (path, overflow)
    context.close()


def test_the_case_index_lists_each_case_once_and_filters_by_industry(page, urls, demo_sites):
    cases = sorted(
        p.parent.name
        for p in (demo_sites["public"] / "cases").glob("*/index.html")
        if p.parent.name != "tags"
    )
    watch = PageWatch(page)
    page.goto(urls["public"] + "/cases/", wait_until="networkidle")
    links = page.eval_on_selector_all(
        ".sc-case-item a", "links => links.map(a => a.pathname.split('/').at(-2))"
    )
    assert sorted(links) == cases  # each case once
    form = page.locator(".sc-case-filters")
    assert form.is_visible()
    industry = page.eval_on_selector(".sc-case-item", "e => e.dataset.industry")
    page.select_option("select[name=industry]", industry)
    shown = page.eval_on_selector_all(
        ".sc-case-item:not([hidden])", "items => items.map(i => i.dataset.industry)"
    )
    assert 0 < len(shown) < len(cases) and set(shown) == {industry}
    assert f"显示 {len(shown)} 篇" in page.inner_text(".sc-case-count")
    page.select_option("select[name=industry]", "")
    assert page.locator(".sc-case-item:not([hidden])").count() == len(cases)
    assert watch.errors == []


def test_chinese_search_finds_a_word_inside_a_case(page, urls):
    watch = PageWatch(page)
    page.goto(urls["public"] + "/", wait_until="networkidle")
    page.click("input.md-search__input")
    # A word from the middle of a sentence in a case body, typed key by key as a reader would.
    # The search worker builds its index after loading; a query typed before that is retyped.
    for _ in range(5):
        page.fill("input.md-search__input", "")
        page.keyboard.type("柔性", delay=80)
        page.keyboard.press("End")  # Chinese arrives as inserted text; an IME's keyup ends it
        try:
            page.wait_for_selector(".md-search-result__item", timeout=3000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError; retry
            continue
    results = page.inner_text(".md-search-result").replace("\u200b", "")  # jieba's word breaks
    assert "小单快反" in results
    assert watch.errors == []


def test_sortable_directory_table(page, urls):
    page.goto(urls["public"] + "/projects/", wait_until="networkidle")
    first = lambda: page.inner_text("article table tbody tr:first-child td:nth-child(2)")  # noqa: E731
    header = page.locator("article table thead th").nth(1)
    header.click()
    ascending = first()
    header.click()
    assert first() != ascending or page.locator("article table tbody tr").count() == 1


def test_phone_layout_has_no_horizontal_scroll_on_a_case(browser, urls, demo_sites):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    page.goto(
        urls["public"] + f"/cases/{_first_case_path(demo_sites['public'])}/",
        wait_until="networkidle",
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 1


def test_query_page_filters_and_downloads_the_filtered_rows(browser, urls):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(urls["internal"] + "/query/", wait_until="networkidle")
    page.wait_for_selector("#sc-query table tbody tr")
    everything = page.locator("#sc-query table tbody tr").count()
    # “How many national pilot enterprises in 太原 reported in 2021-Q2?” in four choices.
    page.select_option("select[name=city]", "太原市")
    page.select_option("select[name=tier]", "全国试点")
    page.select_option("select[name=kind]", "企业项目")
    page.select_option("select[name=period]", "2021-Q2")
    rows = page.locator("#sc-query table tbody tr")
    assert 0 < rows.count() < everything
    assert "涉及3个项目" in page.inner_text(".sc-query-summary")
    headers = page.locator("#sc-query table thead th").all_text_contents()
    city = headers.index("城市")
    cities = {rows.nth(i).locator("td").nth(city).text_content() for i in range(rows.count())}
    assert cities == {"太原市"}
    with page.expect_download() as download:
        page.locator("#sc-query button").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("项目,城市,层级")
    assert len(lines) - 1 == rows.count()
    assert all(",太原市," in line for line in lines[1:])
    assert watch.errors == []
    context.close()
