"""The 催报 issue sync against an in-memory issue tracker: one open issue per city and period."""

from __future__ import annotations

import copy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from site_builder.review.remind_issues import (
    LABEL,
    Issue,
    UntrustedList,
    marker_of,
    plan,
    sync,
)

from conftest import invoke

BOT = "sctrack-bot"  # the account the fake tracker's token acts as


def bot_issue(number: int, title: str, body: str) -> Issue:
    return Issue(number, title, body, BOT)


class FakeIssues:
    """An issue tracker in memory; every changing call is recorded in `writes`."""

    def __init__(self, issues: list[Issue] = ()):
        self.open = {i.number: i for i in issues}
        self.labels = {i.number: LABEL for i in issues}
        self.comments: dict[int, list[str]] = {}
        self.closed: list[int] = []
        self.writes: list[tuple] = []
        self.next_number = max([0, *self.open]) + 1

    def me(self) -> str:
        return BOT

    def open_issues(self, label: str) -> list[Issue]:
        return [i for n, i in self.open.items() if self.labels.get(n) == label]

    def create(self, title: str, body: str, label: str) -> int:
        number = self.next_number
        self.next_number += 1
        self.open[number] = Issue(number, title, body, BOT)
        self.labels[number] = label
        self.writes.append(("create", number))
        return number

    def update(self, number: int, title: str, body: str) -> None:
        self.open[number] = Issue(number, title, body, self.open[number].author)
        self.writes.append(("update", number))

    def comment(self, number: int, body: str) -> None:
        self.comments.setdefault(number, []).append(body)
        self.writes.append(("comment", number))

    def close(self, number: int) -> None:
        del self.open[number]
        self.closed.append(number)
        self.writes.append(("close", number))


def item(**changes) -> dict:
    base = {
        "project": "TY-001",
        "project_name": "太原重型机械供应链",
        "period": "2021-Q3",
        "due": "2021-10-15",
        "state": "due_soon",
        "days_left": 3,
        "days_overdue": None,
        "remind_today": True,
        "submitters": ["zhang-san", "lisi"],
    }
    return {**base, **changes}


def group(items: list[dict], **changes) -> dict:
    base = {
        "owner": "taiyuan",
        "owner_name": "太原市",
        "team": "@sx-commerce/taiyuan",
        "period": "2021-Q3",
        "due": "2021-10-15",
        "all_confirmed": not items,
        "items": items,
    }
    return {**base, **changes}


def remind(*groups: dict, as_of: str = "2021-10-12", trusted: bool = True) -> dict:
    data = {
        "as_of": as_of,
        "timezone": "Asia/Shanghai",
        "trusted": trusted,
        "reason": "" if trusted else "数据仓库是浅克隆，读不到确认记录。",
        "groups": list(groups),
    }
    return json.loads(json.dumps(data))  # what the CLI reads: plain JSON


def only_issue(api: FakeIssues) -> Issue:
    (issue,) = api.open.values()
    return issue


def test_creates_one_issue_with_the_list_the_team_and_the_submitters():
    api = FakeIssues()
    sync(api, remind(group([item(), item(project="TY-002", project_name="晋阳物流", days_left=3)])))
    issue = only_issue(api)
    assert issue.title == "【催报】太原市 2021年第三季度进展报告（截止2021年10月15日）"
    assert marker_of(issue.body) == ("taiyuan", "2021-Q3")
    assert "@sx-commerce/taiyuan" in issue.body
    assert "@zhang-san @lisi" in issue.body
    assert "太原重型机械供应链（TY-001）：截止2021年10月15日，还剩3天" in issue.body
    assert "晋阳物流（TY-002）" in issue.body
    assert api.labels[issue.number] == LABEL
    # A new issue notifies everyone it mentions: no extra comment.
    assert api.writes == [("create", issue.number)]


def test_a_second_run_with_the_same_list_changes_nothing():
    data = remind(
        group([item()]), group([item(project="DT-001")], owner="datong", owner_name="大同市")
    )
    api = FakeIssues()
    sync(api, data)
    assert len(api.open) == 2
    api.writes.clear()
    assert sync(api, copy.deepcopy(data)) == []
    assert api.writes == []


