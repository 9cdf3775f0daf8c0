"""`sctrack demo`: the bundled submissions replayed as a real, dated review history."""

from __future__ import annotations

import json
import subprocess
from collections import Counter

from site_builder.load.yamlsafe import parse_file

from conftest import REPO, invoke


def _git_log(root):
    return subprocess.run(
        ["git", "log", "--format=%aI %cI %s"], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def test_replay_holds_the_bundled_data(demo_copy):
    for source in (REPO / "submissions").rglob("*.yaml"):
        replayed = demo_copy / source.relative_to(REPO)
        assert parse_file(replayed, "r").data == parse_file(source, "s").data, source


def test_replay_is_deterministic(demo_copy, tmp_path):
    assert (
        invoke(
            "demo", "--root", str(REPO), "--dir", str(tmp_path / "again"), "--no-build"
        ).returncode
        == 0
    )
    assert _git_log(tmp_path / "again") == _git_log(demo_copy)


def test_history_has_merges_and_squashes(demo_copy):
    log = _git_log(demo_copy)
    assert "Merge pull request #" in log
    assert sum(1 for line in log.splitlines() if line.rstrip().endswith(")") and "(#" in line) > 10


def test_demo_tells_its_story(demo_copy):
    result = invoke("compliance", "--root", str(demo_copy), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    statuses = Counter(r["status"] for r in data["reports"])
    assert statuses["on_time"] > 100 and statuses["late"] >= 1 and statuses["missing"] >= 1
    assert any(r["corrections"] for r in data["reports"])
    advice = Counter(p["recommendation"] for p in data["projects"])
    assert advice["warning"] >= 1 and advice["propose_cancel"] >= 1 and advice["cancelled"] == 1


def test_demo_refuses_to_overwrite_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "notes.txt").write_text("keep me", encoding="utf-8")
    result = invoke("demo", "--root", str(REPO), "--dir", str(tmp_path / "precious"), "--no-build")
    assert result.returncode == 1
    assert (tmp_path / "precious" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_site_shows_statuses_warning_and_cancellation(demo_sites):
    public = (demo_sites["public"] / "compliance/index.html").read_text(encoding="utf-8")
    internal = (demo_sites["internal"] / "compliance/index.html").read_text(encoding="utf-8")
    assert "报送率" in public and "及时率" in public
    for word in ("逾期", "缺报", "按时"):
        assert word in internal
    adjustments_public = (demo_sites["public"] / "adjustments/index.html").read_text(
        encoding="utf-8"
    )
    adjustments_internal = (demo_sites["internal"] / "adjustments/index.html").read_text(
        encoding="utf-8"
    )
    assert "取消重点培育资格" in adjustments_public and "预警" in adjustments_public
    assert "调整建议" not in adjustments_public and "建议取消资格" not in adjustments_public
    assert "建议取消资格" in adjustments_internal and "建议预警" in adjustments_internal


def test_project_timeline_links_pull_requests(demo_sites):
    page = (demo_sites["internal"] / "projects/taiyuan-bank-scf/index.html").read_text(
        encoding="utf-8"
    )
    assert "报送记录" in page
    assert "https://github.com/shanxi-scm-demo/sctrack/pull/" in page
    assert "2021年2月23日" in page  # the correction, dated as the page dates everything
    public = (demo_sites["public"] / "projects/taiyuan-bank-scf/index.html").read_text(
        encoding="utf-8"
    )
    assert "/pull/" not in public
