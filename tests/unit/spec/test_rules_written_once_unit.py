"""Each rule several outputs need is written once: how a target is worded, which indicators
are headline, whether an indicator may be summed, how a period is written, where the search
index lies. Each test finds the rule's one home and fails when a second copy appears."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from site_builder.load.records import Target
from site_builder.spec import catalogue

from conftest import REPO

PACKAGE = REPO / "site_builder"


def _sources(*skip: str) -> list[Path]:
    return [
        p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).as_posix() not in skip
    ]


def _lines(pattern: re.Pattern[str], *skip: str) -> list[str]:
    return [
        f"{path.relative_to(REPO)}:{n}"
        for path in _sources(*skip)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]


def test_a_target_is_worded_in_every_style_by_one_method():
    quantified = Target("T1", 2023, "scf_volume", 300, 2020, 500)
    in_words = Target("T2", 2024, text="建成平台")
    assert quantified.wording() == "供应链金融融资规模：2023年达到500亿元"
    assert quantified.wording("path") == "供应链金融融资规模：300亿元（2020年）→ 500亿元（2023年）"
    assert quantified.wording("choice") == "T1 供应链金融融资规模（2023年）"
    assert quantified.wording("what") == "供应链金融融资规模（亿元）"
    assert quantified.wording("baseline", lambda v: f"{v:.1f}") == "300.0（2020年）"
    assert quantified.wording("goal") == "500（2023年）"
    assert in_words.wording() == in_words.wording("path") == "建成平台（2024年）"
    assert in_words.wording("choice") == "T2 建成平台（2024年）"
    assert (in_words.wording("baseline"), in_words.wording("goal")) == ("—", "2024年完成")


def test_no_module_words_a_target_itself():
    # A second copy writes the target year next to 年: `{t.target_year}年` or `target_year']}年`.
    copy = re.compile(r"target_year[^}]*\}年")
    assert _lines(copy, "load/records.py") == []


def test_the_headline_indicators_are_one_catalogue_field():
    assert catalogue.headline("region", summable=True) == [
        "scf_volume",
        "smes_served",
        "zhongzheng_financing",
        "green_procurement",
        "import_export",
    ]
    assert catalogue.headline("entity", summable=False) == ["roa", "on_time_delivery"]
    codes = set(catalogue.indicators())
    lists = []
    for path in _sources():
        source = path.read_text(encoding="utf-8")
        if len(set(re.findall(r"[\"']([a-z_]+)[\"']", source)) & codes) < 2:
            continue  # no two codes in the file: no list of them (and no parsing, which is slow)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                named = [e.value for e in node.elts if isinstance(e, ast.Constant)]
                if sum(v in codes for v in named) >= 2:
                    lists.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert lists == [], "a list of indicator codes outside the catalogue"


def test_only_the_catalogue_decides_what_may_be_summed():
    decided = re.compile(r"""(measure|aggregation)\s*[!=]=\s*["'](ratio|sum|median)""")
    assert _lines(decided, "spec/catalogue.py") == []
    # The query page sums or takes the median as query.json's `sum` (the catalogue's
    # `summable`, written by downloads.query_data) says; it never looks at the measure.
    query = (REPO / "docs/assets/query.js").read_text(encoding="utf-8")
    assert "ind.sum" in query
    assert "measure" not in query and '"ratio"' not in query
    downloads = (PACKAGE / "site/downloads.py").read_text(encoding="utf-8")
    assert '"sum": indicators[i].summable' in downloads


def test_a_period_is_written_by_one_pattern():
    # A year of four ASCII digits, except in a date (`[0-9]{4}-[0-9]{2}-…`).
    year = re.compile(r"\[0-9\]\{4\}(?!-\[0-9\])|\\d\{4\}")
    assert _lines(year, "spec/schema_nodes.py") == []


def test_the_search_index_path_is_written_once():
    assert _lines(re.compile(r"search_index\.json|search\.json"), "site/engines.py") == []
