"""Files' content digests, kept by their stat signature so an unchanged file is not read again.

A build reads every file of the tree twice over, once to tell whether anything changed since
the last build (`site.build.inputs_fingerprint`) and once for the memo key of its validation
(`validate.run`). `sctrack serve` keeps one `FileDigests` in its build session, so a rebuild
after a save reads again only the files whose signature (size, modification and change
times, inode) is not the one they had when last read.

A signature can lie when a file is written twice within one tick of the file system's clock
with the same size: the second write leaves the signature as the first did. As git does with
its index ("racy git"), a digest is not kept when the file was modified or changed too
shortly before it was read: such a file is read again next time, until it has been quiet
for `RACY_SECONDS`.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Longer than any file system's timestamp granularity (FAT's is two seconds).
RACY_SECONDS = 2.0

# What tells a file's content has not changed without reading it.
Signature = tuple[int, int, int, int]


def content_digest(data: bytes) -> bytes:
    """The digest of a file's bytes (of a text, of its UTF-8 encoding)."""
    return hashlib.blake2b(data, digest_size=16).digest()


def _signature(status: os.stat_result) -> Signature:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


@dataclass
class FileDigests:
    """The content digest of each file read, by path, with the signature it had then.

    `reads` counts the files actually read (what the cache saves is the rest); `clock` gives
    the time in nanoseconds (a parameter so that a test can say when "now" is).
    """

    entries: dict[str, tuple[Signature, bytes]] = field(default_factory=dict)
    reads: int = 0
    clock: Callable[[], int] = field(default=time.time_ns, repr=False, compare=False)

    def digest(self, path: Path | str) -> bytes:
        """`content_digest` of the file at `path`; read only when its signature changed.
        Raises OSError as reading it would."""
        key = os.fspath(path)
        signature = _signature(os.stat(key))
        known = self.entries.get(key)
        if known is not None and known[0] == signature:
            return known[1]
        read_at = self.clock()
        with open(key, "rb") as file:
            digest = content_digest(file.read())
        self.reads += 1
        # The signature is the one stated before reading: if the file changes while it is
        # read, its next signature differs and it is read again.
        if self._quiet(signature, read_at):
            self.entries[key] = (signature, digest)
        else:
            self.entries.pop(key, None)
        return digest

    def _quiet(self, signature: Signature, read_at: int) -> bool:
        """Whether the file's last modification and change were long enough before it was
        read that a later write would show in its signature."""
        _, modified, changed, _ = signature
        return max(modified, changed) < read_at - int(RACY_SECONDS * 1e9)
