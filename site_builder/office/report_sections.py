"""The sections of the summary report, each a function that returns its content.

A section is its title, its blocks (paragraphs, tables, bullet lists, images)
and the chart jobs its images refer to. Every number is a figure of
`report_json.report_figures`, looked up by id; nothing is appended to lists
passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from site_builder.analyse.adjustment import RECOMMENDATION_LABELS, Recommendation
from site_builder.analyse.analysis import TIER_KIND_LABELS, Analysis
from site_builder.analyse.figures import change_text, excluded_note
from site_builder.analyse.stats import FOLLOWED_RULE
from site_builder.analyse.statuses import STATUS_LABELS, UNCOUNTED
from site_builder.load.periods import Period, day_label
from site_builder.load.records import Report
from site_builder.load.text import normalise_space
from site_builder.office.report_json import COUNT_KEYS, RATE_KEYS, Figures, tier_kind_key
from site_builder.present.chart_jobs import (
    DISTRIBUTION_PNG,
    RATES_PNG,
    distribution_chart,
    rates_chart,
)
from site_builder.present.markdown import ChartJob
from site_builder.spec import catalogue

CN_NUMBERS = "一二三四五六七八九十"
PROBLEMS_PER_THEME = 3  # a summary names the main ones; every report keeps the rest


@dataclass
class Block:
    kind: str  # heading | paragraph | table | image | bullets
    text: str = ""
    level: int = 1
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    image: str = ""  # chart file name (under the charts folder)
    alt: str = ""


@dataclass
class Section:
    title: str
    blocks: list[Block]
    charts: list[ChartJob] = field(default_factory=list)  # drawn for the images in `blocks`


def reports_in(analysis: Analysis, period: Period) -> list[Report]:
    """The reports of the period: the quarter's, or for a year its annual summaries."""
    return [r for r in analysis.corpus.reports if r.period == period]


def introduction(analysis: Analysis, period: Period) -> list[Block]:
    as_of = day_label(analysis.supervision.as_of)
    return [
        Block(
            "paragraph",
            f"按照《关于在线跟进供应链重点项目的通知》要求，全省重点供应链项目在平台报送"
            f"{period.report_kind}，经各市商务局（省属企业经省商务厅会同省国资委）在线确认。"
            f"现将{period.label}全省重点供应链项目进展情况报告如下。本报告数据截至{as_of}，"
            "均由平台数据自动汇总；与其他时期比较时，只比较两期都报送了该指标的项目（同口径），"
            "未纳入比较的项目在相应段落后列明。",
        )
    ]


def overview(analysis: Analysis, period: Period, figures: Figures) -> Section:
    cancelled = figures["projects.cancelled"].value
    keys = [(tier_kind_key(*key), label) for key, label in TIER_KIND_LABELS.items()]
    summary = (
        f"目前全省纳入在线跟进的重点供应链项目共{figures.count('projects.total')}个"
        f"（{FOLLOWED_RULE}），其中"
        + "、".join(f"{label}{figures.count(f'projects.{key}')}个" for key, label in keys)
        + f"，分布在{figures.count('projects.cities')}个设区市"
        + (
            f"；另有{figures.count('projects.cancelled')}个项目已被取消重点培育资格，不计入"
            if cancelled
            else ""
        )
        + f"。本期共收到{period.report_kind}{figures.count('reports.received')}份。"
    )
    without = [
        city.name
        for city in analysis.corpus.registry.cities.values()
        if not figures[f"projects.{city.id}"].value
    ]
    if without:
        summary += f"{'、'.join(without)}暂无纳入跟进的项目，不列入下表。"
    rows = [
        [
            city.name,
            *[figures.count(f"projects.{city.id}.{key}") for key, _ in keys],
            figures.count(f"projects.{city.id}"),
        ]
        for city in analysis.corpus.registry.cities.values()  # every city, 0 included
    ]
    rows.append(
        [
            "合计",
            *[figures.count(f"projects.{key}") for key, _ in keys],
            figures.count("projects.total"),
        ]  # fmt: skip
    )
    chart = distribution_chart(analysis, folder="")
    return Section(
        "总体情况",
        [
            Block("paragraph", summary),
            Block(
                "table",
                "重点供应链项目分布",
                headers=["城市", *(label for _, label in keys), "合计"],
                rows=rows,
            ),
            Block(
                "image",
                "全省重点供应链项目分布（按城市和类别）",
                image=DISTRIBUTION_PNG,
                alt="各市重点供应链项目数量",
            ),
        ],
        [chart] if chart else [],
    )


