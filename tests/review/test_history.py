"""Confirmation dates, PR numbers and corrections read back from real git repositories."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from site_builder.review.history import pr_number, read_history

from conftest import FIXTURES, invoke
from gitrepo import Repo

Q2 = "submissions/projects/alpha-region/2021-Q2.yaml"
Q1 = "submissions/projects/alpha-region/2021-Q1.yaml"


@pytest.mark.parametrize(
    "subject, body, number",
    [
        ("Merge pull request #42 from clerk/q3", "", 42),
        ("Add 2021-Q3 report (#17)", "", 17),
        ("Merge branch 'q3' into 'main'", "Q3\n\nSee merge request shanxi/sctrack!8", 8),
        ("Merge pull request 'q3' (#5) from clerk/q3 into main", "", 5),
        ("Fix typo", "", None),
    ],
)
def test_pr_number_from_commit_messages(subject, body, number):
    assert pr_number(subject, body) == number


@pytest.fixture
def repo(tmp_path, git_history: None) -> Repo:
    """The base fixture's registry and projects committed on 2020-04-16; reports to be merged."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    reports = {p: (root / p).read_text(encoding="utf-8") for p in (Q1, Q2)}
    for path in reports:
        (root / path).unlink()
    (root / "submissions/projects/beta-firm/2020-annual.yaml").unlink()
    (root / "submissions/projects/beta-firm/2021-Q1.yaml").unlink()
    repo = Repo(root)
    repo.commit("登记项目", "2020-04-16")
    repo.reports = reports
    return repo


def test_merge_commit_confirms_and_branch_commit_is_submission(repo):
    repo.merge_pr(3, {Q1: repo.reports[Q1]}, submitted="2021-04-10", confirmed="2021-04-13")
    history = read_history(repo.root)
    entry = history.of(Q1)
    assert history.available
    assert entry.submitted.date() == date(2021, 4, 10)
    assert entry.confirmed.date.date() == date(2021, 4, 13)
    assert entry.confirmed.pr == 3
    assert entry.corrections == []


def test_squash_and_gitlab_merges(repo):
    repo.merge_pr(
        7, {Q1: repo.reports[Q1]}, submitted="2021-04-12", confirmed="2021-04-14", style="squash"
    )
    repo.merge_pr(
        9, {Q2: repo.reports[Q2]}, submitted="2021-07-10", confirmed="2021-07-20", style="gitlab"
    )
    history = read_history(repo.root)
    assert history.of(Q1).confirmed.pr == 7
    assert history.of(Q1).confirmed.date.date() == date(2021, 4, 14)
    assert history.of(Q2).confirmed.pr == 9
    assert history.of(Q2).submitted.date() == date(2021, 7, 10)


def test_later_changes_are_corrections(repo):
    repo.merge_pr(3, {Q1: repo.reports[Q1]}, submitted="2021-04-10", confirmed="2021-04-13")
    corrected = repo.reports[Q1].replace("scf_volume: 3.5", "scf_volume: 3.6")
    repo.merge_pr(
        5, {Q1: corrected}, submitted="2021-05-02", confirmed="2021-05-03", style="squash"
    )
    entry = read_history(repo.root).of(Q1)
    assert entry.confirmed.pr == 3
    assert [(c.date.date(), c.pr) for c in entry.corrections] == [(date(2021, 5, 3), 5)]


def test_a_plain_folder_has_no_history(tmp_path):
    root = shutil.copytree(FIXTURES / "base", tmp_path / "plain")
    history = read_history(root)
    assert not history.available
    assert history.reason


def test_the_same_few_git_calls_whatever_the_number_of_files(repo, monkeypatch):
    from site_builder.review import git

    calls = []
    real = git.output
    monkeypatch.setattr(git, "output", lambda root, *args: calls.append(args) or real(root, *args))
    read_history(repo.root)
    before = len(calls)
    calls.clear()
    repo.merge_pr(
        3,
        {Q1: repo.reports[Q1], Q2: repo.reports[Q2]},
        submitted="2021-07-10",
        confirmed="2021-07-12",
    )
    read_history(repo.root)
    assert len(calls) == before
    # The first-parent line, its messages, every commit's time (a merge is checked against
    # the commits it merges), and the changes under submissions/.
    assert sum(args[0] == "log" for args in calls) == 4


