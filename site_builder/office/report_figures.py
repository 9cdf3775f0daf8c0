"""The performance section of the summary report: headline flows and enterprises' change.

Regional and enterprise flows are summed at the period (year to date) with
their change on the same period a year before; enterprises' indicators are
shown only as the published (disclosure-controlled) median and quartiles of
their change against baseline.
"""

from __future__ import annotations

from site_builder.analyse.analysis import Analysis
from site_builder.load.periods import Period
from site_builder.office.report_sections import Block, Section
from site_builder.site.markdown import num
from site_builder.spec import catalogue

# The flows the performance section sums up: indicator, project kind, what the sentence calls it.
HEADLINE_FLOWS = [
    ("scf_volume", "region", "重点区域供应链金融融资规模"),
    ("smes_served", "region", "重点区域供应链金融服务中小企业"),
    ("zhongzheng_financing", "region", "通过中征应收账款融资服务平台融资"),
    ("scf_volume", "enterprise", "金融机构项目供应链金融融资规模"),
    ("green_procurement", "region", "重点区域政府绿色采购"),
    ("green_purchase", "enterprise", "企业项目绿色采购"),
    ("import_export", "region", "重点区域重点产业进出口"),
    ("import_export", "enterprise", "企业项目进出口"),
]


def _flow_total(
    analysis: Analysis, period: Period, code: str, kind: str
) -> tuple[float | None, int, float | None]:
    """Sum of a flow at the period (year to date), how many projects reported it, and the
    change in percent on the same period a year before."""

    def total(p: Period) -> tuple[float | None, int]:
        if p.is_annual:
            annual = analysis.annual
            rows = annual[(annual["year"] == p.year) & (annual["indicator"] == code)]
        else:
            figures = analysis.figures
            rows = figures[(figures["period"] == str(p)) & (figures["indicator"] == code)]
        rows = rows[rows["kind"] == kind]
        value = float(rows["value"].sum()) if not rows.empty else None
        return value, int(rows["project"].nunique())

    now, count = total(period)
    before, _ = total(Period(period.year - 1, period.slot))
    change = (now - before) / before * 100 if now is not None and before else None
    return now, count, change


def _headline_flows(analysis: Analysis, period: Period) -> list[Block]:
    rows = []
    sentences = []
    for code, kind, label in HEADLINE_FLOWS:
        total, count, change = _flow_total(analysis, period, code, kind)
        if total is None:
            continue
        unit = catalogue.indicators()[code].unit
        rows.append(
            [label, num(total), unit, str(count), "—" if change is None else f"{change:+.1f}%"]
        )
        trend = (
            ""
            if change is None
            else f"，同比{'增长' if change >= 0 else '下降'} {abs(change):.1f}%"
        )
        sentences.append(f"{label}{num(total)}{unit}{trend}")
    if not rows:
        return []
    scope = "全年" if period.is_annual else f"截至{period.label}末累计"
    return [
        Block("paragraph", f"{scope}，" + "；".join(sentences) + "。"),
        Block(
            "table",
            "主要指标汇总",
            headers=["指标", "数值", "单位", "填报项目数", "同比"],
            rows=rows,
        ),
    ]


def _enterprise_change(analysis: Analysis, period: Period) -> list[Block]:
    change = analysis.enterprise_change
    last_full_year = period.year if period.is_annual else period.year - 1
    latest = change[(change["year"] <= last_full_year) & change["published"]]
    if latest.empty:
        return []
    year = int(latest["year"].max())
    rows = []
    for r in latest[latest["year"] == year].itertuples():
        ind = catalogue.indicators()[r.indicator]
        rows.append(
            [
                ind.name,
                str(r.n),
                f"{r.median:+.1f}%",
                f"{r.q1:+.1f}%～{r.q3:+.1f}%",
                "越高越好" if ind.better == "higher" else "越低越好",
            ]
        )
    return [
        Block(
            "paragraph",
            f"从企业项目看，以 {year} 年全年数据与各企业申报基期相比，"
            "主要绩效指标变化的中位数和四分位区间见下表。",
        ),
        Block(
            "table",
            f"企业项目主要指标较基期变化（{year} 年）",
            headers=["指标", "企业数", "中位数", "四分位区间", "方向"],
            rows=rows,
        ),
    ]


def performance(analysis: Analysis, period: Period) -> Section:
    blocks = _headline_flows(analysis, period) + _enterprise_change(analysis, period)
    return Section("供应链绩效情况", blocks or [Block("paragraph", "本期暂无可汇总的绩效数据。")])
