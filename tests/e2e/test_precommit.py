"""pre-commit runs the validator on staged submissions, in a real git repository."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import REPO, TODAY


def _git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _precommit(root, *args):
    env_cmd = ["env", f"SCTRACK_TODAY={TODAY}", "pre-commit", *args]
    return subprocess.run(env_cmd, cwd=root, capture_output=True, text=True)


def test_config_and_manifest_are_valid():
    assert _precommit(REPO, "validate-config", ".pre-commit-config.yaml").returncode == 0
    assert _precommit(REPO, "validate-manifest", ".pre-commit-hooks.yaml").returncode == 0


@pytest.mark.slow
def test_hook_blocks_a_commit_with_a_broken_report(base_tree):
    shutil.copy(REPO / ".pre-commit-config.yaml", base_tree)
    _git(base_tree, "init", "-q")
    _git(base_tree, "add", "-A")
    report = base_tree / "submissions/projects/alpha-region/2021-Q2.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("kind: region", "kind: regoin"), encoding="utf-8"
    )
    _git(base_tree, "add", "-A")

    result = _precommit(base_tree, "run", "sctrack-validate")
    assert result.returncode == 1
    assert "2021-Q2.yaml:3:1: S005" in result.stdout

    report.write_text(
        report.read_text(encoding="utf-8").replace("kind: regoin", "kind: region"), encoding="utf-8"
    )
    _git(base_tree, "add", "-A")
    assert _precommit(base_tree, "run", "sctrack-validate").returncode == 0
