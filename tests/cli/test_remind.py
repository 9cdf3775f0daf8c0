"""`sctrack remind` on real git histories around a deadline (issue 19).

Expectations from the rules: 2021-Q3 reports are due on 2021-10-15 (Beijing time, no grace);
an unconfirmed expected report is due_soon while at most max(days_before) days are left
(0 on the due date), overdue from the day after (1, then a reminder every chase_every_days);
a confirmed report drops out and a period with all confirmed shows all_confirmed; a
cancelled project gets nothing; an untrusted history lists nothing, says why and exits 1.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from site_builder.present.textable import width

from conftest import FIXTURES, invoke
from gitrepo import Repo

pytestmark = pytest.mark.slow

ALPHA = "submissions/projects/alpha-region"
BETA = "submissions/projects/beta-firm"
ADJUSTMENTS = "submissions/registry/adjustments.yaml"


def _repo(tmp_path: Path, soe: bool = False) -> tuple[Repo, str]:
    """The base fixture registered on 2021-07-01, so that 2021-Q3 is the first report owed;
    beta-firm not cancelled (and a provincial SOE when `soe`). Returns alpha's 2021-Q3 text."""
    root = shutil.copytree(FIXTURES / "base", tmp_path / "repo")
    (root / ADJUSTMENTS).write_text("decisions: []\nflags: []\n", encoding="utf-8")
    if soe:
        project = root / BETA / "project.yaml"
        project.write_text(
            project.read_text(encoding="utf-8").replace(
                "provincial_soe: false", "provincial_soe: true"
            ),
            encoding="utf-8",
        )
    q3 = (root / ALPHA / "2021-Q2.yaml").read_text(encoding="utf-8")
    # Registered with no report: reports all older than their registration would say the
    # history was rewritten (issue 25), and the reminders would have no history to go by.
    for report in [*root.glob(f"{ALPHA}/20*.yaml"), *root.glob(f"{BETA}/20*.yaml")]:
        report.unlink()
    repo = Repo(root)
    repo.commit("登记项目", "2021-07-01")
    return repo, q3.replace("period: 2021-Q2", "period: 2021-Q3")


def _remind(root: Path, as_of: str | None, *args: str, code: int = 0) -> dict:
    day = ("--as-of", as_of) if as_of else ()
    result = invoke("remind", "--root", str(root), *day, "--format", "json", *args)
    assert result.returncode == code, result.stdout + result.stderr
    return json.loads(result.stdout)


def _items(data: dict) -> dict[tuple[str, str, str], dict]:
    return {(g["owner"], i["project"], i["period"]): i for g in data["groups"] for i in g["items"]}


def test_before_on_and_after_the_deadline(tmp_path):
    repo, _ = _repo(tmp_path)
    before = _remind(repo.root, "2021-10-12")
    assert before["as_of"] == "2021-10-12" and before["timezone"] == "Asia/Shanghai"
    assert before["trusted"] is True and before["reason"] == ""
    items = _items(before)
    assert set(items) == {
        ("taiyuan", "alpha-region", "2021-Q3"),
        ("datong", "beta-firm", "2021-Q3"),
    }
    alpha = items[("taiyuan", "alpha-region", "2021-Q3")]
    assert alpha == {
        "project": "alpha-region",
        "project_name": "测试区域项目",
        "period": "2021-Q3",
        "due": "2021-10-15",
        "state": "due_soon",
        "days_left": 3,
        "days_overdue": None,
        "remind_today": True,
        "submitters": ["alpha-clerk"],
    }
    group = next(g for g in before["groups"] if g["owner"] == "taiyuan")
    assert {k: group[k] for k in ("owner_name", "team", "period", "due", "all_confirmed")} == {
        "owner_name": "太原市",
        "team": "@test-org/taiyuan",
        "period": "2021-Q3",
        "due": "2021-10-15",
        "all_confirmed": False,
    }
    # Nine days ahead is outside the 7-day window; 5 days ahead is in it, not a reminder day.
    assert _remind(repo.root, "2021-10-06")["groups"] == []
    five = _items(_remind(repo.root, "2021-10-10"))[("taiyuan", "alpha-region", "2021-Q3")]
    assert (five["days_left"], five["remind_today"]) == (5, False)
    on_day = _items(_remind(repo.root, "2021-10-15"))[("taiyuan", "alpha-region", "2021-Q3")]
    assert (on_day["state"], on_day["days_left"], on_day["remind_today"]) == ("due_soon", 0, False)
    with_zero = _remind(repo.root, "2021-10-15", "--days-before", "3,0")
    assert _items(with_zero)[("taiyuan", "alpha-region", "2021-Q3")]["remind_today"] is True
    for day, overdue, today in (("2021-10-16", 1, True), ("2021-10-20", 5, False)):
        after = _items(_remind(repo.root, day))[("taiyuan", "alpha-region", "2021-Q3")]
        assert (after["state"], after["days_left"], after["days_overdue"]) == (
            "overdue",
            None,
            overdue,
        )
        assert after["remind_today"] is today
    # The day after plus chase_every_days (7): chased again.
    assert _items(_remind(repo.root, "2021-10-23"))[("taiyuan", "alpha-region", "2021-Q3")][
        "remind_today"
    ]


