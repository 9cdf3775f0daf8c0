"""One period label and one city order on every built page of the demo site, and Chinese
spacing on every generated page.

User text (the reports' narrative) is the users' own: a space they typed is theirs. The spacing
check finds each Chinese–digit space on a page and fails on those that no submission file
contains. Guides, the field reference and the about page quote commands and file names on purpose
and are not checked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

AUDIENCES = ["public", "internal"]
CJK = "\u4e00-\u9fff"
# A space between a Chinese character (or a full-width mark) and a digit, either way round.
# A number inside a Latin token (UTF-8), a caption's number (表1 标题, 图2 标题) and a list item's
# number ("1. 协调机制", the notice's own numbering) are not counted.
SPACED = re.compile(
    rf"[{CJK}（）“”，。：；、][ \u00a0]+[0-9]"
    rf"|(?<![A-Za-z0-9.\-表图])[0-9](?:[0-9.,]*[0-9])?%?[ \u00a0]+[{CJK}（）“”，。：；、]"
)
CODE = re.compile(r"\b20[0-9]{2}-Q[1-4]\b")
CONTEXT = 5  # characters on one side of a space that must stand with it in the users' text


class _Text(HTMLParser):
    """The text of a page's article, without code (file names, commands keep their form)."""

    SKIP = {"script", "style", "code", "pre", "kbd"}
    # Elements whose text does not run on into the next one's (cells, items, stat figures).
    APART = {"td", "th", "tr", "li", "p", "div", "br", "h1", "h2", "h3", "h4", "dt", "dd", "span", "figcaption", "option"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0
        self.inside = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside += 1
        if tag in self.SKIP:
            self.skipping += 1
        if tag in self.APART:
            self.parts.append(" ¦ ")

    def handle_endtag(self, tag):
        if tag in self.APART:
            self.parts.append(" ¦ ")
        if tag == "article":
            self.inside -= 1
        if tag in self.SKIP:
            self.skipping -= 1

    def handle_data(self, data):
        if self.inside and not self.skipping:
            self.parts.append(data)


def _squeeze(text: str) -> str:
    # The ideographic space that sets an item's title off from its text is kept as it is.
    return re.sub(r"[^\S\u3000]+", " ", text)


def _article(path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return _squeeze("".join(parser.parts))


@pytest.fixture(scope="module")
def users_text(demo_copy) -> str:
    files = (demo_copy / "submissions").rglob("*.yaml")
    # Case texts are Markdown: the page shows "做法。** 3 家" as "做法。 3 家".
    return _squeeze("\n".join(f.read_text(encoding="utf-8") for f in files)).replace("**", "")


def _pages(site):
    # Guides and the field reference quote commands and file names (2021-Q3.yaml) on purpose.
    skip = ("guide", "reference", "about", "search")
    return [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] not in skip]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_space_between_chinese_and_digits_in_generated_text(demo_sites, users_text, audience):
    site = demo_sites[audience]
    found = []
    for path in _pages(site):
        text = _article(path)
        for match in SPACED.finditer(text):
            # Users' text may follow a generated prefix ("项目：" + their sentence): the space
            # is theirs when it stands in their text with its neighbours on either side.
            before = text[max(0, match.start() - CONTEXT) : match.end()]
            after = text[match.start() : match.end() + CONTEXT]
            if before not in users_text and after not in users_text:
                found.append(f"{path.relative_to(site)}: …{before}{after[len(match.group(0)) :]}…")
    assert found == [], "\n".join(found[:40])


@pytest.mark.parametrize("audience", AUDIENCES)
def test_periods_are_written_with_their_label(demo_sites, audience):
    site = demo_sites[audience]
    found = [
        f"{path.relative_to(site)}: {m.group(0)}"
        for path in _pages(site)
        for m in CODE.finditer(_article(path))
    ]
    assert found == [], "\n".join(found[:40])


CITIES = ["太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"]  # fmt: skip


def _city_runs(text: str) -> list[list[int]]:
    """Runs of table rows that name a city, as registry positions (one run per table)."""
    runs, run = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            hit = re.search("|".join(CITIES), line)
            if hit:
                run.append(CITIES.index(hit.group(0)))
            continue
        if len(run) > 1:
            runs.append(run)
        run = []
    if len(run) > 1:
        runs.append(run)
    return runs


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_table_lists_cities_in_registry_order(demo_sites, audience):
    docs = demo_sites[audience].parent / "build" / audience / "docs"
    if not docs.is_dir():  # the generated MkDocs project sits beside the site
        docs = next(demo_sites[audience].parent.glob(f"**/build/{audience}/docs"))
    disordered = [
        f"{page.relative_to(docs)}: {run}"
        for page in sorted(docs.rglob("*.md"))
        for run in _city_runs(page.read_text(encoding="utf-8"))
        if run != sorted(run)
    ]
    assert disordered == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_downloads_list_cities_in_registry_order_and_label_periods(demo_sites, audience):
    import csv

    data = demo_sites[audience] / "data"
    for name in ("projects", "compliance", "figures"):
        with (data / f"{name}.csv").open(encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        if name == "projects":
            order = [CITIES.index(r["所在市"]) for r in rows]
            assert order == sorted(order)
        for row in rows:
            period = row.get("报告期") or row.get("最近报送期") or ""
            assert not CODE.search(period), (name, period)
