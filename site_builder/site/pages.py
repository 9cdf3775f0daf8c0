"""Stage 4, render: the analysis as Markdown pages, chart images and data files for one audience.

`render_site` writes the generated pages into the build folder's `docs/`
and lists the charts to draw; `build.py` draws them and writes `mkdocs.yml`.
Audience rules live here: the public build gets published cases only, no
report contents, no contacts and no per-enterprise figures.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from site_builder.analyse.analysis import STATUS_LABELS, TIER_KIND_LABELS, Analysis
from site_builder.site import charts
from site_builder.site.chart_jobs import distribution, distribution_chart
from site_builder.site.downloads import downloads_page, query_page
from site_builder.site.markdown import (
    ChartJob,
    Page,
    chart_block,
    image,
    link,
    num,
    pct,
    render_template,
    table,
)
from site_builder.site.markup import paragraphs, submitted_markdown, text
from site_builder.site.project_page import case_link, project_page, trend_series
from site_builder.site.supervision_pages import adjustments_page, compliance_page, report_pages
from site_builder.spec import catalogue
from site_builder.spec.reference import fields_page

AUDIENCES = ("public", "internal")
INTRO = (
    "根据山西省商务厅《关于在线跟进供应链重点项目的通知》，全省重点供应链项目（含省重点区域、重点企业项目，"
    "全国试点城市、试点企业项目）纳入平台在线跟进管理。项目单位按季度报送进展、按年度报送工作总结（在线报送），"
    "各市商务局审核确认（在线确认），省商务厅汇总分析、提炼可复制推广的实践经验（统计查询、总结分析），"
    "并对不按要求报送或进展缓慢的项目实行动态调整。"
)
HEADLINE_REGIONAL = ["scf_volume", "smes_served", "green_procurement", "import_export"]


@dataclass
class Rendered:
    """Pages go to disk as they are made (at province scale they are hundreds of MB); charts wait."""

    docs: Path
    pages: int = 0
    charts: list[ChartJob] = field(default_factory=list)

    def add(self, *pages: Page) -> None:
        for page in pages:
            page.write(self.docs)
            self.pages += 1


def _case_meta(row) -> str:
    return f"{row['city_name']} · {row['project_name']} · {row['period_label']}"


def _cases_for(analysis: Analysis, audience: str) -> pd.DataFrame:
    """Case pages are published for public cases in both audiences; unpublished ones stay in reports."""
    return analysis.cases[analysis.cases["public"]]


def home_page(analysis: Analysis, cases: pd.DataFrame) -> Page:
    projects = analysis.projects
    active = projects[projects["status"] != "cancelled"]
    tiers = [
        (label, int((active["tier_kind"] == label).sum())) for label in TIER_KIND_LABELS.values()
    ]
    latest = analysis.latest_period
    reported = 0
    confirmed_word = "已确认报告"
    if latest is not None:
        if analysis.supervision.history.available:
            reported = sum(
                1 for s in analysis.supervision.statuses if s.period == latest and s.confirmed
            )
        else:  # without git the confirmation dates are unknown: count the reports that are there
            reported = sum(1 for r in analysis.corpus.reports if r.period == latest)
            confirmed_word = "已报送"
    newest = [
        {"link": case_link(row, "index.md"), "summary": row["summary"], "meta": _case_meta(row)}
        for _, row in cases.head(6).iterrows()
    ]
    body = render_template(
        "index.md.j2",
        intro=INTRO,
        projects_total=len(active),
        tiers=tiers,
        latest_period=str(latest) if latest else "",
        latest_period_label=latest.label if latest else "",
        latest_reported=reported,
        confirmed_word=confirmed_word,
        cases_total=len(cases),
        newest_cases=newest,
        chart=image("全省重点供应链项目按城市和类别分布", "assets/charts/projects-by-city.png"),
    )
    return Page(
        "index.md", body, {"title": "首页", "description": INTRO, "hide": ["navigation", "toc"]}
    )


def _project_rows(frame: pd.DataFrame, from_page: str) -> list[list]:
    depth = from_page.count("/")
    rows = []
    for _, p in frame.iterrows():
        rows.append(
            [
                link(p["name"], "../" * depth + f"projects/{p['id']}.md"),
                link(p["city_name"], "../" * depth + f"cities/{p['city']}.md"),
                p["tier_kind"],
                p["industry_name"],
                STATUS_LABELS[p["status"]],
                p["latest_period"] or "—",
            ]
        )
    return rows


PROJECT_HEADERS = ["项目名称", "所在市", "层级与类别", "所属行业", "状态", "最近报送期"]


def directory_pages(analysis: Analysis, cases: pd.DataFrame) -> list[Page]:
    corpus = analysis.corpus
    projects = analysis.projects
    city_links = Markup("、").join(
        link(city.name, f"../cities/{city.id}.md") for city in corpus.registry.cities.values()
    )
    pages = [
        Page(
            "projects/index.md",
            render_template(
                "directory.md.j2",
                rows=_project_rows(projects, "projects/index.md"),
                table=table(PROJECT_HEADERS, _project_rows(projects, "projects/index.md")),
                city_links=city_links,
                note="状态为省商务厅的动态调整决定。",
            ),
            {
                "title": "项目名录",
                "description": "全省纳入在线跟进的重点供应链项目名录。",
                "hide": ["navigation"],
            },
        )
    ]
    for city in corpus.registry.cities.values():
        path = f"cities/{city.id}.md"
        frame = projects[projects["city"] == city.id]
        city_cases = cases[cases["city"] == city.id]
        pages.append(
            Page(
                path,
                render_template(
                    "city.md.j2",
                    city_name=city.name,
                    reviewer=f"{city.name}商务局",
                    soe_count=int(frame["provincial_soe"].sum()),
                    rows=frame,
                    table=table(PROJECT_HEADERS, _project_rows(frame, path)),
                    cases=[
                        {"link": case_link(row, path), "meta": row["period_label"]}
                        for _, row in city_cases.iterrows()
                    ],
                ),
                {"title": city.name, "description": f"{city.name}纳入在线跟进的重点供应链项目。"},
            )
        )
    return pages


def case_pages(analysis: Analysis, cases: pd.DataFrame) -> list[Page]:
    tag_labels = catalogue.labels("case_tag")
    registry = analysis.corpus.registry
    pages = []
    for _, row in cases.iterrows():
        path = f"cases/{row['slug']}.md"
        project = analysis.corpus.projects[row["project"]]
        confirmer = (
            "省商务厅会同省国资委"
            if project.provincial_soe
            else f"{registry.city_name(project.city)}商务局"
        )
        body = render_template(
            "case.md.j2",
            title=row["title"],
            city_name=row["city_name"],
            project_link=link(row["project_name"], f"../projects/{row['project']}.md"),
            project_name=row["project_name"],
            period_label=row["period_label"],
            report_kind="工作总结" if "annual" in row["slug"] else "进展报告",
            summary=paragraphs(row["summary"]),
            body=submitted_markdown(row["body"]),
            confirmer=confirmer,
            project_status=row["project_status"],
        )
        meta = {
            "title": row["title"],
            "description": row["summary"],
            "tags": [tag_labels[t] for t in row["tags"]],
        }
        pages.append(Page(path, body, meta))
    by_tag = []
    for tag, label in tag_labels.items():
        items = [
            {"link": case_link(row, "cases/index.md"), "meta": _case_meta(row)}
            for _, row in cases.iterrows()
            if tag in row["tags"]
        ]
        if items:
            by_tag.append((label, items))
    by_city = []
    for city in registry.cities.values():
        items = [
            {
                "link": case_link(row, "cases/index.md"),
                "meta": f"{row['project_name']} · {row['period_label']}",
            }
            for _, row in cases[cases["city"] == city.id].iterrows()
        ]
        if items:
            by_city.append((city.name, items))
    pages.append(
        Page(
            "cases/index.md",
            render_template(
                "cases_index.md.j2",
                count=len(cases),
                city_count=cases["city"].nunique(),
                project_count=cases["project"].nunique(),
                by_tag=by_tag,
                by_city=by_city,
            ),
            {
                "title": "实践经验",
                "description": "全省重点供应链项目形成的可复制推广的实践经验。",
                "hide": ["navigation"],
            },
        )
    )
    pages.append(Page("cases/tags.md", render_template("tags.md.j2"), {"title": "主题标签"}))
    return pages


def summary_page(analysis: Analysis, jobs: list[ChartJob]) -> Page:
    corpus = analysis.corpus
    cities = list(corpus.registry.cities)
    city_names = {c: corpus.registry.city_name(c) for c in cities}
    policy = corpus.registry.policy

    # Projects by city and tier.
    counts = distribution(analysis)
    jobs.append(distribution_chart(analysis))
    rows = [
        [city, *[int(v) for v in counts.loc[city]], int(counts.loc[city].sum())]
        for city in counts.index
    ]
    rows.append(["合计", *[int(v) for v in counts.sum()], int(counts.values.sum())])
    distribution_block = chart_block(
        "项目分布（按城市和类别）",
        "../assets/charts/projects-by-city.png",
        "各市重点供应链项目数量，按省重点区域、省重点企业、全国试点城市、全国试点企业分色堆叠",
        table(
            ["城市", *counts.columns, "合计"], rows, ["---"] + ["--:"] * (len(counts.columns) + 1)
        ),
        "个",
    )

    # Enterprise indicators: quartiles of change against baseline, latest year with data.
    change_block = Markup("")
    year = None
    change = analysis.enterprise_change
    if not change.empty:
        year = int(change["year"].max())
        latest = change[change["year"] == year].copy()
        latest["label"] = latest["indicator"].map(lambda c: catalogue.indicators()[c].name)
        latest = latest.sort_values(
            "indicator", key=lambda s: s.map(list(catalogue.indicators()).index)
        )
        shown = latest[latest["published"]]
        rows = []
        for r in latest.itertuples():
            ind = catalogue.indicators()[r.indicator]
            direction = "越高越好" if ind.better == "higher" else "越低越好"
            if r.published:
                rows.append([ind.name, r.n, pct(r.q1), pct(r.median), pct(r.q3), direction])
            else:
                rows.append(
                    [ind.name, r.n, "—", "不予公开", "—", f"不足 {policy.min_contributors} 家企业"]
                )
        if not shown.empty:
            jobs.append(
                ChartJob(
                    "assets/charts/enterprise-change.png",
                    "quartile_chart",
                    (shown, f"{year} 年企业项目主要指标较基期变化"),
                )
            )
        change_block = (
            chart_block(
                f"{year} 年企业项目主要指标较基期变化",
                "../assets/charts/enterprise-change.png",
                "各项企业指标较基期变化幅度的中位数和四分位区间",
                table(
                    ["指标", "企业数", "P25", "中位数", "P75", "方向"],
                    rows,
                    ["---", "--:", "--:", "--:", "--:", "---"],
                ),
                "%",
            )
            if not shown.empty
            else table(["指标", "企业数", "P25", "中位数", "P75", "方向"], rows)
        )

    # Enterprise totals by tier, with disclosure control.
    totals_block = Markup("")
    totals = analysis.enterprise_totals
    if not totals.empty:
        t_year = int(totals["year"].max())
        latest = totals[totals["year"] == t_year]
        rows = []
        notes = set()
        for code in [c for c in catalogue.indicators() if c in set(latest["indicator"])]:
            ind = catalogue.indicators()[code]
            cells = latest[latest["indicator"] == code].set_index("group")
            row = [f"{ind.name}（{ind.unit}）"]
            for group in ("provincial", "national_pilot", "total"):
                c = cells.loc[group]
                if c["contributors"] == 0:
                    row.append("—")
                elif pd.isna(c["value"]):
                    row.append(f"不公开（{int(c['contributors'])} 家）")
                    notes.add(c["reason"])
                else:
                    row.append(f"{num(c['value'])}（{int(c['contributors'])} 家）")
            rows.append(row)
        note = "；".join(sorted(notes))
        totals_block = Markup(
            f"{t_year} 年全年合计（括号内为提供数据的企业数）。\n\n"
            + table(
                ["指标", "省重点企业", "全国试点企业", "全省合计"],
                rows,
                ["---", "--:", "--:", "--:"],
            )
            + (
                Markup("\n\n<small>不公开的原因：") + text(note) + Markup("。</small>")
                if note
                else ""
            )
        )

    # Regional headline indicators by city and year.
    regional_blocks = []
    regional = analysis.regional_totals
    colours = charts.city_colours(cities)
    for code in HEADLINE_REGIONAL:
        frame = regional[regional["indicator"] == code]
        if frame.empty:
            continue
        ind = catalogue.indicators()[code]
        pivot = frame.pivot_table(index="year", columns="city", values="value", aggfunc="sum")
        pivot = pivot[[c for c in cities if c in pivot.columns]]
        pivot.columns = [city_names[c] for c in pivot.columns]
        pivot.index = [f"{y} 年" for y in pivot.index]
        chart_table = pivot.T
        src = f"assets/charts/regional-{code}.png"
        named_colours = {city_names[c]: colours[c] for c in cities}
        jobs.append(
            ChartJob(
                src,
                "grouped_bars",
                (pivot, f"重点区域{ind.name}（按年度、城市）", ind.unit, named_colours),
            )
        )
        rows = [[city, *[num(v) for v in chart_table.loc[city]]] for city in chart_table.index]
        rows.append(["合计", *[num(v) for v in chart_table.sum()]])
        regional_blocks.append(
            chart_block(
                f"{ind.name}",
                f"../{src}",
                f"各重点区域{ind.name}按城市和年度的柱状图",
                table(
                    ["城市", *chart_table.columns],
                    rows,
                    ["---"] + ["--:"] * len(chart_table.columns),
                ),
                ind.unit,
            )
        )
    disclosure_note = (
        f"企业数据只公开汇总值，且至少有 {policy.min_contributors} 家企业提供数据、"
        f"单家企业占比不超过 {policy.max_share_pct:g}%。"
    )
    body = render_template(
        "summary.md.j2",
        year=year,
        disclosure_note=disclosure_note,
        distribution=distribution_block,
        change=change_block,
        totals=totals_block,
        regional=regional_blocks,
    )
    return Page(
        "summary/index.md",
        body,
        {
            "title": "全省汇总",
            "description": "全省重点供应链项目分布和进展汇总。",
            "hide": ["navigation"],
        },
    )


def teams_page(analysis: Analysis) -> Page:
    """Who confirms what (internal): city bureaus, SASAC and the province's maintainers."""
    registry = analysis.corpus.registry
    projects = analysis.projects
    rows = []
    for city in registry.cities.values():
        count = int((projects["city"] == city.id).sum())
        rows.append(
            [city.name, f"{city.name}商务局", Markup(f"`{text(city.reviewer_team)}`"), count]
        )
    soe = int(projects["provincial_soe"].sum())
    body = "\n\n".join(
        [
            "# 审核分工",
            "各市商务局负责指导、督促本地重点供应链项目的季报和总结报告工作，审核通过（合并）即为在线确认；"
            "重点企业为省属企业的，由省商务厅会同省国资委负责督促和审核。",
            table(["城市", "审核单位", "审核团队", "项目数"], rows, ["---", "---", "---", "--:"]),
            f"省属企业项目 {soe} 个，另由省国资委团队 `{text(registry.sasac_team)}` 共同审核。",
            "省级维护人员（可修改登记信息、新增项目、修改工作流和程序）："
            + "、".join(str(text(login)) for login in registry.maintainers)
            + f"；省商务厅团队 `{text(registry.province_team)}`。",
        ]
    )
    return Page("guide/teams.md", body, {"title": "审核分工"})