def test_a_report_confirmed_in_between_drops_out_and_its_period_is_all_confirmed(tmp_path):
    repo, q3 = _repo(tmp_path)
    repo.merge_pr(7, {f"{ALPHA}/2021-Q3.yaml": q3}, "2021-10-12", "2021-10-13")
    before = _items(_remind(repo.root, "2021-10-12"))
    assert ("taiyuan", "alpha-region", "2021-Q3") in before
    after = _remind(repo.root, "2021-10-14")
    assert ("taiyuan", "alpha-region", "2021-Q3") not in _items(after)
    groups = {(g["owner"], g["period"]): g for g in after["groups"]}
    assert groups[("taiyuan", "2021-Q3")]["all_confirmed"] is True
    assert groups[("taiyuan", "2021-Q3")]["items"] == []
    assert groups[("datong", "2021-Q3")]["all_confirmed"] is False  # beta-firm still owes it
    # Long after, the closed period is no longer listed.
    assert ("taiyuan", "2021-Q3") not in {
        (g["owner"], g["period"]) for g in _remind(repo.root, "2022-03-01")["groups"]
    }


def test_a_provincial_soe_is_listed_under_its_city_and_sasac(tmp_path):
    repo, _ = _repo(tmp_path, soe=True)
    data = _remind(repo.root, "2021-10-12")
    assert ("sasac", "beta-firm", "2021-Q3") in _items(data)
    assert ("datong", "beta-firm", "2021-Q3") in _items(data)
    sasac = next(g for g in data["groups"] if g["owner"] == "sasac")
    assert (sasac["owner_name"], sasac["team"]) == ("省国资委", "@test-org/sasac")


def test_a_cancelled_project_gets_no_reminder(tmp_path):
    repo, _ = _repo(tmp_path)
    repo.write(
        ADJUSTMENTS,
        "decisions:\n  - project: beta-firm\n    date: 2021-08-20\n    decision: cancel\n"
        "    document_no: 测试〔2021〕1号\n    reason: 测试用的取消决定。\nflags: []\n",
    )
    repo.commit("取消 beta-firm", "2021-08-20")
    for day in ("2021-10-12", "2021-10-20"):
        assert {p for (_, p, _) in _items(_remind(repo.root, day))} == {"alpha-region"}


