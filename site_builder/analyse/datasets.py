"""Tables for 数据下载, 统计查询 and `sctrack stats`, per audience.

The public tables follow the public pages' rules, decided by the schemas'
`x-visibility` keyword: a figure whose schema is internal (every
per-enterprise figure) is left out, and so are unpublished cases, report
statuses and everything the internal site alone shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from site_builder.analyse.analysis import STATUS_LABELS, Analysis
from site_builder.analyse.statuses import STATUS_LABELS as REPORT_STATUS_LABELS
from site_builder.spec import catalogue, schema


@dataclass(frozen=True)
class Dataset:
    name: str  # file stem
    title: str  # 中文名
    description: str
    frame: pd.DataFrame  # columns already in Chinese


@cache
def _figure_visibility(kind: str, section: str, code: str) -> str:
    node = schema.subschema_at("quarterly-report", {"kind": kind}, (section, "figures", code))
    return node.get("x-visibility", "public")


def figure_is_public(kind: str, section: str, code: str) -> bool:
    return _figure_visibility(kind, section, code) != "internal"


def projects_table(analysis: Analysis) -> pd.DataFrame:
    p = analysis.projects
    return pd.DataFrame(
        {
            "项目编号": p["id"],
            "项目名称": p["name"],
            "项目单位": p["unit"],
            "所在市": p["city_name"],
            "层级与类别": p["tier_kind"],
            "所属行业": p["industry_name"],
            "企业类型": p["enterprise_type"].map(
                lambda t: catalogue.label("enterprise_type", t) if t else ""
            ),
            "省属企业": p["provincial_soe"].map({True: "是", False: "否"}),
            "纳入跟进日期": p["start_date"].map(lambda d: d.isoformat()),
            "状态": p["status"].map(STATUS_LABELS),
            "最近报送期": p["latest_period"],
        }
    )


def figures_table(analysis: Analysis, audience: str) -> pd.DataFrame:
    """The long table of report figures: one row per project, period and indicator."""
    f = analysis.figures
    if audience == "public" and not f.empty:
        f = f[
            [
                figure_is_public(k, s, c)
                for k, s, c in zip(f["kind"], f["section"], f["indicator"], strict=True)
            ]
        ]
    projects = analysis.projects.set_index("id")
    headings = {}
    for kind in catalogue.KINDS:
        for part in schema.report_parts(kind):
            headings[(kind, part.key)] = part.heading
    return pd.DataFrame(
        {
            "项目编号": f["project"],
            "项目名称": f["project"].map(projects["name"]),
            "所在市": f["project"].map(projects["city_name"]),
            "层级与类别": f["project"].map(projects["tier_kind"]),
            "报告期": f["period"],
            "部分": [headings.get((k, s), s) for k, s in zip(f["kind"], f["section"], strict=True)],
            "指标代码": f["indicator"],
            "指标": f["name"],
            "数值": f["value"],
            "单位": f["unit"],
        }
    )


def compliance_table(analysis: Analysis, audience: str) -> pd.DataFrame:
    """Internal: every expected report and its status. Public: rates per city and period."""
    supervision = analysis.supervision
    names = analysis.projects.set_index("id")
    if audience == "internal":
        rows = [
            {
                "项目编号": s.project,
                "项目名称": names.loc[s.project, "name"],
                "所在市": names.loc[s.project, "city_name"],
                "报告期": str(s.period),
                "截止日期": s.due.isoformat(),
                "提交日期": s.submitted.isoformat() if s.submitted else "",
                "确认日期": s.confirmed.isoformat() if s.confirmed else "",
                "状态": REPORT_STATUS_LABELS[s.status],
                "PR": s.pr or "",
            }
            for s in supervision.statuses
        ]
        return pd.DataFrame(rows)
    from site_builder.analyse.statuses import rates

    frame = rates(supervision.frame, ["city", "period"])
    registry = analysis.corpus.registry
    return pd.DataFrame(
        {
            "所在市": frame["city"].map(registry.city_name),
            "报告期": frame["period"],
            "应报": frame["expected"],
            "已确认": frame["confirmed"],
            "按时": frame["on_time"],
            "报送率（%）": frame["reporting_rate"].round(1),
            "及时率（%）": frame["timeliness_rate"].round(1),
        }
    )


def cases_table(analysis: Analysis, audience: str) -> pd.DataFrame:
    c = analysis.cases if audience == "internal" else analysis.cases[analysis.cases["public"]]
    tags = catalogue.labels("case_tag")
    table = pd.DataFrame(
        {
            "标题": c["title"],
            "摘要": c["summary"],
            "所在市": c["city_name"],
            "项目名称": c["project_name"],
            "报告期": c["period"],
            "主题": c["tags"].map(lambda values: "、".join(tags.get(t, t) for t in values)),
            "正文（Markdown）": c["body"],
        }
    )
    if audience == "internal":
        table["公开发布"] = c["public"].map({True: "是", False: "否"})
    return table


def all_datasets(analysis: Analysis, audience: str) -> list[Dataset]:
    internal = audience == "internal"
    return [
        Dataset("projects", "项目名录", "全部项目的基本信息和状态。", projects_table(analysis)),
        Dataset(
            "figures",
            "报告数据（长表）",
            "每份报告中的每项指标一行：项目、报告期、所属部分、指标、数值、单位。"
            + ("" if internal else "公开版只含可公开的区域项目指标，不含企业经营数据。"),
            figures_table(analysis, audience),
        ),
        Dataset(
            "compliance",
            "报送情况",
            "每个项目每期报告的截止、提交和确认日期及状态。"
            if internal
            else "各市各期的报送率和及时率。",
            compliance_table(analysis, audience),
        ),
        Dataset(
            "cases",
            "实践案例",
            "全部实践案例（含未公开的）。" if internal else "已发布的实践案例。",
            cases_table(analysis, audience),
        ),
    ]
