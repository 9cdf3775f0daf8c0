"""Work done in a forked process (`pipeline.forked`): its result or its error comes back, a
process that dies is a build error, and with other threads running nothing forks."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

from site_builder.pipeline import build, forked
from site_builder.pipeline.build import generate
from site_builder.pipeline.timing import Steps
from site_builder.site.build import BuildError

from conftest import _copy_repo_data

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork here"
)


@pytest.fixture
def may_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even though a thread an earlier test left idle runs in this process (a build with
    threads works in place instead): these tests are about what crosses the fork."""
    monkeypatch.setattr(forked, "can_fork", lambda steps: True)


def test_the_result_is_computed_in_another_process_and_comes_back(may_fork):
    wait = forked.start(lambda: ("done", os.getpid()), Steps(print), "测试")
    word, pid = wait()
    assert word == "done" and pid != os.getpid()


def test_an_error_in_the_work_is_raised_in_the_build(may_fork):
    def fail() -> None:
        raise ValueError("坏数据")

    wait = forked.start(fail, Steps(print), "测试")
    with pytest.raises(ValueError, match="坏数据"):
        wait()


def test_a_process_that_dies_is_a_build_error_naming_the_work(may_fork):
    wait = forked.start(lambda: os._exit(3), Steps(print), "生成 Word 报告")
    with pytest.raises(forked.ForkError, match="生成 Word 报告的进程意外退出（退出码 3）"):
        wait()


def test_with_another_thread_running_the_work_runs_here_when_asked_for():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        wait = forked.start(os.getpid, Steps(print), "测试")
        assert wait() == os.getpid()
    finally:
        stop.set()
        other.join()


@pytest.mark.slow
def test_a_build_that_fails_leaves_no_process_behind(tmp_path, monkeypatch, may_fork):
    """A cold build takes the inputs' fingerprint in a forked process; refused data must not
    leave it waiting to send its answer (made larger than a pipe holds, as a province's
    digests are)."""
    monkeypatch.setattr(build, "inputs_fingerprint", lambda *args: "0" * 2_000_000)
    root = _copy_repo_data(tmp_path / "repo")
    report = sorted((root / "submissions" / "projects").rglob("*-Q1.yaml"))[0]
    report.write_text("project: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildError):
        generate(root, "public", tmp_path / "build")
    assert multiprocessing.active_children() == []


def test_shared_work_is_done_once_each_by_whichever_process_claims_it(may_fork):
    items = list(range(12))
    finish = forked.shared(items, lambda n: (n * n, os.getpid()), Steps(print), "测试")
    done = finish()
    assert {i: square for i, (square, _) in done.items()} == {n: n * n for n in items}
    assert len({pid for _, pid in done.values()}) in (1, 2)  # a fork and this process share them


def test_shared_work_without_a_fork_is_all_done_here():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()  # a thread running: no fork
    try:
        done = forked.shared([1, 2, 3], lambda n: os.getpid(), Steps(print), "测试")()
    finally:
        stop.set()
        other.join()
    assert set(done.values()) == {os.getpid()} and sorted(done) == [0, 1, 2]


def test_an_error_in_shared_work_is_raised_after_both_processes_are_done(may_fork):
    def square(n: int) -> int:
        if n == 5:
            raise ValueError("第五项坏了")
        return n * n

    with pytest.raises(ValueError, match="第五项坏了"):
        forked.shared(list(range(8)), square, Steps(print), "测试")()
    assert multiprocessing.active_children() == []
