"""Disclosure counts firms, not projects: the demo with two projects registered to one firm.

In the demo, 2021's 进出口额 of the national pilot entity enterprises is published as
36.21（3家）, from datong-new-energy (7.6), shuozhou-dairy (2.31) and
taiyuan-heavy-equipment (26.3). If the first two belong to one firm, that firm subtracts
its own two figures and reads the third firm's 26.3: the cell has two contributors and
must not be published anywhere public. The provincial cell (30.76 from four projects)
has jincheng-coal-chemical (15.2) and yuncheng-fruit-export (11.8): one firm holding both
holds 88 % of it, above the 85 % rule, although neither project alone comes near.

Each case is the demo replayed as reviewed merges (the public aggregates are released
from the git history), built for the public, and searched in every page, download and
the search index; the summary report's JSON is read too (slow).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from site_builder.pipeline.build import build
from site_builder.pipeline.demo import replay
from site_builder.site.summary_page import WITHHELD

from conftest import TODAY, _copy_repo_data, invoke

pytestmark = pytest.mark.slow

NATIONAL_PILOT_CELL = "36.21"  # 进出口额 2021, national pilot entity enterprises (3 firms)
PROVINCIAL_CELL = "30.76"  # the same, provincial entity enterprises (4 firms)
SHARED_CODE = "91140200000000100T"  # fictional, valid check character
CASES = {
    "two-of-three": ["datong-new-energy", "shuozhou-dairy"],
    "one-firm-88-percent": ["jincheng-coal-chemical", "yuncheng-fruit-export"],
}


def _register_one_firm(root: Path, projects: list[str]) -> None:
    for project in projects:
        path = root / "submissions" / "projects" / project / "project.yaml"
        text = path.read_text(encoding="utf-8")
        text, count = re.subn(
            r'^credit_code: "[0-9A-Z]{18}"', f'credit_code: "{SHARED_CODE}"', text, flags=re.M
        )
        assert count == 1, project
        path.write_text(text, encoding="utf-8")


def _trade_row(summary_html: str) -> list[str]:
    """The 进出口额 row of the summary page's enterprise totals: 省重点企业, 全国试点企业, 全省合计."""
    row = re.search(r"<td[^>]*>进出口额（亿元）</td>((?:\s*<td[^>]*>[^<]*</td>){3})", summary_html)
    assert row, "no 进出口额 row in the enterprise totals"
    return re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))


def _public_text(site: Path) -> str:
    """Everything a reader of the public site can download, workbooks unpacked."""
    parts = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                parts += [book.read(n).decode("utf-8", "replace") for n in book.namelist()]
        elif path.is_file() and path.suffix in (".html", ".json", ".csv", ".txt", ".xml", ".js"):
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def firm_cases(tmp_path_factory) -> dict[str, dict]:
    results = {}
    for name, projects in CASES.items():
        base = tmp_path_factory.mktemp(name)
        source = _copy_repo_data(base / "source")
        _register_one_firm(source, projects)
        root = base / "repo"
        replay(source, root)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SCTRACK_TODAY", TODAY)
            site = build(root, "public").site_dir
        report = base / "report.json"
        done = invoke("report", "2021", "--format", "json", "--root", str(root), "-o", str(report))
        assert done.returncode == 0, done.stdout + done.stderr
        checked = invoke("validate", "--root", str(root), "--format", "json")
        results[name] = {
            "public": _public_text(site),
            "summary": (site / "summary" / "index.html").read_text(encoding="utf-8"),
            "report": report.read_text(encoding="utf-8"),
            "validate": json.loads(checked.stdout),
        }
    return results


def test_the_demo_publishes_both_cells_when_every_project_is_its_own_firm(demo_sites):
    summary = (demo_sites["public"] / "summary" / "index.html").read_text(encoding="utf-8")
    assert _trade_row(summary) == [
        f"{PROVINCIAL_CELL}（4家）",
        f"{NATIONAL_PILOT_CELL}（3家）",
        "66.97（7家）",
    ]


def test_a_firm_holding_two_projects_of_a_cell_of_three_hides_the_cell(firm_cases):
    case = firm_cases["two-of-three"]
    assert NATIONAL_PILOT_CELL not in case["public"]
    # Two firms, not three; the provincial cell goes too (secondary suppression): with the
    # total published it would give the hidden one back.
    assert _trade_row(case["summary"]) == [
        f"{WITHHELD}（4家）",
        f"{WITHHELD}（2家）",
        "66.97（6家）",
    ]
    assert PROVINCIAL_CELL not in case["public"]
    assert NATIONAL_PILOT_CELL not in case["report"]


def test_one_firm_at_88_percent_over_two_projects_hides_the_cell(firm_cases):
    case = firm_cases["one-firm-88-percent"]
    assert PROVINCIAL_CELL not in case["public"]
    assert _trade_row(case["summary"]) == [
        f"{WITHHELD}（3家）",
        f"{WITHHELD}（3家）",
        "66.97（6家）",
    ]
    assert NATIONAL_PILOT_CELL not in case["public"]  # secondary suppression
    assert PROVINCIAL_CELL not in case["report"]


def test_validation_warns_about_two_projects_of_one_firm_in_one_tier(firm_cases):
    for name, projects in CASES.items():
        report = firm_cases[name]["validate"]
        warned = {f["path"].split("/")[2] for f in report["findings"] if f["code"] == "X021"}
        assert warned == set(projects), name
        assert report["ok"] is True  # a warning: the province decides
