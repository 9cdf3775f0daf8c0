"""The summary report the province sends to the ministry (通知 四(四)), for a quarter or a year.

Every number is computed from the data. The report is a list of blocks
(headings, paragraphs, tables, images), rendered to Markdown for the internal
site and `sctrack report --format md`, and to Word by `docx_report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from site_builder.spec import catalogue
from site_builder.analyse.analysis import TIER_KIND_LABELS, Analysis
from site_builder.analyse.numbers import rate as _pct
from site_builder.site.chart_jobs import distribution_chart, rates_chart
from site_builder.analyse.supervision import RECOMMENDATION_LABELS, STATUS_LABELS, rates
from site_builder.site.markup import normalise_space
from site_builder.site.markdown import ChartJob, num
from site_builder.load.periods import Period

CN = "一二三四五六七八九十"
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
class SummaryReport:
    period: Period
    title: str
    issuer: str
    date: date
    blocks: list[Block]
    charts: list[ChartJob]  # the images the blocks refer to, by file name


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _reports_in(analysis: Analysis, period: Period):
    """The reports of the period: the quarter's, or for a year its annual summaries."""
    return [r for r in analysis.corpus.reports if r.period == period]


def _flow_total(
    analysis: Analysis, period: Period, code: str, kind: str
) -> tuple[float | None, int, float | None]:
    """Sum of a flow at the period (YTD), how many reported it, and the change on the same period a year before."""
    figures = analysis.figures

    def total(p: Period) -> tuple[float | None, int]:
        if p.is_annual:
            rows = analysis.annual[
                (analysis.annual["year"] == p.year) & (analysis.annual["indicator"] == code)
            ]
        else:
            rows = figures[(figures["period"] == str(p)) & (figures["indicator"] == code)]
        rows = rows[rows["kind"] == kind]
        return (float(rows["value"].sum()) if not rows.empty else None), int(
            rows["project"].nunique()
        )

    now, count = total(period)
    before, _ = total(Period(period.year - 1, period.slot))
    change = (now - before) / before * 100 if now is not None and before else None
    return now, count, change


