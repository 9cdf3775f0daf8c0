"""A real build says what it does on stderr and ends with the seconds of each step, which add
up to the time the build took (slow: it builds a site)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import invoke

pytestmark = pytest.mark.slow


def test_the_steps_of_a_build_add_up_to_its_time(base_tree: Path) -> None:
    outcome = invoke("build", "--root", str(base_tree))
    assert outcome.returncode == 0, outcome.stderr
    (summary,) = re.findall(r"各步用时（秒）：(.*)；合计 ([0-9.]+) 秒", outcome.stderr)
    steps = {
        name: float(seconds)
        for name, _, seconds in (part.rpartition(" ") for part in summary[0].split("，"))
    }
    total = float(summary[1])
    finished = re.search(r"用时 ([0-9.]+) 秒", outcome.stdout)
    assert finished, outcome.stdout
    took = float(finished.group(1))
    for step in ("读取和校验", "读取历史", "分析", "视图", "页面", "图表", "下载文件", "MkDocs"):
        assert step in steps, summary
    assert abs(sum(steps.values()) - total) <= 0.05 * len(steps)  # each rounded to 0.1 s
    assert abs(total - took) <= 0.3
    assert "生成公开版站点……" in outcome.stderr and "生成站点" not in outcome.stdout
