"""check-scope against real git repositories: who may change what."""

from __future__ import annotations

import json
import os

import pytest

from conftest import invoke
from gitrepo import Repo, base_repo

ALPHA = "submissions/projects/alpha-region"
BETA = "submissions/projects/beta-firm"
REPORT = "project: alpha-region\nperiod: 2021-Q3\n"  # content does not matter to check-scope


@pytest.fixture
def repo(tmp_path, git_history: None) -> Repo:
    return base_repo(tmp_path / "repo", "2021-06-01")


def _check(repo: Repo, author: str, *, commit: bool = True):
    if commit:
        repo.git("add", "-A")
        repo.git("commit", "-q", "--allow-empty", "-m", "change", date="2021-06-02")
    return invoke(
        "check-scope",
        "--root",
        str(repo.root),
        "--author",
        author,
        "--base",
        "main",
        "--head",
        "pr",
    )


def _write(repo: Repo, path: str, text: str = REPORT) -> None:
    repo.write(path, text)


def _rename(repo: Repo, old: str, new: str) -> None:
    (repo.root / new).parent.mkdir(parents=True, exist_ok=True)
    repo.git("mv", old, new)


def _delete(repo: Repo, path: str) -> None:
    repo.git("rm", "-q", path)


ALLOW, REFUSE = 0, 1
CASES = [
    # (name, author, action, expected exit, a word of the message)
    (
        "own project, new report",
        "alpha-clerk",
        lambda r: _write(r, f"{ALPHA}/2021-Q3.yaml"),
        ALLOW,
        "",
    ),
    (
        "own project, edit report",
        "alpha-clerk",
        lambda r: _write(r, f"{ALPHA}/2021-Q2.yaml", "edited\n"),
        ALLOW,
        "",
    ),
    (
        "login compared without case",
        "Alpha-Clerk",
        lambda r: _write(r, f"{ALPHA}/2021-Q3.yaml"),
        ALLOW,
        "",
    ),
    (
        "other city's project",
        "alpha-clerk",
        lambda r: _write(r, f"{BETA}/2021-Q2.yaml"),
        REFUSE,
        "不是项目",
    ),
    (
        "own project.yaml",
        "alpha-clerk",
        lambda r: _write(r, f"{ALPHA}/project.yaml", "id: alpha-region\n"),
        REFUSE,
        "立项信息",
    ),
    (
        "registry by a submitter",
        "alpha-clerk",
        lambda r: _write(r, "submissions/registry/policy.yaml", "{}\n"),
        REFUSE,
        "登记信息",
    ),
    (
        "registry by the province",
        "province-admin",
        lambda r: _write(r, "submissions/registry/policy.yaml", "{}\n"),
        ALLOW,
        "",
    ),
    (
        "workflow by a submitter",
        "alpha-clerk",
        lambda r: _write(r, ".github/workflows/x.yml", "on: push\n"),
        REFUSE,
        ".github",
    ),
    (
        "workflow by the province",
        "province-admin",
        lambda r: _write(r, ".github/workflows/x.yml", "on: push\n"),
        ALLOW,
        "",
    ),
    (
        "code by a submitter",
        "alpha-clerk",
        lambda r: _write(r, "site_builder/evil.py", "import os\n"),
        REFUSE,
        "程序",
    ),
    (
        "new project folder by a submitter",
        "alpha-clerk",
        lambda r: _write(r, "submissions/projects/gamma/project.yaml", "id: gamma\n"),
        REFUSE,
        "新增项目",
    ),
    (
        "new project folder by the province",
        "province-admin",
        lambda r: _write(r, "submissions/projects/gamma/project.yaml", "id: gamma\n"),
        ALLOW,
        "",
    ),
    (
        "rename out of scope",
        "alpha-clerk",
        lambda r: _rename(r, f"{ALPHA}/2021-Q2.yaml", f"{BETA}/2021-Q2b.yaml"),
        REFUSE,
        "beta-firm",
    ),
    (
        "rename into scope",
        "alpha-clerk",
        lambda r: _rename(r, f"{BETA}/2021-Q1.yaml", f"{ALPHA}/2021-Q3.yaml"),
        REFUSE,
        "beta-firm",
    ),
    (
        # A confirmed report renamed to another period is its deletion in disguise (issue 15).
        "rename of a confirmed report within own project",
        "alpha-clerk",
        lambda r: _rename(r, f"{ALPHA}/2021-Q2.yaml", f"{ALPHA}/2022-Q1.yaml"),
        REFUSE,
        "删除",
    ),
    (
        "twin report with full-width digits",
        "alpha-clerk",
        lambda r: _write(r, f"{ALPHA}/\uff12\uff10\uff12\uff11-Q2.yaml"),
        REFUSE,
        "报告期",
    ),
    (
        "twin report with Arabic-Indic digits",
        "alpha-clerk",
        lambda r: _write(r, f"{ALPHA}/\u0662\u0660\u0662\u0661-Q2.yaml"),
        REFUSE,
        "报告期",
    ),
    (
        "deletion by a submitter",
        "alpha-clerk",
        lambda r: _delete(r, f"{ALPHA}/2021-Q1.yaml"),
        REFUSE,
        "删除",
    ),
    (
        "deletion by the province",
        "province-admin",
        lambda r: _delete(r, f"{ALPHA}/2021-Q1.yaml"),
        ALLOW,
        "",
    ),
    (
        "project folder differing in case",
        "alpha-clerk",
        lambda r: _write(r, "submissions/projects/Alpha-Region/2021-Q3.yaml"),
        REFUSE,
        "大小写",
    ),
    (
        "file differing in case",
        "alpha-clerk",
        lambda r: _write(r, f"{ALPHA}/2021-q1.yaml"),
        REFUSE,
        "大小写",
    ),
    (
        "case variant by the province too",
        "province-admin",
        lambda r: _write(r, f"{ALPHA}/2021-q1.yaml"),
        REFUSE,
        "大小写",
    ),
    (
        "symlink in own project",
        "alpha-clerk",
        lambda r: os.symlink("/etc/passwd", r.root / ALPHA / "2021-Q3.yaml"),
        REFUSE,
        "符号链接",
    ),
    (
        "symlink by the province",
        "province-admin",
        lambda r: os.symlink("/etc/passwd", r.root / ALPHA / "link.yaml"),
        REFUSE,
        "符号链接",
    ),
    (
        "stray file in own project",
        "alpha-clerk",
        lambda r: _write(r, f"{ALPHA}/notes.txt", "x\n"),
        REFUSE,
        "报告期",
    ),
    ("unknown author", "mallory", lambda r: _write(r, f"{ALPHA}/2021-Q3.yaml"), REFUSE, "不是项目"),
    (
        "granting oneself rights in the same PR",
        "mallory",
        lambda r: (
            _write(
                r,
                f"{ALPHA}/project.yaml",
                (r.root / ALPHA / "project.yaml")
                .read_text(encoding="utf-8")
                .replace("[alpha-clerk]", "[alpha-clerk, mallory]"),
            ),
            _write(r, f"{ALPHA}/2021-Q3.yaml"),
        ),
        REFUSE,
        "不是项目",
    ),
    (
        "becoming a maintainer in the same PR",
        "mallory",
        lambda r: _write(
            r,
            "submissions/registry/cities.yaml",
            (r.root / "submissions/registry/cities.yaml")
            .read_text(encoding="utf-8")
            .replace("[province-admin]", "[province-admin, mallory]"),
        ),
        REFUSE,
        "登记信息",
    ),
]


