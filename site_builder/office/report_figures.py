"""The performance section of the summary report: headline flows, rates and enterprises' change.

One table per population (regions, financial institutions, entity
enterprises): their figures are never added together. Flows are the sums at
the period (year to date), ratios the median; each is compared like-for-like
with the same period a year before, levels in %, rates in 百分点, and the
projects left out of a comparison are named under the table. Enterprises'
indicators are shown as the published median and quartiles of their change
against baseline. Every number is a figure of `report_json.report_figures`.
"""

from __future__ import annotations

from site_builder.analyse.analysis import Analysis
from site_builder.analyse.figures import (
    POPULATION_LABELS,
    change_text,
    excluded_note,
    indicator_name,
)
from site_builder.load.periods import Period
from site_builder.office.report_json import (
    Figures,
    enterprise_change_year,
    headline_table,
    year_before,
)
from site_builder.office.report_sections import Block, Section
from site_builder.spec import catalogue


def _population_blocks(
    period: Period, figures: Figures, group: str, kind: str, codes: list[str]
) -> list[Block]:
    rows, sentences, excluded = [], [], []
    for code in codes:
        figure_id = f"{group}.{kind}.{code}"
        if figure_id not in figures:
            continue
        figure, comparison = figures[figure_id], figures.get(f"{figure_id}.yoy")
        name = indicator_name(kind, catalogue.indicators()[code])
        rows.append(
            [
                figure.label,
                figures.amount(figure_id),
                figure.unit,
                str(len(figure.units)),
                figures.change(f"{figure_id}.yoy"),
            ]
        )
        trend = ""
        if comparison is not None and comparison.change is not None:
            trend = (
                f"（同口径{len(comparison.units)}个项目同比"
                f"{change_text(comparison.change, comparison.change_unit or '%')}）"
            )
            excluded += [e for e in comparison.excluded if e not in excluded]
        sentences.append(f"{name}{figures.amount(figure_id)}{figure.unit}{trend}")
    if not rows:
        return []
    population = POPULATION_LABELS[kind]
    word = "合计" if group == "flows" else "中位数"
    before = year_before(period)
    blocks = [
        Block("paragraph", f"{population}：" + "；".join(sentences) + "。"),
        Block(
            "table",
            f"{population}主要指标{word}",
            headers=["指标", word, "单位", "填报项目数", f"同比（与{before.label}同口径）"],
            rows=rows,
        ),
    ]
    if excluded:
        blocks.append(Block("paragraph", excluded_note(excluded)))
    return blocks


def _headline_blocks(period: Period, figures: Figures) -> list[Block]:
    blocks = []
    for group, summable in (("flows", True), ("ratios", False)):
        for kind, codes in headline_table(summable).items():
            blocks += _population_blocks(period, figures, group, kind, codes)
    if not blocks:
        return []
    scope = "全年" if period.is_annual else f"截至{period.label}末累计（比率为本期）"
    compared = any(figure_id.endswith(".yoy") for figure_id in figures)
    intro = (
        f"{scope}主要指标如下。重点区域、金融机构项目和实体企业项目分别统计，不相加；"
        "总量为填报项目合计，比率为填报项目的中位数；同比只比较两期都填报了该指标的项目，"
        "总量变化以百分比表示，比率变化以百分点表示。"
        + ("" if compared else f"{year_before(period).label}没有可比较的数据，本期不作同比。")
    )
    return [Block("paragraph", intro), *blocks]


def _enterprise_change(analysis: Analysis, period: Period, figures: Figures) -> list[Block]:
    year = enterprise_change_year(analysis, period)
    if year is None:
        return []
    rows = []
    for code, ind in catalogue.indicators().items():
        base = f"enterprise_change.{code}"
        if f"{base}.n" not in figures:
            continue
        rows.append(
            [
                ind.name,
                figures.count(f"{base}.n"),
                figures.signed(f"{base}.median"),
                f"{figures.signed(f'{base}.q1')}～{figures.signed(f'{base}.q3')}",
                "越高越好" if ind.better == "higher" else "越低越好",
            ]
        )
    return [
        Block(
            "paragraph",
            f"从企业项目看，以{year}年全年数据与各企业申报基期相比，"
            "主要绩效指标变化的中位数和四分位区间见下表。",
        ),
        Block(
            "table",
            f"企业项目主要指标较基期变化（{year}年）",
            headers=["指标", "企业数", "中位数", "四分位区间", "方向"],
            rows=rows,
        ),
    ]


def performance(analysis: Analysis, period: Period, figures: Figures) -> Section:
    blocks = _headline_blocks(period, figures) + _enterprise_change(analysis, period, figures)
    if not blocks:
        received = figures.count("reports.received")
        blocks = [
            Block(
                "paragraph",
                "本期尚未收到报告，暂无可汇总的绩效数据。"
                if received == "0"
                else f"本期收到的{received}份报告均未填报主要绩效指标，暂无可汇总的数据。",
            )
        ]
    return Section("供应链绩效情况", blocks)
