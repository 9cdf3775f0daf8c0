"""The stage layout holds: imports run one way, modules stay small, the audience is a view."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "site_builder"
# What each stage may not import: the house reads top to bottom, cli -> office -> site ->
# analyse -> validate / review -> load -> spec, and nothing reaches back up. The spec (the
# catalogue and the schemas) is the ground every stage stands on; errors.py is shared by all.
FORBIDDEN = {
    "spec": {"load", "validate", "analyse", "site", "office", "cli", "review"},
    "load": {"validate", "analyse", "site", "office", "cli", "review"},
    "validate": {"analyse", "site", "office", "cli", "review"},
    "analyse": {"site", "office", "cli"},
    "review": {"site", "office", "cli"},
    "site": {"cli"},
    "office": {"cli"},
}
MAX_LINES = 420  # "no module over about 400 lines"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _stage(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def _imported_stages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return {
        name.split(".")[1] for name in names if name.startswith("site_builder.") and "." in name
    }


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_stages(path: Path):
    stage = _stage(path)
    reached = _imported_stages(path) & FORBIDDEN.get(stage, set())
    assert not reached, f"{stage}/ must not import {sorted(reached)}"


def test_only_the_entry_point_imports_the_cli():
    importers = [
        p.relative_to(PACKAGE).as_posix()
        for p in _modules()
        if _stage(p) != "cli" and "cli" in _imported_stages(p)
    ]
    assert importers == ["__main__.py"]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_long(path: Path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{lines} lines: split it by concern"


def test_the_audience_chooses_data_only_in_the_view():
    """Renderers get a view; an `audience ==` test elsewhere may only choose which pages exist."""
    pattern = re.compile(r"(?<!for )audience\s*(==|!=|\bin\b)")
    allowed = {"analyse/view.py"}
    offenders = [
        f"{p.relative_to(PACKAGE).as_posix()}:{number}"
        for p in _modules()
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and p.relative_to(PACKAGE).as_posix() not in allowed
    ]
    assert offenders == []
