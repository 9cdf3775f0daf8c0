"""Tables for 数据下载 and 统计查询, made from a view.

A table holds what its view holds: the public view has no per-enterprise
figure, no unpublished case and no per-project status (see `analyse.view`),
so neither have the public tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from site_builder.analyse.analysis import STATUS_LABELS
from site_builder.analyse.statuses import STATUS_LABELS as REPORT_STATUS_LABELS
from site_builder.analyse.statuses import rates
from site_builder.analyse.view import COMPLIANCE_BY_PROJECT, RESTRICTED_NOTICE, View
from site_builder.load.periods import label as period_label
from site_builder.spec import catalogue, schema


@dataclass(frozen=True)
class Dataset:
    name: str  # file stem
    title: str  # 中文名
    description: str
    frame: pd.DataFrame  # columns already in Chinese


def projects_table(view: View) -> pd.DataFrame:
    p = view.projects
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
            "最近报送期": p["latest_period"].map(period_label),
        }
    )


def figures_table(view: View) -> pd.DataFrame:
    """The long table of report figures: one row per project, period and indicator."""
    f = view.figures
    projects = view.projects.set_index("id")
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
            "报告期": f["period"].map(period_label),
            "报告期代码": f["period"],
            "部分": [headings.get((k, s), s) for k, s in zip(f["kind"], f["section"], strict=True)],
            "指标代码": f["indicator"],
            "指标": f["name"],
            "数值": f["value"],
            "单位": f["unit"],
        }
    )


def compliance_table(view: View) -> pd.DataFrame:
    """Every expected report and its status where the view shows them, else rates per city and period."""
    supervision = view.supervision
    names = view.projects.set_index("id")
    if view.shows(COMPLIANCE_BY_PROJECT):
        rows = [
            {
                "项目编号": s.project,
                "项目名称": names.loc[s.project, "name"],
                "所在市": names.loc[s.project, "city_name"],
                "报告期": s.period.label,
                "报告期代码": str(s.period),
                "截止日期": s.due.isoformat(),
                "提交日期": s.submitted.isoformat() if s.submitted else "",
                "确认日期": s.confirmed.isoformat() if s.confirmed else "",
                "状态": REPORT_STATUS_LABELS[s.status],
                "PR": s.pr or "",
            }
            for s in supervision.statuses
        ]
        return pd.DataFrame(rows)
    registry = view.corpus.registry
    frame = registry.city_order(rates(supervision.frame, ["city", "period"]))
    return pd.DataFrame(
        {
            "所在市": frame["city"].map(registry.city_name),
            "报告期": frame["period"].map(period_label),
            "报告期代码": frame["period"],
            "应报": frame["expected"],
            "已确认": frame["confirmed"],
            "按时": frame["on_time"],
            "报送率（%）": frame["reporting_rate"].round(1),
            "及时率（%）": frame["timeliness_rate"].round(1),
        }
    )


def cases_table(view: View) -> pd.DataFrame:
    c = view.cases
    tags = catalogue.labels("case_tag")
    table = pd.DataFrame(
        {
            "标题": c["title"],
            "摘要": c["summary"],
            "所在市": c["city_name"],
            "项目名称": c["project_name"],
            "报告期": c["period"].map(period_label),
            "主题": c["tags"].map(lambda values: "、".join(tags.get(t, t) for t in values)),
            "正文（Markdown）": c["body"],
        }
    )
    if view.shows(RESTRICTED_NOTICE):  # the view holds unpublished cases too
        table["公开发布"] = c["public"].map({True: "是", False: "否"})
    return table


def all_datasets(view: View) -> list[Dataset]:
    internal = view.shows(RESTRICTED_NOTICE)
    return [
        Dataset("projects", "项目名录", "全部项目的基本信息和状态。", projects_table(view)),
        Dataset(
            "figures",
            "报告数据（长表）",
            "每份报告中的每项指标一行：项目、报告期、所属部分、指标、数值、单位。"
            + ("" if internal else "公开版只含可公开的区域项目指标，不含企业经营数据。"),
            figures_table(view),
        ),
        Dataset(
            "compliance",
            "报送情况",
            "每个项目每期报告的截止、提交和确认日期及状态。"
            if view.shows(COMPLIANCE_BY_PROJECT)
            else "各市各期的报送率和及时率。",
            compliance_table(view),
        ),
        Dataset(
            "cases",
            "实践案例",
            "全部实践案例（含未公开的）。" if internal else "已发布的实践案例。",
            cases_table(view),
        ),
    ]
