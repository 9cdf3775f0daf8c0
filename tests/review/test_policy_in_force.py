"""The rules that judge a period are those in force on its due date (issue 25, item 2).

The base fixture's policy has quarterly reports due on the 15th of the month after the quarter,
no grace. On 2021-08-01 the province moves the due day to the 10th. By the rule, 2021-Q1 and
2021-Q2 (due 04-15 and 07-15, before the change) are judged by the 15th, 2021-Q3 (due 10-10
under the new rule, after the change) by the 10th.
"""

from __future__ import annotations

import pytest
from test_statuses_git import POLICY, Q1, Q2, _base, _compliance, _land

ADJUSTMENTS = "submissions/registry/adjustments.yaml"

pytestmark = pytest.mark.slow

Q3 = "submissions/projects/alpha-region/2021-Q3.yaml"


def test_a_later_deadline_change_never_rewrites_the_past(tmp_path):
    repo, kept = _base(tmp_path)
    repo.commit("登记项目", "2020-04-16")
    # Q1 confirmed 04-14, Q2 on 07-13: on time by the 15th, late by the 10th.
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    _land(repo, 4, {Q2: kept[Q2]}, "2021-07-13T10:00:00+08:00", "2021-07-12T10:00:00+08:00")
    before_data, before = _compliance(repo.root, "--as-of", "2021-07-31")

    policy = (repo.root / POLICY).read_text(encoding="utf-8")
    changed = policy.replace("quarterly_due_day: 15", "quarterly_due_day: 10")
    assert changed != policy
    _land(repo, 5, {POLICY: changed}, "2021-08-01T10:00:00+08:00", "2021-08-01T09:00:00+08:00")
    q3 = kept[Q2].replace("period: 2021-Q2", "period: 2021-Q3")
    # Q3 confirmed on 10-12: on time by the old 15th, late by the new 10th.
    _land(repo, 6, {Q3: q3}, "2021-10-12T10:00:00+08:00", "2021-10-11T10:00:00+08:00")

    for as_of in ("2021-08-02", "2021-10-31", None):
        data, after = _compliance(repo.root, *(["--as-of", as_of] if as_of else []))
        for period, due in (("2021-Q1", "2021-04-15"), ("2021-Q2", "2021-07-15")):
            row = after[("alpha-region", period)]
            assert (row["status"], row["due"]) == ("on_time", due), (as_of, period)
            assert row == before[("alpha-region", period)]
        # Rates of the earlier periods are those computed before the change.
        rates = {r["period"]: r for r in data["rates"]["by_period"]}
        for r in before_data["rates"]["by_period"]:
            if r["period"] in ("2021-Q1", "2021-Q2"):
                assert rates[r["period"]] == r
        alpha = {p["project"]: p for p in data["projects"]}["alpha-region"]
        # Its missing 2020 reports may warn it; Q1 and Q2 are never called late.
        said = "".join(alpha["reasons"])
        assert "第一季度逾期" not in said and "第二季度逾期" not in said, alpha
        if as_of == "2021-08-02":  # nothing fell due since: the same proposals as before
            assert data["projects"] == before_data["projects"]
    # The new rule judges the period due after it.
    _, late = _compliance(repo.root, "--as-of", "2021-10-31")
    assert late[("alpha-region", "2021-Q3")]["due"] == "2021-10-10"
    assert late[("alpha-region", "2021-Q3")]["status"] == "late"


def test_a_later_deadline_change_never_makes_a_cancelled_period_owed(tmp_path):
    """Cancelled from 07-12: Q2, due 07-15 then, fell due while cancelled and is not owed. A
    later move of the due day to the 10th would put 07-10 before the cancellation."""
    repo, kept = _base(tmp_path)
    repo.commit("登记项目", "2020-04-16")
    _land(repo, 3, {Q1: kept[Q1]}, "2021-04-14T10:00:00+08:00", "2021-04-12T10:00:00+08:00")
    adjustments = (repo.root / ADJUSTMENTS).read_text(encoding="utf-8")
    cancelled = adjustments.replace(
        "decisions:\n",
        "decisions:\n  - project: alpha-region\n    date: 2021-07-12\n    decision: cancel\n"
        "    document_no: 测试〔2021〕2号\n    reason: 测试用的取消决定。\n",
    )
    assert cancelled != adjustments
    _land(
        repo, 4, {ADJUSTMENTS: cancelled}, "2021-07-12T10:00:00+08:00", "2021-07-12T09:00:00+08:00"
    )
    _, before = _compliance(repo.root, "--as-of", "2021-07-31")
    assert ("alpha-region", "2021-Q2") not in before

    policy = (repo.root / POLICY).read_text(encoding="utf-8")
    changed = policy.replace("quarterly_due_day: 15", "quarterly_due_day: 10")
    _land(repo, 5, {POLICY: changed}, "2021-08-01T10:00:00+08:00", "2021-08-01T09:00:00+08:00")
    for as_of in ("2021-08-02", None):
        _, after = _compliance(repo.root, *(["--as-of", as_of] if as_of else []))
        assert ("alpha-region", "2021-Q2") not in after, as_of
        assert after[("alpha-region", "2021-Q1")] == before[("alpha-region", "2021-Q1")]
