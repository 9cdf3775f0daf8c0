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
        if isinstance(node, ast.ImportFrom) and node.module == "site_builder":
            names += [f"site_builder.{alias.name}" for alias in node.names]  # a stage by name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
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


def test_every_folder_is_a_stage() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(STAGES)


@pytest.mark.parametrize("page", ["README.md", "docs/guide/developers.md"])
def test_the_documented_order_is_the_stages(page: str) -> None:
    """The README and the developers' page state the order of `layout.STAGES`, top first."""
    text = (REPO / page).read_text(encoding="utf-8")
    stated = re.findall(r"`(cli → [a-z →/]+)`", text)
    assert stated and set(stated) == {arrow()}


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "from site_builder import office\n"
        "import site_builder.pipeline.build\n"
        "def f():\n    from site_builder.site.nav import build_nav\n",
        encoding="utf-8",
    )
    assert _imported_stages(module) & FORBIDDEN["present"] == {"office", "pipeline", "site"}


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


# Calls whose result cannot change: a module may bind their result at import. Anything else
# (a literal list, dict or set, or any other call) is state, unless its name says it is a
# constant (UPPER_CASE) and no module ever changes it.
IMMUTABLE_CALLS = frozenset(
    ("frozenset", "tuple", "MappingProxyType", "re.compile", "namedtuple", "NamedTuple")
    + ("TypeVar", "ParamSpec", "NewType", "logging.getLogger", "Path", "str", "int", "float")
    + ("bool", "bytes", "date", "datetime", "timedelta", "ZoneInfo", "object", "str.maketrans")
    + ("field", "dataclass")
)
# Methods that change a list, dict or set in place.
MUTATORS = frozenset(
    ("append", "extend", "insert", "update", "setdefault", "pop", "popitem", "clear", "add")
    + ("discard", "remove", "sort", "reverse", "__setitem__", "__delitem__")
)
# Memoised functions of the installed package alone (its schemas, catalogue, fonts) or of
# their arguments: the same answer in every run, so no run can see another's state.
PURE_CACHES = frozenset(
    ("spec/catalogue.py:indicators", "spec/catalogue.py:outline", "spec/schema.py:load")
    + ("spec/schema.py:full_validator", "spec/schema.py:fast_validator")
    + ("spec/schema.py:policy_defaults", "spec/schema.py:_parts", "spec/schema.py:internal_paths")
    + ("load/report_layout.py:report_layout", "load/yamlwrite.py:_compiled")
    + ("present/charts.py:setup_fonts", "analyse/view.py:_figure_visibility")
)


def _callee(call: ast.Call) -> str:
    return ast.unparse(call.func)


def _is_state(value: ast.expr) -> bool:
    literals = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
    if isinstance(value, literals):
        return True
    if isinstance(value, ast.Call):
        name = _callee(value)
        return name not in IMMUTABLE_CALLS
    return False


def _module_bindings(tree: ast.Module) -> list[tuple[str, ast.expr, int]]:
    """(name, value, line) of every assignment at module level, inside `if`/`try` too."""
    found = []
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop(0)
        if isinstance(node, ast.If | ast.Try):
            todo += node.body + node.orelse + getattr(node, "finalbody", [])
            todo += [s for h in getattr(node, "handlers", []) for s in h.body]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.append((target.id, node.value, node.lineno))
        elif isinstance(node, ast.AnnAssign) and node.value and isinstance(node.target, ast.Name):
            found.append((node.target.id, node.value, node.lineno))
    return found


def _changed_names() -> set[str]:
    """Names changed in place anywhere in the package: `NAME[k] = v`, `NAME.update(...)`..."""
    changed = set()
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign | ast.Delete):
                targets = list(node.targets)
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATORS
                and isinstance(node.func.value, ast.Name)
            ):
                changed.add(node.func.value.id)
            for target in targets:
                if isinstance(target, ast.Subscript | ast.Attribute):
                    while isinstance(target, ast.Subscript | ast.Attribute):
                        target = target.value
                    if isinstance(target, ast.Name):
                        changed.add(target.id)
    return changed


def test_no_module_holds_state() -> None:
    """Caches live in the pipeline's build session; a module holds constants only."""
    changed = _changed_names()
    offenders = []
    for path in _modules():
        where = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, value, line in _module_bindings(tree):
            # A constant by its name: UPPER_CASE, `__all__`, or a click option (`root_option`).
            constant = name.lstrip("_").isupper() or name == "__all__" or name.endswith("_option")
            if _is_state(value) and (not constant or name in changed):
                offenders.append(f"{where}:{line} {name}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                offenders.append(f"{where}:{node.lineno} global {', '.join(node.names)}")
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            cached = [d for d in node.decorator_list if "cache" in ast.unparse(d)]
            if cached and f"{where}:{node.name}" not in PURE_CACHES:
                offenders.append(f"{where}:{node.lineno} @{ast.unparse(cached[0])} {node.name}")
    assert offenders == []


def test_the_rule_on_state_catches_what_it_should() -> None:
    tree = ast.parse("CACHE = {}\nmemo = {}\nNAMES = ('a',)\nPATTERN = re.compile('x')\n")
    flagged = [name for name, value, _ in _module_bindings(tree) if _is_state(value)]
    assert flagged == ["CACHE", "memo"]  # CACHE passes only while nothing changes it
    assert "CACHE" not in _changed_names()


def test_one_clock() -> None:
    """`load.periods.today` (which honours SCTRACK_TODAY) and `now` are the only readings of
    the calendar and the clock."""
    pattern = re.compile(r"\b(date\.today|datetime\.now|datetime\.today|time\.localtime)\(")
    offenders = [
        f"{p.relative_to(PACKAGE).as_posix()}:{number}"
        for p in _modules()
        if p.relative_to(PACKAGE).as_posix() != "load/periods.py"
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "analyse").glob("*.py")), ids=lambda p: p.name)
def test_analysis_reads_nothing(path: Path) -> None:
    """`analyse` receives the files, the history and the frozen years; it reads none of them."""
    text = path.read_text(encoding="utf-8")
    readers = ("site_builder.review.git", "site_builder.review.asof", "site_builder.validate")
    imported = {
        node.module
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not imported & set(readers)
    assert not re.search(
        r"\b(read_text|read_bytes|open|read_history|files_at|year_corpus_at)\(", text
    )
