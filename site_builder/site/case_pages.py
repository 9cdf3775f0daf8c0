"""实践经验: one page per published case, the index by theme and city, and the tag page."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from site_builder.analyse.view import View
from site_builder.site.markdown import NavPlace, Page, link, render_template
from site_builder.site.markup import paragraphs, submitted_markdown
from site_builder.site.nav import CASES
from site_builder.spec import catalogue


def case_link(row, from_page: str) -> Markup:
    depth = from_page.count("/")
    return link(row["title"], "../" * depth + f"cases/{row['slug']}.md")


def case_meta(row) -> str:
    return f"{row['city_name']} · {row['project_name']} · {row['period_label']}"


def published_cases(view: View) -> pd.DataFrame:
    """Cases with a page of their own: those published (the internal view also holds the others)."""
    return view.cases[view.cases["public"]]


def _case_page(view: View, row) -> Page:
    registry = view.corpus.registry
    project = view.corpus.projects[row["project"]]
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
    tag_labels = catalogue.labels("case_tag")
    meta = {
        "title": row["title"],
        "description": row["summary"],
        "tags": [tag_labels[t] for t in row["tags"]],
    }
    return Page(f"cases/{row['slug']}.md", body, meta)


def _index_page(view: View, cases: pd.DataFrame) -> Page:
    by_tag = []
    for tag, label in catalogue.labels("case_tag").items():
        items = [
            {"link": case_link(row, "cases/index.md"), "meta": case_meta(row)}
            for _, row in cases.iterrows()
            if tag in row["tags"]
        ]
        if items:
            by_tag.append((label, items))
    by_city = []
    for city in view.corpus.registry.cities.values():
        items = [
            {
                "link": case_link(row, "cases/index.md"),
                "meta": f"{row['project_name']} · {row['period_label']}",
            }
            for _, row in cases[cases["city"] == city.id].iterrows()
        ]
        if items:
            by_city.append((city.name, items))
    return Page(
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
        NavPlace(CASES),
    )


def case_pages(view: View) -> list[Page]:
    cases = published_cases(view)
    pages = [_case_page(view, row) for _, row in cases.iterrows()]
    pages.append(_index_page(view, cases))
    pages.append(
        Page(
            "cases/tags.md",
            render_template("tags.md.j2"),
            {"title": "主题标签"},
            NavPlace(CASES, "主题标签"),
        )
    )
    return pages
