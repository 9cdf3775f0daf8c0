"""CODEOWNERS from the registry, and the reviewer's plain-words diff."""

from __future__ import annotations

import pytest
import yaml

from conftest import invoke
from gitrepo import base_repo


def test_codeowners_generated_in_the_right_order(base_tree):
    assert invoke("codeowners", "--root", str(base_tree)).returncode == 0
    lines = [
        line
        for line in (base_tree / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    patterns = [line.split()[0] for line in lines]
    assert patterns[0] == "*"
    assert "/submissions/projects/alpha-region/" in patterns
    # The last matching pattern wins: registry and CODEOWNERS after the project folders.
    assert patterns.index("/submissions/registry/") > patterns.index(
        "/submissions/projects/beta-firm/"
    )
    assert patterns[-1] == "/.github/CODEOWNERS"
    owners = dict(line.split(None, 1) for line in lines)
    assert owners["/submissions/projects/alpha-region/"] == "@test-org/taiyuan"
    assert owners["/submissions/projects/beta-firm/"] == "@test-org/datong"
    assert owners["/submissions/registry/"] == "@test-org/province"


def test_provincial_soe_is_also_owned_by_sasac(base_tree):
    project = base_tree / "submissions/projects/beta-firm/project.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace(
            "provincial_soe: false", "provincial_soe: true"
        ),
        encoding="utf-8",
    )
    invoke("codeowners", "--root", str(base_tree))
    text = (base_tree / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/submissions/projects/beta-firm/" in text
    line = next(
        line for line in text.splitlines() if line.startswith("/submissions/projects/beta-firm/")
    )
    assert line.split()[1:] == ["@test-org/datong", "@test-org/sasac"]


def test_check_catches_a_stale_file(base_tree):
    assert invoke("codeowners", "--root", str(base_tree), "--check").returncode == 1  # missing
    invoke("codeowners", "--root", str(base_tree))
    assert invoke("codeowners", "--root", str(base_tree), "--check").returncode == 0
    cities = base_tree / "submissions/registry/cities.yaml"
    cities.write_text(
        cities.read_text(encoding="utf-8").replace("@test-org/datong", "@test-org/datong-new"),
        encoding="utf-8",
    )
    result = invoke("codeowners", "--root", str(base_tree), "--check")
    assert result.returncode == 1
    assert "+/submissions/projects/beta-firm/" in result.stdout and "datong-new" in result.stdout


@pytest.fixture
def history(tmp_path, git_history: None):
    return base_repo(tmp_path / "repo", "2021-08-01")


def _edit(repo, path, change):
    file = repo.root / path
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _diff(repo, output_format="text"):
    repo.commit("change", "2021-08-02")
    result = invoke(
        "diff",
        "--root",
        str(repo.root),
        "--base",
        "main",
        "--head",
        "pr",
        "--format",
        output_format,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_diff_names_added_changed_and_removed_figures(history):
    def change(data):
        figures = data["finance"]["figures"]
        figures["scf_volume"] = 8.0  # was 7.2: +11.1%
        del figures["financing_cost"]  # was 5.9
        figures["smes_served"] = 120  # new

    _edit(history, "submissions/projects/alpha-region/2021-Q2.yaml", change)
    text = _diff(history)
    assert "六、规范发展供应链金融情况" in text
    assert "“供应链金融融资规模”由 7.2亿元 改为 8亿元，增加 11.1%" in text
    assert "删除了指标“供应链金融平均融资成本”（原为 5.9%）" in text
    assert "新增指标“服务中小企业数量”：120家" in text
    # The report was on the base branch: its changed figures are corrections, deletions are loud.
    assert "！！更正已确认的数据" in text
    assert "！！删除了指标" in text


def test_diff_of_a_new_report_and_a_deleted_one(history):
    new = history.root / "submissions/projects/alpha-region/2021-Q3.yaml"
    new.write_text(
        (history.root / "submissions/projects/alpha-region/2021-Q2.yaml")
        .read_text(encoding="utf-8")
        .replace("2021-Q2", "2021-Q3"),
        encoding="utf-8",
    )
    (history.root / "submissions/projects/alpha-region/2021-Q1.yaml").unlink()
    markdown = _diff(history, "markdown")
    assert "### 新增：alpha-region · 2021年第三季度进展报告" in markdown
    assert "### 删除：alpha-region · 2021年第一季度进展报告" in markdown
    assert "**⚠ 删除了整个文件" in markdown
    assert "更正已确认的数据" not in markdown.split("### 删除")[0]


def test_diff_of_a_rate_speaks_in_percentage_points(history):
    _edit(
        history,
        "submissions/projects/alpha-region/2021-Q2.yaml",
        lambda d: d["finance"]["figures"].update(bad_debt_ratio=1.5),
    )
    assert "上升 0.40 个百分点" in _diff(history)
