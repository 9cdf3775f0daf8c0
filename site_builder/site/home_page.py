"""首页: what the platform is, how many projects it follows, the latest reports and cases."""

from __future__ import annotations

from site_builder.analyse.analysis import TIER_KIND_LABELS
from site_builder.analyse.stats import coverage_note, followed_projects
from site_builder.analyse.view import View
from site_builder.present.markdown import NavPlace, Page, image
from site_builder.site.case_pages import case_link, case_meta, published_cases
from site_builder.site.nav import HOME
from site_builder.site.page_templates import render_template

INTRO = (
    "根据山西省商务厅《关于在线跟进供应链重点项目的通知》，全省重点供应链项目（含省重点区域、重点企业项目，"
    "全国试点城市、试点企业项目）纳入平台在线跟进管理。项目单位按季度报送进展、按年度报送工作总结（在线报送），"
    "各市商务局审核确认（在线确认），省商务厅汇总分析、提炼可复制推广的实践经验（统计查询、总结分析），"
    "并对不按要求报送或进展缓慢的项目实行动态调整。"
)


def _latest_reported(view: View) -> tuple[int, str]:
    """Reports of the latest quarter: confirmed ones, or without git those that are there."""
    latest = view.latest_period
    if latest is None:
        return 0, "已确认报告"
    if view.supervision.history.available:
        frame = view.supervision.frame
        confirmed = frame["status"].isin(["on_time", "late"]) & (frame["period"] == str(latest))
        return int(confirmed.sum()), "已确认报告"
    return sum(1 for r in view.corpus.reports if r.period == latest), "已报送"


def home_page(view: View) -> Page:
    active = followed_projects(view)
    tiers = [
        (label, int((active["tier_kind"] == label).sum())) for label in TIER_KIND_LABELS.values()
    ]
    latest = view.latest_period
    reported, confirmed_word = _latest_reported(view)
    cases = published_cases(view)
    newest = [
        {"link": case_link(row, "index.md"), "summary": row["summary"], "meta": case_meta(row)}
        for _, row in cases.head(6).iterrows()
    ]
    body = render_template(
        "index.md.j2",
        intro=INTRO,
        projects_total=len(active),
        coverage=coverage_note(view),
        tiers=tiers,
        latest_period=str(latest) if latest else "",
        latest_period_label=latest.label if latest else "",
        latest_reported=reported,
        confirmed_word=confirmed_word,
        cases_total=len(cases),
        newest_cases=newest,
        chart=image("全省重点供应链项目按城市和类别分布", "assets/charts/projects-by-city.png"),
    )
    return Page(
        "index.md",
        body,
        {"title": "首页", "description": INTRO, "hide": ["navigation", "toc"]},
        NavPlace(HOME),
    )
