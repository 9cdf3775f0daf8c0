"""The confirmation history, checked before it is trusted, read as the reports really landed.

Every expectation here is written from the rules (Beijing time; the time a report reached
main on the first-parent line; one push is one landing), not from the program's output.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_builder.review.history import pr_number, read_history

from gitrepo import Repo

pytestmark = pytest.mark.slow

BEIJING = ZoneInfo("Asia/Shanghai")
REPORT = "submissions/projects/demo-region/2020-Q3.yaml"


def _repo(tmp_path: Path, name: str = "repo") -> Repo:
    repo = Repo(tmp_path / name)
    repo.write("submissions/registry/cities.yaml", "cities: []\n")
    repo.commit("registry", "2020-04-16")
    return repo


def _merge_at(repo: Repo, number: int, path: str, merged_at: str, submitted_at: str) -> None:
    """A pull request whose merge commit carries the merging person's own offset."""
    repo.git("checkout", "-q", "-b", f"pr-{number}")
    repo.write(path, f"period: {number}\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "季报", at=submitted_at, author="clerk")
    repo.git("checkout", "-q", "main")
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        f"Merge pull request #{number} from clerk/pr-{number}",
        f"pr-{number}",
        at=merged_at,
    )


@pytest.mark.parametrize(
    ("merged_at", "beijing_day"),
    [
        ("2020-10-15T20:00:00-04:00", "2020-10-16"),  # 08:00 on the 16th in Beijing
        ("2020-10-15T15:59:59+00:00", "2020-10-15"),  # 23:59:59 on the 15th
        ("2020-10-15T16:00:00+00:00", "2020-10-16"),  # midnight: the next day
        ("2020-10-15T23:59:00+08:00", "2020-10-15"),
        ("2020-10-16T00:30:00+09:00", "2020-10-15"),  # 23:30 on the 15th in Beijing
    ],
)
def test_confirmation_time_is_beijing_time(tmp_path, merged_at, beijing_day):
    repo = _repo(tmp_path)
    _merge_at(repo, 7, REPORT, merged_at, "2020-10-10T09:00:00+08:00")
    record = read_history(repo.root).of(REPORT)
    assert record.confirmed.at.tzinfo is not None
    assert record.confirmed.at.astimezone(BEIJING).date().isoformat() == beijing_day
    assert record.confirmed.at == datetime.fromisoformat(merged_at)
    assert record.confirmed.pr == 7 and record.confirmed.reviewed


def test_a_shallow_clone_is_not_trusted(tmp_path):
    repo = _repo(tmp_path)
    _merge_at(repo, 1, REPORT, "2020-10-12T10:00:00+08:00", "2020-10-11T10:00:00+08:00")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    history = read_history(clone)
    assert not history.available
    assert "浅克隆" in history.reason
    assert history.files == {}


def test_a_copy_inside_an_unrelated_repository_is_not_trusted(tmp_path):
    repo = _repo(tmp_path)
    _merge_at(repo, 1, REPORT, "2020-10-12T10:00:00+08:00", "2020-10-11T10:00:00+08:00")
    other = Repo(tmp_path / "other")
    other.write("README.md", "unrelated\n")
    other.commit("start", "2026-01-01")
    copy = other.root / "data"
    shutil.copytree(repo.root / "submissions", copy / "submissions")
    # Untracked inside the other repository: the data's history is not here.
    history = read_history(copy)
    assert not history.available and "根目录" in history.reason
    # Even committed there, the data has no history of its own in that repository.
    other.commit("copy data", "2026-02-01")
    assert not read_history(copy).available


def test_untracked_data_at_a_repository_root_is_not_trusted(tmp_path):
    other = Repo(tmp_path / "other")
    other.write("README.md", "unrelated\n")
    other.commit("start", "2026-01-01")
    other.write(REPORT, "period: 1\n")
    history = read_history(other.root)
    assert not history.available and "没有纳入 git" in history.reason


def test_no_git_at_all(tmp_path):
    (tmp_path / "plain" / "submissions").mkdir(parents=True)
    history = read_history(tmp_path / "plain")
    assert not history.available and "git" in history.reason


def test_paths_in_chinese_folders_arrive_as_they_are(tmp_path):
    repo = _repo(tmp_path, "山西省商务厅数据")
    path = "submissions/projects/太原-示例/2020-Q3.yaml"
    _merge_at(repo, 3, path, "2020-10-12T10:00:00+08:00", "2020-10-11T10:00:00+08:00")
    history = read_history(repo.root)
    assert history.available, history.reason
    assert history.of(path).confirmed.pr == 3


