"""The pipeline's progress: a line every few seconds while a step runs, and a summary whose
steps add up to the run's wall time."""

from __future__ import annotations

import re
import time

from site_builder.pipeline.timing import Steps


def _seconds(summary: str) -> tuple[dict[str, float], float]:
    found = re.fullmatch(r"各步用时（秒）：(.*)；合计 ([0-9.]+) 秒", summary)
    assert found, summary
    parts, total = found.groups()
    steps: dict[str, float] = {}
    for part in parts.split("，"):
        name, _, value = part.rpartition(" ")
        steps[name] = float(value)
    return steps, float(total)


def test_a_long_step_prints_heartbeats_and_the_summary_adds_up_to_the_wall_time() -> None:
    lines: list[str] = []
    started = time.perf_counter()
    steps = Steps(lines.append, heartbeat=0.3)
    done = [0]
    with steps.step("页面", lambda: f"{done[0]}/20"):
        for _ in range(20):
            time.sleep(0.1)
            done[0] += 1
    time.sleep(0.2)  # between two steps: counted in the next one
    with steps.step("图表"):
        time.sleep(0.2)
    steps.stop()
    (summary,) = steps.summary()
    wall = time.perf_counter() - started

    beats = [line for line in lines if line.startswith("生成站点：页面 ")]
    assert len(beats) >= 2, (
        lines
    )  # a line every 0.3 s during the 2 s step, give or take a loaded machine
    assert re.fullmatch(r"生成站点：页面 [0-9]+/20，已用 [0-9]+ 秒", beats[0])
    named, total = _seconds(summary)
    assert list(named)[:2] == ["页面", "图表"]
    assert abs(sum(named.values()) - total) <= 0.05 * len(named)  # rounding to 0.1 s each
    assert abs(total - wall) < 0.15
    assert named["图表"] >= 0.35  # the pause before it is its own
