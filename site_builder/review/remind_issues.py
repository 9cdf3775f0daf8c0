"""One open 催报 issue per city per reporting period, kept in step with `sctrack remind --format json`.

`plan` compares the reminder list with the open issues that carry the label and decides
what to change; `sync` applies it through an `IssuesApi` (GitHub's REST API in the
workflow, an in-memory fake in the tests). An issue belongs to a city and period by the
hidden marker in its body, never by its title, so a renamed issue is still found.
Only issues the bot's own account opened are adopted: anyone with Write can label an
issue and copy a marker into it, and such an issue is named in the plan ("ignore") and
never updated, closed or allowed to make the bot close its own.
Running twice with the same list changes nothing: an issue is written only when its
title or body differs, and the comment that notifies people is posted only with such a
change on a reminder day (an item with `remind_today`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from site_builder.load.periods import day_label, parse_period
from site_builder.load.text import normalise_space
from site_builder.review.diff import inline_markdown
from site_builder.spec.schema import parse_date
from site_builder.spec.schema_nodes import PERIOD_TEXT

LABEL = "催报"
_MARKER = "<!-- sctrack-remind owner={owner} period={period} -->"
_MARKER_FOUND = re.compile(
    rf"^<!-- sctrack-remind owner=([a-z0-9][a-z0-9_-]*) period=({PERIOD_TEXT}) -->$", re.M
)
_OWNER = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
# GitHub's rules for a login and a team: anything else is shown as text, never as a mention.
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\Z")
_TEAM = re.compile(r"@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*\Z")

CLOSED_CONFIRMED = "本期报告已全部确认，自动关闭。"
CLOSED_NOTHING_LEFT = "本期已没有需要催报的报告（报告已确认，或项目已取消、结束），自动关闭。"
CLOSED_DUPLICATE = "与 #{keep} 重复（同一城市、同一报告期只保留一个催报 issue），自动关闭。"


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    author: str = ""  # the login that opened the issue


class IssuesApi(Protocol):
    """The few calls the sync needs from an issue tracker."""

    def me(self) -> str: ...

    def open_issues(self, label: str) -> list[Issue]: ...

    def create(self, title: str, body: str, label: str) -> int: ...

    def update(self, number: int, title: str, body: str) -> None: ...

    def comment(self, number: int, body: str) -> None: ...

    def close(self, number: int) -> None: ...


@dataclass(frozen=True)
class Action:
    """One change to make: create, update (with an optional notifying comment) or close;
    or an issue to ignore (a marker in an issue someone else opened), named in the log."""

    kind: str  # "create", "update", "close" or "ignore"
    owner: str
    period: str
    number: int | None = None
    title: str = ""
    body: str = ""
    comment: str = ""  # posted after the change; empty for none

    def describe(self) -> str:
        where = f"#{self.number} " if self.number is not None else ""
        if self.kind == "ignore":
            return (
                f"忽略 {where}{self.owner} {self.period}：它由 {self.comment} 创建，"
                "不是本工具的账号，带有催报标记也不予理会"
            )
        verb = {"create": "新建", "update": "更新", "close": "关闭"}[self.kind]
        note = "，并发提醒评论" if self.kind == "update" and self.comment else ""
        return f"{verb} {where}{self.owner} {self.period}{note}"


class UntrustedList(Exception):
    """The reminder list says the history cannot be trusted: nothing may change."""


def marker_of(body: str) -> tuple[str, str] | None:
    """(owner, period) from an issue body's marker line; None for an issue that has none."""
    match = _MARKER_FOUND.search(body or "")
    return (match.group(1), match.group(2)) if match else None


def plan(remind: dict[str, Any], issues: Iterable[Issue], me: str) -> list[Action]:
    """The changes that bring the open issues in line with the reminder list, in a fixed order.

    `me` is the bot's own login: an issue opened by anyone else is only named ("ignore").
    """
    if not remind.get("trusted", False):
        raise UntrustedList(normalise_space(remind.get("reason")) or "确认记录不可信。")
    found, actions = _adopted(issues, me)
    for key, duplicates in found.items():
        keep = duplicates[0].number
        for extra in duplicates[1:]:
            comment = CLOSED_DUPLICATE.format(keep=keep)
            actions.append(Action("close", *key, number=extra.number, comment=comment))
    listed: set[tuple[str, str]] = set()
    for group in remind.get("groups") or []:
        owner, period = str(group.get("owner", "")), str(group.get("period", ""))
        if not _OWNER.match(owner) or parse_period(period) is None:
            continue  # not a key a marker could carry; `sctrack remind` never writes one
        listed.add((owner, period))
        current = found.get((owner, period), [None])[0]
        actions.extend(_group_action(remind, group, (owner, period), current))
    for key, duplicates in found.items():
        if key not in listed:
            number = duplicates[0].number
            actions.append(Action("close", *key, number=number, comment=CLOSED_NOTHING_LEFT))
    return actions


