"""Property-based tests: no input, however odd, crashes the validator."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.load import yamlsafe
from site_builder.validate.run import validate

from conftest import FIXTURES

REPORT = "submissions/projects/alpha-region/2021-Q2.yaml"
BASE_REPORT = yaml.safe_load((FIXTURES / "base" / REPORT).read_text(encoding="utf-8"))
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        ["NO", "010", "1.10", "2021-Q5", "2020-02-30", "  ", "taiyuan", "T1", "public"]
    ),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


@st.composite
def mutated_reports(draw):
    """The base report with a few values replaced, removed or added."""
    data = yaml.safe_load(yaml.safe_dump(BASE_REPORT))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(values)
    return data


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    if not root.exists():
        shutil.copytree(FIXTURES / "base", root)
    return root


@SETTINGS
@given(text=st.text(max_size=400))
def test_arbitrary_text_never_crashes_the_parser(text):
    parsed = yamlsafe.parse_text(text, "f.yaml")
    assert parsed.data is None or isinstance(parsed.data, dict)
    for finding in parsed.findings:
        assert finding.line >= 1 and finding.col >= 1


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_reader(tmp_path, raw):
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    parsed = yamlsafe.parse_file(path, "f.yaml")
    assert parsed.data is None or isinstance(parsed.data, dict)


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_text_as_a_report_gives_findings_not_exceptions(tmp_path, text):
    root = _tree(tmp_path)
    (root / REPORT).write_text(text, encoding="utf-8")
    result = validate(root, [root / REPORT])
    # 300 characters cannot hold a whole report (its required parts alone are longer): the
    # text is refused with at least one error, and every finding points at the file given.
    assert not result.ok and any(f.is_error for f in result.findings)
    assert all(f.path == REPORT for f in result.findings)


@SETTINGS
@given(data=mutated_reports())
def test_mutated_reports_give_findings_not_exceptions(tmp_path, data):
    root = _tree(tmp_path)
    text = yaml.safe_dump(data, allow_unicode=True)
    (root / REPORT).write_text(text, encoding="utf-8")
    result = validate(root)
    for finding in result.findings:
        assert finding.line >= 1
        assert finding.message
