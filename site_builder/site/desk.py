"""Status cells with their legend, and a city page's reviewer's desk (issue 17).

A status cell keeps its words and adds a class per status, so colour only repeats what
the text says (`sctrack-desk.css`). The desk regroups what `analyse.desk` took from the
supervision statuses; the link to the city's open pull requests is built from the
repository address in `mkdocs.yml` (`repo_url`), never guessed when there is none.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd
from markupsafe import Markup

from site_builder.analyse.calendar import zone_name
from site_builder.analyse.desk import DESK_LABELS, CityDesk, DeskItem, city_desk
from site_builder.analyse.statuses import STATUS_LABELS, ReportStatus
from site_builder.analyse.view import View
from site_builder.load.periods import checked_period, day_label
from site_builder.present.markdown import (
    SAFE_URL,
    NavPlace,
    Page,
    Section,
    day_cell,
    external_link,
    link,
    pr_url,
    table,
)
from site_builder.present.markup import text
from site_builder.site.nav import SUPERVISION

# The words a narrow status table uses; STATUS_LABELS are the full ones.
SHORT_LABELS = {
    "on_time": "按时",
    "late": "逾期",
    "missing": "缺报",
    "not_due": "未到期",
    "unknown": "未知",
    "before_registration": "跟进前",
    "outside_programme": "期外",
}
LEGEND_ORDER = (
    "on_time",
    "late",
    "missing",
    "not_due",
    "unknown",
    "before_registration",
    "outside_programme",
)
TEAM = re.compile(r"^@?([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)$")


def status_cell(status: str, label: str | None = None) -> Markup:
    """A status in its words, marked with a class for its colour."""
    words = label if label is not None else STATUS_LABELS.get(status, status)
    return Markup('<span class="sc-status sc-status-{}">{}</span>').format(
        status.replace("_", "-"), words
    )


def status_legend(shown, labels: dict[str, str] = SHORT_LABELS) -> Markup:
    """One line naming each colour by its words, for every status the table shows (`shown`):
    the colours only repeat the cells' text."""
    present = set(shown)
    marks = Markup("　").join(
        status_cell(s, labels[s]) for s in LEGEND_ORDER if s in present and s in labels
    )
    return Markup(f'<p class="sc-status-legend">图例：{marks}</p>')


def open_pulls_url(repository: str, team: str) -> tuple[str | None, str]:
    """The forge's list of the open pull requests waiting for `team`'s review, and a note.

    GitHub can filter by the team a review was requested from (CODEOWNERS requests the
    city's team); GitLab cannot, so its list is every open merge request. Without a
    repository address there is no link, and the note says why.
    """
    base = repository.rstrip("/")
    if not base or not SAFE_URL.match(base):
        return None, "未配置代码托管平台地址（mkdocs.yml 的 repo_url），无法链接待审核的拉取请求。"
    if "gitlab" in base:
        return (
            f"{base}/-/merge_requests?state=opened",
            "GitLab 不能按审核团队筛选，列出全部待处理合并请求。",
        )
    match = TEAM.match(team)
    if "github.com" in base and match:
        query = quote(f"is:pr is:open team-review-requested:{match.group(1)}", safe=":/")
        return f"{base}/pulls?q={query}", f"列出请 {team} 审核、尚未处理的拉取请求。"
    return f"{base}/pulls?q={quote('is:pr is:open', safe='')}", "列出全部待处理的拉取请求。"


def pr_link(repository: str, number: int | None) -> Markup | str:
    """A pull request's number, linked to the forge when the repository's address is known."""
    if number is None:
        return "—"
    url = pr_url(repository, number)
    return external_link(f"#{number}", url) if url else f"#{number}"


def _state(item: DeskItem) -> Markup:
    label = item.label
    if item.days_left is not None:
        label += "（今天截止）" if item.days_left == 0 else f"（还剩{item.days_left}天）"
    return status_cell(item.status.status, label)


def _project(view: View, status: ReportStatus) -> Markup:
    return link(view.corpus.projects[status.project].name, f"../projects/{status.project}.md")


def _current_lines(view: View, desk: CityDesk, repository: str) -> list:
    periods = "、".join(p.label for p in desk.periods)
    if not desk.current:
        return ["### 本期应报报告", "", "本市本期没有应报报告。", ""]
    rows = [
        [
            _project(view, item.status),
            _state(item),
            item.status.period.label,
            day_cell(item.status.due),
            day_cell(item.status.confirmed),
            pr_link(repository, item.status.pr),
        ]
        for item in desk.current
    ]
    headers = ["项目", "状态", "报告期", "截止日期", "确认日期", "拉取请求"]
    return [
        f"### 本期应报报告（{text(periods)}）",
        "",
        Markup('<div class="sc-cards" markdown>'),
        "",
        table(headers, rows),
        "",
        Markup("</div>"),
        "",
        status_legend((item.status.status for item in desk.current), DESK_LABELS),
        "",
    ]


def _late_lines(view: View, desk: CityDesk) -> list:
    lines = ["### 逾期和缺报的报告", ""]
    if not desk.late_or_missing:
        return [*lines, "本市没有逾期或缺报的报告。", ""]
    rows = []
    for s in desk.late_or_missing:
        late = f"{(s.confirmed - s.due).days}天" if s.confirmed else "—"
        rows.append(
            [
                _project(view, s),
                status_cell(s.status),
                s.period.label,
                day_cell(s.due),
                day_cell(s.confirmed),
                late,
            ]
        )
    headers = ["项目", "状态", "报告期", "截止日期", "确认日期", "确认时晚于截止日"]
    return [
        *lines,
        Markup('<div class="sc-desk-late sc-cards" markdown>'),
        "",
        table(headers, rows),
        "",
        Markup("</div>"),
        "",
        # Its own legend: after the programme's close the table above may be the only one.
        status_legend((s.status for s in desk.late_or_missing), DESK_LABELS),
        "",
    ]


