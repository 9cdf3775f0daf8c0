"""报送情况 and 动态调整: reporting discipline and the province's adjustments (通知 四、四(五)).

Every view: rates per city and period, and the province's decisions. Where the
view holds them (`COMPLIANCE_BY_PROJECT`, `ADJUSTMENT_ADVICE`): the per-project
heatmap, the list of late and missing reports, the recommendations with their
reasons, and the risk flags. Each section is a function returning a `Section`.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from site_builder.analyse.adjustment import RECOMMENDATION_LABELS
from site_builder.analyse.calendar import zone_name
from site_builder.analyse.disclosure import OTHER_CITIES
from site_builder.analyse.numbers import rate
from site_builder.analyse.statuses import NO_REVIEW_RECORD, STATUS_LABELS, rates
from site_builder.analyse.view import ADJUSTMENT_ADVICE, COMPLIANCE_BY_PROJECT, View
from site_builder.load.periods import checked_period, day_label
from site_builder.load.periods import label as period_label
from site_builder.present.chart_jobs import period_rates, rates_chart
from site_builder.present.markdown import (
    ChartJob,
    NavPlace,
    Page,
    Section,
    day_cell,
    image,
    link,
    table,
)
from site_builder.present.markup import text
from site_builder.site.desk import SHORT_LABELS, status_cell, status_legend
from site_builder.site.nav import SUPERVISION
from site_builder.site.page_templates import chart_table
from site_builder.site.remind_page import remind_link
from site_builder.spec import catalogue

RATE_HEADERS = ["应报", "状态已知", "已确认", "按时", "报送率", "及时率"]
RATE_ALIGN = ["---", "--:", "--:", "--:", "--:", "--:", "--:"]


def _period_order(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["period"].unique(), key=lambda p: checked_period(p))


def _rate_cells(r) -> list:
    """Counts and rates of one row of `rates()`, as the tables print them."""
    return [
        int(r.expected),
        int(r.known),
        int(r.confirmed),
        int(r.on_time),
        rate(r.reporting_rate),
        rate(r.timeliness_rate),
    ]


def _rules_section(view: View) -> Section:
    supervision = view.supervision
    policy = view.corpus.registry.policy
    lines = ["# 报送情况", ""]
    if not supervision.history.available:
        lines += [
            '!!! warning "确认时间未知"',
            "",
            "    "
            + text(
                f"{supervision.history.reason}。所有报告的状态均为“确认时间未知”，"
                "既不算缺报也不算已确认，不据此预警或建议取消资格。"
            ),
            "",
        ]
    lines += [
        text(
            f"按通知要求，各项目按季度报送进展报告、按年度报送工作总结，市商务局（省属企业由省商务厅会同省国资委）"
            f"在线确认。季报在季度结束后次月{policy.quarterly_due_day}日前、年度总结在次年"
            f"{policy.annual_due_month}月{policy.annual_due_day}日前确认为按时"
            + (f"（另有{policy.grace_days}天宽限）" if policy.grace_days else "")
            + f"。以报告经审核确认入库的时间为确认时间，按{zone_name(policy)}截止日当天24时前确认为按时；"
            f"统计截至{day_label(supervision.as_of)}24时。项目从纳入跟进（立项信息确认入库）的季度起应报，"
            "取消资格期间和培育期结束后不再应报。"
        ),
        "",
        text(
            "报送率 = 已确认报告数 ÷ 状态已知的应报报告数，及时率 = 按时确认的报告数 ÷ 状态已知的应报报告数"
            "（只计已到截止日期的报告；确认时间未知的报告不计入分母，表中列出应报数和状态已知数）。"
        ),
        "",
    ]
    return Section("\n".join(str(x) for x in lines))


def _province_rates_section(view: View) -> Section:
    job = rates_chart(view)
    if job is None:
        return Section("")
    rows = [[period_label(p), *_rate_cells(r)] for p, r in period_rates(view).iterrows()]
    body = chart_table(
        job,
        "全省报送率和及时率",
        "全省各报告期的报送率和及时率折线图",
        ["报告期", *RATE_HEADERS],
        rows,
        RATE_ALIGN,
        "%",
    )
    return Section(f"{body}\n", [job])


def _city_rates_section(view: View) -> Section:
    by_city = rates(view.supervision.frame, ["city"]).set_index("city")
    rows = [
        [link(city.name, f"../cities/{city.id}.md"), *_rate_cells(by_city.loc[city.id])]
        for city in view.corpus.registry.cities.values()
        if city.id in by_city.index
    ]
    if OTHER_CITIES in by_city.index:  # small cities pooled in the public view
        rows.append([OTHER_CITIES, *_rate_cells(by_city.loc[OTHER_CITIES])])
    lines = ["## 各市报送情况", "", table(["城市", *RATE_HEADERS], rows, RATE_ALIGN), ""]
    return Section("\n".join(str(x) for x in lines))


def compliance_page(view: View) -> Page:
    """Rates of the province and per city; per project where the view holds the statuses."""
    nav = NavPlace(SUPERVISION, "报送情况", 10)
    rules = _rules_section(view)
    if view.supervision.frame.empty:
        body = f"{rules.body}\n暂无应报报告。"
        return Page("compliance/index.md", body, {"title": "报送情况"}, nav)
    sections = [rules, _province_rates_section(view), _city_rates_section(view)]
    sections.append(remind_link(view))
    if view.shows(COMPLIANCE_BY_PROJECT):
        sections.append(_by_project_section(view))
    return Page.join("compliance/index.md", sections, {"title": "报送情况"}, nav)


# A heatmap row is 18 px: 500 projects in one map would be 9,000 px tall, no overview at
# all. Above this many rows, one map per city.
HEATMAP_MAX_ROWS = 60
HEATMAP_ALT = "各项目各期报告的报送状态热力图，绿色按时、橙色逾期、红色缺报"


def _heatmaps(view: View, grid: pd.DataFrame, names: dict) -> Section:
    """The status heatmap(s): one of every project, or one per city when there are many."""
    grid = grid.fillna("none")
    registry = view.corpus.registry
    projects = view.corpus.projects
    if len(grid) <= HEATMAP_MAX_ROWS:
        groups = [("", "", grid)]
    else:
        groups = [
            (city, registry.city_name(city), grid[[projects[p].city == city for p in grid.index]])
            for city in registry.cities
        ]
    lines = []
    jobs = []
    for city, city_name, rows in groups:
        if rows.empty:
            continue
        path = f"assets/charts/reporting-heatmap{'-' + city if city else ''}.svg"
        chart_grid = rows.copy()
        chart_grid.index = [names[p] for p in rows.index]
        title = f"{city_name}各项目报告报送情况"
        jobs.append(ChartJob(path, "status_heatmap", (chart_grid, STATUS_LABELS, title)))
        if city_name:
            lines += [f"### {text(city_name)}", ""]
        lines += [image(HEATMAP_ALT, f"../{path}"), ""]
    if len(groups) > 1:
        lines += ["### 全部项目各期状态", ""]
    return Section("\n".join(str(x) for x in lines), jobs)


def _by_project_section(view: View) -> Section:
    """Every project's status per period, and the late and missing reports."""
    supervision = view.supervision
    frame = supervision.frame
    projects = view.corpus.projects
    periods = _period_order(frame)
    grid = frame.pivot_table(
        index="project", columns="period", values="status", aggfunc="first"
    ).reindex(columns=periods)
    grid = grid.reindex(view.projects["id"][view.projects["id"].isin(grid.index)])  # city order
    names = {pid: projects[pid].name.replace("示例·", "") for pid in grid.index}
    heatmaps = _heatmaps(view, grid, names)
    rows = []
    for pid in grid.index:
        rows.append(
            [
                link(names[pid], f"../projects/{pid}.md"),
                *[
                    status_cell(v, SHORT_LABELS[v]) if v in SHORT_LABELS else ""
                    for v in grid.loc[pid]
                ],
            ]
        )
    lines = [
        "## 各项目报送情况",
        "",
        "<small>仅授权用户可见。空白为该期不需报送（尚未纳入跟进、培育期外或已取消资格）。</small>",
        "",
        heatmaps.body,
        table(["项目", *[period_label(p, short=True) for p in periods]], rows),
        "",
        status_legend(grid.stack().dropna()),
        "",
    ]
    problems = [s for s in supervision.statuses if s.status in ("late", "missing")]
    if problems:
        rows = []
        for s in problems:
            delay = f"{(s.confirmed - s.due).days}天" if s.confirmed else "—"
            rows.append(
                [
                    link(names.get(s.project, s.project), f"../projects/{s.project}.md"),
                    s.period.label,
                    day_cell(s.due),
                    day_cell(s.submitted),
                    day_cell(s.confirmed),
                    status_cell(s.status),
                    delay,
                ]
            )
        lines += [
            "## 逾期和缺报的报告",
            "",
            table(["项目", "报告期", "截止日期", "提交", "确认", "状态", "逾期"], rows),
            "",
        ]
    lines += _review_lines(view, names)
    return Section("\n".join(str(x) for x in lines), heatmaps.charts)


