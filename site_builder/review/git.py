"""Every git process the package starts goes through here: the questions the pull-request
commands ask, the history behind confirmation dates, the demo's scratch repository and the
build's fingerprint, one process each."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from site_builder.errors import SctrackError


class GitError(SctrackError):
    """git failed (not a repository, an unknown revision...)."""


# History as it was committed: replace refs (`git replace`) and a graft file swap a commit's
# dates or parents without changing its id, so every git call here ignores both.
UNREWRITTEN = {"GIT_NO_REPLACE_OBJECTS": "1", "GIT_GRAFT_FILE": os.devnull}


def _environment(env: Mapping[str, str] | None) -> dict[str, str]:
    return {**(os.environ if env is None else env), **UNREWRITTEN}


def _command(root: Path, args: tuple[str, ...]) -> list[str]:
    """git in the repository at `root`, paths as they are (`core.quotepath=off`)."""
    return ["git", "-C", str(root), "-c", "core.quotepath=off", *args]


def run(root: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    """git's output in the repository at `root`; `env` replaces the environment.

    Paths come out as they are (`core.quotepath=off`): a folder named in Chinese is not
    turned into octal escapes that match no file.
    """
    try:
        result = subprocess.run(
            _command(root, args),
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=_environment(env),
        )
    except OSError as err:
        raise GitError(f"无法运行 git：{err}") from err
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {args[0]} 失败")
    return result.stdout


def output(root: Path, *args: str) -> str | None:
    """git's output, or None when git fails or is not installed (the caller degrades)."""
    try:
        return run(root, *args)
    except GitError:
        return None


@dataclass
class Pending:
    """A git command running in its own process, its output going to a temporary file (no
    thread and no pipe to drain: this process goes on with other work meanwhile)."""

    process: subprocess.Popen[bytes]
    out: IO[bytes]

    def output(self) -> str | None:
        """Its output once it has finished; None when it failed (as `output`)."""
        code = self.process.wait()
        self.out.seek(0)
        data = self.out.read()
        self.out.close()
        return data.decode("utf-8") if code == 0 else None

    def close(self) -> None:
        """Not wanted after all: stop it and free its file."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.out.close()


def start(root: Path, *args: str) -> Pending | None:
    """`git args` started in the background (None when git cannot be run)."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by Pending.output or close)
    try:
        process = subprocess.Popen(
            _command(root, args),
            stdout=out,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=_environment(None),
        )
    except OSError:
        out.close()
        return None
    return Pending(process, out)


def head_commit(root: Path) -> str:
    """The commit checked out at `root`; "" outside a repository or before the first commit."""
    return (output(root, "rev-parse", "HEAD") or "").strip()


def show(root: Path, rev: str, path: str) -> str | None:
    """A file's text at a revision; None when it does not exist there."""
    try:
        return run(root, "show", f"{rev}:{path}")
    except GitError:
        return None


def blobs(root: Path, shas: list[str]) -> dict[str, bytes]:
    """The contents of blobs named by their object ids, in one `git cat-file --batch`.

    Object ids on stdin (never paths, so no file name can break the request); each answer
    is "<sha> <type> <size>" and exactly <size> bytes, read by count.
    """
    if not shas:
        return {}
    try:
        result = subprocess.run(
            _command(root, ("cat-file", "--batch")),
            input="".join(f"{sha}\n" for sha in shas).encode("ascii"),
            capture_output=True,
            env=_environment(None),
        )
    except OSError as err:
        raise GitError(f"无法运行 git：{err}") from err
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or "git cat-file 失败")
    out, position, found = result.stdout, 0, {}
    while position < len(out):
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3:  # "<sha> missing" has no content
            size = int(header[2])
            if header[1] == b"blob":
                found[header[0].decode("ascii")] = out[position : position + size]
            position += size + 1  # the content and its trailing newline
    return found


def resolve(root: Path, rev: str) -> str:
    try:
        return run(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except GitError as err:
        raise GitError(f"找不到版本“{rev}”") from err


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, R renamed, C copied, T type changed, ...
    path: str  # the new path (the old one for a deletion)
    old_path: str | None  # for renames and copies
    old_mode: str
    new_mode: str

    @property
    def is_symlink(self) -> bool:
        return "120000" in (self.old_mode, self.new_mode)

    @property
    def is_submodule(self) -> bool:
        return "160000" in (self.old_mode, self.new_mode)


def changes(root: Path, base: str, head: str) -> list[Change]:
    """What changed from base to head, renames detected, from `git diff --raw -z` itself."""
    output = run(root, "diff", "--raw", "-z", "-M", "--no-abbrev", base, head, "--")
    fields = output.split("\0")
    result = []
    i = 0
    while i < len(fields) and fields[i]:
        meta = fields[i].lstrip(":").split()
        old_mode, new_mode, status = meta[0], meta[1], meta[4]
        letter = status[0]
        if letter in "RC":
            result.append(Change(letter, fields[i + 2], fields[i + 1], old_mode, new_mode))
            i += 3
        else:
            result.append(Change(letter, fields[i + 1], None, old_mode, new_mode))
            i += 2
    return result


def list_files(root: Path, rev: str, folder: str) -> list[str]:
    output = run(root, "ls-tree", "-r", "--name-only", "-z", rev, "--", folder)
    return [p for p in output.split("\0") if p]
