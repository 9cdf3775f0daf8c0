"""The demo site in a real browser: pages load cleanly, charts show, Chinese search works."""

from __future__ import annotations

import pytest

from browser import CHROMIUM_ARGS, PageWatch, require_chromium, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    path = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def urls(demo_sites):
    servers = {audience: serve(site) for audience, site in demo_sites.items()}
    yield {audience: url for audience, (_, url) in servers.items()}
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


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
        for img in page.query_selector_all("img"):
            img.scroll_into_view_if_needed()  # charts are lazy-loaded
        page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=20000)
        broken = page.evaluate(
            "Array.from(document.images).filter(i => i.naturalWidth === 0).map(i => i.src)"
        )
        assert broken == [], (path, broken)


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_supervision_and_data_are_reachable_from_every_page(
    browser, urls, demo_sites, audience, width
):
    """A top tab (or, on a phone, the drawer's first level) for 报送监管 and 统计查询 everywhere."""
    from site_builder.site.nav import QUERY, SUPERVISION

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    case = _first_case_path(demo_sites[audience])
    for path in ["/", "/projects/taiyuan-heavy-equipment/", f"/cases/{case}/", "/about/"]:
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
            page.go_back()
    context.close()


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
    cities = {rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())}
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