def _review_lines(view: View, names: dict) -> list:
    """Each city's review time, and the reports that reached main without a review record."""
    supervision = view.supervision
    registry = view.corpus.registry
    lines = []
    times = supervision.review_times
    if not times.empty:
        rows = [
            [
                registry.city_name(r.city),
                period_label(r.period),
                int(r.measured),
                "—" if pd.isna(r.median_days) else f"{r.median_days:.1f}",
                "—" if pd.isna(r.longest_days) else f"{r.longest_days:.1f}",
                int(r.implausible),
            ]
            for r in times.itertuples()
        ]
        bound = registry.policy.review_max_days
        lines += [
            "## 各市审核用时",
            "",
            text(
                "审核用时 = 确认时间（审核通过入库）− 报送人声明的提交时间（提交记录的作者时间，"
                f"在报送人电脑上设定，只用于计算审核用时）。为负或超过{bound}天的为存疑，不计入中位数和最长。"
            ),
            "",
            table(
                ["城市", "报告期", "计入份数", "中位数（天）", "最长（天）", "存疑"],
                rows,
                ["---", "---", "--:", "--:", "--:", "--:"],
            ),
            "",
        ]
    unreviewed = [s for s in supervision.statuses if s.reviewed is False]
    if unreviewed:
        rows = [
            [
                link(names.get(s.project, s.project), f"../projects/{s.project}.md"),
                s.period.label,
                s.confirmed_at.strftime("%Y-%m-%d %H:%M") if s.confirmed_at else "—",
                NO_REVIEW_RECORD,
            ]
            for s in unreviewed
        ]
        lines += [
            f"## {NO_REVIEW_RECORD}的报告",
            "",
            text(
                "这些报告没有经过合并请求进入主分支（直接推送、快进或变基），确认时间照算，但没有审核记录。"
            ),
            "",
            table(["项目", "报告期", "确认时间", "说明"], rows),
            "",
        ]
    return lines


