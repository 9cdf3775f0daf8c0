"""实践经验: one page per published case, the index by theme and city, and the tag page."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from site_builder.analyse.view import View
from site_builder.load.periods import checked_period
from site_builder.present.markdown import NavPlace, Page, link
from site_builder.present.markup import RenderedMarkdown, paragraphs, submitted_markdown, text
from site_builder.site.nav import CASES
from site_builder.site.page_templates import render_template
from site_builder.spec import catalogue


def case_link(row, from_page: str) -> Markup:
    depth = from_page.count("/")
    return link(row["title"], "../" * depth + f"cases/{row['slug']}.md")


def case_meta(row) -> str:
    return f"{row['city_name']} · {row['project_name']} · {row['period_label']}"


def published_cases(view: View) -> pd.DataFrame:
    """Cases with a page of their own: those published (the internal view also holds the others)."""
    return view.cases[view.cases["public"]]


def _case_page(view: View, row, memo: RenderedMarkdown | None = None) -> Page:
    registry = view.corpus.registry
    project = view.corpus.projects[row["project"]]
    confirmer = (
        "省商务厅会同省国资委"
        if project.provincial_soe
        else f"{registry.city_name(project.city)}商务局"
    )
    project_link = link(row["project_name"], f"../projects/{row['project']}.md")
    tag_labels = catalogue.labels("case_tag")
    body = render_template(
        "case.md.j2",
        breadcrumb=Markup(" › ").join(
            [link("实践经验", "index.md"), project_link, text(row["title"])]
        ),
        title=row["title"],
        city_name=row["city_name"],
        project_link=project_link,
        project_name=row["project_name"],
        period_label=row["period_label"],
        report_name=checked_period(row["period"]).report_name,
        summary=paragraphs(row["summary"]),
        body=submitted_markdown(row["body"], memo),
        confirmer=confirmer,
        project_status=row["project_status"],
        tag_chips=_tag_chips([tag_labels[t] for t in row["tags"]]),
    )
    meta = {
        "title": row["title"],
        "description": row["summary"],
        "tags": [tag_labels[t] for t in row["tags"]],
        "hide": ["tags"],  # the theme puts them above the breadcrumbs; the page, under its title
    }
    return Page(f"cases/{row['slug']}.md", body, meta)


def _tag_chips(labels: list[str]) -> Markup:
    """The case's themes under its title, linked to the tag index as the theme links them
    (Markdown links, so each engine makes them relative to the page it writes)."""
    chips = Markup(" ").join(
        Markup("[{}](tags.md#tag:{}){{ .md-tag }}").format(label, label) for label in labels
    )
    if not labels:
        return Markup("")
    return Markup(f'<nav class="md-tags" aria-label="主题标签" markdown="span">{chips}</nav>')


def _option(value: str, label: str) -> Markup:
    return Markup('<option value="{}">{}</option>').format(value, label)


def _filters(view: View, cases: pd.DataFrame, industries: dict[str, str]) -> Markup:
    """The theme, city and industry choices, in the page's HTML but hidden: the script
    `sctrack-cases.js` shows them and filters the list; without it every case is listed."""
    tags = catalogue.labels("case_tag")
    used_tags = {t for row_tags in cases["tags"] for t in row_tags}
    choices = {
        "tag": ("主题", [(t, label) for t, label in tags.items() if t in used_tags]),
        "city": (
            "城市",
            [
                (c.id, c.name)
                for c in view.corpus.registry.cities.values()
                if c.id in set(cases["city"])
            ],
        ),
        "industry": ("行业", sorted(industries.items(), key=lambda item: item[1])),
    }
    selects = Markup("").join(
        Markup('<label>{}<select name="{}">{}</select></label>').format(
            title, name, _option("", "全部") + Markup("").join(_option(v, lb) for v, lb in options)
        )
        for name, (title, options) in choices.items()
    )
    return Markup(
        f'<form class="sc-case-filters" hidden>{selects}'
        '<output class="sc-case-count" aria-live="polite"></output></form>'
    )


def _index_page(view: View, cases: pd.DataFrame) -> Page:
    """Every published case once, newest first, marked with its themes, city and industry."""
    tag_labels = catalogue.labels("case_tag")
    industries = {}
    items = []
    for _, row in cases.sort_values("period_sort", ascending=False).iterrows():
        industry = view.corpus.projects[row["project"]].industry
        industries[industry] = catalogue.label("industry", industry)
        themes = "、".join(tag_labels[t] for t in row["tags"])
        items.append(
            {
                "link": case_link(row, "cases/index.md"),
                "meta": f"{case_meta(row)} · {industries[industry]}"
                + (f" · {themes}" if themes else ""),
                "tags": " ".join(row["tags"]),
                "city": row["city"],
                "industry": industry,
            }
        )
    return Page(
        "cases/index.md",
        render_template(
            "cases_index.md.j2",
            count=len(cases),
            city_count=cases["city"].nunique(),
            project_count=cases["project"].nunique(),
            items=items,
            filters=_filters(view, cases, industries) if len(cases) else "",
        ),
        {
            "title": "实践经验",
            "description": "全省重点供应链项目形成的可复制推广的实践经验。",
            "hide": ["navigation"],
        },
        NavPlace(CASES),
    )


def _keep_only(memo: RenderedMarkdown, texts: set[str]) -> None:
    """Let go of the texts no case holds any more: a session's memory stays one site's."""
    for old in [source for source in memo if source not in texts]:
        del memo[old]


def case_pages(view: View, memo: RenderedMarkdown | None = None) -> list[Page]:
    """Each published case's page, the index and the tag page (`memo`: the cases' Markdown
    rendered before, a build session's)."""
    cases = published_cases(view)
    pages = [_case_page(view, row, memo) for _, row in cases.iterrows()]
    if memo is not None:
        _keep_only(memo, set(cases["body"]))
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