@pytest.mark.parametrize("name, author, action, expected, word", CASES, ids=[c[0] for c in CASES])
def test_check_scope(repo, name, author, action, expected, word):
    action(repo)
    result = _check(repo, author)
    assert result.returncode == expected, result.stdout + result.stderr
    assert word in result.stdout + result.stderr
    if expected == REFUSE:
        offending = [
            line
            for line in result.stdout.splitlines()
            if line.startswith(("submissions/", ".github/", "site_builder/"))
        ]
        assert offending, "one line per offending path"


def test_empty_diff_is_allowed(repo):
    result = _check(repo, "alpha-clerk", commit=False)
    assert result.returncode == 0
    assert "没有改动" in result.stdout


def test_unknown_revision_is_a_usage_error(repo):
    result = invoke(
        "check-scope", "--root", str(repo.root), "--author", "x", "--base", "no-such-branch"
    )
    assert result.returncode == 2


# --- every person of the pull request: its commits' authors and committers -----------------


def _commit(repo: Repo, path: str, author: str) -> str:
    _write(repo, path, f"{REPORT}# {author}\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", f"by {author}", date="2021-06-02", author=author)
    return repo.git("rev-parse", "HEAD").strip()


def _entry(sha: str, author: str | None, committer: str | None = "web-flow") -> dict:
    """One commit as GitHub's "list commits on a pull request" gives it."""
    return {
        "sha": sha,
        "commit": {"author": {"name": author or "某人"}, "committer": {"name": "GitHub"}},
        "author": {"login": author} if author else None,
        "committer": {"login": committer} if committer else None,
    }


