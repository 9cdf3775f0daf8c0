"""统计查询 in a real browser at desktop and phone width: filters kept in and restored from the
URL, long results paged, cities in registry order and periods under their one label."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from browser import PageWatch, serve

pytestmark = pytest.mark.browser

WIDTHS = [1366, 390]
PAGE_SIZE = 20
# registry/cities.yaml, in administrative-division code order: 长治 (140400) after 阳泉 (140300).
CITY_ORDER = ["太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"]  # fmt: skip


@pytest.fixture(scope="module")
def base_url(demo_sites):
    server, url = serve(demo_sites["internal"])
    yield url + "/query/"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def page(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    watch = PageWatch(page)
    yield page
    assert watch.errors == []
    context.close()


def _open(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("#sc-query table tbody tr")


def _rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#sc-query table tbody tr",
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent))",
    )


def _records(page) -> list[dict[str, str]]:
    """The shown rows by column name (the column order is the page's to choose)."""
    headers = page.eval_on_selector_all(
        "#sc-query table thead th", "hs => hs.map(h => h.textContent)"
    )
    return [dict(zip(headers, row, strict=True)) for row in _rows(page)]


def _params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_long_results_are_paged_and_the_page_is_in_the_url(page, base_url):
    _open(page, base_url)
    summary = page.inner_text(".sc-query-summary")
    assert "符合条件的报告172份" in summary
    first = _rows(page)
    assert len(first) == PAGE_SIZE
    pager = page.locator(".sc-query-pages")
    assert "第1–20行，共172行" in pager.inner_text()
    assert pager.locator("[aria-current=page]").inner_text() == "1"
    pager.locator("a[data-page='2']").first.click()
    second = _rows(page)
    assert len(second) == PAGE_SIZE and second != first
    assert _params(page) == {"page": "2"}
    pager.locator("a[data-page='9']").first.click()  # the last page: 172 = 8 × 20 + 12
    assert len(_rows(page)) == 172 - 8 * PAGE_SIZE
    assert "下一页" not in pager.inner_text()


def test_filters_go_into_the_url_and_reset_the_page(page, base_url):
    _open(page, base_url + "?page=3")
    page.select_option("select[name=city]", "太原市")
    page.select_option("select[name=period]", "2021-Q4")
    page.select_option("select[name=indicator]", "revenue")
    assert _params(page) == {"city": "太原市", "period": "2021-Q4", "indicator": "revenue"}
    rows = _records(page)
    assert rows and all(r["城市"] == "太原市" and r["报告期"] == "2021年第四季度" for r in rows)


def test_a_shared_url_restores_the_filters(page, base_url):
    _open(page, base_url + "?city=%E5%A4%AA%E5%8E%9F%E5%B8%82&period=2021-Q4&indicator=revenue")
    assert page.eval_on_selector("select[name=city]", "s => s.value") == "太原市"
    assert page.eval_on_selector("select[name=period]", "s => s.value") == "2021-Q4"
    assert page.eval_on_selector("select[name=indicator]", "s => s.value") == "revenue"
    rows = _records(page)
    assert rows and all(r["城市"] == "太原市" and r["报告期"] == "2021年第四季度" for r in rows)
    # The chosen indicator stands next to the project's name, its unit and period after it.
    headers = page.locator("#sc-query table thead th").all_inner_texts()
    assert [h.strip() for h in headers[:4]] == ["项目", "营业收入", "单位", "报告期"]
    # The same URL again, page 2 of everything: restored too.
    _open(page, base_url + "?page=2")
    assert page.locator(".sc-query-pages [aria-current=page]").inner_text() == "2"


def test_unknown_values_in_the_url_are_ignored(page, base_url):
    _open(page, base_url + "?city=%E7%81%AB%E6%98%9F%E5%B8%82&indicator=nothing&page=99")
    assert page.eval_on_selector("select[name=city]", "s => s.value") == ""
    assert page.eval_on_selector("select[name=indicator]", "s => s.value") == ""
    assert "符合条件的报告172份" in page.inner_text(".sc-query-summary")
    assert len(_rows(page)) == 172 - 8 * PAGE_SIZE  # page 99 is the last page


def test_cities_in_registry_order_and_periods_by_label(page, base_url):
    _open(page, base_url)
    cities = page.eval_on_selector_all(
        "select[name=city] option", "os => os.map(o => o.textContent).slice(1)"
    )
    assert cities == [c for c in CITY_ORDER if c in cities] and len(cities) >= 10
    periods = page.eval_on_selector_all(
        "select[name=period] option", "os => os.map(o => o.textContent).slice(1)"
    )
    assert periods[0] == "2021年度" and "2021年第四季度" in periods
    assert not any("-Q" in p for p in periods)


@pytest.mark.parametrize("query", ["", "?city=%E5%A4%AA%E5%8E%9F%E5%B8%82&indicator=revenue"])
def test_the_page_fits_the_screen_and_wide_results_scroll_in_their_box(page, base_url, query):
    _open(page, base_url + query)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    box = page.eval_on_selector(
        "#sc-query .md-typeset__scrollwrap", "b => [b.clientWidth, b.getBoundingClientRect().right]"
    )
    assert box[1] <= page.viewport_size["width"]


def test_a_mixed_selection_is_totalled_per_population_never_summed(page, base_url):
    """Regions and financial institutions both report financing volume: 重点区域、金融机构和
    实体企业分别统计，不相加 (issue 25), so one bar per period and population, no grand sum."""
    _open(page, base_url + "?period=2021-Q4&indicator=scf_volume")
    title = page.inner_text(".sc-query-chart-title")
    assert "分别统计，不相加" in title
    labels = page.eval_on_selector_all(
        "#sc-query svg text[text-anchor=end]", "ts => ts.map(t => t.textContent)"
    )
    assert sorted(labels) == sorted(["2021年第四季度·重点区域", "2021年第四季度·金融机构项目"])
    # Each bar is the sum of its own population's rows in the table, never both together.
    rows = _records(page)
    values = page.eval_on_selector_all(
        "#sc-query svg text:not([text-anchor])", "ts => ts.map(t => t.textContent)"
    )
    every = sum(float(r["供应链金融融资规模"].replace(",", "")) for r in rows)
    assert every > 0 and f"{every:g}" not in values
    assert len(values) == 2
