"""The public form says nothing about who has reported (issue 23): two public builds whose
trees differ only by one merged enterprise report of an open period give identical admin/."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from site_builder.pipeline.build import build

from conftest import _copy_repo_data

pytestmark = pytest.mark.slow  # builds two sites

WINDOW = "2022-01-10"  # 2021 Q4 and the 2021 summary are open
MERGED = "submissions/projects/taiyuan-heavy-equipment/2021-Q4.yaml"


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_admin_is_the_same_whichever_open_reports_were_merged(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SCTRACK_TODAY", WINDOW)
    with_report = _copy_repo_data(tmp_path / "with")
    without = _copy_repo_data(tmp_path / "without")
    (without / MERGED).unlink()
    sites = [build(root, "public").site_dir / "admin" for root in (with_report, without)]
    names = _files(sites[0])
    assert "config.yml" in names and names == _files(sites[1])
    match, mismatch, errors = filecmp.cmpfiles(sites[0], sites[1], names, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(names)
    # The merged report is still offered, and no figure of it is in the page.
    config = (sites[0] / "config.yml").read_text(encoding="utf-8")
    assert MERGED in config and "上期" not in config
