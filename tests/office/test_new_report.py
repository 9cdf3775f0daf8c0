"""`sctrack new` writes the canonical layout: filled in, its skeleton is what the form writes."""

from __future__ import annotations

import re

import pytest

from site_builder.load.report_layout import report_text
from site_builder.load.yamlsafe import parse_text
from site_builder.load.yamlwrite import preamble_of
from site_builder.office.new_report import CASE_EXAMPLE

from conftest import invoke

FILLED = "待填写"


def fill_skeleton(text: str) -> str:
    """The skeleton as a clerk fills it: every empty value written, the example case taken
    out of its comments, the help comments (all but the opening ones and the section
    headings) deleted."""
    lines = text.split("\n")
    opening = len(preamble_of(text)) + 1
    out = lines[:opening]
    example = [line[2:] in CASE_EXAMPLE for line in lines]
    help_comment = [
        line.lstrip().startswith("#") and before != "" and not is_example
        for line, before, is_example in zip(lines, [""] + lines[:-1], example, strict=True)
    ]
    lines = [line[2:] if ex else line for line, ex in zip(lines, example, strict=True)]
    for number, line in enumerate(lines[opening:], start=opening):
        if help_comment[number]:
            continue
        following = [x for x in lines[number + 1 :] if x.strip() and not x.lstrip().startswith("#")]
        indent = len(line) - len(line.lstrip(" "))
        is_leaf = re.fullmatch(r" *(- )?[a-z_]+:", line) and (
            not following or len(following[0]) - len(following[0].lstrip(" ")) <= indent
        )
        out.append(f"{line} {FILLED}" if is_leaf else line)
    return "\n".join(out)


def _filled(value):
    if isinstance(value, dict):
        return {k: _filled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v) for v in value]
    return FILLED if value is None else value


@pytest.mark.parametrize(
    ("project", "period"),
    [("alpha-region", "2021-Q3"), ("alpha-region", "2021"), ("beta-firm", "2021-Q2")],
)
def test_a_filled_skeleton_is_the_canonical_file(base_tree, project, period):
    assert invoke("new", "--root", str(base_tree), project, period).returncode == 0
    stem = period if "Q" in period else f"{period}-annual"
    text = (base_tree / "submissions/projects" / project / f"{stem}.yaml").read_text("utf-8")
    data = parse_text(text, "x").data
    assert any(v is None for v in data.values())  # values to fill in
    case = parse_text("\n".join(CASE_EXAMPLE), "x").data
    expected = report_text(_filled(data) | case, "Q" not in period, preamble=preamble_of(text))
    assert fill_skeleton(text) == expected