def _corrected_lines(view: View, desk: CityDesk, repository: str) -> list:
    lines = ["### 已确认报告的更正", ""]
    if not desk.corrected:
        return [*lines, "本市已确认的报告没有更正记录。", ""]
    rows = [
        [
            _project(view, s),
            s.period.label,
            day_cell(s.confirmed),
            Markup("；").join(
                Markup(f"{day_cell(c['date'])} ")
                + (pr_link(repository, c["pr"]) if c["pr"] else c["commit"])
                for c in s.corrections
            ),
        ]
        for s in desk.corrected
    ]
    return [*lines, table(["项目", "报告期", "确认日期", "更正（日期、拉取请求）"], rows), ""]


def _review_lines(desk: CityDesk, bound: int) -> list:
    lines = ["### 审核用时", ""]
    if desk.review_times.empty:
        return [*lines, "暂无可计算的审核用时。", ""]
    rows = [
        [
            checked_period(r.period).label,
            int(r.measured),
            "—" if pd.isna(r.median_days) else f"{r.median_days:.1f}",
            "—" if pd.isna(r.longest_days) else f"{r.longest_days:.1f}",
            int(r.implausible),
        ]
        for r in sorted(desk.review_times.itertuples(), key=lambda r: checked_period(r.period))
    ]
    headers = ["报告期", "计入份数", "中位数（天）", "最长（天）", "存疑"]
    note = text(
        f"审核用时 = 确认时间 − 报送人声明的提交时间；为负或超过{bound}天的为存疑，不计入中位数和最长。"
    )
    return [
        *lines,
        table(headers, rows, ["---", "--:", "--:", "--:", "--:"]),
        "",
        f"<small>{note}</small>",
        "",
    ]


def desk_section(view: View, city: str, repository: str) -> Section:
    """The reviewer's desk of `city`: this period's reports, the late and missing ones,
    corrections of confirmed reports, review times, and the forge's open pull requests."""
    registry = view.corpus.registry
    policy = registry.policy
    supervision = view.supervision
    lines = [
        "## 审核工作台 {#desk}",
        "",
        text(f"仅授权用户可见。截至{day_label(supervision.as_of)}24时（{zone_name(policy)}）。"),
        "",
    ]
    url, note = open_pulls_url(repository, registry.cities[city].reviewer_team)
    if url:
        lines += [
            Markup(f"[本市待审核的拉取请求]({url}){{ .md-button }}\n\n<small>{text(note)}</small>"),
            "",
        ]
    else:
        lines += [text(note), ""]
    if not supervision.history.available:
        return Section(
            "\n".join(
                str(x)
                for x in [*lines, text(f"{supervision.history.reason}，无法判断报告状态。"), ""]
            )
        )
    desk = city_desk(view.corpus, supervision, city)
    lines += _current_lines(view, desk, repository)
    lines += _late_lines(view, desk)
    lines += _corrected_lines(view, desk, repository)
    lines += _review_lines(desk, policy.review_max_days)
    return Section("\n".join(str(x) for x in lines))


def desk_index_page(view: View) -> Page:
    """审核工作台 under 报送监管: each city's reports due this period, late and missing, and
    a link to the city's desk (its page), so a reviewer needs not know the desk is there."""
    supervision = view.supervision
    policy = view.corpus.registry.policy
    lines = [
        "# 审核工作台",
        "",
        text(
            f"截至{day_label(supervision.as_of)}24时（{zone_name(policy)}）各市待审核和待催报的报告。"
            "“本期应报”为最近一个已结束报告期的应报份数，其中“待报送”为尚未确认、仍在报送期内的；"
            "“逾期确认”和“缺报”为历来各期的份数。点击城市进入该市的审核工作台。"
        ),
        "",
    ]
    if not supervision.history.available:
        lines.append(text(f"{supervision.history.reason}，无法判断报告状态。"))
    else:
        rows = []
        for city in view.corpus.registry.cities.values():
            desk = city_desk(view.corpus, supervision, city.id)
            current = [item.status.status for item in desk.current]
            old = [s.status for s in desk.late_or_missing]
            rows.append(
                [
                    link(city.name, f"../cities/{city.id}.md#desk"),
                    "、".join(p.label for p in desk.periods) or "—",
                    len(current),
                    current.count("not_due"),
                    old.count("late"),
                    old.count("missing"),
                ]
            )
        headers = ["城市", "本期", "本期应报", "待报送", "逾期确认", "缺报"]
        lines += [
            Markup('<div class="sc-cards" markdown>'),
            "",
            table(headers, rows, ["---", "---", "--:", "--:", "--:", "--:"]),
            "",
            Markup("</div>"),
        ]
    return Page(
        "desk/index.md",
        "\n".join(str(x) for x in lines) + "\n",
        {"title": "审核工作台", "description": "各市应报、逾期和缺报的报告，及各市审核工作台。"},
        NavPlace(SUPERVISION, "审核工作台", 12),
    )