def build_report(analysis: Analysis, period: Period, issuer: str = "山西省商务厅") -> SummaryReport:
    corpus = analysis.corpus
    supervision = analysis.supervision
    projects = analysis.projects
    cities = corpus.registry.cities
    blocks: list[Block] = []
    section = iter(CN)
    title = f"山西省重点供应链项目{period.label}进展情况汇总报告"

    def heading(text: str) -> None:
        blocks.append(Block("heading", f"{next(section)}、{text}", level=1))

    reports = _reports_in(analysis, period)
    kind_word = "年度工作总结" if period.is_annual else "季度进展报告"
    blocks.append(
        Block(
            "paragraph",
            f"按照《关于在线跟进供应链重点项目的通知》要求，全省重点供应链项目在平台报送{kind_word}，"
            f"经各市商务局（省属企业经省商务厅会同省国资委）在线确认。现将{period.label}全省重点供应链项目"
            f"进展情况报告如下。本报告数据截至 {_cn_date(supervision.as_of)}，均由平台数据自动汇总。",
        )
    )

    # 一、总体情况
    heading("总体情况")
    active = projects[projects["status"] != "cancelled"]
    counts = {
        label: int((active["tier_kind"] == label).sum()) for label in TIER_KIND_LABELS.values()
    }
    cancelled = int((projects["status"] == "cancelled").sum())
    blocks.append(
        Block(
            "paragraph",
            f"目前全省纳入在线跟进的重点供应链项目共 {len(active)} 个，其中"
            + "、".join(f"{label} {n} 个" for label, n in counts.items())
            + f"，分布在 {active['city'].nunique()} 个设区市"
            + (f"；另有 {cancelled} 个项目已被取消重点培育资格" if cancelled else "")
            + f"。本期共收到{kind_word} {len(reports)} 份。",
        )
    )
    rows = []
    for city in cities.values():
        frame = active[active["city"] == city.id]
        if frame.empty:
            continue
        rows.append(
            [
                city.name,
                *[
                    str(int((frame["tier_kind"] == label).sum()))
                    for label in TIER_KIND_LABELS.values()
                ],
                str(len(frame)),
            ]
        )
    rows.append(["合计", *[str(n) for n in counts.values()], str(len(active))])
    blocks.append(
        Block(
            "table",
            "重点供应链项目分布",
            headers=["城市", *TIER_KIND_LABELS.values(), "合计"],
            rows=rows,
        )
    )
    blocks.append(
        Block(
            "image",
            "全省重点供应链项目分布（按城市和类别）",
            image="projects-by-city.png",
            alt="各市重点供应链项目数量",
        )
    )

    # 二、报送情况
    heading("报送确认情况")
    frame = supervision.frame
    in_period = frame[frame["period"] == str(period)]
    total = rates(in_period, ["period"])
    if not total.empty:
        r = total.iloc[0]
        late = [
            s
            for s in supervision.statuses
            if s.period == period and s.status in ("late", "missing")
        ]
        blocks.append(
            Block(
                "paragraph",
                f"本期应报 {int(r.expected)} 份，已在线确认 {int(r.confirmed)} 份，其中按时确认 {int(r.on_time)} 份，"
                f"报送率 {_pct(r.reporting_rate)}，及时率 {_pct(r.timeliness_rate)}。"
                + (
                    "逾期或缺报的有："
                    + "；".join(
                        f"{corpus.projects[s.project].name}（{STATUS_LABELS[s.status]}）"
                        for s in late
                    )
                    + "。"
                    if late
                    else "所有项目均按时报送。"
                ),
            )
        )
        by_city = rates(in_period, ["city"]).set_index("city")
        rows = []
        for city in cities.values():
            if city.id in by_city.index:
                c = by_city.loc[city.id]
                rows.append(
                    [
                        city.name,
                        str(int(c.expected)),
                        str(int(c.confirmed)),
                        str(int(c.on_time)),
                        _pct(c.reporting_rate),
                        _pct(c.timeliness_rate),
                    ]
                )
        blocks.append(
            Block(
                "table",
                "各市报送确认情况",
                headers=["城市", "应报", "已确认", "按时", "报送率", "及时率"],
                rows=rows,
            )
        )
    else:
        blocks.append(Block("paragraph", "本期没有应报的报告。"))
    blocks.append(
        Block(
            "image",
            "全省报送率和及时率（按报告期）",
            image="reporting-rates.png",
            alt="各报告期报送率和及时率",
        )
    )

    # 三、绩效情况
    heading("供应链绩效情况")
    blocks += _performance(analysis, period)

    # 四、亮点
    heading("工作亮点和可复制推广的实践经验")
    cases = analysis.cases[analysis.cases["period"] == str(period)]
    if cases.empty:
        blocks.append(Block("paragraph", "本期各项目未报送新的实践案例。"))
    else:
        blocks.append(
            Block(
                "paragraph",
                f"本期各项目共总结实践案例 {len(cases)} 篇，其中申请公开发布 {int(cases['public'].sum())} 篇：",
            )
        )
        blocks.append(
            Block(
                "bullets",
                items=[
                    f"{row['title']}（{row['city_name']}，{row['project_name']}）：{normalise_space(row['summary'])}"
                    for _, row in cases.iterrows()
                ],
            )
        )

    # 五、问题和建议
    heading("存在的问题和建议")
    problems = [(r, p) for r in reports for p in r.data.get("problems", [])]
    if not problems:
        blocks.append(Block("paragraph", "本期各项目未反映问题。"))
    else:
        themes = pd.Series([p["theme"] for _, p in problems]).value_counts()
        blocks.append(
            Block(
                "paragraph",
                f"本期 {len({r.project for r, _ in problems})} 个项目共反映问题 {len(problems)} 条，按类别为："
                + "、".join(
                    f"{catalogue.label('problem_theme', t)} {n} 条" for t, n in themes.items()
                )
                + "。主要问题和建议如下：",
            )
        )
        for number, (theme, _) in enumerate(themes.items(), start=1):
            blocks.append(
                Block(
                    "heading",
                    f"（{CN[number - 1]}）{catalogue.label('problem_theme', theme)}",
                    level=2,
                )
            )
            items = []
            for report, problem in problems:
                if problem["theme"] != theme:
                    continue
                name = corpus.projects[report.project].name
                suggestion = (
                    f"建议：{normalise_space(problem['suggestion'])}"
                    if problem.get("suggestion")
                    else ""
                )
                items.append(f"{name}：{normalise_space(problem['problem'])}{suggestion}")
            shown = items[:PROBLEMS_PER_THEME]
            if len(items) > len(shown):
                shown.append(f"另有 {len(items) - len(shown)} 条同类问题，详见各项目报告。")
            blocks.append(Block("bullets", items=shown))

    # 六、动态调整
    heading("动态调整情况")
    decisions = [d for d in corpus.registry.decisions if d.date <= supervision.as_of]
    advice = [
        r for r in supervision.recommendations if r.recommendation in ("warning", "propose_cancel")
    ]
    if decisions:
        blocks.append(Block("paragraph", f"省商务厅已作出调整决定 {len(decisions)} 项："))
        blocks.append(
            Block(
                "table",
                "动态调整决定",
                headers=["日期", "项目", "决定", "文号"],
                rows=[
                    [
                        d.date.isoformat(),
                        corpus.projects[d.project].name,
                        catalogue.label("decision", d.decision),
                        d.document_no,
                    ]
                    for d in sorted(decisions, key=lambda d: d.date)
                ],
            )
        )
    if advice:
        blocks.append(
            Block("paragraph", "根据报送情况、目标进展和风险记录，以下项目建议研究处理：")
        )
        blocks.append(
            Block(
                "bullets",
                items=[
                    f"{corpus.projects[r.project].name}（{RECOMMENDATION_LABELS[r.recommendation]}）：{''.join(r.reasons)}"
                    for r in advice
                ],
            )
        )
    if not decisions and not advice:
        blocks.append(Block("paragraph", "本期没有需要预警或取消资格的项目。"))

    # 七、下一步
    heading("下一步工作")
    missing = sum(1 for s in supervision.statuses if s.period == period and s.status == "missing")
    to_cancel = sum(1 for r in advice if r.recommendation == "propose_cancel")
    to_warn = sum(1 for r in advice if r.recommendation == "warning")
    steps = []
    if missing:
        steps.append(f"督促相关市商务局指导 {missing} 个未报送项目尽快补报{kind_word}。")
    if to_warn or to_cancel:
        steps.append(
            f"对建议预警的 {to_warn} 个项目、建议取消资格的 {to_cancel} 个项目，会同有关市商务局核实情况，按程序研究作出调整决定。"
        )
    if not cases.empty:
        steps.append(f"对本期总结的 {len(cases)} 篇实践案例组织评审，推广可复制的经验做法。")
    steps.append("继续按季度汇总分析全省重点供应链项目进展情况，定期报商务部。")
    blocks.append(Block("bullets", items=steps))

    charts = [distribution_chart(analysis, folder=""), rates_chart(analysis, folder="")]
    return SummaryReport(period, title, issuer, supervision.as_of, blocks, [c for c in charts if c])


