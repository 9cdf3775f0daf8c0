"""Real git repositories in temporary folders, with fixed dates for every commit: the one git
repository fixture of the suite (`Repo`, `base_repo`, `git_environment`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import FIXTURES


def git_environment(author: str, committer: str) -> dict[str, str]:
    """The environment of git run by `author` and committed by `committer`, with no user's or
    system's configuration (so a developer's hooks, signing or defaults never come in)."""
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": f"{author}@example.org",
        "GIT_COMMITTER_NAME": committer,
        "GIT_COMMITTER_EMAIL": f"{committer}@example.org",
    }


def base_repo(root: Path, date: str, branch: str | None = "pr") -> Repo:
    """The `base` fixture tree committed on `date` on main, then `branch` checked out for a pull
    request's changes (none: stay on main)."""
    shutil.copytree(FIXTURES / "base", root)
    repo = Repo(root)
    repo.commit("base", date)
    if branch:
        repo.git("checkout", "-q", "-b", branch)
    return repo


class Repo:
    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(
        self,
        *args: str,
        date: str | None = None,
        author: str = "clerk",
        author_date: str | None = None,
        at: str | None = None,
        author_at: str | None = None,
        committer: str = "reviewer",
    ) -> str:
        """Run git; `date`/`author_date` are days at 10:00 Beijing time, `at`/`author_at` full
        ISO 8601 instants with their own offset (as a forge or a laptop would record them)."""
        env = git_environment(author, committer)
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T10:00:00+08:00"
        if author_date:
            env["GIT_AUTHOR_DATE"] = f"{author_date}T10:00:00+08:00"
        if at:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = at
        if author_at:
            env["GIT_AUTHOR_DATE"] = author_at
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str, date: str, author: str = "clerk") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date, author=author)

    def merge_pr(
        self,
        number: int,
        files: dict[str, str],
        submitted: str,
        confirmed: str,
        style: str = "merge",
    ) -> None:
        """A pull request: a branch commit at `submitted`, merged into main at `confirmed`."""
        branch = f"pr-{number}"
        self.git("checkout", "-q", "-b", branch)
        for path, text in files.items():
            self.write(path, text)
        self.commit(f"submit {branch}", submitted)
        self.git("checkout", "-q", "main")
        if style == "merge":
            self.git(
                "merge",
                "-q",
                "--no-ff",
                "-m",
                f"Merge pull request #{number} from clerk/{branch}",
                branch,
                date=confirmed,
            )
        elif style == "squash":
            self.git("merge", "-q", "--squash", branch)
            # The squash commit keeps the submitter's authorship and time; it lands at confirmation.
            self.git(
                "commit", "-q", "-m", f"报告 (#{number})", date=confirmed, author_date=submitted
            )
        elif style == "gitlab":
            message = f"Merge branch '{branch}' into 'main'\n\n报告\n\nSee merge request province/sctrack!{number}"
            self.git("merge", "-q", "--no-ff", "-m", message, branch, date=confirmed)
        self.git("branch", "-q", "-D", branch)
