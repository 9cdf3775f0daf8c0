"""The reviewer's desk links the forge's open pull requests for the city's team, or says why not."""

from __future__ import annotations

from site_builder.site.desk import open_pulls_url, status_cell


def test_the_forge_link_filters_by_the_city_team_or_says_why_there_is_none():
    url, _ = open_pulls_url("https://github.com/org/data", "@org/taiyuan")
    assert url == (
        "https://github.com/org/data/pulls?q=is:pr%20is:open%20team-review-requested:org/taiyuan"
    )
    url, note = open_pulls_url("https://gitlab.example.cn/sx/data/", "@org/taiyuan")
    assert url == "https://gitlab.example.cn/sx/data/-/merge_requests?state=opened"
    assert "GitLab" in note
    url, note = open_pulls_url("", "@org/taiyuan")
    assert url is None and "repo_url" in note


def test_a_status_keeps_its_words_and_gains_a_class():
    cell = str(status_cell("on_time"))
    assert "按时" in cell and "sc-status-on-time" in cell
