"""The file-digest cache: an unchanged file is not read again, a changed one always is."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from site_builder.load.digests import RACY_SECONDS, FileDigests, content_digest


def _later() -> int:
    """A clock a minute ahead: every file on disk looks quiet long enough to be kept."""
    return time.time_ns() + 60 * 10**9


def test_an_unchanged_file_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("name: 甲\n", encoding="utf-8")
    digests = FileDigests(clock=_later)
    first = digests.digest(path)
    assert digests.digest(path) == first == content_digest(path.read_bytes())
    assert digests.reads == 1


def test_a_file_edited_to_the_same_size_and_time_is_read_again(tmp_path: Path) -> None:
    """An edit that keeps the size and puts the modification time back still changes the
    change time (and a rewrite by rename the inode), so the file is read again."""
    path = tmp_path / "a.yaml"
    path.write_text("value: 1\n", encoding="utf-8")
    old = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(old, old))
    digests = FileDigests(clock=_later)
    before = digests.digest(path)
    time.sleep(0.01)  # a change time the file system can tell apart
    path.write_text("value: 2\n", encoding="utf-8")
    os.utime(path, ns=(old, old))
    after = digests.digest(path)
    assert digests.reads == 2
    assert after != before
    assert after == content_digest(b"value: 2\n")


def test_a_file_changed_just_before_it_was_read_is_not_trusted(tmp_path: Path) -> None:
    """Racy timestamps: a file written within RACY_SECONDS of being read could be written
    again in the same clock tick with the same size, so its digest is not kept."""
    path = tmp_path / "a.yaml"
    path.write_text("value: 1\n", encoding="utf-8")
    digests = FileDigests()  # the real clock: the file was written a moment ago
    digests.digest(path)
    digests.digest(path)
    assert digests.reads == 2
    assert str(path) not in digests.entries
    # Once quiet for long enough, it is kept.
    quiet = FileDigests(clock=lambda: time.time_ns() + int(RACY_SECONDS * 1e9) + 10**9)
    quiet.digest(path)
    quiet.digest(path)
    assert quiet.reads == 1


def test_a_missing_file_raises_as_reading_it_would(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        FileDigests().digest(tmp_path / "gone.yaml")


def test_a_deleted_file_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("value: 1\n", encoding="utf-8")
    digests = FileDigests(clock=_later)
    digests.digest(path)
    path.unlink()
    with pytest.raises(FileNotFoundError):
        digests.digest(path)
