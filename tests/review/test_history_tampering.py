"""A history that cannot be rewritten quietly (issue 25, item 3).

Expectations from the rules: a confirmation is the committer date of the landing on main as
it was committed (replace refs and grafts ignored); a date before the repository's first
commit, after now, before the commit it follows on main, or before a commit it merges is not
believed, and the report it confirms is 确认时间未知 with the reason, never on time.
"""

from __future__ import annotations

import subprocess

import pytest
from test_statuses_git import Q1, Q2, _base, _compliance, _land

from site_builder.review.history import read_history

from conftest import invoke

pytestmark = pytest.mark.slow


def _registered(tmp_path):
    repo, kept = _base(tmp_path)
    repo.commit("登记项目", "2020-04-16")
    return repo, kept


def _redated(repo, sha: str, when: str) -> str:
    """A copy of commit `sha` whose committer and author dates say `when` (a Unix time)."""
    text = repo.git("cat-file", "commit", sha)
    lines = []
    for line in text.split("\n"):
        if line.startswith(("author ", "committer ")):
            head, _, _ = line.rpartition(" ")
            head, _, _ = head.rpartition(" ")
            line = f"{head} {when} +0800"
        lines.append(line)
    result = subprocess.run(
        ["git", "hash-object", "-w", "-t", "commit", "--stdin"],
        cwd=repo.root,
        input="\n".join(lines),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_git_replace_cannot_redate_a_late_merge(tmp_path):
    repo, kept = _registered(tmp_path)
    # Merged late on 2021-04-20 (Q1 is due 2021-04-15) ...
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-20T22:00:00+08:00", "2021-04-19T10:00:00+08:00")
    merge = repo.git("rev-parse", "HEAD").strip()
    # ... and re-dated to 2021-04-10 10:00 Beijing time with `git replace`.
    repo.git("replace", merge, _redated(repo, merge, "1618020000"))
    assert "2021-04-10" in repo.git("log", "-1", "--format=%cI")  # git itself is fooled
    history = read_history(repo.root)
    assert history.of(Q1).confirmed.at.date().isoformat() == "2021-04-20"
    _, reports = _compliance(repo.root, "--as-of", "2021-06-30")
    assert reports[("alpha-region", "2021-Q1")]["status"] == "late"


def test_a_graft_file_makes_the_history_untrusted(tmp_path):
    repo, kept = _registered(tmp_path)
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    head = repo.git("rev-parse", "HEAD").strip()
    (repo.root / ".git" / "info").mkdir(exist_ok=True)
    (repo.root / ".git" / "info" / "grafts").write_text(f"{head}\n", encoding="utf-8")
    history = read_history(repo.root)
    assert not history.available and "info/grafts" in history.reason
    data, reports = _compliance(repo.root, "--allow-unknown")
    assert "info/grafts" in data["history_reason"]
    assert reports[("alpha-region", "2021-Q1")]["status"] == "unknown"


def _one_report_merged_at(tmp_path, merged_at: str, submitted_at: str) -> dict:
    repo, kept = _registered(tmp_path)
    _land(repo, 3, {Q1: kept[Q1]}, merged_at, submitted_at)
    # A later, ordinary landing, so that one doubtful landing is not most of the history.
    repo.write("README.md", "x\n")
    repo.commit("备注", "2021-08-01")
    _, reports = _compliance(repo.root, "--as-of", "2021-09-30")
    return reports[("alpha-region", "2021-Q1")]


def test_a_merge_dated_1970_is_not_on_time(tmp_path):
    q1 = _one_report_merged_at(tmp_path, "1970-01-02T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    assert q1["status"] == "unknown"
    assert "早于仓库的第一次提交" in q1["unknown_reason"]
    assert q1["confirmed_at"] is None


def test_a_merge_dated_before_its_branch_commit_is_not_on_time(tmp_path):
    # The branch commit was made on 04-20 (after the due date); the merge says 04-14.
    q1 = _one_report_merged_at(tmp_path, "2021-04-14T10:00:00+08:00", "2021-04-20T10:00:00+08:00")
    assert q1["status"] == "unknown"
    assert "早于它所合并的提交" in q1["unknown_reason"]


def test_first_parent_dates_that_run_backwards(tmp_path):
    repo, kept = _registered(tmp_path)
    repo.write("README.md", "x\n")
    repo.commit("备注", "2021-05-01")
    # Landed after a commit of 2021-05-01, yet dated 2021-04-14: time runs backwards.
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    repo.write("README.md", "y\n")
    repo.commit("备注", "2021-08-01")
    _, reports = _compliance(repo.root, "--as-of", "2021-09-30")
    q1 = reports[("alpha-region", "2021-Q1")]
    assert q1["status"] == "unknown" and "时间倒退" in q1["unknown_reason"]


def test_a_merge_dated_in_the_future(tmp_path):
    q1 = _one_report_merged_at(tmp_path, "2099-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    assert q1["status"] == "unknown" and "晚于当前时间" in q1["unknown_reason"]


def test_when_most_landings_are_in_doubt_the_whole_history_is_untrusted(tmp_path):
    repo, kept = _base(tmp_path)
    repo.commit("登记项目", "2021-04-01")
    _land(repo, 3, {Q1: kept[Q1]}, "1970-01-02T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    _land(repo, 4, {Q2: kept[Q2]}, "1970-01-03T10:00:00+08:00", "2021-07-12T10:00:00+08:00")
    # Two of three landings are dated before the repository began.
    history = read_history(repo.root)
    assert not history.available and "不可信" in history.reason


def test_after_a_force_push_the_history_says_once_that_it_confirms_nothing(tmp_path):
    repo, kept = _registered(tmp_path)
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    # Main rewritten as one commit of 2021-09-01 (a force-push): the projects "register" then,
    # after every report they hold, so the history says nothing about confirmation.
    repo.git("checkout", "-q", "--orphan", "rewritten")
    repo.commit("重新导入", "2021-09-01")
    repo.git("branch", "-q", "-M", "rewritten", "main")
    stopped = invoke("compliance", "--root", str(repo.root), "--as-of", "2021-09-30")
    assert stopped.returncode == 1
    assert len(stopped.stderr.strip().splitlines()) == 1 and "早于其项目的登记" in stopped.stderr
    data, reports = _compliance(repo.root, "--as-of", "2021-09-30", "--allow-unknown")
    assert data["history"] == "unavailable"
    statuses = {r["status"] for r in reports.values()}
    assert "before_registration" not in statuses and "unknown" in statuses
