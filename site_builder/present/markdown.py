"""Markdown every page and the summary report share: numbers, tables, links, images, pages.

Our own Markdown is wrapped in `Markup`; plain strings are escaped where they are printed
(submitter text may hold HTML or Markdown): `markup.text`, and the site's templates'
`finalize` (`site.page_templates`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from site_builder.load.periods import day_label
from site_builder.present.markup import html_text, plain_title, text

# Printed under every chart (charts.SOURCE says the same inside the image).
CHART_SOURCE = (
    "数据来源：各项目季度进展报告和年度工作总结，经市商务局（省属企业经省国资委）在线确认。"
)
SAFE_TARGET = re.compile(r"^[A-Za-z0-9./#_-]+$")
# What a YAML reader refuses unescaped (DEL, the C1 controls, the byte-order mark and the
# non-characters) or reads as a line break inside a quoted string (NEL, the line and paragraph
# separators). JSON leaves them raw; front matter escapes them as YAML and JSON both read.
_RAW_IN_JSON_NOT_YAML = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def num(value: Any, digits: int = 2) -> str:
    """A figure as people write it: no trailing zeros, no thousands separators."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return str(value)


def link(label: Any, target: str) -> Markup:
    """A Markdown link to one of our own pages; the label is escaped."""
    if not SAFE_TARGET.match(target):
        raise ValueError(f"unsafe link target {target!r}")
    return Markup(f"[{text(label)}]({target})")


SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.:/_~%+-]+$")


def pr_url(repository: str, number: int) -> str | None:
    """The web address of a pull (merge) request, when the repository's address is known."""
    if not repository or not SAFE_URL.match(repository):
        return None
    base = repository.rstrip("/")
    return f"{base}/-/merge_requests/{number}" if "gitlab" in base else f"{base}/pull/{number}"


def external_link(label: Any, url: str) -> Markup:
    if not SAFE_URL.match(url):
        raise ValueError(f"unsafe url {url!r}")
    return Markup(f"[{text(label)}]({url})")


def phone_path(path: str) -> str:
    """Where a chart's phone variant is saved: `x.png` → `x-phone.png`."""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}-phone{dot}{suffix}"


def image(alt: str, src: str) -> Markup:
    """A chart: the wide drawing, and its phone variant (`ChartJob.for_phone`) that the
    stylesheet shows instead below 45em; a lazy image never shown is never fetched."""
    if not SAFE_TARGET.match(src):
        raise ValueError(f"unsafe image source {src!r}")
    return Markup(
        f"![{text(alt)}]({src}){{ loading=lazy .sc-wide }}"
        f"![{text(alt)}]({phone_path(src)}){{ loading=lazy .sc-phone }}"
    )


def cell(value: Any) -> Markup:
    if isinstance(value, Markup):
        return Markup(str(value).replace("\n", " "))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Markup(num(value))
    return text("" if value is None else value)


def day_cell(day: date | str | None) -> str:
    """A day in a table as headings and notices write it (`periods.day_label`); "—" if none."""
    if day is None or day == "":
        return "—"
    if isinstance(day, datetime):
        day = day.date()
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return day_label(day)


def table(headers: list[str], rows: list[list[Any]], align: list[str] | None = None) -> Markup:
    """A Markdown table; cells are escaped unless they are Markup."""
    align = align or ["---"] * len(headers)
    lines = [
        "| " + " | ".join(text(h) for h in headers) + " |",
        "| " + " | ".join(align) + " |",
    ]
    for row in rows:
        lines.append("| " + " | ".join(cell(v) or " " for v in row) + " |")
    return Markup("\n".join(lines))