def _rates_paragraph(analysis: Analysis, period: Period, figures: Figures) -> list[Block]:
    corpus = analysis.corpus
    late = [
        s
        for s in analysis.supervision.statuses
        if s.period == period and s.status in ("late", "missing")
    ]
    if late:
        named = "；".join(
            f"{corpus.projects[s.project].name}（{STATUS_LABELS[s.status]}）" for s in late
        )
        outcome = f"逾期或缺报的有：{named}。"
    elif figures["reporting.on_time"].value == figures["reporting.expected"].value:
        outcome = "所有项目均按时报送。"
    else:  # reports whose confirmation time is unknown count neither way
        outcome = "其余报告的确认时间未知，未计入报送率和及时率。"
    changes = [
        f"{figures[f'reporting.{key}.change'].label}{change_text(*_change(figures, key))}"
        for key in ("reporting_rate", "timeliness_rate")
        if f"reporting.{key}.change" in figures
    ]
    excluded = [
        e for key in ("reporting_rate",) for e in _excluded(figures, f"reporting.{key}.change")
    ]
    text = (
        f"本期应报{figures.count('reporting.expected')}份，"
        f"已在线确认{figures.count('reporting.confirmed')}份，"
        f"其中按时确认{figures.count('reporting.on_time')}份，"
        f"报送率{figures.rate('reporting.reporting_rate')}，"
        f"及时率{figures.rate('reporting.timeliness_rate')}。"
        + (
            "与上期相比，" + "，".join(changes) + "。"
            if changes
            else f"上期（{period.previous().label}）没有同口径的报送数据，不作环比。"
        )
        + outcome
    )
    blocks = [Block("paragraph", text)]
    if excluded:
        blocks.append(Block("paragraph", excluded_note(excluded)))
    return blocks


def _change(figures: Figures, key: str) -> tuple[float | None, str]:
    figure = figures[f"reporting.{key}.change"]
    return figure.change, figure.change_unit or "百分点"


def _excluded(figures: Figures, figure_id: str) -> list:
    figure = figures.get(figure_id)
    return figure.excluded if figure else []


def reporting_gap(analysis: Analysis, period: Period) -> str:
    """Why the period has no reporting figures, in one sentence ("" when it has them)."""
    supervision = analysis.supervision
    as_of = day_label(supervision.as_of)
    if not supervision.history.available:
        return f"确认历史不可用（{supervision.history.reason}），无法统计本期报告的报送确认情况。"
    of_period = [s for s in supervision.statuses if s.period == period]
    if supervision.as_of <= period.end:
        return f"截至{as_of}，{period.label}尚未结束，本期报告还未到报送时间。"
    if of_period and all(s.status in UNCOUNTED for s in of_period):
        due = min(s.due for s in of_period)
        return f"本期报告的报送期限为{day_label(due)}，截至{as_of}尚未到期。"
    return f"{period.label}没有项目应报告（各项目均在本期之后才纳入跟进）。"


def reporting(analysis: Analysis, period: Period, figures: Figures) -> Section:
    if "reporting.expected" not in figures or not analysis.supervision.history.available:
        blocks = [Block("paragraph", reporting_gap(analysis, period))]
    else:
        columns = [*COUNT_KEYS, *RATE_KEYS]
        # Every city of the registry; one with no report due this period has 0 and no rate.
        rows = [
            [
                city.name,
                *[figures.count(f"reporting.{city.id}.{key}") for key in COUNT_KEYS],
                *[figures.rate(f"reporting.{city.id}.{key}") for key in RATE_KEYS],
            ]
            if all(f"reporting.{city.id}.{key}" in figures for key in columns)
            else [city.name, *["0" for _ in COUNT_KEYS], *["—" for _ in RATE_KEYS]]
            for city in analysis.corpus.registry.cities.values()
        ]
        blocks = [
            *_rates_paragraph(analysis, period, figures),
            Block(
                "table",
                "各市报送确认情况",
                headers=["城市", *COUNT_KEYS.values(), *RATE_KEYS.values()],
                rows=rows,
            ),
        ]
    chart = rates_chart(analysis, folder="")  # None when no rate is known: no image then
    if chart:
        blocks.append(
            Block(
                "image",
                "全省报送率和及时率（按报告期）",
                image=RATES_PNG,
                alt="各报告期报送率和及时率",
            )
        )
    return Section("报送确认情况", blocks, [chart] if chart else [])


def period_cases(analysis: Analysis, period: Period) -> pd.DataFrame:
    return analysis.cases[analysis.cases["period"] == str(period)]


def highlights(analysis: Analysis, period: Period, figures: Figures) -> Section:
    title = "工作亮点和可复制推广的实践经验"
    cases = period_cases(analysis, period)
    if cases.empty:
        return Section(title, [Block("paragraph", "本期各项目未报送新的实践案例。")])
    count = (
        f"本期各项目共总结实践案例{figures.count('cases.count')}篇，"
        f"其中申请公开发布{figures.count('cases.public')}篇："
    )
    items = [
        f"{row['title']}（{row['city_name']}，{row['project_name']}）：{normalise_space(row['summary'])}"
        for _, row in cases.iterrows()
    ]
    return Section(title, [Block("paragraph", count), Block("bullets", items=items)])


