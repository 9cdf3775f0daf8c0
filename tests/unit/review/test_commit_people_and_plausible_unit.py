"""Who made a pull request's commits (check-scope --commits), and which merge dates to doubt."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from site_builder.errors import DataError
from site_builder.review import commit_people, plausible

from gitrepo import Repo

T0 = datetime(2021, 4, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def test_every_author_and_committer_is_judged_and_an_unknown_one_refuses(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("a.txt", "a\n")
    repo.commit("base", "2021-04-01")
    base = repo.git("rev-parse", "HEAD").strip()
    repo.write("a.txt", "b\n")
    repo.commit("one", "2021-04-02")
    repo.write("a.txt", "c\n")
    repo.commit("two", "2021-04-03")
    first, second = repo.git("rev-list", "--reverse", f"{base}..HEAD").split()
    pages = tmp_path / "commits.json"
    listed = [
        {"sha": first, "author": {"login": "clerk"}, "committer": {"login": "web-flow"}},
        {"sha": second, "author": None, "commit": {"author": {"name": "某人"}},
         "committer": {"login": "other"}},
    ]  # fmt: skip
    # `gh api --paginate` writes one JSON array per page.
    pages.write_text(json.dumps(listed[:1]) + "\n" + json.dumps(listed[1:]), encoding="utf-8")
    entries = commit_people.read_commit_list(pages)
    people = commit_people.commit_people(repo.root, base, "HEAD", entries)
    assert people.logins == ["clerk", "other"]
    assert [f.code for f in people.findings] == ["R014"] and "某人" in people.findings[0].message
    missing = commit_people.commit_people(repo.root, base, "HEAD", entries[:1])
    assert [f.code for f in missing.findings] == ["R015"]


def test_a_file_that_is_not_githubs_list_is_a_data_error(tmp_path):
    bad = tmp_path / "commits.json"
    bad.write_text('{"message": "Not Found"}', encoding="utf-8")
    with pytest.raises(DataError):
        commit_people.read_commit_list(bad)


def _commit(sha: str, hours: float, parents: tuple[str, ...] = ()) -> dict:
    return {"sha": sha, "parents": list(parents), "at": T0 + timedelta(hours=hours)}


def test_dates_that_cannot_be_believed_are_named():
    mainline = [
        _commit("a", 0),
        _commit("b", 10, ("a", "x")),  # merges x, made at 12 h: dated before what it merges
        _commit("c", -5, ("b",)),  # before the repository's first commit
        _commit("d", 20, ("b",)),
        _commit("e", 15, ("d",)),  # runs backwards
        _commit("f", 10_000, ("e",)),  # after now
    ]
    times = {c["sha"]: c["at"] for c in mainline} | {"x": T0 + timedelta(hours=12)}
    found = plausible.doubts(mainline, times, now=T0 + timedelta(hours=100))
    assert set(found) == {"b", "c", "e", "f"}
    assert "早于它所合并的提交" in found["b"] and "早于仓库的第一次提交" in found["c"]
    assert "时间倒退" in found["e"] and "晚于当前时间" in found["f"]
    assert plausible.wide_damage(2, 6) == "" and "无法读取确认时间" in plausible.wide_damage(4, 6)
