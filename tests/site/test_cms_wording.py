"""The form's check and `sctrack validate` say the same thing (issue 23): the page's
check.js, run by node on the published schema with validate's exported wording, gives for
each wrongly written figure and each missing section the very message validate gives."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import yaml

from site_builder.load.yamlsafe import parse_text
from site_builder.site.cms import Backend, write_admin
from site_builder.validate.run import check_schema

from conftest import REPO
from decap import as_in_the_form, require_node

CMS = REPO / "site_builder" / "site" / "cms"
WINDOW = date(2022, 1, 10)
# What a clerk may type in the 亿元 box of 重点产业产值; the last is a number, saved as one.
WRITTEN = ["１２．５", '"12.5"', "1,234.5", "12.5万元", "385.6亿元", "5%", "无", "12.5万美元",
           "abc", "12.5"]  # fmt: skip
RUN = """
global.window = global;
window.ajv2020 = require(process.argv[1] + "/vendor/ajv2020.min.js");
window.sctrackUi = function () { return {}; };
require(process.argv[1] + "/check.js");
const fs = require("fs");
const html = fs.readFileSync(process.argv[2], "utf8");
const settings = JSON.parse(html.match(/"application\\/json">(.*?)<\\/script>/s)[1]);
const check = window.sctrackCheck(settings);
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
console.log(JSON.stringify(cases.map(function (data) {
  return check.problems(check.coerce(data)).map(function (p) { return p.message; });
})));
"""


def _report(figure: str | float) -> dict:
    data = yaml.safe_load((REPO / "submissions/projects/taiyuan-region/2021-Q4.yaml").read_text())
    data["performance"]["figures"]["key_industry_output"] = figure
    del data["green"]
    return data


def _validate(data: dict) -> list[str]:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    parsed = parse_text(text, "r.yaml")
    findings = check_schema("quarterly-report", parsed.data, parsed.positions, "r.yaml")
    return sorted(as_in_the_form(f.message) for f in findings)


def test_the_form_words_every_problem_as_validate_does(tmp_path: Path, demo_analysed):
    node = require_node()
    corpus = demo_analysed.corpus
    write_admin(tmp_path, corpus, Backend("github", "shanxi/scm"), WINDOW)
    cases = [_report(figure) for figure in WRITTEN]
    result = subprocess.run(
        [node, "-e", RUN, "--", str(CMS), str(tmp_path / "admin" / "index.html")],
        input=json.dumps(cases, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
    )
    from_form = [sorted(messages) for messages in json.loads(result.stdout)]
    for figure, messages in zip(WRITTEN, from_form, strict=True):
        typed = float(figure) if figure == "12.5" else figure
        expected = _validate(_report(typed))
        assert messages == expected, figure
        assert len(messages) == (1 if figure == "12.5" else 2)  # the missing section, always
