"""The review diff reads a pull request's head before it is valid: any value, no crash."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_codeowners_and_diff import _diff as cli_diff
from test_codeowners_and_diff import history as git_history  # noqa: F401 (a fixture)

from site_builder.review.diff import FileDiff, _compare_report, to_markdown, to_text

from conftest import FIXTURES

REPORT = "submissions/projects/alpha-region/2021-Q2.yaml"
BASE = yaml.safe_load((FIXTURES / "base" / REPORT).read_text(encoding="utf-8"))

# What a YAML file can hold where a figure, a part or a row belongs.
ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
PLACES = [
    ("finance", "figures", "scf_volume"),
    ("finance", "figures"),
    ("finance",),
    ("targets", "progress"),
    ("targets", "progress", 0, "target"),
    ("targets", "progress", 0, "status"),
    ("cases",),
    ("cases", 0, "title"),
    ("problems",),
]


def _with(value, place: tuple) -> dict:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    node = data
    for step in place[:-1]:
        node = node[step]
    node[place[-1]] = value
    return data


def _diff(old: dict, new: dict) -> FileDiff:
    diff = FileDiff(REPORT, "t", "modified", confirmed_before=True)
    _compare_report(diff, old, new)
    to_text([diff]), to_markdown([diff])
    return diff


@pytest.mark.parametrize("value", ["7.2亿元", [7.2], None, True, {"a": 1}, "７.２"])
def test_a_figure_that_is_not_a_number_is_shown_as_written(value):
    diff = _diff(BASE, _with(value, ("finance", "figures", "scf_volume")))
    text = to_text([diff])
    assert "供应链金融融资规模" in text
    if value is not None:
        assert "由 7.2亿元 改为 “" in text  # quoted as written, no unit added, no percentage


@settings(max_examples=150, deadline=None)
@given(value=ANY_VALUE, place=st.sampled_from(PLACES), reverse=st.booleans())
def test_any_value_anywhere_is_diffed_without_error(value, place, reverse):
    old, new = BASE, _with(value, place)
    _diff(*((new, old) if reverse else (old, new)))


@pytest.mark.slow
def test_sctrack_diff_on_a_text_figure(git_history):  # noqa: F811 (the imported fixture)
    """The issue's crash, through git and the CLI: a figure written as text in the head."""
    path = git_history.root / REPORT
    path.write_text(
        path.read_text(encoding="utf-8").replace("scf_volume: 7.2", "scf_volume: 7.2亿元"),
        encoding="utf-8",
    )
    assert "“供应链金融融资规模”由 7.2亿元 改为 “7.2亿元”。" in cli_diff(git_history)
