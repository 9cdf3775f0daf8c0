"""项目名录 and its city pages; 审核分工 (who confirms what, internal)."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from site_builder.analyse.analysis import STATUS_LABELS
from site_builder.analyse.stats import cancelled_projects, coverage_note
from site_builder.analyse.view import CITY_DESK, View
from site_builder.load.periods import label as period_label
from site_builder.present.markdown import NavPlace, Page, link, table
from site_builder.present.markup import text
from site_builder.site.case_pages import case_link, published_cases
from site_builder.site.desk import desk_section
from site_builder.site.nav import DIRECTORY, GUIDES
from site_builder.site.page_templates import render_template

PROJECT_HEADERS = ["项目名称", "所在市", "层级与类别", "所属行业", "状态", "最近报送期"]


def _project_table(frame: pd.DataFrame, from_page: str, with_city: bool = True) -> str:
    """The projects of `frame`; a city's page leaves out 所在市, which would say one city."""
    up = "../" * from_page.count("/")
    headers = [h for h in PROJECT_HEADERS if with_city or h != "所在市"]
    rows = [
        [
            link(p["name"], f"{up}projects/{p['id']}.md"),
            *([link(p["city_name"], f"{up}cities/{p['city']}.md")] if with_city else []),
            p["tier_kind"],
            p["industry_name"],
            STATUS_LABELS[p["status"]],
            _latest_period(p),
        ]
        for _, p in frame.iterrows()
    ]
    return table(headers, rows)


def _latest_period(project: pd.Series) -> str:
    """The latest quarter reported; 不公开 where the view withholds it (an enterprise's, on the
    public site: it would point at the firm whose report was merged last)."""
    if project["latest_period"]:
        return period_label(project["latest_period"])
    return "不公开" if pd.isna(project["reports"]) else "—"


def _directory_page(view: View) -> Page:
    projects = view.projects
    city_links = Markup("、").join(
        link(city.name, f"../cities/{city.id}.md") for city in view.corpus.registry.cities.values()
    )
    return Page(
        "projects/index.md",
        render_template(
            "directory.md.j2",
            rows=projects,
            table=_project_table(projects, "projects/index.md"),
            city_links=city_links,
            note=f"状态为省商务厅的动态调整决定。本名录列出全部{len(projects)}个项目，"
            f"含已取消资格的{len(cancelled_projects(view))}个；{coverage_note(view)}",
        ),
        {
            "title": "项目名录",
            "description": "全省纳入在线跟进的重点供应链项目名录。",
            "hide": ["navigation"],
        },
        NavPlace(DIRECTORY),
    )


def directory_pages(view: View, repository: str = "") -> list[Page]:
    """项目名录 and a page per city; a city's page is its reviewer's desk where the view
    has one (`CITY_DESK`), with the forge's open pull requests from `repository`."""
    projects = view.projects
    cases = published_cases(view)
    pages = [_directory_page(view)]
    for rank, city in enumerate(view.corpus.registry.cities.values(), start=1):
        path = f"cities/{city.id}.md"
        frame = projects[projects["city"] == city.id]
        pages.append(
            Page(
                path,
                render_template(
                    "city.md.j2",
                    city_name=city.name,
                    desk=Markup(desk_section(view, city.id, repository).body)
                    if view.shows(CITY_DESK)
                    else "",
                    reviewer=f"{city.name}商务局",
                    soe_count=int(frame["provincial_soe"].sum()),
                    rows=frame,
                    table=_project_table(frame, path, with_city=False),
                    cases=[
                        {"link": case_link(row, path), "meta": row["period_label"]}
                        for _, row in cases[cases["city"] == city.id].iterrows()
                    ],
                ),
                {"title": city.name, "description": f"{city.name}纳入在线跟进的重点供应链项目。"},
                NavPlace(DIRECTORY, city.name, rank),
            )
        )
    return pages


def teams_page(view: View) -> Page:
    """Who confirms what: city bureaus, SASAC and the province's maintainers."""
    registry = view.corpus.registry
    projects = view.projects
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
            f"省属企业项目{soe}个，另由省国资委团队 `{text(registry.sasac_team)}` 共同审核。",
            "省级维护人员（可修改登记信息、新增项目、修改工作流和程序）："
            + "、".join(str(text(login)) for login in registry.maintainers)
            + f"；省商务厅团队 `{text(registry.province_team)}`。",
        ]
    )
    return Page("guide/teams.md", body, {"title": "审核分工"}, NavPlace(GUIDES, "审核分工", 30))