def html_table(
    headers: list[str], rows: list[list[Any]], right: frozenset[int] = frozenset()
) -> Markup:
    """A table in HTML for a raw block (`markup.html_block`), as Markdown's tables extension
    writes one; the columns in `right` are right-aligned; cells are escaped unless Markup."""

    def cells(tag: str, values: list[Any]) -> str:
        return "\n".join(
            f'<{tag} style="text-align: right;">{html_cell(v)}</{tag}>'
            if i in right
            else f"<{tag}>{html_cell(v)}</{tag}>"
            for i, v in enumerate(values)
        )

    body = "\n".join(f"<tr>\n{cells('td', row)}\n</tr>" for row in rows)
    return Markup(
        f"<table>\n<thead>\n<tr>\n{cells('th', headers)}\n</tr>\n</thead>\n"
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


def html_cell(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Markup(num(value))
    return html_text("" if value is None else value)


def _is_plain(value: Any) -> bool:
    """Whether JSON writes `value` as YAML reads it back: strings (no lone surrogates),
    integers, booleans, None, and lists and string-keyed dicts of these. Floats are not
    (JSON's `1e+16` is a string to YAML 1.1), nor tuples (JSON makes them lists)."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is None
    if value is None or isinstance(value, bool | int):
        return True
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(k) and _is_plain(v) for k, v in value.items())
    return False


def front_matter(meta: dict[str, Any]) -> str:
    """A page's front matter: one line of JSON, which is YAML and loads to `meta` (MkDocs
    reads it with PyYAML); `yaml.safe_dump` took a millisecond a page. What JSON cannot say
    as YAML reads it is dumped as YAML."""
    if not _is_plain(meta):
        return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    line = json.dumps(meta, ensure_ascii=False)
    return _RAW_IN_JSON_NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


@dataclass
class ChartJob:
    """A chart to draw: `charts.<kind>(*args)` saved at `path` (under docs/).

    Plain data rather than a closure, so jobs can go to worker processes and
    be fingerprinted for the cache.
    """

    path: str
    kind: str
    args: tuple
    phone: bool = False  # drawn for a phone's width (every chart on a page has this twin)

    @property
    def written(self) -> bool:
        """An SVG written as text from the data (`present.svg_charts`), not drawn in matplotlib."""
        return self.path.endswith(".svg")

    def draw(self):
        """The matplotlib figure, or for a `written` chart its SVG text."""
        if self.written:
            from site_builder.present import svg_charts

            return getattr(svg_charts, self.kind)(*self.args, phone=self.phone)
        from site_builder.present import (
            charts,  # matplotlib is imported only where charts are drawn
        )

        return getattr(charts, self.kind)(*self.args, phone=self.phone)

    def for_phone(self) -> ChartJob:
        return ChartJob(phone_path(self.path), self.kind, self.args, phone=True)


@dataclass(frozen=True)
class NavPlace:
    """Where a page sits in the site's navigation (see `site.nav`)."""

    section: str  # the top-level entry, e.g. 全省汇总
    title: str | None = None  # None: the section's own page, listed first without a title
    rank: int = 0  # order within the section; equal ranks keep the order pages were made


@dataclass
class Section:
    """A part of a page: its Markdown and the charts it shows."""

    body: str
    charts: list[ChartJob] = field(default_factory=list)


@dataclass
class Page:
    path: str  # under docs/, e.g. "projects/taiyuan-region.md"
    body: str
    meta: dict = field(default_factory=dict)
    nav: NavPlace | None = None  # None: reached by links, not from the navigation
    charts: list[ChartJob] = field(default_factory=list)

    @classmethod
    def join(
        cls,
        path: str,
        sections: list[Section],
        meta: dict,
        nav: NavPlace | None = None,
        separator: str = "\n",
    ) -> Page:
        """A page made of its sections, in order, with all their charts."""
        body = separator.join(str(s.body) for s in sections if s.body)
        return cls(path, body, meta, nav, [job for s in sections for job in s.charts])

    def text(self) -> str:
        meta = dict(self.meta)
        if "title" in meta:
            meta["title"] = plain_title(meta["title"])
        if "description" in meta:
            meta["description"] = plain_title(meta["description"])[:160]
        return f"---\n{front_matter(meta)}\n---\n\n{self.body.strip()}\n"

    def write(self, docs: Path) -> None:
        target = docs / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.text(), encoding="utf-8")
