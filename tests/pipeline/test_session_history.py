"""A build session keeps what depends only on a commit: git's answers about the history at
HEAD's commit and each closed year's released aggregates; and what a save rarely changes: the
Excel files of unchanged tables, the cases' rendered Markdown. A rebuild after a save makes
none of them again and writes the files a fresh build writes; a new commit is read afresh.
Real git histories (slow)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_builder.analyse import releases
from site_builder.pipeline import forked
from site_builder.pipeline.build import generate
from site_builder.pipeline.session import BuildSession
from site_builder.present import markup
from site_builder.review import gitreads, history
from site_builder.review.history import HistoryMemo, read_history
from site_builder.site import downloads

from conftest import TODAY, _copy_repo_data
from gitrepo import Repo

pytestmark = pytest.mark.slow

REPORT = Path("submissions/projects/jinzhong-textile/2021-Q1.yaml")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """The demo data merged in 2021 and a correction in 2022: 2021's enterprise aggregates are
    released (its window closed at the end of 2022-01-31) as of TODAY."""
    monkeypatch.setenv("SCTRACK_TODAY", TODAY)
    repo = Repo(_copy_repo_data(tmp_path / "repo"))
    repo.commit("报送 2021 年报告 (#1)", "2021-12-20")
    _edit(repo.root / REPORT)
    repo.commit("更正 2021 年一季度报告 (#2)", "2022-03-01")
    return repo


def _edit(report: Path) -> None:
    report.write_text(report.read_text(encoding="utf-8") + "\n# 改了一处\n", encoding="utf-8")


def _counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    """Every call of `module.name`, recorded (the function still runs)."""
    calls: list[object] = []
    real = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_rebuild_reads_no_history_and_computes_no_release_again(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = BuildSession()
    generate(repo.root, "public", tmp_path / "kept", session=session)
    assert session.histories and session.releases and session.workbooks  # 2021 is released
    _edit(repo.root / REPORT)  # saved, not committed: what `sctrack serve` rebuilds after
    reads = _counted(monkeypatch, history, "_git_reads")
    computed = _counted(monkeypatch, releases, "enterprise_aggregates")
    # Downloads written in this process (as under `sctrack serve`), so that they are counted.
    monkeypatch.setattr(forked.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    workbooks = _counted(monkeypatch, downloads, "xlsx_bytes")
    cases = _counted(monkeypatch, markup, "_rendered")
    generate(repo.root, "public", tmp_path / "kept", session=session)
    # The edit changed no table and no case.
    assert reads == [] and computed == [] and workbooks == [] and cases == []

    generate(repo.root, "public", tmp_path / "fresh", session=BuildSession())
    assert len(reads) == 1 and computed and workbooks and cases  # a new session makes them
    assert files_of(tmp_path / "kept" / "docs") == files_of(tmp_path / "fresh" / "docs")


def test_a_new_commit_is_read_afresh(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    memo: HistoryMemo = {}
    reads = _counted(monkeypatch, history, "_git_reads")
    first = read_history(repo.root, memo=memo)
    assert read_history(repo.root, memo=memo) is first and len(reads) == 1

    _edit(repo.root / REPORT)
    repo.commit("再次更正 (#3)", "2022-04-01")
    again = read_history(repo.root, memo=memo)
    assert len(reads) == 2 and again.head != first.head
    assert again == read_history(repo.root)  # what a read without the session gives
    assert [key[1] for key in memo] == [again.head]  # the old commit's reads are dropped
    corrected = again.of(REPORT.as_posix())
    assert corrected is not None and len(corrected.corrections) == 2


def test_the_clock_is_judged_again_at_the_same_commit(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commits dated after now are in doubt: the same commit read at an earlier `now` gives the
    history a fresh read at that `now` gives, from git's answers kept in the memo."""
    memo: HistoryMemo = {}
    reads = _counted(monkeypatch, history, "_git_reads")
    later = read_history(repo.root, memo=memo)
    before_correction = datetime(2022, 2, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    earlier = read_history(repo.root, memo=memo, now=before_correction)
    assert len(reads) == 1
    assert earlier == read_history(repo.root, now=before_correction)
    assert earlier != later and any(landing.doubt for landing in earlier.landings)
    # Back to the clock: the doubt is lifted, as a fresh read would lift it.
    assert read_history(repo.root, memo=memo, now=before_correction + timedelta(days=3650)) == (
        later
    )


def test_answers_asked_before_validation_give_the_same_history(repo: Repo) -> None:
    """`start_reads` asks git while the files are checked; the history is the one asked
    afterwards; with the commit in the session nothing is asked, and a read that does not take
    the early answers (another commit) frees them."""
    early = history.start_reads(repo.root)
    assert early is not None and set(early.pending) == set(gitreads.questions("HEAD", "x"))
    memo: HistoryMemo = {}
    assert read_history(repo.root, memo=memo, early=early) == read_history(repo.root)
    assert all(p.process.returncode is not None and p.out.closed for p in early.pending.values())
    assert history.start_reads(repo.root, memo=memo) is None  # the session holds that commit

    stale = history.start_reads(repo.root)
    assert stale is not None
    _edit(repo.root / REPORT)
    repo.commit("再次更正 (#3)", "2022-04-01")
    fresh = read_history(repo.root, early=stale)  # HEAD moved: the early answers are not used
    assert fresh == read_history(repo.root) and fresh.head != stale.head
    assert all(p.out.closed for p in stale.pending.values())
