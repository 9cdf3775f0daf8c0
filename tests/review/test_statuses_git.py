"""Report statuses from real git histories (issue 14): Beijing time, an untrusted history,
the project's lifecycle, as-of as the past, review time and no review record.

Expectations are written from the rules: a report is on time when it reached main by 24:00
(Beijing time) of its due date; a project owes reports from the quarter of its registration
(the landing of its project.yaml), never while cancelled; `--as-of D` sees the tree of the
last first-parent commit on or before the end of D.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, invoke
from gitrepo import Repo

pytestmark = pytest.mark.slow

ALPHA = "submissions/projects/alpha-region"
Q1 = f"{ALPHA}/2021-Q1.yaml"
Q2 = f"{ALPHA}/2021-Q2.yaml"
ADJUSTMENTS = "submissions/registry/adjustments.yaml"
POLICY = "submissions/registry/policy.yaml"


def _base(tmp_path: Path, drop: tuple[str, ...] = ()) -> tuple[Repo, dict[str, str]]:
    """The base fixture without alpha-region's reports (kept aside) and without `drop`."""
    root = shutil.copytree(FIXTURES / "base", tmp_path / "repo")
    kept = {}
    for path in (Q1, Q2, *drop):
        target = root / path
        if target.is_file():
            kept[path] = target.read_text(encoding="utf-8")
            target.unlink()
        elif target.is_dir():
            kept.update(
                {
                    f"{path}/{f.name}": f.read_text(encoding="utf-8")
                    for f in sorted(target.iterdir())
                }
            )
            shutil.rmtree(target)
    for path in ("submissions/projects/beta-firm/2020-annual.yaml",):
        (root / path).unlink()
    return Repo(root), kept


def _land(
    repo: Repo,
    number: int,
    files: dict[str, str | None],
    merged_at: str,
    submitted_at: str,
    style: str = "merge",
) -> None:
    """A pull request committed at `submitted_at` and merged at `merged_at` (each with its own
    offset); `style` "push" lands the commit directly on main (no merge record)."""
    if style != "push":
        repo.git("checkout", "-q", "-b", f"pr-{number}")
    for path, text in files.items():
        if text is None:
            repo.git("rm", "-q", path)
        else:
            repo.write(path, text)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", f"报送 {number}", at=submitted_at, author="clerk")
    if style == "push":
        return
    repo.git("checkout", "-q", "main")
    message = f"Merge pull request #{number} from clerk/pr-{number}"
    repo.git("merge", "-q", "--no-ff", "-m", message, f"pr-{number}", at=merged_at)


