"""The province benchmark at a tiny size, so synth.py and bench.py cannot rot.

The full run (`python tests/benchmarks/bench.py --projects 500`) stays out of
the suite; this only checks that every figure is measured and reported.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"
SYNTH = Path(__file__).parent.parent / "benchmarks" / "synth.py"

KEYS = {
    "parse_floor_s",
    "validate_s",
    "validate_inprocess_s",
    "check_jsonschema_s",
    "validate_1000_s",
    "build_public_s",
    "build_internal_s",
    "mkdocs_plain_s",
    "rebuild_unchanged_s",
    "rebuild_one_changed_s",
    "site_mb_small",
    "site_mb_large",
    "site_mb_3",
    "site_mb_6",
    "build_s_small",
    "site_growth",
    "build_growth",
    "search_index_mb_public",
    "peak_rss_mb",
    "ratios",
    "machine",
}


@pytest.mark.slow
def test_synth_is_deterministic_and_valid(tmp_path):
    for name in ("a", "b"):
        subprocess.run(
            [sys.executable, str(SYNTH), str(tmp_path / name), "--projects", "4", "--seed", "3"],
            check=True,
            capture_output=True,
        )
    a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a" / "submissions").rglob("*"))
    b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b" / "submissions").rglob("*"))
    assert a == b
    for rel in a:
        if (tmp_path / "a" / rel).is_file():
            assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "validate", "--root", str(tmp_path / "a")],
        env={**os.environ, "SCTRACK_TODAY": "2024-06-30", "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "没有发现问题" in result.stdout, result.stdout


@pytest.mark.slow
def test_bench_reports_every_figure():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--projects", "6", "--small", "3", "--repeat", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("machine:")
    figures = json.loads(lines[-1])
    keys = KEYS | ({"zensical_plain_s"} if importlib.util.find_spec("zensical") else set())
    assert figures.keys() >= keys, keys - figures.keys()
    for key in keys - {"ratios", "machine"}:
        assert isinstance(figures[key], int | float) and figures[key] > 0, key
    assert figures["machine"]["cpu_count"] >= 1
    for name, ratio in figures["ratios"].items():
        assert {"value", "target", "holds"} <= ratio.keys(), name
    # One printed line per figure, before the JSON.
    printed = "\n".join(lines[:-1])
    for key in ("parse_floor_s", "validate_s", "build_public_s", "mkdocs_plain_s"):
        assert key in printed


@pytest.mark.slow
def test_a_large_province_gets_one_status_heatmap_per_city(tmp_path, monkeypatch):
    """One heatmap of every project would be 0.32 inch a row: 500 rows are 32,000 pixels."""
    monkeypatch.syspath_prepend(str(SYNTH.parent))
    import synth

    from site_builder.analyse.analysis import analyse
    from site_builder.analyse.view import make_view
    from site_builder.load import periods
    from site_builder.review.history import read_history
    from site_builder.site.supervision_pages import HEATMAP_MAX_ROWS, compliance_page
    from site_builder.validate.run import validate

    monkeypatch.setenv("SCTRACK_TODAY", "2024-06-30")
    synth.generate(tmp_path, HEATMAP_MAX_ROWS + 10, seed=2)
    result = validate(tmp_path)
    assert result.ok, result.findings[:3]
    analysis = analyse(result.corpus, read_history(tmp_path), periods.today())
    page = compliance_page(make_view(analysis, "internal"))
    heatmaps = [job for job in page.charts if job.kind == "status_heatmap"]
    cities = {project.city for project in result.corpus.projects.values()}
    assert len(heatmaps) == len(cities) > 1
    assert all(len(job.args[0]) <= HEATMAP_MAX_ROWS for job in heatmaps)
    assert sum(len(job.args[0]) for job in heatmaps) == len(result.corpus.projects)
    for job in heatmaps:
        assert f"(../{job.path})" in page.body