def _adopted(
    issues: Iterable[Issue], me: str
) -> tuple[dict[tuple[str, str], list[Issue]], list[Action]]:
    """The bot's own marked issues by (owner, period), oldest first; and an "ignore" for each
    marked issue someone else opened."""
    found: dict[tuple[str, str], list[Issue]] = {}
    ignored: list[Action] = []
    for issue in sorted(issues, key=lambda i: i.number):
        key = marker_of(issue.body)
        if key is None:
            continue
        if issue.author.casefold() != me.casefold() or not me:
            who = inline_markdown(issue.author) or "（未知账号）"
            ignored.append(Action("ignore", *key, number=issue.number, comment=who))
            continue
        found.setdefault(key, []).append(issue)
    return found, ignored


def _group_action(
    remind: dict[str, Any], group: dict[str, Any], key: tuple[str, str], current: Issue | None
) -> list[Action]:
    """What one city's period needs: its issue opened, brought up to date, or closed once
    nothing is left to remind of."""
    items = [] if group.get("all_confirmed") else list(group.get("items") or [])
    if not items:
        if current is None:
            return []
        return [Action("close", *key, number=current.number, comment=CLOSED_CONFIRMED)]
    title, body = issue_title(group), issue_body(remind, group, items)
    if current is None:
        return [Action("create", *key, title=title, body=body)]
    if (current.title, current.body) == (title, body):
        return []
    comment = reminder_comment(group, items)
    return [Action("update", *key, number=current.number, title=title, body=body, comment=comment)]


def sync(api: IssuesApi, remind: dict[str, Any], dry_run: bool = False) -> list[Action]:
    """Apply `plan` through the API (unless `dry_run`); the actions, as planned."""
    actions = plan(remind, api.open_issues(LABEL), api.me())
    if dry_run:
        return actions
    for action in actions:
        if action.kind == "ignore":
            continue
        if action.kind == "create":
            api.create(action.title, action.body, LABEL)
            continue
        assert action.number is not None
        if action.kind == "update":
            api.update(action.number, action.title, action.body)
            if action.comment:
                api.comment(action.number, action.comment)
        else:
            api.comment(action.number, action.comment)
            api.close(action.number)
    return actions


# --- the text of an issue ----------------------------------------------------------------


def issue_title(group: dict[str, Any]) -> str:
    period = parse_period(str(group["period"]))
    assert period is not None
    name = normalise_space(group.get("owner_name")) or str(group["owner"])
    return f"【催报】{name} {period.report_name}（截止{_day(group.get('due'))}）"


def issue_body(remind: dict[str, Any], group: dict[str, Any], items: list[dict[str, Any]]) -> str:
    marker = _MARKER.format(owner=group["owner"], period=group["period"])
    lines = [
        marker,
        f"截至{_day(remind.get('as_of'))}（北京时间），以下报告尚未确认：",
        "",
        *(f"- {_item_line(item)}" for item in items),
        "",
        f"请报送人尽快提交拉取请求，请审核团队 {_mention_team(group.get('team'))} 及时审核。",
        "报告合并（确认）后本 issue 自动更新；本期报告全部确认后自动关闭。",
        "",
        "本 issue 由 `sctrack remind-sync` 每天自动维护，请不要手工编辑正文。",
    ]
    return "\n".join(lines) + "\n"


def reminder_comment(group: dict[str, Any], items: list[dict[str, Any]]) -> str:
    """The notifying comment of a reminder day; empty when no item is due a reminder today."""
    today = [item for item in items if item.get("remind_today")]
    if not today:
        return ""
    lines = ["催报提醒：", "", *(f"- {_item_line(item)}" for item in today), ""]
    lines.append(f"审核团队：{_mention_team(group.get('team'))}")
    return "\n".join(lines) + "\n"


def _item_line(item: dict[str, Any]) -> str:
    name = inline_markdown(item.get("project_name")) or "（未填项目名称）"
    code = inline_markdown(item.get("project"))
    if item.get("state") == "overdue":
        when = f"已逾期{_count(item.get('days_overdue'))}天"
    elif item.get("days_left") == 0:
        when = "今天截止"
    else:
        when = f"还剩{_count(item.get('days_left'))}天"
    people = " ".join(_mention(login) for login in item.get("submitters") or [])
    who = f"；报送人 {people}" if people else ""
    return f"{name}（{code}）：截止{_day(item.get('due'))}，{when}{who}"


def _mention(login: object) -> str:
    text = str(login)
    return f"@{text}" if _LOGIN.match(text) else inline_markdown(text)


def _mention_team(team: object) -> str:
    text = str(team or "")
    return text if _TEAM.match(text) else inline_markdown(text) or "（未登记）"


def _count(value: object) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else "?"


def _day(value: object) -> str:
    # The day comes from `sctrack remind --format json` (ISO); written as every page writes it.
    day = parse_date(str(value or ""))
    return day_label(day) if day else "?"
