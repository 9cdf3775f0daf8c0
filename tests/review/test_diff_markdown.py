"""The review summary (`sctrack diff --format markdown`) shows submitted text as text.

It is the pull request's job summary: a title that opened an HTML comment hid the
"更正已确认的数据" alert below it, and links in titles were live.
"""

from __future__ import annotations

import re

import pytest

from site_builder.review.diff import FileDiff, _compare_cases, to_markdown

HOSTILE_TITLES = [
    "补充案例\n\n<!--",
    "[点我](https://evil.example/?q=1)",
    "<a href='https://evil.example'>链接</a>",
    "https://evil.example/x 与 www.evil.example",
    "通知 @shanxi-scm/province 审核",
    "`代码` **粗体** ![图](https://evil.example/p.png)",
    "标题\n### 伪造的小标题\n> **⚠ 伪造的提示**",
]


def _markdown(title: str) -> str:
    diff = FileDiff(
        "submissions/projects/a/2021-Q3.yaml", "a · 2021年第三季度进展报告", "modified", True
    )
    case = {"title": title, "summary": "s", "body": "b", "tags": ["finance"], "public": True}
    _compare_cases(diff, "实践案例", [], [case])
    diff.alert("R101", "更正已确认的数据：营业收入 1 → 2")
    return to_markdown([diff])


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_title_is_shown_as_text_on_one_line(title):
    markdown = _markdown(title)
    assert "<!--" not in markdown and "<a " not in markdown
    assert not re.search(r"\]\(", markdown), "no Markdown link or image"
    assert "https://" not in markdown and "www.evil" not in markdown, "no autolink"
    assert "@shanxi-scm" not in markdown, "no mention"
    case_lines = [line for line in markdown.splitlines() if "新增案例" in line]
    assert len(case_lines) == 1 and case_lines[0].startswith("- ")
    quoted = [line for line in markdown.splitlines() if line.startswith(">")]
    assert quoted == ["> **⚠ 更正已确认的数据：营业收入 1 → 2**"], "the real alert only"
    assert len([line for line in markdown.splitlines() if line.startswith("#")]) == 2


def test_the_alert_still_shows_after_a_hostile_title():
    markdown = _markdown("补充案例\n\n<!--")
    assert "> **⚠ 更正已确认的数据" in markdown
