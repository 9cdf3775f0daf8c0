"""催报清单: each city's (and SASAC's) reports to urge, as text a city can paste into a notice
or an e-mail, and as the internal site's page (`remind/index`).

The same words serve both: `group_notice` writes one owner's list for one period, plain or
Markdown (names escaped: they are submitters' text).
"""

from __future__ import annotations

from collections.abc import Callable

from site_builder.analyse.calendar import zone_name
from site_builder.analyse.reminders import (
    DUE_SOON,
    Reminder,
    ReminderGroup,
    Reminders,
    reminders,
)
from site_builder.analyse.view import REMINDERS_PAGE, View
from site_builder.load.periods import day_label
from site_builder.load.records import Policy
from site_builder.present.markdown import NavPlace, Page, Section, link
from site_builder.present.markup import text
from site_builder.site.nav import SUPERVISION


def _plain(value: object) -> str:
    return str(value)


def group_notice(group: ReminderGroup, policy: Policy, markdown: bool = False) -> list[str]:
    """One owner's notice for one period: the reports still to send, or that all are in."""
    esc: Callable[[object], str] = text if markdown else _plain
    bullet = "- " if markdown else "  "
    report = group.period.report_name
    team = f"（审核团队 {esc(group.team)}）" if group.team else ""
    due = day_label(group.due)
    heading = f"{esc(group.owner_name)}{team}：{report}，截止{due}（{zone_name(policy)}）"
    # A level-2 heading: the page under its 催报清单 title and an issue body skip no level.
    lines = [f"## {heading}" if markdown else heading, ""]
    if group.all_confirmed:
        return [*lines, f"本期{report}已全部确认，无需催报。", ""]
    soon = [i for i in group.items if i.state == DUE_SOON]
    late = [i for i in group.items if i.state != DUE_SOON]
    if soon:
        intro = (
            f"请以下项目于{day_label(group.due, year=False)}前报送{report}，并提交所在市审核确认："
        )
        named = [
            f"{bullet}{esc(i.project_name)}（{i.project}），{urgency(i)}{_who(i)}" for i in soon
        ]
        lines += _list_block(intro, named, markdown)
    if late:
        intro = f"以下项目的{report}已逾期未确认，请尽快报送："
        named = [
            f"{bullet}{esc(i.project_name)}（{i.project}），{urgency(i)}{_who(i)}" for i in late
        ]
        lines += _list_block(intro, named, markdown)
    return lines


def _list_block(intro: str, items: list[str], markdown: bool) -> list[str]:
    """A sentence, its list and a blank line; in Markdown a list starts after a blank line."""
    return [intro, *([""] if markdown else []), *items, ""]


def urgency(item: Reminder) -> str:
    """How near or how late: 还剩3天, 今天截止, 已逾期1天 (the notice's words, the table's too)."""
    if item.state == DUE_SOON:
        return "今天截止" if item.days_left == 0 else f"还剩{item.days_left}天"
    return f"已逾期{item.days_overdue}天"


def handles(item: Reminder) -> str:
    """The submitters to notify: @alpha-clerk、@beta-clerk."""
    return "、".join("@" + s for s in item.submitters)


def _who(item: Reminder) -> str:
    return f"；报送人 {handles(item)}" if item.submitters else ""


def nothing_to_urge(result: Reminders) -> str | None:
    """The one line that stands for the list when there is nothing to urge, and why."""
    if result.closed_on is not None:
        return f"培育期已于{day_label(result.closed_on)}结束，各期报告的报送期限均已过，不再催报。"
    if not result.trusted:
        return f"{result.reason}；无法判断哪些报告已确认，不生成催报清单。"
    if not result.groups:
        return f"截至 {result.as_of}，没有需要催报的报告。"
    return None


def notices(result: Reminders, policy: Policy, markdown: bool = False) -> list[str]:
    """Every group's notice, or one line saying why there is none."""
    nothing = nothing_to_urge(result)
    if nothing is not None:
        return [nothing]
    return [line for group in result.groups for line in group_notice(group, policy, markdown)]


def remind_page(view: View) -> Page:
    """The internal 催报清单: the same lists per city, as of the analysis's day."""
    policy = view.corpus.registry.policy
    days = "、".join(str(d) for d in policy.remind_days_before)
    lines = [
        "# 催报清单",
        "",
        text(
            f"截至{day_label(view.supervision.as_of)}24时（{zone_name(policy)}）：各市（省属企业另列省国资委）"
            f"截止前{days}天提醒尚未确认的报告，截止后每{policy.chase_every_days}天催报一次。"
            "已取消资格或培育期结束的项目不再催报。各段可直接复制到通知或邮件中。"
        ),
        "",
        *notices(reminders(view), policy, markdown=True),
    ]
    nav = NavPlace(SUPERVISION, "催报清单", 15)
    return Page("remind/index.md", "\n".join(str(x) for x in lines), {"title": "催报清单"}, nav)


def remind_link(view: View) -> Section:
    """The line the compliance page links the 催报清单 with, where the view has that page."""
    if not view.shows(REMINDERS_PAGE):
        return Section("")
    return Section(f"{link('催报清单', '../remind/index.md')}：各市即将到期和已逾期的报告。\n")
