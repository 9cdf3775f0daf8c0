"""Every module of site_builder is imported by a test module (tools/untested_modules.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

TOOL = REPO / "tools/untested_modules.py"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), *args], capture_output=True, text=True, encoding="utf-8"
    )


def test_every_module_is_imported_by_a_test():
    result = _run("--check")
    assert result.returncode == 0, "modules without a test:\n" + result.stdout


def test_the_scan_counts_imports_of_a_module_and_of_what_is_under_it(tmp_path: Path):
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_one.py").write_text(
        "from site_builder.load import text\n"
        "def test():\n    import site_builder.present.textable\n",
        encoding="utf-8",
    )
    result = _run("--under", str(tests), "--check")
    assert result.returncode == 1
    listed = set(result.stdout.splitlines()[:-1])
    assert not listed & {
        "site_builder",
        "site_builder.load",
        "site_builder.load.text",
        "site_builder.present",
        "site_builder.present.textable",
    }
    assert {"site_builder.load.tree", "site_builder.office.report"} <= listed
    assert result.stdout.splitlines()[-1].endswith("modules imported by no test module")
