"""The validator's value checks, schema messages and cross-file rules, each on a small real tree
(the base fixture with one file changed), as `validate` runs them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from site_builder.load.yamlsafe import parse_text
from site_builder.validate import messages, values, wording
from site_builder.validate.run import validate

ALPHA = "submissions/projects/alpha-region"
TODAY = date(2022, 6, 30)


def _edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def _found(root: Path) -> list[tuple[str, str, int]]:
    return [(f.code, f.path, f.line) for f in validate(root, today=TODAY).findings]


def test_the_base_tree_is_clean(base_tree: Path):
    assert _found(base_tree) == []


def test_control_characters_and_huge_numbers_are_named_where_they_are():
    # A raw control character is a YAML error (L009); written as an escape it parses.
    assert [f.code for f in parse_text("title: 项目\u0007名称\n", "x.yaml").findings] == ["L009"]
    parsed = parse_text('title: "项目\\a名称"\nfigure: 10000000000000000\nok: 5\n', "x.yaml")
    findings = values.bad_values(parsed.data, parsed.positions, "x.yaml")
    assert sorted((f.code, f.line) for f in findings) == [("S012", 2), ("S013", 1)]
    assert values.control_characters("a\u0007b\u200bc") == ["\u0007"]
    assert "U+0007" in values.describe_characters(["\u0007"])
    assert values.printable("名称\n.xlsx") != "名称\n.xlsx"


def test_a_not_a_number_figure_is_refused():
    parsed = parse_text("figures:\n  scf_volume: .nan\n", "x.yaml")
    (finding,) = messages.non_finite(parsed.data, parsed.positions, "x.yaml")
    assert (finding.code, finding.line) == ("S012", 2)


def test_a_misspelt_choice_gets_a_suggestion(base_tree: Path):
    _edit(base_tree, f"{ALPHA}/2021-Q2.yaml", "status: completed", "status: complete")
    (finding,) = validate(base_tree, today=TODAY).findings
    assert (finding.code, finding.line, finding.col) == ("S005", 14, 7)
    assert "“complete”不在可选范围内。是不是“completed”？" in finding.message


def test_a_figure_written_with_its_unit_is_explained(base_tree: Path):
    _edit(base_tree, f"{ALPHA}/2021-Q2.yaml", "scf_volume: 7.2", "scf_volume: 7.2亿元")
    (finding,) = validate(base_tree, today=TODAY).findings
    assert finding.code == "S003"
    assert "7.2" in finding.message and "单位" in finding.message


def test_a_tenfold_jump_is_a_warning_not_an_error(base_tree: Path):
    jumped = str(3.5 * wording.JUMP_FACTOR * 2)
    _edit(base_tree, f"{ALPHA}/2021-Q2.yaml", "scf_volume: 7.2", f"scf_volume: {jumped}")
    result = validate(base_tree, today=TODAY)
    assert [f.code for f in result.findings] == ["X012"]
    assert result.ok and not result.findings[0].is_error


def test_a_report_of_an_unknown_target_is_refused(base_tree: Path):
    _edit(base_tree, f"{ALPHA}/2021-Q2.yaml", "- target: T2", "- target: T9")
    assert [code for code, _, _ in _found(base_tree)] == ["X013"]


def test_a_report_for_a_period_not_yet_over_is_refused(base_tree: Path):
    source = base_tree / ALPHA / "2021-Q2.yaml"
    future = base_tree / ALPHA / "2022-Q3.yaml"
    future.write_text(
        source.read_text(encoding="utf-8").replace("period: 2021-Q2", "period: 2022-Q3"),
        encoding="utf-8",
    )
    assert ("X006", f"{ALPHA}/2022-Q3.yaml") in {(c, p) for c, p, _ in _found(base_tree)}


def test_a_city_not_in_the_registry_is_refused(base_tree: Path):
    project = f"{ALPHA}/project.yaml"
    city = next(
        line.split(":", 1)[1].strip()
        for line in (base_tree / project).read_text(encoding="utf-8").splitlines()
        if line.startswith("city:")
    )
    _edit(base_tree, project, f"city: {city}", "city: atlantis")
    assert "X007" in {code for code, _, _ in _found(base_tree)}