def test_update_on_a_reminder_day_comments_and_on_other_days_only_edits():
    api = FakeIssues()
    sync(api, remind(group([item(days_left=7)]), as_of="2021-10-08"))
    number = only_issue(api).number
    api.writes.clear()

    quiet_day = remind(group([item(days_left=5, remind_today=False)]), as_of="2021-10-10")
    sync(api, quiet_day)
    assert api.writes == [("update", number)]
    assert "还剩5天" in only_issue(api).body

    api.writes.clear()
    reminder_day = remind(group([item(days_left=3)]), as_of="2021-10-12")
    sync(api, reminder_day)
    assert api.writes == [("update", number), ("comment", number)]
    (comment,) = api.comments[number]
    assert "@zhang-san" in comment and "@sx-commerce/taiyuan" in comment

    # The same day again: nothing, and in particular no second notification.
    api.writes.clear()
    sync(api, reminder_day)
    assert api.writes == []


def test_overdue_items_say_how_late_they_are():
    api = FakeIssues()
    late = item(state="overdue", days_left=None, days_overdue=5, remind_today=False)
    sync(api, remind(group([late, item(project="TY-002", days_left=0)]), as_of="2021-10-20"))
    body = only_issue(api).body
    assert "已逾期5天" in body
    assert "今天截止" in body


def test_all_confirmed_closes_the_issue_with_a_comment_and_then_does_nothing():
    api = FakeIssues()
    sync(api, remind(group([item()])))
    number = only_issue(api).number
    api.writes.clear()
    done = remind(group([]), as_of="2021-10-14")
    sync(api, done)
    assert api.writes == [("comment", number), ("close", number)]
    assert "全部确认" in api.comments[number][0]
    assert api.open == {}
    api.writes.clear()
    sync(api, done)
    assert api.writes == []


def test_an_issue_whose_city_and_period_left_the_list_is_closed():
    """A cancelled project's group disappears: its issue must not stay open forever."""
    api = FakeIssues()
    sync(api, remind(group([item()])))
    number = only_issue(api).number
    sync(api, remind())
    assert api.closed == [number]


def test_nothing_to_do_without_groups_or_issues():
    api = FakeIssues()
    assert sync(api, remind()) == []
    assert sync(api, remind(group([]))) == []
    assert api.writes == []


def test_issues_without_the_marker_or_of_another_city_or_period_are_left_alone():
    foreign = [
        bot_issue(1, "【催报】太原市 2021年第三季度 季报", "手工写的催报，没有标记。"),
        bot_issue(2, "大同", "<!-- sctrack-remind owner=datong period=2021-Q3 -->\n"),
        bot_issue(3, "上期", "<!-- sctrack-remind owner=taiyuan period=2021-Q2 -->\n"),
        bot_issue(4, "引用", "`<!-- sctrack-remind owner=taiyuan period=2021-Q3 -->`"),
    ]
    assert marker_of(foreign[0].body) is None
    assert marker_of(foreign[1].body) == ("datong", "2021-Q3")
    assert marker_of(foreign[3].body) is None  # the marker must be a line of its own
    data = remind(
        group([item()]),
        group([item(project="DT-001")], owner="datong", owner_name="大同市"),
        group([item(period="2021-Q2")], period="2021-Q2", due="2021-07-15"),
    )
    actions = plan(data, foreign, BOT)
    kinds = {(a.kind, a.owner, a.period, a.number) for a in actions}
    assert kinds == {
        ("create", "taiyuan", "2021-Q3", None),
        ("update", "datong", "2021-Q3", 2),
        ("update", "taiyuan", "2021-Q2", 3),
    }


def test_duplicate_issues_of_one_city_and_period_are_closed_down_to_the_oldest():
    marker = "<!-- sctrack-remind owner=taiyuan period=2021-Q3 -->\n"
    api = FakeIssues([bot_issue(5, "a", marker), bot_issue(9, "b", marker)])
    sync(api, remind(group([item()])))
    assert api.closed == [9]
    assert list(api.open) == [5]
    assert "#5" in api.comments[9][0]


