"""The repository keeps its promises: README commands, CI script, package data, layout."""

from __future__ import annotations

import re

from conftest import REPO


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.strip().splitlines()]


def test_readme_opens_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.index("```bash") < 200
    install_and_build, install_and_test = _readme_commands()
    assert install_and_build.startswith('pip install -e ".[site]" -c constraints.txt && sctrack ')
    assert install_and_test == 'pip install -e ".[test]" -c constraints.txt && pytest'


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()
    assert "set -euo pipefail" in ci


def test_top_level_layout_is_the_design_card():
    names = {p.name for p in REPO.iterdir() if not p.name.startswith(".")}
    assert {
        "submissions",
        "site_builder",
        "docs",
        "mkdocs.yml",
        "pyproject.toml",
        "tests",
        "README.md",
    } <= names


def test_every_demo_file_says_it_is_fictional():
    for path in (REPO / "submissions").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema="), path
        assert "示例" in text, path


def test_demo_data_validates_clean():
    from site_builder.validate.run import validate

    result = validate(REPO / ".")
    assert result.findings == [], [f"{f.path}:{f.line} {f.code}" for f in result.findings[:5]]
    assert result.files > 150