def _performance(analysis: Analysis, period: Period) -> list[Block]:
    blocks = []
    headline = [
        ("scf_volume", "region", "重点区域供应链金融融资规模"),
        ("smes_served", "region", "重点区域供应链金融服务中小企业"),
        ("zhongzheng_financing", "region", "通过中征应收账款融资服务平台融资"),
        ("scf_volume", "enterprise", "金融机构项目供应链金融融资规模"),
        ("green_procurement", "region", "重点区域政府绿色采购"),
        ("green_purchase", "enterprise", "企业项目绿色采购"),
        ("import_export", "region", "重点区域重点产业进出口"),
        ("import_export", "enterprise", "企业项目进出口"),
    ]
    scope = "全年" if period.is_annual else f"截至{period.label}末累计"
    rows = []
    sentences = []
    for code, kind, label in headline:
        total, count, change = _flow_total(analysis, period, code, kind)
        if total is None:
            continue
        unit = catalogue.indicators()[code].unit
        yoy = f"{change:+.1f}%" if change is not None else "—"
        rows.append([label, f"{num(total)}", unit, str(count), yoy])
        sentences.append(
            f"{label}{num(total)}{unit}"
            + (
                f"，同比{'增长' if change >= 0 else '下降'} {abs(change):.1f}%"
                if change is not None
                else ""
            )
        )
    if rows:
        blocks.append(Block("paragraph", f"{scope}，" + "；".join(sentences) + "。"))
        blocks.append(
            Block(
                "table",
                "主要指标汇总",
                headers=["指标", "数值", "单位", "填报项目数", "同比"],
                rows=rows,
            )
        )
    change = analysis.enterprise_change
    year = period.year if period.is_annual else period.year - 1
    latest = change[(change["year"] <= year) & change["published"]]
    if not latest.empty:
        year = int(latest["year"].max())
        latest = latest[latest["year"] == year]
        rows = []
        for r in latest.itertuples():
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
        blocks.append(
            Block(
                "paragraph",
                f"从企业项目看，以 {year} 年全年数据与各企业申报基期相比，主要绩效指标变化的中位数和四分位区间见下表。",
            )
        )
        blocks.append(
            Block(
                "table",
                f"企业项目主要指标较基期变化（{year} 年）",
                headers=["指标", "企业数", "中位数", "四分位区间", "方向"],
                rows=rows,
            )
        )
    if not blocks:
        blocks.append(Block("paragraph", "本期暂无可汇总的绩效数据。"))
    return blocks


def numbered(blocks: list[Block]) -> list[Block]:
    """Tables and figures numbered in the order they appear (表1, 图1 ...)."""
    counters = {"table": 0, "image": 0}
    result = []
    for block in blocks:
        if block.kind in counters:
            counters[block.kind] += 1
            prefix = "表" if block.kind == "table" else "图"
            block = Block(
                **{**block.__dict__, "text": f"{prefix}{counters[block.kind]}　{block.text}"}
            )
        result.append(block)
    return result


def to_markdown(report: SummaryReport, chart_prefix: str = "") -> str:
    """The report as Markdown; plain text only, escaped by the caller's page writer where needed."""
    from site_builder.site.markup import text
    from site_builder.site.markdown import table

    lines = [
        f"# {text(report.title)}",
        "",
        f"<small>{text(report.issuer)} · {_cn_date(report.date)}</small>",
        "",
    ]
    for block in numbered(report.blocks):
        if block.kind == "heading":
            lines += [("## " if block.level == 1 else "### ") + str(text(block.text)), ""]
        elif block.kind == "paragraph":
            lines += [str(text(block.text)), ""]
        elif block.kind == "bullets":
            lines += [f"- {text(item)}" for item in block.items] + [""]
        elif block.kind == "table":
            lines += [f"**{text(block.text)}**", "", str(table(block.headers, block.rows)), ""]
        elif block.kind == "image":
            lines += [
                f"![{text(block.alt)}]({chart_prefix}{block.image}){{ loading=lazy }}",
                "",
                f"<small>{text(block.text)}</small>",
                "",
            ]
    return "\n".join(lines)
