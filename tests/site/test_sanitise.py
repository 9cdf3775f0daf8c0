"""Submitter text cannot inject script: case bodies are sanitised, titles and narratives escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from site_builder.present.markup import submitted_markdown, text

from conftest import invoke

PAYLOADS = [
    "<script>alert('XSS01')</script>",
    "<img src=x onerror=\"alert('XSS02')\">",
    "[点我](javascript:alert('XSS03'))",
    "<a href=\"javascript:alert('XSS04')\">链接</a>",
    '<iframe src="https://evil.example/XSS05"></iframe>',
    "<svg onload=\"alert('XSS06')\"><circle/></svg>",
    "<div onclick=\"alert('XSS07')\">点击</div>",
    "[x](JaVaScRiPt:alert('XSS08'))",
    "<a href=\"&#106;avascript:alert('XSS09')\">编码的链接</a>",
    "<style>body{display:none}/*XSS10*/</style>",
    '<object data="https://evil.example/XSS11"></object><embed src="https://evil.example/XSS12">',
    '<form action="https://evil.example/XSS13"><input name=q></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=\"alert('XSS14')\">",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMTUnKTwvc2NyaXB0Pg==">XSS15</a>',
    "![x](javascript:alert('XSS16'))",
    "<p style=\"background:url(javascript:alert('XSS17'))\">样式</p>",
    '<base href="https://evil.example/XSS18">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/XSS19">',
    "<details open ontoggle=\"alert('XSS20')\">",
]
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "form",
    "svg",
    "math",
    "base",
    "meta",
    "input",
}


class _Collector(HTMLParser):
    """Collects what would run: dangerous tags and attributes that carry a payload marker."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "XSS" in value:
                self.problems.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "data", "style") and (
                "javascript:" in value.lower().replace(" ", "") or "XSS" in value
            ):
                self.problems.append(f"<{tag} {name}={value}>")
        # A page description holding the text is inert; a refresh or a script tag is not.
        inert = tag == "meta" and dict(attrs).get("name") == "description"
        if tag in DANGEROUS_TAGS and not inert and any("XSS" in (v or "") for _, v in attrs):
            self.problems.append(f"<{tag}>")

    def handle_data(self, data):
        if self.stack and self.stack[-1] in ("script", "style") and "XSS" in data:
            self.problems.append(f"<{self.stack[-1]}> {data[:40]}")

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()


def _problems(html: str) -> list[str]:
    collector = _Collector()
    collector.feed(html)
    return collector.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_is_neutralised_in_a_case_body(payload):
    assert _problems(str(submitted_markdown(f"### 背景\n\n正文 {payload} 结尾"))) == []


@pytest.mark.parametrize("payload", PAYLOADS + ["{: onclick=\"alert('XSS30')\" }", "<b>粗体</b>"])
def test_plain_text_never_becomes_markup(payload):
    escaped = str(text(payload))
    assert "<" not in escaped and "[" not in escaped and "{" not in escaped


@pytest.fixture
def hostile_tree(base_tree: Path) -> Path:
    report = base_tree / "submissions/projects/alpha-region/2021-Q2.yaml"
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    data["cases"] = [
        {
            "title": "<script>alert('XSS21')</script>恶意标题",
            "summary": "[摘要](javascript:alert('XSS22')) {: onclick=\"alert('XSS23')\" }",
            "body": "### 背景\n\n" + "\n\n".join(PAYLOADS),
            "tags": ["finance"],
            "public": True,
        }
    ]
    data["next_steps"] = "<img src=x onerror=\"alert('XSS24')\"> 下一步"
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Registry names reach the navigation, the directory and the city pages (at most 20 chars).
    cities = base_tree / "submissions/registry/cities.yaml"
    hostile_city = 'name: "<svg onload=XSS40()>"'
    cities.write_text(
        cities.read_text(encoding="utf-8").replace("name: 太原市", hostile_city, 1),
        encoding="utf-8",
    )
    return base_tree


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_built_pages_carry_no_payload(hostile_tree: Path, audience: str):
    result = invoke("build", "--root", str(hostile_tree), "--audience", audience)
    assert result.returncode == 0, result.stderr
    site = hostile_tree / ("site" if audience == "public" else "site-internal")
    checked = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert _problems(html) == [], page
        checked += "XSS" in html
    assert checked, "the payloads reached the pages (as harmless text)"


def test_a_template_escapes_plain_text_and_keeps_our_markdown():
    """What a page template prints passes `finalize`: a submitter's string is escaped, our own
    Markdown (`Markup`) is printed as it is."""
    from markupsafe import Markup

    from site_builder.site.page_templates import ENV

    template = ENV.from_string("{{ title }} {{ ours }} [{{ missing }}]")
    printed = template.render(title=PAYLOADS[0], ours=Markup("**粗体**"), missing=None)
    assert "<script>" not in printed and "XSS01" in printed
    assert "**粗体**" in printed and printed.endswith("[]")
