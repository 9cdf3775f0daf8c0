"""List the modules of site_builder that no test module imports (a static scan of `tests/`).

    python tools/untested_modules.py            # the modules no test imports, then the count
    python tools/untested_modules.py --under tests/unit
    python tools/untested_modules.py --check    # exit 1 when any module is untested

An import counts for the module it names: `import a.b.c`, `from a.b import c` (the module
`a.b.c` when it exists, else `a.b`) and `from a.b.c import name`, and for the packages
above it (their `__init__` runs); importing a package does not count for its submodules.
Imports inside functions count as well.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "site_builder"


def package_modules(root: Path, package: str = PACKAGE) -> set[str]:
    """Every module of the package, as a dotted name (a package is its `__init__`)."""
    names = set()
    for path in (root / package).rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def imported_modules(source: str, known: set[str]) -> set[str]:
    """The known modules a Python source imports."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    parents = {name.rsplit(".", i)[0] for name in found for i in range(1, name.count(".") + 1)}
    return (found | parents) & known


def untested(root: Path, tests: Path) -> list[str]:
    known = package_modules(root)
    imported: set[str] = set()
    for path in tests.rglob("*.py"):
        imported |= imported_modules(path.read_text(encoding="utf-8"), known)
    return sorted(known - imported)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--under", type=Path, default=REPO / "tests", help="the test folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when a module is untested")
    args = parser.parse_args(argv)
    missing = untested(REPO, args.under)
    for name in missing:
        print(name)
    print(f"{len(missing)} of {len(package_modules(REPO))} modules imported by no test module")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