def test_a_marker_in_an_issue_someone_else_opened_is_ignored_and_named():
    """A user with Write labels an issue and copies the marker into it (with a phishing link):
    the bot neither adopts it, nor closes its own issue as a duplicate of it."""
    marker = "<!-- sctrack-remind owner=taiyuan period=2021-Q3 -->\n"
    phishing = Issue(3, "【催报】太原市", marker + "[请在此登录](https://evil.example)", "mallory")
    api = FakeIssues([phishing, bot_issue(7, "【催报】太原市", marker)])
    actions = sync(api, remind(group([item()])))
    assert [(a.kind, a.number) for a in actions] == [("ignore", 3), ("update", 7)]
    assert "mallory" in actions[0].describe() and "忽略 #3" in actions[0].describe()
    assert api.closed == [] and 3 not in api.comments
    assert all(number != 3 for _, number in api.writes)
    assert api.open[3] == phishing and "evil" not in api.open[7].body
    # Alone, the foreign issue does not stop the bot from opening its own.
    api = FakeIssues([phishing])
    sync(api, remind(group([item()])))
    assert api.open[3] == phishing and len(api.open) == 2
    assert api.writes == [("create", 4)]


def test_untrusted_list_changes_nothing_and_says_why():
    api = FakeIssues()
    sync(api, remind(group([item()])))
    api.writes.clear()
    with pytest.raises(UntrustedList, match="浅克隆"):
        sync(api, remind(group([]), trusted=False))
    assert api.writes == []


def test_hostile_submitted_text_cannot_mention_link_or_hide_text():
    hostile = item(
        project="TY-001",
        project_name="好项目 @everyone <!-- x --> [点我](https://evil.example)\n- 第二行 #1",
        submitters=["ok-user", "bad user", "@sx-commerce/province", "x<script>"],
    )
    data = remind(group([hostile], team="@org/team <b>"))
    api = FakeIssues()
    sync(api, data)
    body = only_issue(api).body
    project_lines = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(project_lines) == 1  # one line per item, whatever the name holds
    line = project_lines[0]
    assert "@everyone" not in line and "<!--" not in line and "](" not in line
    assert "https://" not in line and "<script>" not in line
    assert "@ok-user" in line
    assert "@sx-commerce/province" not in body and "@bad user" not in body
    assert "<b>" not in body
    # The only HTML comment in the body is the marker, and it still names this city.
    assert body.count("<!--") == 1
    assert marker_of(body) == ("taiyuan", "2021-Q3")


def test_annual_period_title():
    data = remind(group([item(period="2021")], period="2021", due="2022-01-31"))
    (action,) = plan(data, [], BOT)
    assert action.title == "【催报】太原市 2021年度工作总结（截止2022年1月31日）"


def test_a_group_with_an_owner_a_marker_cannot_carry_is_skipped():
    data = remind(group([item()], owner="tai yuan -->"), group([item()], period="Q3"))
    assert plan(data, [], BOT) == []


# --- the GitHub client and `sctrack remind-sync`, against a local stand-in for GitHub ------

TOKEN = "ghs_secret-token-never-printed"


class FakeGitHub(BaseHTTPRequestHandler):
    """GitHub's issues endpoints over HTTP, backed by a `FakeIssues`; records each request."""

    tracker: FakeIssues
    requests: list[tuple[str, str, str]]
    fail_with: int | None = None
    user_status: int = 200  # what GET /user answers: 403 for a workflow's GITHUB_TOKEN

    def log_message(self, *args) -> None:  # keep pytest's output clean
        pass

    def _answer(self, status: int, payload) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        url = urlsplit(self.path)
        self.requests.append((self.command, url.path, self.headers.get("Authorization", "")))
        if self.fail_with:
            return self._answer(self.fail_with, {"message": "Bad credentials"})
        if url.path == "/user":
            return self._answer(self.user_status, {"login": BOT})
        prefix = "/repos/sx/data/issues"
        tail = url.path.removeprefix(prefix).strip("/")
        if self.command == "GET" and not tail:
            query = parse_qs(url.query)
            label = query["labels"][0]
            page = [
                {"number": i.number, "title": i.title, "body": i.body, "user": {"login": i.author}}
                for i in self.tracker.open_issues(label)
            ]
            page.append({"number": 999, "title": "pr", "body": "", "pull_request": {}})
            return self._answer(200, page)
        if self.command == "POST" and not tail:
            return self._answer(
                201, {"number": self.tracker.create(body["title"], body["body"], body["labels"][0])}
            )
        number, _, rest = tail.partition("/")
        if self.command == "POST" and rest == "comments":
            self.tracker.comment(int(number), body["body"])
        elif body.get("state") == "closed":
            self.tracker.close(int(number))
        else:
            self.tracker.update(int(number), body["title"], body["body"])
        return self._answer(200, {})

    do_GET = do_POST = do_PATCH = _handle


