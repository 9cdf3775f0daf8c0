"""Every folder in fixtures/invalid/ is one bad input: the CLI must name its file, line and code.

A case folder holds `case.yaml` (what is expected, and how to set the case up) and `files/`,
which is laid over a copy of fixtures/base/. `expect.message`, when given, is a regular
expression the message must match; `exit` is 0 for a case that only warns.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, copy_tree, invoke, run_cli

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def _meta(case_dir: Path) -> dict:
    return yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))


def _names_a_file(case_dir: Path) -> bool:
    """Whether the case's finding is about a file that is there to be named on the command line."""
    meta = _meta(case_dir)
    path = meta["expect"]["path"]
    return path.endswith(".yaml") and path not in meta.get("remove", [])


# A removed registry file or a symlinked folder cannot be named the way pre-commit names files.
NAMED_CASES = [c for c in CASES if _names_a_file(c)]


def _set_up(case_dir: Path, root: Path) -> dict:
    meta = _meta(case_dir)
    copy_tree(FIXTURES / "base", root)
    if (case_dir / "files").is_dir():
        copy_tree(case_dir / "files", root)
    for path in meta.get("remove", []):
        (root / path).unlink()
    if "symlink" in meta:
        link = root / meta["symlink"]["path"]
        if link.exists() or link.is_symlink():
            link.unlink()
        os.symlink(meta["symlink"]["target"], link)
    if "generate" in meta:
        target = root / meta["generate"]["path"]
        filler = "# 填充\n" * (meta["generate"]["bytes"] // 10)
        target.write_text(target.read_text(encoding="utf-8") + filler, encoding="utf-8")
    return meta


def test_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_invalid_case(case_dir: Path, tmp_path: Path):
    root = tmp_path / "repo"
    meta = _set_up(case_dir, root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()}

    result = invoke("validate", "--root", str(root))

    expect = meta["expect"]
    assert result.returncode == meta.get("exit", 1), result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    pattern = rf"^{re.escape(expect['path'])}:{expect['line']}:(\d+): {expect['code']} (.+)$"
    matches = re.findall(pattern, result.stdout, re.M)
    assert matches, f"expected {expect} in:\n{result.stdout}"
    col, message = matches[0]
    if "col" in expect:
        assert int(col) == expect["col"]
    assert re.search(r"[\u4e00-\u9fff]", message), "messages are in Chinese"
    if "message" in expect:  # what the message must say to prevent the user's mistake
        assert re.search(expect["message"], message), message
    # Validation never changes a file.
    after = {p: p.read_bytes() for p in before}
    assert after == before


@pytest.mark.parametrize("case_dir", NAMED_CASES, ids=[c.name for c in NAMED_CASES])
def test_invalid_case_named_path(case_dir: Path, tmp_path: Path):
    """Validating only the bad file (as pre-commit does) reports the same finding."""
    root = tmp_path / "repo"
    meta = _set_up(case_dir, root)
    target = root / meta["expect"]["path"]
    assert target.exists() or target.is_symlink()
    result = invoke("validate", "--root", str(root), str(target), cwd=root)
    assert result.returncode == meta.get("exit", 1), result.stdout + result.stderr
    assert f"{meta['expect']['path']}:{meta['expect']['line']}:" in result.stdout
    assert meta["expect"]["code"] in result.stdout


@pytest.mark.parametrize(
    "name", ["deep-flow-nesting", "alias-bomb", "python-tag", "gbk-encoding", "symlink"]
)
def test_hostile_case_in_a_real_process(name: str, tmp_path: Path):
    """The most hostile inputs, in a separate process: exit 1, a message, no crash or traceback."""
    root = tmp_path / "repo"
    meta = _set_up(FIXTURES / "invalid" / name, root)
    result = run_cli("validate", "--root", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{meta['expect']['path']}:{meta['expect']['line']}:" in result.stdout