def _problem_items(
    analysis: Analysis, problems: list[tuple[Report, dict]], theme: str
) -> list[str]:
    """The problems of one theme, the first PROBLEMS_PER_THEME in full, the rest counted."""
    items = []
    for report, problem in problems:
        if problem["theme"] != theme:
            continue
        name = analysis.corpus.projects[report.project].name
        suggestion = (
            f"建议：{normalise_space(problem['suggestion'])}" if problem.get("suggestion") else ""
        )
        items.append(f"{name}：{normalise_space(problem['problem'])}{suggestion}")
    shown = items[:PROBLEMS_PER_THEME]
    if len(items) > len(shown):
        shown.append(f"另有{len(items) - len(shown)}条同类问题，详见各项目报告。")
    return shown


def problems(analysis: Analysis, period: Period, figures: Figures) -> Section:
    title = "存在的问题和建议"
    found = [(r, p) for r in reports_in(analysis, period) for p in r.data.get("problems", [])]
    if not found:
        return Section(title, [Block("paragraph", "本期各项目未反映问题。")])
    themes = pd.Series([p["theme"] for _, p in found]).value_counts()
    by_theme = "、".join(
        f"{catalogue.label('problem_theme', t)}{figures.count(f'problems.theme.{t}')}条"
        for t in themes.index
    )
    blocks = [
        Block(
            "paragraph",
            f"本期{figures.count('problems.projects')}个项目共反映问题"
            f"{figures.count('problems.count')}条，按类别为：{by_theme}。主要问题和建议如下：",
        )
    ]
    for number, theme in enumerate(themes.index):
        label = catalogue.label("problem_theme", theme)
        blocks.append(Block("heading", f"（{CN_NUMBERS[number]}）{label}", level=2))
        blocks.append(Block("bullets", items=_problem_items(analysis, found, theme)))
    return Section(title, blocks)


def advice(analysis: Analysis) -> list[Recommendation]:
    """Projects the analysis proposes to warn or to cancel."""
    return [
        r
        for r in analysis.supervision.recommendations
        if r.recommendation in ("warning", "propose_cancel")
    ]


def adjustment(analysis: Analysis, period: Period, figures: Figures) -> Section:  # noqa: ARG001
    """Decisions and proposals as of the analysis date; every section takes the period."""
    corpus = analysis.corpus
    decisions = sorted(
        (d for d in corpus.registry.decisions if d.date <= analysis.supervision.as_of),
        key=lambda d: d.date,
    )
    proposed = advice(analysis)
    blocks = []
    if decisions:
        rows = [
            [
                d.date.isoformat(),
                corpus.projects[d.project].name,
                catalogue.label("decision", d.decision),
                d.document_no,
            ]
            for d in decisions
        ]
        blocks += [
            Block(
                "paragraph",
                f"省商务厅已作出调整决定{figures.count('adjustments.decisions')}项：",
            ),
            Block("table", "动态调整决定", headers=["日期", "项目", "决定", "文号"], rows=rows),
        ]
    if proposed:
        items = [
            f"{corpus.projects[r.project].name}（{RECOMMENDATION_LABELS[r.recommendation]}）："
            + "".join(r.reasons)
            for r in proposed
        ]
        blocks += [
            Block("paragraph", "根据报送情况、目标进展和风险记录，以下项目建议研究处理："),
            Block("bullets", items=items),
        ]
    return Section(
        "动态调整情况", blocks or [Block("paragraph", "本期没有需要预警或取消资格的项目。")]
    )


def next_steps(analysis: Analysis, period: Period, figures: Figures) -> Section:  # noqa: ARG001
    steps = []
    if figures["reports.missing"].value:
        steps.append(
            f"督促相关市商务局指导{figures.count('reports.missing')}个未报送项目"
            f"尽快补报{period.report_kind}。"
        )
    if figures["adjustments.warning"].value or figures["adjustments.propose_cancel"].value:
        steps.append(
            f"对建议预警的{figures.count('adjustments.warning')}个项目、"
            f"建议取消资格的{figures.count('adjustments.propose_cancel')}个项目，"
            "会同有关市商务局核实情况，按程序研究作出调整决定。"
        )
    if figures["cases.count"].value:
        steps.append(
            f"对本期总结的{figures.count('cases.count')}篇实践案例组织评审，推广可复制的经验做法。"
        )
    steps.append("继续按季度汇总分析全省重点供应链项目进展情况，定期报商务部。")
    return Section("下一步工作", [Block("bullets", items=steps)])
