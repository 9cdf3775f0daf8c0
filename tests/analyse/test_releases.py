"""Enterprise aggregates released once per year, frozen at the close of its reporting window.

Two builds that differ only by a firm's reports (or by a correction) merged after the
window closed publish the same enterprise aggregates, so they cannot be subtracted to
isolate that firm; the internal view still shows the current figures. Real git
histories, dated like a forge would date the merges (slow).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from site_builder.analyse.analysis import analyse
from site_builder.analyse.releases import PENDING
from site_builder.analyse.view import View, make_view
from site_builder.pipeline.analysis import Source, released_years, validated
from site_builder.pipeline.session import BuildSession
from site_builder.review.history import read_history

from conftest import TODAY, _copy_repo_data
from gitrepo import Repo

pytestmark = pytest.mark.slow

FIRM = "jinzhong-textile"
FIRM_2021 = [f"2021-Q{q}.yaml" for q in (1, 2, 3, 4)] + ["2021-annual.yaml"]
BEFORE_CLOSE = "2022-01-20"  # 2021's window closes at the end of 2022-01-31 (defaults)
AFTER_CLOSE = "2022-03-01"


def _views(root: Path, as_of: date | None = None) -> dict[str, View]:
    """The working tree's views as of `as_of`: the pipeline's steps, the day given."""
    as_of = as_of or date.fromisoformat(TODAY)
    session = BuildSession()
    corpus = validated(Source(root, "HEAD", as_of), session).corpus
    history = read_history(root)
    analysis = analyse(
        corpus, history, as_of, release=released_years(root, corpus, history, as_of, session)
    )
    return {audience: make_view(analysis, audience) for audience in ("public", "internal")}


def _repository(target: Path, firm_late: bool) -> Repo:
    """The demo data merged before 2021's close; the firm's 2021 reports withheld, and
    merged after the close when `firm_late`."""
    root = _copy_repo_data(target)
    held = target.parent / f"{target.name}-held"
    held.mkdir()
    folder = root / "submissions" / "projects" / FIRM
    for name in FIRM_2021:
        shutil.move(folder / name, held / name)
    repo = Repo(root)
    repo.commit("报送 2021 年报告", BEFORE_CLOSE)
    if firm_late:
        for name in FIRM_2021:
            shutil.move(held / name, folder / name)
        repo.commit(f"补报 {FIRM} 2021 年报告 (#7)", AFTER_CLOSE)
    return repo


def _revenue_total(frame: pd.DataFrame, year: int) -> float:
    row = frame[(frame["indicator"] == "revenue") & (frame["year"] == year)]
    return float(row[row["group"] == "total"]["value"].iloc[0])


def test_a_firm_merged_after_the_close_changes_no_published_aggregate(tmp_path):
    without = _views(_repository(tmp_path / "without", firm_late=False).root)
    with_firm = _views(_repository(tmp_path / "with", firm_late=True).root)
    # The internal site shows current figures: the firm's revenue is in one and not the other.
    assert _revenue_total(with_firm["internal"].enterprise_totals, 2021) > _revenue_total(
        without["internal"].enterprise_totals, 2021
    )
    # The public site shows 2021 as it stood at the close, in both builds.
    pd.testing.assert_frame_equal(
        with_firm["public"].enterprise_totals, without["public"].enterprise_totals
    )
    pd.testing.assert_frame_equal(
        with_firm["public"].enterprise_change, without["public"].enterprise_change
    )
    assert 2021 in set(without["public"].enterprise_totals["year"])


def test_a_correction_after_the_close_changes_no_published_aggregate(tmp_path):
    repo = _repository(tmp_path / "repo", firm_late=False)
    for name in FIRM_2021:
        shutil.move(tmp_path / "repo-held" / name, repo.root / "submissions/projects" / FIRM)
    repo.commit(f"报送 {FIRM} 2021 年报告 (#5)", BEFORE_CLOSE)
    before = _views(repo.root)
    for name in ("2021-Q4.yaml", "2021-annual.yaml"):
        path = repo.root / "submissions/projects" / FIRM / name
        path.write_text(path.read_text(encoding="utf-8").replace("revenue: 11.6", "revenue: 511.6"))
    repo.commit(f"更正 {FIRM} 2021 年营业收入 (#9)", AFTER_CLOSE)
    after = _views(repo.root)
    assert _revenue_total(after["internal"].enterprise_totals, 2021) == pytest.approx(
        _revenue_total(before["internal"].enterprise_totals, 2021) + 500
    )
    pd.testing.assert_frame_equal(
        after["public"].enterprise_totals, before["public"].enterprise_totals
    )
    pd.testing.assert_frame_equal(
        after["public"].enterprise_change, before["public"].enterprise_change
    )


def test_nothing_is_published_for_a_year_whose_window_is_open(tmp_path):
    repo = _repository(tmp_path / "repo", firm_late=False)
    # Everything landed on 2022-01-20: after 2020's close, before 2021's.
    public = _views(repo.root, as_of=date(2022, 1, 30))["public"]
    assert public.enterprise_totals.empty and public.enterprise_change.empty
    assert f"2021年：{PENDING}（2022年1月31日截止）" in public.enterprise_notice
    assert "2020年：报送期结束时尚无已确认的报告" in public.enterprise_notice
    # At the end of 2022-01-31 the window has closed: 2021 is released, 2020 still is not.
    public = _views(repo.root, as_of=date(2022, 1, 31))["public"]
    assert set(public.enterprise_totals["year"]) == {2021}


def test_reports_merged_late_for_a_year_are_left_out_of_its_release(tmp_path):
    """The firm's 2021 figures reached main after the close: the release counts one firm fewer."""
    views = _views(_repository(tmp_path / "repo", firm_late=True).root)
    public, internal = views["public"].enterprise_totals, views["internal"].enterprise_totals

    def contributors(frame: pd.DataFrame) -> int:
        row = frame[(frame["indicator"] == "revenue") & (frame["year"] == 2021)]
        return int(row[row["group"] == "total"]["contributors"].iloc[0])

    assert contributors(public) == contributors(internal) - 1
