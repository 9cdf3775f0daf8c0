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


def test_the_desk_index_is_in_the_navigation_with_each_citys_counts(demo_sites, demo_copy):
    """审核工作台 under 报送监管 (internal only): every city with its due / late / missing
    counts, as the analysis has them, linked to its desk; the legend names 已确认."""
    import re
    from datetime import date

    from site_builder.analyse.analysis import analyse
    from site_builder.analyse.desk import city_desk
    from site_builder.review.history import read_history
    from site_builder.validate.run import validate

    from conftest import TODAY

    internal = demo_sites["internal"]
    page = (internal / "desk" / "index.html").read_text(encoding="utf-8")
    nav = (internal / "compliance" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./desk/"[^>]*>\s*(<[^>]+>\s*)*审核工作台', nav)
    assert not (demo_sites["public"] / "desk").exists()
    corpus = validate(demo_copy).corpus
    history = read_history(demo_copy, timezone=corpus.registry.policy.timezone)
    analysis = analyse(corpus, history, date.fromisoformat(TODAY))
    rows = re.findall(r"<tr>\s*<td><a href=\"\.\./cities/([a-z-]+)/#desk\">(.*?)</a></td>(.*?)</tr>",
                      page, re.S)  # fmt: skip
    assert len(rows) == len(analysis.corpus.registry.cities) == 11
    for city, name, cells in rows:
        desk = city_desk(analysis.corpus, analysis.supervision, city)
        numbers = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", cells)]
        late = [s.status for s in desk.late_or_missing]
        assert numbers == [
            len(desk.current),
            sum(i.status.status == "not_due" for i in desk.current),
            late.count("late"),
            late.count("missing"),
        ], name
    city_page = (internal / "cities" / "linfen" / "index.html").read_text(encoding="utf-8")
    assert 'id="desk"' in city_page
    legend = re.search(r'<p class="sc-status-legend">(.*?)</p>', city_page, re.S).group(1)
    shown = set(re.findall(r'sc-status-([a-z-]+)">', city_page.split("sc-status-legend")[0]))
    named = set(re.findall(r'sc-status-([a-z-]+)">', legend))
    assert shown <= named, (shown, named)
    # A city page lists the city's projects without a 所在市 column.
    assert "<th>所在市</th>" not in city_page
