"""pre-commit runs the validator on staged submissions, in a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, TODAY
from gitrepo import Repo


def _precommit(root, *args):
    env_cmd = ["env", f"SCTRACK_TODAY={TODAY}", "pre-commit", *args]
    return subprocess.run(env_cmd, cwd=root, capture_output=True, text=True)


def test_config_and_manifest_are_valid():
    assert _precommit(REPO, "validate-config", ".pre-commit-config.yaml").returncode == 0
    assert _precommit(REPO, "validate-manifest", ".pre-commit-hooks.yaml").returncode == 0


@pytest.mark.slow
def test_hook_blocks_a_commit_with_a_broken_report(base_tree):
    shutil.copy(REPO / ".pre-commit-config.yaml", base_tree)
    repo = Repo(base_tree)
    repo.git("add", "-A")
    report = base_tree / "submissions/projects/alpha-region/2021-Q2.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("kind: region", "kind: regoin"), encoding="utf-8"
    )
    repo.git("add", "-A")

    result = _precommit(base_tree, "run", "sctrack-validate")
    assert result.returncode == 1
    assert "2021-Q2.yaml:3:1: S005" in result.stdout

    report.write_text(
        report.read_text(encoding="utf-8").replace("kind: regoin", "kind: region"), encoding="utf-8"
    )
    repo.git("add", "-A")
    assert _precommit(base_tree, "run", "sctrack-validate").returncode == 0


# What the `site` extra brings (pyproject.toml); the hook's environment has none of it.
HEAVY = ("pandas", "numpy", "matplotlib", "mkdocs", "material", "openpyxl", "docx", "jieba", "nh3")
VALIDATE_AND_LIST = """
import sys
from site_builder.cli.main import cli
try:
    cli.main(["validate", "--root", sys.argv[1]], prog_name="sctrack")
except SystemExit as done:
    print("exit", done.code)
print(" ".join(sorted(m for m in sys.modules if "." not in m)))
"""


def test_validate_imports_nothing_of_the_site_extra(tmp_path):
    """`sctrack validate` (the hook) runs on the core dependencies alone."""
    result = subprocess.run(
        [sys.executable, "-c", VALIDATE_AND_LIST, str(REPO)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "SCTRACK_TODAY": TODAY},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "exit 0" in lines, result.stdout
    loaded = set(lines[-1].split())
    assert "site_builder" in loaded and not loaded & set(HEAVY)


def test_a_site_command_without_the_site_extra_says_what_to_install():
    """Where only the core is installed, a build asks for the extra instead of a traceback."""
    blocker = "import sys; sys.modules['pandas'] = None; sys.modules['mkdocs'] = None\n"
    code = blocker + "from site_builder.cli.main import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "build", "--root", str(REPO)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 2
    assert 'pip install -e ".[site]"' in result.stderr and "Traceback" not in result.stderr