def render_site(analysis: Analysis, audience: str, docs: Path, repository: str = "") -> Rendered:
    """Write every generated page for one audience under `docs`; return the charts still to draw."""
    if audience not in AUDIENCES:
        raise ValueError(audience)
    result = Rendered(docs)
    cases = _cases_for(analysis, audience)
    published = set(cases["slug"])
    result.add(home_page(analysis, cases))
    result.add(*directory_pages(analysis, cases))
    result.add(*case_pages(analysis, cases))
    result.add(summary_page(analysis, result.charts))
    result.add(compliance_page(analysis, audience, result.charts))
    result.add(adjustments_page(analysis, audience))
    result.add(fields_page())
    result.add(downloads_page(analysis, audience))
    result.add(query_page(audience))
    if audience == "internal":
        result.add(teams_page(analysis))
        result.add(*report_pages(analysis))
    for project in analysis.corpus.projects.values():
        has_chart = False
        if audience == "internal":
            series = trend_series(analysis, project)
            if series:
                has_chart = True
                result.charts.append(
                    ChartJob(
                        f"assets/charts/projects/{project.id}.png",
                        "project_trends",
                        (series, f"{project.name}主要指标"),
                    )
                )
        result.add(project_page(analysis, project, audience, published, has_chart, repository))
    return result


def copy_static_docs(source: Path, docs: Path) -> None:
    """The hand-written pages in the repository's docs/ folder."""
    if source.is_dir():
        shutil.copytree(source, docs, dirs_exist_ok=True)