def _compliance(root, as_of):
    import json

    result = invoke("compliance", "--root", str(root), "--as-of", as_of, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return data, {(r["project"], r["period"]): r for r in data["reports"]}


def test_compliance_statuses_follow_the_calendar(repo):
    # Q1 due 2021-04-15: merged on the 14th -> on time. Q2 due 2021-07-15: merged on the 20th -> late.
    repo.merge_pr(3, {Q1: repo.reports[Q1]}, submitted="2021-04-12", confirmed="2021-04-14")
    repo.merge_pr(
        4, {Q2: repo.reports[Q2]}, submitted="2021-07-14", confirmed="2021-07-20", style="squash"
    )
    data, reports = _compliance(repo.root, "2021-10-20")
    assert data["as_of"] == "2021-10-20"
    assert reports[("alpha-region", "2021-Q1")]["status"] == "on_time"
    assert reports[("alpha-region", "2021-Q1")]["pr"] == 3
    q2 = reports[("alpha-region", "2021-Q2")]
    assert (q2["status"], q2["due"], q2["submitted"], q2["confirmed"], q2["pr"]) == (
        "late",
        "2021-07-15",
        "2021-07-14",
        "2021-07-20",
        4,
    )
    # Q3 is due 2021-10-15 and nothing came: missing on the 20th, not yet due on the 10th.
    assert reports[("alpha-region", "2021-Q3")]["status"] == "missing"
    _, earlier = _compliance(repo.root, "2021-10-10")
    assert earlier[("alpha-region", "2021-Q3")]["status"] == "not_due"
    # Q4 ends after the as-of date: not expected yet.
    assert ("alpha-region", "2021-Q4") not in reports


def test_cancelled_project_expects_nothing_after_the_decision(repo):
    # The base registry cancels beta-firm on 2021-08-20.
    _, reports = _compliance(repo.root, "2022-03-01")
    periods = {p for (project, p) in reports if project == "beta-firm"}
    assert "2021-Q2" in periods
    assert "2021-Q3" not in periods and "2021" not in periods
    data, _ = _compliance(repo.root, "2022-03-01")
    advice = {p["project"]: p for p in data["projects"]}
    assert advice["beta-firm"]["recommendation"] == "cancelled"


def test_two_missing_in_a_row_proposes_cancellation(repo):
    repo.merge_pr(3, {Q1: repo.reports[Q1]}, submitted="2021-04-12", confirmed="2021-04-14")
    data, _ = _compliance(repo.root, "2021-10-20")
    advice = {p["project"]: p for p in data["projects"]}["alpha-region"]
    assert advice["recommendation"] == "propose_cancel"
    assert any("连续" in reason for reason in advice["reasons"])


def test_without_git_every_report_is_unknown_and_compliance_says_why(tmp_path):
    # Issue 14: with no history a missing file is unknown too (the period's state cannot be
    # told), nothing is warned, and compliance stops with the reason unless told to go on.
    import json

    root = shutil.copytree(FIXTURES / "base", tmp_path / "plain")
    stopped = invoke("compliance", "--root", str(root))
    assert stopped.returncode == 1
    assert "不是 git 仓库" in stopped.stderr
    assert len(stopped.stderr.strip().splitlines()) == 1
    listed = invoke("compliance", "--root", str(root), "--allow-unknown", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    reports = {(r["project"], r["period"]): r for r in data["reports"]}
    assert reports[("alpha-region", "2021-Q1")]["status"] == "unknown"
    assert reports[("alpha-region", "2021-Q3")]["status"] == "unknown"
    assert all(r["status"] in ("unknown", "not_due") for r in reports.values())
    assert all(p["recommendation"] in ("none", "cancelled") for p in data["projects"])
    # Other commands that show statuses say why on one line, before their output.
    report = invoke("report", "2021-Q1", "--root", str(root))
    assert report.returncode == 0
    progress, reason = report.stderr.strip().splitlines()[:2]  # the progress line comes first
    assert progress.startswith("生成") and reason.startswith("不是 git 仓库")
    # The past cannot be rebuilt without a history: said, and no figures.
    past = invoke("compliance", "--root", str(root), "--as-of", "2021-10-20", "--allow-unknown")
    assert past.returncode == 1 and past.stdout == ""
    assert "2021-10-20" in past.stderr