def _compliance(root: Path, *args: str) -> tuple[dict, dict]:
    result = invoke("compliance", "--root", str(root), "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return data, {(r["project"], r["period"]): r for r in data["reports"]}


@pytest.mark.parametrize(
    ("merged_at", "status"),
    [
        # 2021-Q1 is due on 2021-04-15: on time until 24:00 that day in Beijing.
        ("2021-04-15T20:00:00-04:00", "late"),  # 08:00 on the 16th in Beijing
        ("2021-04-15T15:59:59+00:00", "on_time"),  # 23:59:59 on the 15th
        ("2021-04-15T16:00:01+00:00", "late"),  # just after midnight
        ("2021-04-15T23:59:00+08:00", "on_time"),
        ("2021-04-16T00:30:00+09:00", "on_time"),  # 23:30 on the 15th in Beijing
        ("2021-04-16T00:30:00+08:00", "late"),
    ],
)
def test_the_due_date_ends_at_midnight_beijing_time(tmp_path, merged_at, status):
    repo, kept = _base(tmp_path)
    repo.commit("登记项目", "2020-04-16")
    _land(repo, 3, {Q1: kept[Q1]}, merged_at, "2021-04-10T09:00:00+08:00")
    _, reports = _compliance(repo.root, "--as-of", "2021-06-30")
    assert reports[("alpha-region", "2021-Q1")]["status"] == status


def test_a_shallow_clone_gives_unknown_statuses_no_warnings_and_exit_1(tmp_path):
    repo, kept = _base(tmp_path)
    repo.commit("登记项目", "2020-04-16")
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    stopped = invoke("compliance", "--root", str(clone))
    assert stopped.returncode == 1
    assert "浅克隆" in stopped.stderr and len(stopped.stderr.strip().splitlines()) == 1
    data, reports = _compliance(clone, "--allow-unknown")
    assert data["history"] == "unavailable" and "浅克隆" in data["history_reason"]
    due = [r for r in reports.values() if r["status"] != "not_due"]
    assert due and all(r["status"] == "unknown" for r in due)
    assert reports[("alpha-region", "2021-Q1")]["status"] == "unknown"  # present
    assert reports[("alpha-region", "2021-Q2")]["status"] == "unknown"  # absent
    assert {p["recommendation"] for p in data["projects"]} <= {"none", "cancelled"}
    # Nothing known: no rate, and the denominators say so.
    by_period = {r["period"]: r for r in data["rates"]["by_period"]}
    assert by_period["2021-Q1"]["known"] == 0
    assert by_period["2021-Q1"]["reporting_rate"] is None


def test_a_project_registered_late_owes_nothing_from_before(tmp_path):
    # alpha-region starts 2020-04-16 but its project.yaml lands in January 2021.
    repo, kept = _base(tmp_path, drop=(ALPHA,))
    repo.commit("登记 beta-firm", "2020-04-16")
    q4 = kept[Q1].replace("period: 2021-Q1", "period: 2020-Q4")
    project = {f"{ALPHA}/project.yaml": kept[f"{ALPHA}/project.yaml"]}
    _land(repo, 2, project, "2021-01-08T10:00:00+08:00", "2021-01-05T10:00:00+08:00")
    _land(
        repo,
        3,
        {f"{ALPHA}/2020-Q4.yaml": q4},
        "2021-02-20T10:00:00+08:00",
        "2021-02-19T10:00:00+08:00",
    )
    _land(repo, 4, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    data, reports = _compliance(repo.root, "--as-of", "2021-07-20")
    alpha = {p: r["status"] for (pid, p), r in reports.items() if pid == "alpha-region"}
    # 2020-Q2, Q3 and the 2020 summary are not owed; the 2020-Q4 report came in before the
    # project's first quarter in the programme (2021-Q1): listed, never late.
    assert alpha == {
        "2020-Q4": "before_registration",
        "2021-Q1": "on_time",
        "2021-Q2": "missing",
    }
    by_period = {r["period"]: r for r in data["rates"]["by_period"]}
    assert "2020-Q4" not in by_period or by_period["2020-Q4"]["expected"] == 1  # beta-firm's
    advice = {p["project"]: p for p in data["projects"]}["alpha-region"]
    assert not any("2020" in reason for reason in advice["reasons"])


def test_reports_due_while_cancelled_are_not_expected_and_after_restore_they_are(tmp_path):
    repo, kept = _base(tmp_path)
    adjustments = (repo.root / ADJUSTMENTS).read_text(encoding="utf-8")
    adjustments = adjustments.replace(
        "flags: []",
        "  - project: alpha-region\n    date: 2021-05-01\n    decision: cancel\n"
        "    document_no: 测试〔2021〕2号\n    reason: 测试用的取消决定。\n"
        "  - project: alpha-region\n    date: 2021-09-01\n    decision: restore\n"
        "    document_no: 测试〔2021〕3号\n    reason: 测试用的恢复决定。\nflags: []",
    )
    repo.write(ADJUSTMENTS, adjustments)
    repo.commit("登记项目和调整决定", "2020-04-16")
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    _land(repo, 4, {Q2: kept[Q2]}, "2021-07-14T10:00:00+08:00", "2021-07-12T10:00:00+08:00")
    data, reports = _compliance(repo.root, "--as-of", "2021-10-20")
    alpha = {p: r["status"] for (pid, p), r in reports.items() if pid == "alpha-region"}
    assert alpha["2021-Q1"] == "on_time"  # due 04-15, before the cancellation
    assert alpha["2021-Q2"] == "outside_programme"  # due 07-15 while cancelled: not owed
    assert alpha["2021-Q3"] == "missing"  # due 10-15, after the restore
    advice = {p["project"]: p for p in data["projects"]}
    assert advice["alpha-region"]["recommendation"] != "cancelled"
    # While cancelled, as of 2021-08-01: cancelled, and Q2 not owed.
    data, reports = _compliance(repo.root, "--as-of", "2021-08-01")
    assert {p["project"]: p for p in data["projects"]}["alpha-region"]["recommendation"] == (
        "cancelled"
    )
    assert reports[("alpha-region", "2021-Q2")]["status"] == "outside_programme"


def test_as_of_sees_the_tree_of_that_day(tmp_path):
    repo, kept = _base(tmp_path)
    repo.commit("登记项目", "2020-04-16")
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    # The Q1 report is removed on 2021-05-10 (a revert merged by the province).
    _land(repo, 4, {Q1: None}, "2021-05-10T10:00:00+08:00", "2021-05-10T09:00:00+08:00")
    _land(repo, 5, {Q2: kept[Q2]}, "2021-07-20T10:00:00+08:00", "2021-07-14T10:00:00+08:00")
    # On 2021-08-01 the province grants 10 days of grace.
    policy = (repo.root / POLICY).read_text(encoding="utf-8") + "  grace_days: 10\n"
    _land(repo, 6, {POLICY: policy}, "2021-08-01T10:00:00+08:00", "2021-08-01T09:00:00+08:00")

    _, before = _compliance(repo.root, "--as-of", "2021-04-30")
    assert before[("alpha-region", "2021-Q1")]["status"] == "on_time"  # still there
    _, after = _compliance(repo.root, "--as-of", "2021-05-20")
    assert after[("alpha-region", "2021-Q1")]["status"] == "missing"
    _, merged_later = _compliance(repo.root, "--as-of", "2021-07-18")
    q2 = merged_later[("alpha-region", "2021-Q2")]
    assert (q2["status"], q2["confirmed"]) == ("missing", None)  # merged after the day
    _, late = _compliance(repo.root, "--as-of", "2021-07-25")
    assert late[("alpha-region", "2021-Q2")]["status"] == "late"  # no grace yet
    # The grace granted on 08-01 came after Q2's due date (07-15): the rule in force then
    # (no grace) still judges it (issue 25: a rule changed later never reaches back).
    _, graced = _compliance(repo.root, "--as-of", "2021-08-05")
    assert graced[("alpha-region", "2021-Q2")]["status"] == "late"
    # Before the first commit there is nothing to show.
    empty = invoke("compliance", "--root", str(repo.root), "--as-of", "2020-01-01")
    assert empty.returncode == 1 and empty.stdout == "" and "2020-01-01" in empty.stderr


def test_review_time_and_reports_with_no_review_record(tmp_path):
    repo, kept = _base(tmp_path)
    repo.commit("登记项目", "2020-04-16")
    # Declared at 10:00 on the 10th, merged at 22:00 on the 13th (Beijing): 3.5 days.
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-13T14:00:00+00:00", "2021-04-10T10:00:00+08:00")
    # Q2 pushed straight to main: confirmed when it landed, with no review record.
    _land(repo, 4, {Q2: kept[Q2]}, "", "2021-07-14T10:00:00+08:00", style="push")
    data, reports = _compliance(repo.root, "--as-of", "2021-08-01")
    q1 = reports[("alpha-region", "2021-Q1")]
    assert q1["review_days"] == 3.5 and q1["review_record"] is True
    assert q1["declared_submission_at"].startswith("2021-04-10T10:00:00+08:00")
    assert q1["confirmed_at"].startswith("2021-04-13T22:00:00+08:00")
    q2 = reports[("alpha-region", "2021-Q2")]
    assert q2["status"] == "on_time" and q2["review_note"] == "无审核记录"
    assert q2["review_record"] is False
    times = {(r["city"], r["period"]): r for r in data["review_times"]}
    city = next(
        line.split(":")[1].strip()
        for line in kept_project(repo).splitlines()
        if line.startswith("city:")
    )
    assert times[(city, "2021-Q1")]["median_days"] == 3.5
    assert times[(city, "2021-Q1")]["longest_days"] == 3.5


def kept_project(repo: Repo) -> str:
    return (repo.root / ALPHA / "project.yaml").read_text(encoding="utf-8")


@pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout")
def test_this_repository_says_once_that_its_history_confirms_nothing():
    # Its history is development history: every report was committed long after its period,
    # after its project's registration too, so no report is late or missing: the history is
    # said to be unusable once (issue 25), and every due report is unknown.
    stopped = invoke("compliance", "--root", str(REPO))
    assert stopped.returncode == 1 and len(stopped.stderr.strip().splitlines()) == 1
    assert "早于其项目的登记" in stopped.stderr
    data, reports = _compliance(REPO, "--allow-unknown")
    assert data["history"] == "unavailable"
    assert not [key for key, r in reports.items() if r["status"] in ("late", "missing")]
    assert not [key for key, r in reports.items() if r["status"] == "before_registration"]
    reasons = [reason for p in data["projects"] for reason in p["reasons"]]
    assert not [r for r in reasons if "缺报" in r or "逾期" in r or "未报送" in r]
