"""The submissions tree: the one place that knows the layout, with files held in memory."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest

from site_builder.findings import Finding
from site_builder.load.periods import Period
from site_builder.load.tree import (
    SourceFile,
    SubmissionsTree,
    period_of,
    place,
    project_entry,
    registry_path,
    report_file_name,
    report_path,
)
from site_builder.validate.run import validate

from conftest import FIXTURES, copy_tree

ALPHA = "submissions/projects/alpha-region"
TODAY = date(2022, 6, 30)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_tree(FIXTURES / "base", tmp_path / "repo")


def _snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under root: content digest and modification time."""
    return {
        p.relative_to(root).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("period", "name"),
    [(Period(2021, 3), "2021-Q3.yaml"), (Period.annual(2021), "2021-annual.yaml")],
)
def test_report_path_of_a_period_and_back(period, name):
    assert report_file_name(period) == name
    path = report_path("alpha-region", period)
    assert path == f"{ALPHA}/{name}"
    assert period_of(name) == period
    schema = "annual-report" if period.is_annual else "quarterly-report"
    assert place(path) == (schema, "alpha-region", period)
    assert project_entry(path) == ("alpha-region", name)


@pytest.mark.parametrize(
    "path",
    [
        f"{ALPHA}/2021-Q5.yaml",
        f"{ALPHA}/\uff12\uff10\uff12\uff11-Q4.yaml",  # full-width digits
        f"{ALPHA}/\u0662\u0660\u0662\u0661-Q4.yaml",  # Arabic-Indic digits
        f"{ALPHA}/\u0968\u0966\u0968\u0967-annual.yaml",  # Devanagari digits
        f"{ALPHA}/2021-Q3.yml",
        f"{ALPHA}/notes/2021-Q3.yaml",
        "submissions/registry/other.yaml",
        "submissions/readme.md",
    ],
)
def test_paths_without_a_place_in_the_layout_are_findings(path):
    result = place(path)
    assert isinstance(result, Finding)
    assert (result.code, result.path) == ("X002", path)


def test_registry_and_project_files():
    assert registry_path("policy") == "submissions/registry/policy.yaml"
    assert place("submissions/registry/cities.yaml") == ("cities", None, None)
    assert place(f"{ALPHA}/project.yaml") == ("project", "alpha-region", None)
    assert period_of("project.yaml") is None


def test_tree_paths_keep_the_root_as_given(root):
    tree = SubmissionsTree(root)
    period = Period(2021, 2)
    assert tree.report_file("alpha-region", period) == root / ALPHA / "2021-Q2.yaml"
    assert tree.display(tree.report_file("alpha-region", period)) == f"{ALPHA}/2021-Q2.yaml"
    assert tree.project_ids() == ["alpha-region", "beta-firm"]
    source = tree.classify(root / ALPHA / "2021-Q2.yaml")
    assert isinstance(source, SourceFile)
    assert (source.schema, source.project, source.period) == (
        "quarterly-report",
        "alpha-region",
        period,
    )


def test_a_file_in_memory_is_discovered_and_read_instead_of_the_disk(root):
    target = root / ALPHA / "2021-Q2.yaml"
    text = target.read_text(encoding="utf-8").replace("scf_volume: 7.2", "scf_volume: 8.4")
    tree = SubmissionsTree(root).with_file(target, text)
    sources, _ = tree.discover()
    (held,) = [s for s in sources if s.display == f"{ALPHA}/2021-Q2.yaml"]
    assert held.text == text
    assert tree.read(target).data["finance"]["figures"]["scf_volume"] == 8.4
    # A new file exists only in memory, yet has its place in the tree.
    new = root / ALPHA / "2021-Q3.yaml"
    tree = tree.with_file(new, "project: alpha-region\n")
    assert tree.has_file(new) and not new.exists()
    assert f"{ALPHA}/2021-Q3.yaml" in {s.display for s in tree.discover()[0]}


def test_validate_judges_a_file_in_memory_without_touching_the_disk(root):
    before = _snapshot(root)
    target = root / ALPHA / "2021-Q3.yaml"
    text = (root / ALPHA / "2021-Q2.yaml").read_text(encoding="utf-8")
    text = text.replace("period: 2021-Q2", "period: 2021-Q3").replace(
        "scf_volume: 7.2", "scf_volume: 5.0"
    )
    result = validate(SubmissionsTree(root).with_file(target, text), [target], today=TODAY)
    # The rules across files saw the project's other reports: Q3 below Q2's year-to-date volume.
    assert [(f.path, f.code) for f in result.findings] == [(f"{ALPHA}/2021-Q3.yaml", "X016")]
    assert result.files == 1
    assert _snapshot(root) == before
    assert not target.exists()