def _project_link(projects: dict, project_id: str):
    if project_id not in projects:
        return project_id
    return link(projects[project_id].name, f"../projects/{project_id}.md")


def _decisions_section(view: View) -> Section:
    """The province's decisions, newest first."""
    registry = view.corpus.registry
    projects = view.corpus.projects
    lines = [
        "# 动态调整",
        "",
        text(
            "按照通知第四部分第（五）项，对存在违法违规行为或重大风险隐患、未按要求报告台账并推进或进展缓慢的项目，"
            "取消其重点培育资格。以下为省商务厅作出的决定。"
        ),
        "",
        "## 省商务厅的决定",
        "",
    ]
    decisions = sorted(registry.decisions, key=lambda d: d.date, reverse=True)
    if decisions:
        rows = [
            [
                day_cell(d.date),
                _project_link(projects, d.project),
                catalogue.label("decision", d.decision),
                d.document_no,
                d.reason,
            ]
            for d in decisions
        ]
        lines += [table(["日期", "项目", "决定", "文号", "理由"], rows), ""]
    else:
        lines += ["暂无调整决定。", ""]
    return Section("\n".join(str(x) for x in lines))


def _advice_section(view: View) -> Section:
    """The rules' recommendations, with their reasons."""
    policy = view.corpus.registry.policy
    projects = view.corpus.projects
    lines = [
        "## 调整建议",
        "",
        "<small>仅授权用户可见。由报送情况、目标进展和风险记录按规则自动得出，供省商务厅研究决定，不是决定本身。</small>",
        "",
        text(
            f"规则：最近{policy.warning_window}期应报报告中有{policy.warning_missing_or_late}期及以上缺报或逾期，"
            f"或超过{policy.warning_lagging_share:.0%}的量化目标进展有限或倒退，建议预警；"
            f"连续{policy.cancel_consecutive_missing}期缺报，或省级记录了重大风险隐患、违法违规情况，建议取消资格。"
        ),
        "",
    ]
    advice = [r for r in view.supervision.recommendations if r.recommendation != "none"]
    order = {"propose_cancel": 0, "warning": 1, "cancelled": 2}
    advice.sort(key=lambda r: (order.get(r.recommendation, 3), r.project))
    if advice:
        rows = [
            [
                link(projects[r.project].name, f"../projects/{r.project}.md"),
                RECOMMENDATION_LABELS[r.recommendation],
                Markup("<br>").join(text(x) for x in r.reasons),
            ]
            for r in advice
        ]
        lines += [table(["项目", "建议", "理由"], rows), ""]
    else:
        lines += ["目前没有需要预警或取消资格的项目。", ""]
    return Section("\n".join(str(x) for x in lines))


def _flags_section(view: View) -> Section:
    """The province's records of risks and violations (the public view holds none)."""
    flags = view.corpus.registry.flags
    if not flags:
        return Section("")
    rows = [
        [
            day_cell(f.date),
            _project_link(view.corpus.projects, f.project),
            catalogue.label("flag_type", f.type),
            f.note,
        ]
        for f in sorted(flags, key=lambda f: f.date, reverse=True)
    ]
    lines = ["## 风险与违规记录", "", table(["日期", "项目", "类别", "情况说明"], rows), ""]
    return Section("\n".join(str(x) for x in lines))


def adjustments_page(view: View) -> Page:
    sections = [_decisions_section(view)]
    if view.shows(ADJUSTMENT_ADVICE):
        sections += [_advice_section(view), _flags_section(view)]
    return Page.join(
        "adjustments/index.md",
        sections,
        {"title": "动态调整"},
        NavPlace(SUPERVISION, "动态调整", 20),
    )
