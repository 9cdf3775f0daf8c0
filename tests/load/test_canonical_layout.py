"""One layout at every door: the form's writer (canonical.js, run by Node) and the Python
writer (`sctrack new` / `import`) give the same bytes, which read back to the same data."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.load.report_layout import form_key, layouts_json, report_text
from site_builder.load.yamlsafe import parse_file, parse_text
from site_builder.load.yamlwrite import preamble_of

from conftest import REPO
from decap import changed_lines, require_node

CANONICAL_JS = REPO / "site_builder" / "site" / "cms" / "canonical.js"
# Reads {settings, cases: [{data, key, preamble}]} on stdin, prints the texts as JSON.
RUNNER = """
const canonical = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  const texts = job.cases.map((c) => {
    const preamble = c.raw === undefined ? c.preamble : canonical.preambleOf(c.raw, job.settings);
    return canonical.dump(c.data, job.settings, c.key, preamble);
  });
  process.stdout.write(JSON.stringify(texts));
});
"""


def js_texts(cases: list[dict]) -> list[str]:
    """canonical.js's text of each case (data, form key, preamble lines or the old raw)."""
    job = json.dumps({"settings": layouts_json(), "cases": cases}, ensure_ascii=False)
    result = subprocess.run(
        [require_node(), "-e", RUNNER, str(CANONICAL_JS)],
        input=job,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return json.loads(result.stdout)


def _annual(data: dict) -> bool:
    return bool(re.fullmatch(r"[0-9]{4}", str(data.get("period", ""))))


def _case(data: dict, preamble: tuple[str, ...] = ()) -> dict:
    return {"data": data, "key": form_key(data["kind"], _annual(data)), "preamble": preamble}


def _demo_reports() -> list[Path]:
    return sorted(
        p for p in (REPO / "submissions" / "projects").glob("*/*.yaml") if p.name != "project.yaml"
    )


def test_the_form_writes_every_demo_report_as_python_does():
    reports = _demo_reports()
    assert len(reports) > 150
    cases, expected = [], []
    for path in reports:
        raw = path.read_text(encoding="utf-8")
        data = parse_file(path, path.name).data
        cases.append(_case(data) | {"raw": raw})
        expected.append(report_text(data, _annual(data), preamble=preamble_of(raw)))
    for path, text, js in zip(reports, expected, js_texts(cases), strict=True):
        assert js == text, path
        assert parse_text(text, path.name).data == parse_file(path, path.name).data, path


AWKWARD = [
    "010", "NO", "yes", "1e3", ": ", "#", "a #b", "a#b", "a: b", "key:", " lead", "trail ",
    "\ttab", "in\ttab", "null", "~", "Null", "true", "FALSE", "0x1F", "0o17", "+.inf", ".NaN",
    "-", "- a", "-1", "+1", "1_000", "12.5万元", "１２．５", "...", "---", "[x]", "{y}", "'q'",
    '"dq"', "\\", "@at", "`tick", "%pc", "!bang", "&amp", "*star", "|pipe", ">gt", "?q", ",c",
    "😀 emoji", "全角：冒号", "中文 # 注释", "ＡＢＣ　１２３　", "\u3000", "\xa0nbsp", "\u202egnp",
    "\u200bzero", "\ufeffbom", "\x00nul", "\x7f", "\x85nel", "\u2028ls", "a\r\nb", "line\n",
    "line\n\n", "\nlead", "  indented\nx", "x\n  indented", "x\n\ty", "x  \ny", "x\n\ny", "x\n \ny",
    "# 标题\n正文", "多行\n文字\n", "",
]  # fmt: skip
_characters = st.characters(exclude_categories=("Cs",))
texts = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(_characters, max_size=12),
    st.lists(st.sampled_from(AWKWARD) | st.text(_characters, max_size=4), max_size=4).map("".join),
)
numbers = st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False)
scalars = st.none() | st.booleans() | numbers | texts
# Keys as JavaScript keeps them in order (an integer-like key would move first there) and as
# the reader accepts them (`<<` is a merge key, refused).
keys = texts.filter(lambda k: not re.fullmatch(r"0|[1-9][0-9]*|<<", k))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=8,
)
ORGANISATION = ["coordination_mechanism", "mechanism", "publicity", "timely_reporting"]
reports = st.fixed_dictionaries(
    {
        "project": texts,
        "period": st.sampled_from(["2021-Q3", "2021"]),
        "kind": st.sampled_from(["region", "enterprise"]),
        "organisation": st.dictionaries(st.sampled_from(ORGANISATION) | keys, texts, max_size=4),
        "performance": st.fixed_dictionaries(
            {"figures": st.dictionaries(st.sampled_from(["revenue", "quality"]), numbers)}
        ),
        "problems": st.lists(
            st.fixed_dictionaries({"theme": texts, "problem": texts, "suggestion": texts}),
            max_size=2,
        ),
        "cases": st.lists(st.fixed_dictionaries({"title": texts, "tags": st.lists(texts)})),
    },
    optional={"next_steps": texts, "extra": values, "targets": st.dictionaries(keys, values)},
)
preambles = st.lists(st.sampled_from(["# 示例", "#", "#  两个空格", "# a: b"]), max_size=2)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(reports, preambles), min_size=1, max_size=10))
def test_awkward_data_gives_the_same_bytes_and_reads_back(batch):
    cases = [_case(data, tuple(preamble)) for data, preamble in batch]
    for (data, preamble), js in zip(batch, js_texts(cases), strict=True):
        text = report_text(data, _annual(data), preamble=tuple(preamble))
        assert js == text
        parsed = parse_text(text, "x.yaml")
        assert parsed.ok, [f.message for f in parsed.findings]
        assert parsed.data == data
        assert preamble_of(text) == tuple(preamble)


def test_a_two_field_edit_is_a_two_line_diff():
    path = REPO / "submissions/projects/taiyuan-region/2021-Q3.yaml"
    raw = path.read_text(encoding="utf-8")
    data = parse_file(path, path.name).data
    before = report_text(data, False, preamble=preamble_of(raw))
    data["organisation"]["publicity"] = "网页表单修改的宣传情况：010、NO、#号都照原样保存。"
    data["performance"]["figures"]["key_industry_output"] = 990.5
    (after,) = js_texts([_case(data) | {"raw": raw}])
    changed = changed_lines(before, after)
    assert changed == [
        "-  publicity: 统仓共配做法被商务部供应链创新与应用简报刊发（示例）；组织省内 4 个地市商务部门来太原观摩。",
        "+  publicity: 网页表单修改的宣传情况：010、NO、#号都照原样保存。",
        "-    key_industry_output: 738",
        "+    key_industry_output: 990.5",
    ]
