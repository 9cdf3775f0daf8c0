"""The stage layout holds: imports run one way, modules stay small, the audience is a view."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from site_builder.layout import STAGES, arrow

from conftest import REPO

PACKAGE = REPO / "site_builder"
# What each stage may not import: every stage above it (`site_builder.layout.STAGES`, bottom
# first). The spec (the catalogue and the schemas) is the ground every stage stands on; the
# modules beside the stages (errors.py, findings.py, layout.py) are shared by all.
FORBIDDEN = {stage: frozenset(STAGES[number + 1 :]) for number, stage in enumerate(STAGES)}
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


def test_every_folder_is_a_stage():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(STAGES)


@pytest.mark.parametrize("page", ["README.md", "docs/guide/developers.md"])
def test_the_documented_order_is_the_stages(page: str):
    """The README and the developers' page state the order of `layout.STAGES`, top first."""
    text = (REPO / page).read_text(encoding="utf-8")
    stated = re.findall(r"`(cli → [a-z →/]+)`", text)
    assert stated and set(stated) == {arrow()}


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