def _check_commits(repo: Repo, entries: list[dict], *authors: str, pages: int = 1):
    listing = repo.root.parent / "commits.json"
    size = max(1, -(-len(entries) // pages))
    chunks = [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]
    # `gh api --paginate` writes one array per page, one after the other.
    listing.write_text("".join(json.dumps(chunk) for chunk in chunks), encoding="utf-8")
    args = [a for author in authors for a in ("--author", author)]
    return invoke(
        "check-scope", "--root", str(repo.root), *args, "--commits", str(listing),
        "--base", "main", "--head", "pr",
    )  # fmt: skip


def test_a_commit_by_a_second_submitter_without_rights_refuses_the_pull_request(repo):
    """alpha-clerk opens the PR; beta-clerk (no rights over alpha) pushes a commit onto it."""
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    second = _commit(repo, f"{ALPHA}/2021-Q4.yaml", "beta-clerk")
    entries = [_entry(first, "alpha-clerk"), _entry(second, "beta-clerk")]
    result = _check_commits(repo, entries, "alpha-clerk", pages=2)
    assert result.returncode == REFUSE, result.stdout + result.stderr
    assert "R010" in result.stdout and "beta-clerk 不是项目“alpha-region”的报送人" in result.stdout
    # The same pull request with its own submitter's commits only is allowed.
    entries[1] = _entry(second, "alpha-clerk", committer="alpha-clerk")
    allowed = _check_commits(repo, entries, "alpha-clerk")
    assert allowed.returncode == ALLOW, allowed.stdout + allowed.stderr
    assert "alpha-clerk 都可以修改" in allowed.stdout


def test_the_last_pusher_is_judged_too(repo):
    sha = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    result = _check_commits(repo, [_entry(sha, "alpha-clerk")], "alpha-clerk", "beta-clerk")
    assert result.returncode == REFUSE and "beta-clerk 不是项目" in result.stdout
    # A maintainer's push onto a submitter's pull request takes nothing away.
    ok = _check_commits(repo, [_entry(sha, "alpha-clerk")], "alpha-clerk", "province-admin")
    assert ok.returncode == ALLOW, ok.stdout + ok.stderr


def test_a_commit_nobody_can_be_named_for_refuses_the_pull_request(repo):
    first = _commit(repo, f"{ALPHA}/2021-Q3.yaml", "alpha-clerk")
    second = _commit(repo, f"{ALPHA}/2021-Q4.yaml", "stranger")
    no_account = _check_commits(
        repo, [_entry(first, "alpha-clerk"), _entry(second, None)], "alpha-clerk"
    )
    assert no_account.returncode == REFUSE
    assert "R014" in no_account.stdout and "没有对应的 GitHub 账号" in no_account.stdout
    unlisted = _check_commits(repo, [_entry(first, "alpha-clerk")], "alpha-clerk")
    assert unlisted.returncode == REFUSE
    assert "R015" in unlisted.stdout and f"提交 {second[:12]}" in unlisted.stdout
    broken = repo.root.parent / "commits.json"
    broken.write_text("{not json", encoding="utf-8")
    result = invoke(
        "check-scope", "--root", str(repo.root), "--author", "alpha-clerk",
        "--commits", str(broken), "--base", "main", "--head", "pr",
    )  # fmt: skip
    assert result.returncode == 1 and "不是 GitHub 返回的提交列表" in result.stderr