def test_a_file_in_memory_with_errors_is_reported_at_its_lines(root):
    target = root / ALPHA / "2021-Q2.yaml"
    text = target.read_text(encoding="utf-8").replace("kind: region", "kind: regional")
    result = validate(SubmissionsTree(root).with_file(target, text), [target], today=TODAY)
    assert not result.ok
    assert {(f.path, f.line) for f in result.errors} == {(f"{ALPHA}/2021-Q2.yaml", 3)}
    # The disk still holds the valid report.
    assert validate(root, [target], today=TODAY).ok


@pytest.mark.parametrize(
    ("name", "ascii_name"),
    [
        ("\uff12\uff10\uff12\uff11-Q4.yaml", "2021-Q4.yaml"),
        ("\u0662\u0660\u0662\u0661-annual.yaml", "2021-annual.yaml"),
    ],
)
def test_a_name_in_other_digits_is_an_error_that_suggests_the_ascii_name(name, ascii_name):
    assert period_of(name) is None
    result = place(f"{ALPHA}/{name}")
    assert isinstance(result, Finding) and result.code == "X002"
    assert ascii_name in result.message


def test_periods_are_read_in_ascii_digits_only():
    from site_builder.load.periods import parse_period

    assert parse_period("2021-Q4") == Period(2021, 4)
    assert parse_period("\uff12\uff10\uff12\uff11-Q4") is None
    assert parse_period("\u0662\u0660\u0662\u0661") is None


def _odd_tree(root: Path) -> None:
    """Files in their place and out of it, links to a file and to a folder, a pipe."""
    files = {
        "submissions/registry/cities.yaml": "cities: []\n",
        "submissions/stray.yaml": "x: 1\n",
        "submissions/projects/p1/project.yaml": "id: p1\n",
        "submissions/projects/p1/2021-Q2.yaml": "on disk\n",
        "submissions/projects/p1/notes.txt": "notes\n",
        "submissions/projects/p1/sub/deep.yaml": "x: 1\n",
        "submissions/projects/p-2/project.yaml": "id: p-2\n",
        "outside.yaml": "x: 1\n",
    }
    for display, text in files.items():
        (root / display).parent.mkdir(parents=True, exist_ok=True)
        (root / display).write_text(text, encoding="utf-8")
    (root / "submissions/projects/p1/link.yaml").symlink_to(root / "outside.yaml")
    (root / "submissions/projects/p1/folder-link").symlink_to(root / "submissions/registry")
    os.mkfifo(root / "submissions/projects/p1/pipe.yaml")


@pytest.mark.parametrize("relative", [False, True])
def test_discover_places_every_file_and_names_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    """Displays from the root, sources in display order, findings in the order the folders
    are walked; links named, never followed; a pipe passed over; memory over disk."""
    _odd_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    root = Path(".") if relative else tmp_path
    overlay = {
        "submissions/projects/p1/2021-Q2.yaml": "in memory\n",
        "submissions/projects/p1/2021-Q3.yaml": "only in memory\n",
    }
    tree = SubmissionsTree(root, overlay)
    sources, findings = tree.discover()
    assert [(s.display, s.schema, s.text) for s in sources] == [
        ("submissions/projects/p-2/project.yaml", "project", None),
        ("submissions/projects/p1/2021-Q2.yaml", "quarterly-report", "in memory\n"),
        ("submissions/projects/p1/2021-Q3.yaml", "quarterly-report", "only in memory\n"),
        ("submissions/projects/p1/project.yaml", "project", None),
        ("submissions/registry/cities.yaml", "cities", None),
    ]
    assert all(s.path == root / s.display for s in sources)
    assert [(f.path, f.code) for f in findings] == [
        ("submissions/stray.yaml", "X002"),
        ("submissions/projects/p1/folder-link", "L001"),
        ("submissions/projects/p1/link.yaml", "L001"),
        ("submissions/projects/p1/notes.txt", "X002"),
        ("submissions/projects/p1/sub/deep.yaml", "X002"),
    ]
    only_p1, _ = tree.discover([root / "submissions/projects/p1"])
    assert [s.display for s in only_p1] == [
        "submissions/projects/p1/2021-Q2.yaml",
        "submissions/projects/p1/2021-Q3.yaml",
        "submissions/projects/p1/project.yaml",
    ]