def test_direct_push_fast_forward_and_rebase_are_confirmed_without_review_record(tmp_path):
    repo = _repo(tmp_path)
    # A direct push: one commit on main, no merge, no pull request number.
    repo.write(REPORT, "period: 1\n")
    repo.git("add", "-A")
    repo.git(
        "commit",
        "-q",
        "-m",
        "季报",
        at="2020-10-12T09:00:00+08:00",
        author_at="2020-10-01T09:00:00+08:00",
    )
    # A fast-forward of a branch with two commits: both land on main as they are.
    other = "submissions/projects/demo-region/2020-Q4.yaml"
    repo.git("checkout", "-q", "-b", "pr-2")
    repo.write(other, "period: 2\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "季报", at="2021-01-12T09:00:00+08:00")
    repo.write(other, "period: 2\nfixed: true\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "改正", at="2021-01-12T09:00:30+08:00")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "pr-2")
    history = read_history(repo.root)
    pushed = history.of(REPORT)
    assert not pushed.confirmed.reviewed and pushed.confirmed.pr is None
    assert pushed.confirmed.at == datetime.fromisoformat("2020-10-12T09:00:00+08:00")
    assert pushed.submitted == datetime.fromisoformat("2020-10-01T09:00:00+08:00")
    forwarded = history.of(other)
    assert not forwarded.confirmed.reviewed
    # One push: the second commit is part of the same submission, not a correction.
    assert forwarded.corrections == []
    assert forwarded.confirmed.at == datetime.fromisoformat("2021-01-12T09:00:30+08:00")


def test_rebase_merge_lands_at_the_forges_time(tmp_path):
    repo = _repo(tmp_path)
    # A forge's rebase merge rewrites the commits: the committer is the forge, at merge time.
    repo.write(REPORT, "period: 1\n")
    repo.git("add", "-A")
    repo.git(
        "commit",
        "-q",
        "-m",
        "季报",
        at="2020-10-20T09:00:00+08:00",
        author_at="2020-10-09T09:00:00+08:00",
        committer="forge",
    )
    record = read_history(repo.root).of(REPORT)
    assert record.confirmed.at.date().isoformat() == "2020-10-20"
    assert not record.confirmed.reviewed


def test_a_pull_request_with_two_commits_is_one_submission(tmp_path):
    repo = _repo(tmp_path)
    repo.git("checkout", "-q", "-b", "pr-5")
    repo.write(REPORT, "period: 1\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "季报", at="2020-10-08T09:00:00+08:00")
    repo.write(REPORT, "period: 1\nfixed: true\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "按审核意见修改", at="2020-10-10T09:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #5 from clerk/pr-5",
        "pr-5",
        at="2020-10-14T16:00:00+08:00",
    )
    record = read_history(repo.root).of(REPORT)
    assert record.confirmed.pr == 5 and record.confirmed.reviewed
    assert record.corrections == []
    assert record.submitted == datetime.fromisoformat("2020-10-08T09:00:00+08:00")
    # A later reviewed change is a correction.
    repo.merge_pr(6, {REPORT: "period: 1\nfixed: twice\n"}, "2020-11-01", "2020-11-02")
    record = read_history(repo.root).of(REPORT)
    assert [c.pr for c in record.corrections] == [6]


def test_squash_merge_number_is_the_trailing_one():
    assert pr_number("Merge pull request #3 from clerk/branch (#57)") == 57
    assert pr_number("报告 (#12)") == 12
    assert pr_number("Merge pull request #3 from clerk/branch") == 3
    assert pr_number("Merge branch 'x' into 'main'", "See merge request a/b!9") == 9
    assert pr_number("季报") is None
    # Only ASCII digits are a number: full-width or Arabic-Indic digits name no pull request.
    assert pr_number("报告 (#１２)") is None
    assert pr_number("Merge pull request #٣ from clerk/branch") is None


def test_a_commit_message_cannot_forge_another_commit(tmp_path):
    repo = _repo(tmp_path)
    forged = "\x1e" + "0" * 40 + "\x1f\x1f2000-01-01T00:00:00+08:00\x1f"
    repo.git("checkout", "-q", "-b", "pr-9")
    repo.write(REPORT, "period: 1\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "季报" + forged, at="2020-10-08T09:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #9 from clerk/pr-9" + forged,
        "pr-9",
        at="2020-10-20T09:00:00+08:00",
    )
    record = read_history(repo.root).of(REPORT)
    assert record.confirmed.at.date().isoformat() == "2020-10-20"
    assert record.confirmed.pr == 9
