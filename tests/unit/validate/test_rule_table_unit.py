"""The table of rules across files: every code has its rule and its wording, and every code a
finding may carry is said by a rule or by a stage the table names."""

from __future__ import annotations

import inspect
import re
from datetime import date
from pathlib import Path

from site_builder.findings import CODES
from site_builder.validate import (
    firms,
    project_rules,
    registry,
    registry_rules,
    report_rules,
    rules,
    series_rules,
    wording,
)
from site_builder.validate.run import validate

PACKAGE = Path(rules.__file__).parents[1]
CMS_CHECK = PACKAGE / "site/cms/check.js"


def _sources(paths: list[Path]) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def _outside_the_table() -> str:
    """The package's code but the rules' modules and the list of codes itself."""
    skipped = {Path(inspect.getfile(m)) for m in rules.RULE_MODULES} | {PACKAGE / "findings.py"}
    return _sources([p for p in PACKAGE.rglob("*.py") if p not in skipped])


def test_every_registered_code_has_its_rule_and_its_templates():
    assert rules.RULES
    for code, rule in rules.RULES.items():
        assert code in CODES and rule.code == code
        assert callable(rule.check) and rule.summary, code
        assert rule.templates, code
        module = inspect.getsource(inspect.getmodule(rule.check))
        for key in rule.templates:
            assert key in wording.TEMPLATES, (code, key)
            assert f'"{key}"' in module, (code, key)  # worded in the rule's own module
        # The rule says its own code, and only in its module of rules.
        assert f'"{code}"' in inspect.getsource(rule.check), code


def test_every_code_has_a_rule_or_a_documented_source():
    elsewhere = _outside_the_table()
    for code in CODES:
        if code in rules.RULES:
            continue
        source = registry.FOUND_ELSEWHERE.get(code) or registry.FOUND_ELSEWHERE.get(code[0])
        assert source, f"{code} has neither a rule nor a documented source"
        assert f'"{code}"' in elsewhere, f"{code} is said nowhere ({source})"


def test_no_cross_file_code_is_said_outside_the_table_but_the_documented_ones():
    said = set(re.findall(r'"(X\d{3})"', _outside_the_table()))
    assert said <= set(registry.FOUND_ELSEWHERE), said - set(registry.FOUND_ELSEWHERE)


def test_every_template_is_used_by_python_or_by_the_form():
    validate = _sources(sorted(Path(rules.__file__).parent.glob("*.py")))
    shipped = CMS_CHECK.read_text(encoding="utf-8")
    for key in wording.TEMPLATES:
        assert f'"{key}"' in validate or f'"{key}"' in shipped, key


def test_each_module_of_rules_holds_the_rules_of_its_concern():
    by_module: dict[str, set[str]] = {}
    for code, rule in rules.RULES.items():
        by_module.setdefault(rule.check.__module__, set()).add(code)
    assert by_module == {
        project_rules.__name__: {"X001", "X007", "X008", "X013", "X017"},
        report_rules.__name__: {"X003", "X004", "X005", "X006", "X009", "X010", "X011"},
        series_rules.__name__: {"X012", "X016", "X019"},
        registry_rules.__name__: {"S005", "X014", "X015"},
        firms.__name__: {"X020", "X021"},
    }


def _edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(root: Path) -> list[tuple[str, str, int]]:
    return [(f.code, f.path, f.line) for f in validate(root, today=date(2022, 6, 30)).findings]


def test_a_report_named_for_another_period_is_found_by_its_rule(base_tree: Path):
    path = "submissions/projects/alpha-region/2021-Q2.yaml"
    _edit(base_tree, path, "period: 2021-Q2", "period: 2021-Q1")
    assert [(code, p) for code, p, _ in _codes(base_tree)] == [("X003", path)]
    assert rules.RULES["X003"] is report_rules.period_is_file_name


def test_a_city_listed_twice_is_found_by_its_rule(base_tree: Path):
    path = "submissions/registry/cities.yaml"
    _edit(base_tree, path, "  - id: datong", "  - id: taiyuan")
    found = _codes(base_tree)
    assert {code for code, _, _ in found} >= {"X015"}
    assert [line for code, p, line in found if code == "X015" and p == path] == [10, 13]
    assert rules.RULES["X015"] is registry_rules.cities_unique
