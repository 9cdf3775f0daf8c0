"""Progress per quantified target against the growth needed to reach it.

The observed yearly change from the baseline to the latest full-year value is
compared with the one needed to reach the target in time (the Open SDG /
Statistics Canada measure): compound annual growth where every value is
positive, a linear yearly change otherwise. The ratio observed / required is
classified with the policy's `progress_on_track_ratio` and
`progress_acceleration_ratio`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from site_builder.load.records import Corpus, Policy, Target
from site_builder.spec import catalogue

PROGRESS_LABELS = {
    "on_track": "进度正常",
    "needs_acceleration": "需加快进度",
    "limited_progress": "进展有限",
    "deterioration": "出现倒退",
    "achieved": "已达到目标",
    "not_measurable": "暂无法评估",
}


@dataclass
class TargetProgress:
    project: str
    target: str
    indicator: str
    baseline: float
    baseline_year: int
    target_value: float
    target_year: int
    latest: float | None
    latest_year: int | None
    observed_rate: float | None
    required_rate: float | None
    ratio: float | None
    category: str

    @property
    def compound(self) -> bool:
        """Whether the rates are compound growth (a share a year) rather than a change in the
        indicator's unit a year."""
        return _compound(self.baseline, self.target_value, self.latest)


def _compound(baseline: float, target: float, latest: float | None) -> bool:
    """Compound growth needs every value positive; otherwise the change is linear."""
    return baseline > 0 and target > 0 and latest is not None and latest > 0


def _yearly_change(start: float, end: float, years: int, compound: bool) -> float:
    """Compound annual growth rate, or the linear change per year."""
    if compound:
        growth: float = (end / start) ** (1 / years)  # both positive: a real root
        return growth - 1
    return (end - start) / years


def _category(ratio: float, policy: Policy) -> str:
    if ratio >= policy.progress_on_track_ratio:
        return "on_track"
    if ratio >= policy.progress_acceleration_ratio:
        return "needs_acceleration"
    return "limited_progress" if ratio >= 0 else "deterioration"


def classify_progress(
    target: Target, latest: float | None, latest_year: int | None, better: str, policy: Policy
) -> tuple[float | None, float | None, float | None, str]:
    """(observed rate, required rate, ratio, category) for one quantified target."""
    b, t, since = target.baseline, target.target, target.baseline_year
    if latest is None or latest_year is None or b is None or t is None or since is None:
        return None, None, None, "not_measurable"
    if latest_year <= since:
        return None, None, None, "not_measurable"
    compound = _compound(b, t, latest)
    observed = _yearly_change(b, latest, latest_year - since, compound)
    required = _yearly_change(b, t, target.target_year - since, compound)
    reached = latest >= t if better == "higher" else latest <= t
    if reached:
        return observed, required, None, "achieved"
    if math.isclose(required, 0.0):
        moved_away = observed != 0 and (observed < 0) == (better == "higher")
        return observed, required, None, "deterioration" if moved_away else "on_track"
    ratio = observed / required
    return observed, required, ratio, _category(ratio, policy)


def _latest_values(annual: pd.DataFrame) -> dict[tuple[str, str], tuple[float, int]]:
    """Each project's and indicator's latest full-year value, with its year (one pass over the
    table instead of filtering it for every target)."""
    ordered = annual.sort_values("year", kind="stable")
    columns = (ordered["project"], ordered["indicator"], ordered["value"], ordered["year"])
    return {
        (project, indicator): (float(value), int(year))
        for project, indicator, value, year in zip(*columns, strict=True)
    }


def target_progress(corpus: Corpus, annual: pd.DataFrame) -> list[TargetProgress]:
    """Every quantified target against the project's latest full-year value."""
    policy = corpus.registry.policy
    latest_of = _latest_values(annual)
    results = []
    for project in corpus.projects.values():
        for target in project.targets:
            if not target.indicator or target.baseline is None or target.target is None:
                continue
            if target.baseline_year is None:
                continue
            indicator = catalogue.indicators()[target.indicator]
            latest, latest_year = latest_of.get((project.id, target.indicator), (None, None))
            observed, required, ratio, category = classify_progress(
                target, latest, latest_year, indicator.better, policy
            )
            results.append(
                TargetProgress(
                    project=project.id,
                    target=target.id,
                    indicator=target.indicator,
                    baseline=target.baseline,
                    baseline_year=target.baseline_year,
                    target_value=target.target,
                    target_year=target.target_year,
                    latest=latest,
                    latest_year=latest_year,
                    observed_rate=observed,
                    required_rate=required,
                    ratio=ratio,
                    category=category,
                )
            )
    return results


def method_note(policy: Policy) -> str:
    """How the assessment is made, with the policy's thresholds, for the pages that show it."""
    high = f"{policy.progress_on_track_ratio:.0%}"
    low = f"{policy.progress_acceleration_ratio:.0%}"
    return (
        "进展评估按统计部门通行的目标进展评估办法，比较实际年均增速与按期完成目标所需的年均增速："
        f"达到所需增速{high}及以上的为进度正常，{low}至{high}的为需加快进度，{low}以下的为进展有限，"
        "变化方向与目标相反的为出现倒退。“越低越好”的指标按下降幅度计算。"
    )
