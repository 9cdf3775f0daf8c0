"""The public view holds no internal path; the internal view holds them all (no site built).

Every field the schemas mark `"x-visibility": "internal"` in a copy of the demo
data gets a unique marker (`leakmarks.mark_tree`); the data is loaded,
analysed and viewed, and everything in the view (records, frames, cases,
supervision) is written out as text and searched.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields, is_dataclass
from datetime import date

import pandas as pd
import pytest

from site_builder.analyse.analysis import analyse
from site_builder.analyse.view import View, make_view, redact
from site_builder.validate.run import validate

from conftest import TODAY, _copy_repo_data
from leakmarks import Markers, found_markers, mark_tree


def _text(value, out: list[str]) -> None:
    """Everything `value` holds, as text, into `out` (DataFrames as JSON, records field by field)."""
    if isinstance(value, pd.DataFrame | pd.Series):
        out.append(value.to_json(orient="split", date_format="iso", force_ascii=False))
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            _text(getattr(value, f.name), out)
    elif isinstance(value, dict):
        for key, item in value.items():
            out.append(str(key))
            _text(item, out)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _text(item, out)
    elif isinstance(value, float):
        out.append(json.dumps(value))
    else:
        out.append(str(value))


def _tokens(view: View) -> tuple[set[str], set[str]]:
    out: list[str] = []
    _text(view, out)
    text = "\n".join(out)
    strings = found_markers(text)
    numbers = set(re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])", text))
    return strings, numbers


def _bare(marker: str) -> str:
    return marker.removesuffix("泄露")


@pytest.fixture(scope="module")
def marked_views(tmp_path_factory) -> tuple[Markers, dict[str, View]]:
    root = _copy_repo_data(tmp_path_factory.mktemp("view") / "repo")
    markers = mark_tree(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCTRACK_TODAY", TODAY)
        result = validate(root)
    assert result.ok, result.findings[:3]
    analysis = analyse(result.corpus, None, date.fromisoformat(TODAY))
    return markers, {a: make_view(analysis, a) for a in ("public", "internal")}


def test_public_view_holds_no_internal_marker(marked_views):
    markers, views = marked_views
    strings, numbers = _tokens(views["public"])
    leaked = [m for m in markers.strings if _bare(m) in strings]
    assert not leaked, f"{len(leaked)} internal strings in the public view, e.g. {leaked[:5]}"
    leaked_numbers = [n for n in markers.numbers if n in numbers]
    assert not leaked_numbers, (
        f"{len(leaked_numbers)} internal figures in the public view, e.g. {leaked_numbers[:5]}"
    )


def test_internal_view_holds_every_marker(marked_views):
    markers, views = marked_views
    assert len(markers.strings) > 500 and len(markers.numbers) > 500
    strings, numbers = _tokens(views["internal"])
    missing = [m for m in markers.strings if _bare(m) not in strings]
    assert not missing, f"{len(missing)} internal strings missing, e.g. {missing[:5]}"
    missing_numbers = [n for n in markers.numbers if n not in numbers]
    assert not missing_numbers, (
        f"{len(missing_numbers)} figures missing, e.g. {missing_numbers[:5]}"
    )


def test_public_view_has_no_unpublished_case_and_no_per_project_status(marked_views):
    _, views = marked_views
    public, internal = views["public"], views["internal"]
    assert public.cases["public"].all() and not internal.cases["public"].all()
    assert all(c.get("public") for r in public.corpus.reports for c in r.cases())
    assert not public.supervision.statuses and not public.supervision.recommendations
    assert "project" not in public.supervision.frame.columns
    assert not public.corpus.registry.flags and not public.sections
    assert internal.supervision.statuses and internal.corpus.registry.flags


def test_redact_follows_refs_into_defs_and_additional_properties(monkeypatch):
    """`x-visibility` on a `$defs` entry reached by `$ref` removes the value too."""
    fake = {
        "$defs": {"secret": {"type": "string", "x-visibility": "internal"}},
        "properties": {
            "open": {"type": "string"},
            "hidden": {"$ref": "#/$defs/secret"},
            "rows": {"type": "array", "items": {"$ref": "#/$defs/secret"}},
            "notes": {"type": "object", "additionalProperties": {"$ref": "#/$defs/secret"}},
        },
    }
    monkeypatch.setattr("site_builder.analyse.view.schema.load", lambda name: fake)
    kept = redact("fake", {"open": "a", "hidden": "b", "rows": ["c", "d"], "notes": {"x": "e"}})
    assert kept == {"open": "a", "rows": [], "notes": {}}


def test_unknown_audience_is_refused(marked_views):
    _, views = marked_views
    with pytest.raises(ValueError):
        make_view(views["internal"], "press")


def test_without_a_trustworthy_history_no_enterprise_aggregate_is_public(marked_views):
    """No history: what stood at a window's close is unknown, so nothing is released."""
    _, views = marked_views
    public, internal = views["public"], views["internal"]
    assert public.enterprise_totals.empty and public.enterprise_change.empty
    assert "不公布" in public.enterprise_notice
    assert list(public.enterprise_totals.columns) == list(internal.enterprise_totals.columns)
    assert list(public.enterprise_change.columns) == list(internal.enterprise_change.columns)
    assert not internal.enterprise_totals.empty  # the internal site keeps current figures


def test_nothing_public_singles_out_the_newest_enterprise_report(marked_views):
    _, views = marked_views
    public, internal = views["public"], views["internal"]
    enterprises = public.projects["kind"] == "enterprise"
    assert enterprises.any()
    assert (public.projects.loc[enterprises, "latest_period"] == "").all()
    assert public.projects.loc[enterprises, "reports"].isna().all()
    assert (public.projects.loc[~enterprises, "latest_period"] != "").any()
    inside = internal.projects["kind"] == "enterprise"
    assert (internal.projects.loc[inside, "latest_period"] != "").all()
    kinds = {pid: p.kind for pid, p in public.corpus.projects.items()}
    assert all(kinds[r.project] == "region" for r in public.corpus.reports)


def test_no_public_rate_stands_for_fewer_than_min_contributors_projects(marked_views):
    _, views = marked_views
    public, internal = views["public"], views["internal"]
    minimum = public.corpus.registry.policy.min_contributors
    cells = public.supervision.frame.groupby(["period", "city"]).size()  # a row per project
    assert (cells >= minimum).all(), cells[cells < minimum]
    small = internal.supervision.frame.groupby(["period", "city"])["project"].nunique()
    assert (small < minimum).any()  # the demo has small cities: the test means something
    assert len(public.supervision.frame) == len(internal.supervision.frame)
