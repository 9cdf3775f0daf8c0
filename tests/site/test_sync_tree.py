"""`sync_tree` with a build session's file digests: an unchanged target file is not read
again, and a target file changed behind its back is still put right."""

from __future__ import annotations

import time
from pathlib import Path

from site_builder.load.digests import FileDigests
from site_builder.site.build import sync_tree


def _a_minute_later() -> int:
    return time.time_ns() + 60 * 10**9


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def test_sync_reads_an_unchanged_target_once_and_puts_right_a_changed_one(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    files = {"a.md": "甲\n", "sub/b.md": "乙\n"}
    _write(source, files)
    digests = FileDigests(clock=_a_minute_later)
    assert sync_tree(source, target, digests) == 2
    assert sync_tree(source, target, digests) == 0
    reads = digests.reads
    assert sync_tree(source, target, digests) == 0
    assert digests.reads == reads  # the targets' digests were known: nothing read again
    (target / "a.md").write_text("丙\n", encoding="utf-8")  # the same size, by someone else
    _write(source, {"c.md": "丁\n"})
    assert sync_tree(source, target, digests) == 2
    assert (target / "a.md").read_text(encoding="utf-8") == "甲\n"
    (source / "sub/b.md").unlink()
    assert sync_tree(source, target, digests) == 1
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*.md")) == [
        "a.md",
        "c.md",
    ]