@pytest.fixture
def github(monkeypatch):
    tracker = FakeIssues()
    handler = type("Handler", (FakeGitHub,), {"tracker": tracker, "requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    yield handler
    server.shutdown()
    server.server_close()


def test_remind_sync_command_creates_then_leaves_the_issue_alone(github, tmp_path):
    path = tmp_path / "remind.json"
    path.write_text(json.dumps(remind(group([item()])), ensure_ascii=False), encoding="utf-8")
    first = invoke("remind-sync", "--input", str(path), "--repo", "sx/data")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "已新建 taiyuan 2021-Q3" in first.stdout
    assert only_issue(github.tracker).title.startswith("【催报】太原市")
    assert all(auth == f"Bearer {TOKEN}" for _, _, auth in github.requests)

    github.requests.clear()
    again = invoke("remind-sync", "--input", str(path), "--repo", "sx/data")
    assert again.returncode == 0
    assert "没有需要改动" in again.stdout
    assert {method for method, _, _ in github.requests} == {"GET"}  # read only
    assert TOKEN not in first.stdout + first.stderr + again.stdout + again.stderr


def test_remind_sync_in_actions_trusts_the_actions_bot_and_logs_the_others(
    github, tmp_path, monkeypatch
):
    github.user_status = 403  # GET /user with a workflow's GITHUB_TOKEN
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    marker = "<!-- sctrack-remind owner=taiyuan period=2021-Q3 -->\n"
    github.tracker.open[1] = Issue(1, "x", marker, "mallory")
    github.tracker.labels[1] = LABEL
    github.tracker.open[2] = Issue(2, "y", marker, "github-actions[bot]")
    github.tracker.labels[2] = LABEL
    path = tmp_path / "remind.json"
    path.write_text(json.dumps(remind(group([item()]))), encoding="utf-8")
    result = invoke("remind-sync", "--input", str(path), "--repo", "sx/data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已忽略 #1 taiyuan 2021-Q3：它由 mallory 创建" in result.stdout
    assert "已更新 #2 taiyuan 2021-Q3" in result.stdout
    assert github.tracker.open[1].body == marker
    # Outside Actions a refused GET /user is an error, not a guess.
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert invoke("remind-sync", "--input", str(path), "--repo", "sx/data").returncode == 1


def test_remind_sync_dry_run_and_untrusted_list_change_nothing(github, tmp_path):
    path = tmp_path / "remind.json"
    path.write_text(json.dumps(remind(group([item()]))), encoding="utf-8")
    dry = invoke("remind-sync", "--input", str(path), "--repo", "sx/data", "--dry-run")
    assert dry.returncode == 0 and "将要新建 taiyuan 2021-Q3" in dry.stdout
    path.write_text(json.dumps(remind(group([item()]), trusted=False)), encoding="utf-8")
    untrusted = invoke("remind-sync", "--input", str(path), "--repo", "sx/data")
    assert untrusted.returncode == 0 and "浅克隆" in untrusted.stdout
    assert {method for method, _, _ in github.requests} == {"GET"}
    assert github.tracker.open == {}


def test_remind_sync_reports_a_refused_token_without_showing_it(github, tmp_path):
    github.fail_with = 401
    path = tmp_path / "remind.json"
    path.write_text(json.dumps(remind(group([item()]))), encoding="utf-8")
    result = invoke("remind-sync", "--input", str(path), "--repo", "sx/data")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "HTTP 401" in output and "GITHUB_TOKEN" in output
    assert TOKEN not in output


def test_remind_sync_needs_a_token_and_a_well_formed_repo(github, tmp_path, monkeypatch):
    path = tmp_path / "remind.json"
    path.write_text(json.dumps(remind()), encoding="utf-8")
    monkeypatch.delenv("GITHUB_TOKEN")
    assert invoke("remind-sync", "--input", str(path), "--repo", "sx/data").returncode == 2
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    bad = invoke("remind-sync", "--input", str(path), "--repo", "../../etc")
    assert bad.returncode == 2
    path.write_text("not json", encoding="utf-8")
    assert invoke("remind-sync", "--input", str(path), "--repo", "sx/data").returncode == 1
