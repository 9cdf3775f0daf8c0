"""Who pushed a GitLab merge request's commits (check-scope --gitlab-mr), from GitLab's answers."""

from __future__ import annotations

from site_builder.review.gitlab_api import MergeRequestRecord
from site_builder.review.gitlab_pushes import push_people

from gitrepo import Repo

MERGE_REQUEST = {
    "iid": 3,
    "source_branch": "topic",
    "source_project_id": 1,
    "target_project_id": 1,
    "author": {"username": "clerk"},
}


def _event(number: int, data: dict, **who) -> dict:
    return {"id": number, "push_data": {"ref_type": "branch", "ref": "topic", **data}, **who}


def test_pushes_are_read_newest_first_by_id_and_a_push_without_an_account_refuses(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("a.txt", "a\n")
    repo.commit("base", "2021-04-01")
    repo.git("checkout", "-q", "-b", "topic")
    repo.write("a.txt", "b\n")
    repo.commit("one", "2021-04-02")
    first = repo.git("rev-parse", "HEAD").strip()
    repo.write("a.txt", "c\n")
    repo.commit("two", "2021-04-03")
    second = repo.git("rev-parse", "HEAD").strip()
    events = [
        # Pages may come in any order: the event ids decide which push came last.
        _event(5, {"action": "pushed", "commit_from": first, "commit_to": second},
               author_username="helper"),
        _event(2, {"action": "created", "commit_to": "f" * 40}, author={"username": "old"}),
        _event(4, {"action": "created", "commit_to": first}, author={"username": "clerk"}),
        _event(6, {"action": "pushed", "commit_from": second, "commit_to": "--upload-pack=x"}),
    ]  # fmt: skip
    record = MergeRequestRecord(MERGE_REQUEST, [{"id": second}, {"id": first}], events, 1)
    people = push_people(repo.root, "main", "topic", record)
    # "old" pushed to an earlier branch of the same name, before the creation (id 4).
    assert people.logins == ["clerk", "helper"]
    # The last push names no account; its tip is no commit and vouches for nothing.
    assert [(f.path, f.code) for f in people.findings] == [("推送 --upload-pac", "R014")]


def test_a_fork_is_refused_before_any_push_is_read(tmp_path):
    forked = {**MERGE_REQUEST, "source_project_id": 2}
    people = push_people(tmp_path, "main", "topic", MergeRequestRecord(forked))
    assert people.logins == ["clerk"]
    assert [(f.path, f.code) for f in people.findings] == [("合并请求 !3", "R016")]
