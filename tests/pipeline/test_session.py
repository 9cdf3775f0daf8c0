"""A build session keeps what one validation learnt for the next: an unchanged file is not
checked again, a changed one is."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from site_builder.load.digests import FileDigests
from site_builder.load.tree import SourceFile, SubmissionsTree
from site_builder.pipeline.analysis import Source, validated
from site_builder.pipeline.session import BuildSession
from site_builder.site.build import inputs_fingerprint
from site_builder.validate import run
from site_builder.validate.run import Checked


def test_a_session_checks_again_only_the_files_that_changed(
    base_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = BuildSession()
    source = Source(base_tree, "HEAD", date(2021, 10, 20))
    first = validated(source, session)
    assert len(session.validated) == first.files

    checked: list[str] = []
    real = run.check_source

    def counted(tree: SubmissionsTree, source: SourceFile) -> tuple[Checked, bytes | None]:
        checked.append(source.display)
        return real(tree, source)

    monkeypatch.setattr(run, "check_source", counted)
    report = base_tree / "submissions" / "projects" / "alpha-region" / "2021-Q2.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = validated(source, session)
    assert checked == ["submissions/projects/alpha-region/2021-Q2.yaml"]
    assert again.files == first.files and len(session.validated) == first.files

    checked.clear()
    validated(source, BuildSession())  # a new session remembers nothing
    assert len(checked) == first.files


def _a_minute_later() -> int:
    """A clock ahead of the files just written, so each looks quiet enough to be kept."""
    return time.time_ns() + 60 * 10**9


def test_a_session_reads_again_only_the_files_that_changed(base_tree: Path) -> None:
    """The session's file digests make the memo keys: after the first keyed validation, a
    rebuild reads the one file saved, and the inputs' fingerprint reads nothing more."""
    session = BuildSession(files=FileDigests(clock=_a_minute_later))
    source = Source(base_tree, "HEAD", date(2021, 10, 20))
    first = validated(source, session)
    validated(source, session)  # the first with a memo to key into: reads every file once
    assert session.files.reads == first.files
    report = base_tree / "submissions" / "projects" / "alpha-region" / "2021-Q2.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    validated(source, session)
    assert session.files.reads == first.files + 1
    fingerprint = inputs_fingerprint(base_tree, "public", session.files)
    reads = session.files.reads
    assert inputs_fingerprint(base_tree, "public", session.files) == fingerprint
    assert session.files.reads == reads
    assert inputs_fingerprint(base_tree, "public") == fingerprint  # the same without a cache
