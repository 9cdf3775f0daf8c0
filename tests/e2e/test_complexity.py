"""No function of site_builder is above a cyclomatic complexity of 15 (radon's measure):
a longer chain of decisions is a table or named steps, so that a reader can follow it."""

from __future__ import annotations

from radon.complexity import cc_visit
from radon.visitors import Function

from conftest import REPO

PACKAGE = REPO / "site_builder"
MAX_COMPLEXITY = 15


def _functions() -> list[tuple[str, int, str, int]]:
    """(file, line, name, complexity) of every function and method of the package (radon's
    blocks hold each method once as a function, and its class as a whole besides)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if isinstance(block, Function):
                found.append((relative, block.lineno, block.fullname, block.complexity))
    return found


def test_no_function_is_above_the_complexity_limit():
    functions = _functions()
    assert len(functions) > 500  # the whole package was measured
    over = [
        f"{file}:{line}:{name} has complexity {complexity}"
        for file, line, name, complexity in functions
        if complexity > MAX_COMPLEXITY
    ]
    assert not over, "split these by concern:\n" + "\n".join(over)