def test_an_untrusted_history_lists_nothing_says_why_and_exits_1(tmp_path):
    repo, _ = _repo(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    # Today (the suite's fixed day): a shallow clone cannot rebuild a past day at all.
    data = _remind(clone, None, code=1)
    assert data["trusted"] is False and "浅克隆" in data["reason"] and data["groups"] == []
    assert _remind(clone, None, "--allow-unknown")["groups"] == []
    text = invoke("remind", "--root", str(clone), "--allow-unknown")
    assert text.returncode == 0 and "浅克隆" in text.stdout


LONG_NAME = "测试区域供应链协同创新与数字化转型示范项目"  # 21 characters: wraps in its column


def _columns(table: list[str]) -> list[list[str]]:
    """Each line's cells, cut where the header's names start counted in display columns (a
    Chinese character two): a row whose cells start elsewhere comes out torn."""
    header = table[0]
    starts = [width(header[: m.start()]) for m in re.finditer(r"\S+", header)]
    rows = []
    for line in table:
        slots = "".join(c + ("\0" if width(c) == 2 else "") for c in line)
        bounds = [*starts, len(slots)]
        cells = [slots[a:b].replace("\0", "").strip() for a, b in pairwise(bounds)]
        # A cell starts right after two spaces (or at the line's start), never mid-word.
        assert all(slots[a - 2 : a] in ("  ", "") for a in starts[1:] if a < len(slots)), line
        rows.append(cells)
    return rows


def test_text_is_a_table_with_names_and_the_codes_behind_ids(tmp_path):
    repo, _ = _repo(tmp_path)
    project = repo.root / ALPHA / "project.yaml"
    yaml_text = project.read_text(encoding="utf-8")
    yaml_text = yaml_text.replace("name: 测试区域项目", f"name: {LONG_NAME}")
    yaml_text = yaml_text.replace(
        "submitters: [alpha-clerk]", "submitters: [alpha-clerk, alpha-deputy]"
    )
    repo.write(f"{ALPHA}/project.yaml", yaml_text)
    repo.commit("项目全称", "2021-07-02")
    result = invoke("remind", "--root", str(repo.root), "--as-of", "2021-10-16")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "截至2021年10月16日24时（北京时间）的催报清单："
    assert set(lines[2]) == {"-", " "}
    rows = _columns([lines[1], *lines[3:]])
    assert rows[0] == ["市", "报告期", "项目", "截止日期", "情况", "报送人", "审核团队"]
    taiyuan = rows.index(["太原市", "2021年第三季度", LONG_NAME[:12], "2021年10月15日",
                          "已逾期1天", "@alpha-clerk、", "@test-org/taiyuan"])  # fmt: skip
    # The name and the second submitter go on in their own columns on the next line.
    assert rows[taiyuan + 1] == ["", "", LONG_NAME[12:], "", "", "@alpha-deputy", ""]
    assert ["大同市", "2021年第三季度", "测试企业项目"] in [row[:3] for row in rows]
    assert "alpha-region" not in result.stdout and "2021-Q3" not in result.stdout

    coded = invoke("remind", "--root", str(repo.root), "--as-of", "2021-10-16", "--ids")
    rows = _columns(coded.stdout.splitlines()[1:2] + coded.stdout.splitlines()[3:])
    assert ["taiyuan", "2021-Q3", "alpha-region", "2021年10月15日", "已逾期1天"] in [
        row[:5] for row in rows
    ]
    assert LONG_NAME[:6] not in coded.stdout and "太原市" not in coded.stdout


def test_markdown_is_a_notice_a_city_can_paste(tmp_path):
    repo, _ = _repo(tmp_path)
    soon = invoke(
        "remind", "--root", str(repo.root), "--as-of", "2021-10-12", "--format", "markdown"
    )
    assert "## 太原市（审核团队 @test-org/taiyuan）：2021年第三季度进展报告" in soon.stdout
    assert "请以下项目于10月15日前报送" in soon.stdout
    assert "- 测试区域项目（alpha-region），还剩3天；报送人 @alpha-clerk" in soon.stdout
    late = invoke(
        "remind", "--root", str(repo.root), "--as-of", "2021-10-16", "--format", "markdown"
    )
    assert "- 测试区域项目（alpha-region），已逾期1天；报送人 @alpha-clerk" in late.stdout


def test_a_project_cancelled_after_a_deadline_is_not_chased_for_the_overdue_report(tmp_path):
    """Issue 25: beta-firm's 2021-Q3 report, due 2021-10-15, is overdue; the province
    cancels beta-firm on 2021-10-25. Chased until then, never from that day on."""
    repo, _ = _repo(tmp_path)
    assert ("datong", "beta-firm", "2021-Q3") in _items(_remind(repo.root, "2021-10-24"))
    repo.write(
        ADJUSTMENTS,
        "decisions:\n  - project: beta-firm\n    date: 2021-10-25\n    decision: cancel\n"
        "    document_no: 测试〔2021〕2号\n    reason: 测试用的取消决定。\nflags: []\n",
    )
    repo.commit("取消 beta-firm", "2021-10-25")
    for day in ("2021-10-25", "2021-11-20"):
        assert {p for (_, p, _) in _items(_remind(repo.root, day))} == {"alpha-region"}


def test_after_the_programme_nothing_is_chased_and_the_notice_says_it_ended(tmp_path):
    """A programme ending 2021-09-30 owes its 2021-Q3 reports by 2021-10-15; from
    2021-10-16 on nothing is urged and the notice names the end instead of counting days."""
    repo, _ = _repo(tmp_path)
    repo.write(
        "submissions/registry/policy.yaml",
        "programme:\n  start: 2020-04-16\n  end: 2021-09-30\ncalendar:\n  quarterly_due_day: 15\n",
    )
    repo.commit("培育期结束日", "2021-07-02")
    assert _items(_remind(repo.root, "2021-10-15"))  # the last reports are still owed
    assert _remind(repo.root, "2021-10-16")["groups"] == []
    text = invoke("remind", "--root", str(repo.root), "--as-of", "2022-06-01")
    assert text.returncode == 0, text.stderr
    assert "培育期已于2021年9月30日结束" in text.stdout and "已逾期" not in text.stdout
