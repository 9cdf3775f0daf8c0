"""The page of one project, and each of its reports under the notice's headings."""

from __future__ import annotations

from typing import Any

import pandas as pd
from markupsafe import Markup

from site_builder.analyse.adjustment import RECOMMENDATION_LABELS
from site_builder.analyse.analysis import STATUS_LABELS, tier_kind
from site_builder.analyse.progress import PROGRESS_LABELS, TargetProgress, method_note
from site_builder.analyse.view import PROJECT_DETAIL, View
from site_builder.load.periods import label as period_label
from site_builder.load.records import Project, Report
from site_builder.present.markdown import CHART_SOURCE, Page, day_cell, link, num
from site_builder.present.markup import paragraphs, text
from site_builder.site.case_pages import case_link
from site_builder.site.desk import SHORT_LABELS, pr_link, status_cell, status_legend
from site_builder.site.page_templates import render_template
from site_builder.site.report_archive import archive_links, newest_first
from site_builder.site.report_render import render_report
from site_builder.site.trend_svg import trend_panels
from site_builder.spec import catalogue


def _latest_values(view: View, project_id: str) -> dict[str, str]:
    """Each indicator's newest value as the targets table prints it: a flow's newest full year,
    a stock's newest period (one pass over each of the project's frames)."""
    flows = _points_by_indicator(view.annual_of(project_id), ["year"])
    stocks = _points_by_indicator(view.figures_of(project_id), ["year", "slot", "period"])
    latest = {}
    for code, indicator in catalogue.indicators().items():
        if indicator.measure == "flow" and code in flows:
            year, value = flows[code][-1]
            latest[code] = f"{num(value)}（{int(year)}年）"
        elif indicator.measure != "flow" and code in stocks:
            *_, period, value = stocks[code][-1]
            latest[code] = f"{num(value)}（{period_label(period)}）"
    return latest


def _assessment(progress: TargetProgress) -> str:
    """The category with the two yearly rates it compares, so that a reader sees why: the
    observed change from the baseline to the latest full year and the change needed to reach
    the target in time (a share a year for compound growth, else the indicator's unit)."""
    category = PROGRESS_LABELS[progress.category]
    observed, required = progress.observed_rate, progress.required_rate
    if observed is None or required is None:
        return category
    unit = catalogue.indicators()[progress.indicator].unit

    def rate(value: float) -> str:
        if progress.compound:
            return f"{value:+.1%}"
        return ("+" if value >= 0 else "") + f"{num(value)}{unit}"

    # The words of the method note below the table: 实际年均增速 against the 所需 one.
    change = "增速" if progress.compound else "变化"
    return f"{category}（实际年均{change}{rate(observed)}，所需{rate(required)}）"


def _target_rows(view: View, project: Project, reports: list[Report]) -> list[dict]:
    assessed = {
        p.target: _assessment(p) for p in view.supervision.progress if p.project == project.id
    }
    latest_values = _latest_values(view, project.id)
    latest_status = {}
    for report in reports:  # oldest first, so the newest report wins
        for row in report.data.get("targets", {}).get("progress", []):
            latest_status[row["target"]] = catalogue.label("target_status", row["status"])
    rows = []
    for t in project.targets:
        rows.append(
            {
                "id": t.id,
                "what": t.wording("what"),
                "baseline": t.wording("baseline", num),
                "target": t.wording("goal", num),
                "latest": latest_values.get(t.indicator, "—") if t.indicator else "—",
                "status": latest_status.get(t.id, "—"),
                "assessment": assessed.get(t.id, "—"),
            }
        )
    return rows


def _points_by_indicator(frame: pd.DataFrame, order: list[str]) -> dict[str, list[tuple]]:
    """Each indicator's rows as (*order, value) tuples sorted by `order`: one pass over column
    lists, not a row tuple per row (the frame is wide, so each tuple costs a lookup per column)."""
    frame = frame.sort_values(order)
    points: dict[str, list[tuple]] = {}
    codes = frame["indicator"].tolist()
    for code, *row in zip(codes, *(frame[c].tolist() for c in [*order, "value"]), strict=True):
        points.setdefault(code, []).append(tuple(row))
    return points


def trend_series(view: View, project: Project) -> list[dict]:
    """Data for the project's small-multiples chart: one series per reported indicator."""
    quarterly = view.figures_of(project.id)
    quarterly = _points_by_indicator(quarterly[~quarterly["annual"]], ["year", "slot"])
    annual = _points_by_indicator(view.annual_of(project.id), ["year"])
    targets = {t.indicator: t for t in project.targets if t.indicator}
    series = []
    for code, indicator in catalogue.indicators().items():
        if indicator.measure == "flow":
            points = [(int(y), v) for y, v in annual.get(code, [])]
        else:
            points = [(y + (s - 0.5) / 4, v) for y, s, v in quarterly.get(code, [])]
        if not points:
            continue
        item: dict[str, Any] = {"name": indicator.name, "unit": indicator.unit, "points": points}
        target = targets.get(code)
        if target is not None and target.baseline_year is not None:  # (the schema requires it)
            # Annual flows are plotted at the year; the baseline year's value sits there too.
            offset = 0 if indicator.measure == "flow" else 0.5
            item["baseline"] = (target.baseline_year + offset, target.baseline)
            item["target"] = (target.target_year + offset, target.target)
        series.append(item)
    return series


def _timeline(view: View, project: Project, repository: str) -> list[dict]:
    """The project's expected reports, newest first: due, submitted, confirmed, status, PR, corrections."""
    rows = []
    for s in view.supervision.statuses_of(project.id):
        corrections = "；".join(
            f"{day_cell(c['date'])} "
            + (str(pr_link(repository, c["pr"])) if c["pr"] else c["commit"])
            for c in s.corrections
        )
        rows.append(
            {
                "period": s.period.label,
                "due": day_cell(s.due),
                "submitted": day_cell(s.submitted),
                "confirmed": day_cell(s.confirmed),
                "status": status_cell(s.status),
                "pr": pr_link(repository, s.pr),
                "corrections": Markup(corrections) if corrections else "",
            }
        )
    return list(reversed(rows))


def _trend_chart(view: View, project: Project) -> Markup:
    series = trend_series(view, project)
    if not series:
        return Markup("")
    return trend_panels(series, f"{project.name}主要指标。{CHART_SOURCE}")


def _detail(
    view: View,
    project: Project,
    cases: pd.DataFrame,
    published: set[str],
    repository: str,
) -> dict:
    """What only a view with `PROJECT_DETAIL` shows: advice, records, contacts, targets, reports."""
    corpus = view.corpus
    advice = view.supervision.recommendation_of(project.id)
    history = view.supervision.history
    reports = corpus.reports_of(project.id)
    return {
        "recommendation": {
            "label": RECOMMENDATION_LABELS[advice.recommendation],
            "reasons": advice.reasons,
        },
        "timeline": _timeline(view, project, repository),
        "timeline_note": (
            "提交时间为报送单位提交报告的时间，确认时间为市商务局审核合并的时间；两者之差即审核用时。"
            if history.available
            else f"{history.reason}。"
        ),
        "flags": [
            {
                "date": day_cell(f.date),
                "type": catalogue.label("flag_type", f.type),
                "note": f.note,
            }
            for f in sorted(corpus.registry.flags, key=lambda f: f.date)
            if f.project == project.id
        ],
        "contacts": [
            {k: c.get(k, "") for k in ("name", "role", "phone", "email")} for c in project.contacts
        ],
        "submitters": "、".join(project.submitters),
        "targets": _target_rows(view, project, reports),
        "progress_method": method_note(corpus.registry.policy),
        "trend_chart": _trend_chart(view, project),
        **_reports(project, reports, cases, published),
        "marks": _marks(view, project),
    }


def _reports(project: Project, reports: list[Report], cases, published) -> dict:
    """The newest report in full; the older ones linked, by year, to their own pages.

    Only the newest is on this page; no report's text is in the search index (`render_report`).
    """
    ordered = newest_first(reports)
    return {
        "latest_report": render_report(ordered[0], project, cases, published) if ordered else "",
        "older_reports": archive_links(project, ordered[1:]),
        "report_count": len(reports),
    }


def _marks(view: View, project: Project) -> Markup:
    """The timeline at the top: each expected report's period and status, oldest first."""
    statuses = view.supervision.statuses_of(project.id)
    if not statuses:
        return Markup("")
    items = Markup("").join(
        Markup("<li>{}</li>").format(
            status_cell(s.status, f"{s.period.label} {SHORT_LABELS[s.status]}")
        )
        for s in statuses
    )
    return Markup(
        f'<ol class="sc-timeline" aria-label="各期报送状态">{items}</ol>\n\n'
    ) + status_legend(s.status for s in statuses)


def project_page(view: View, project: Project, published: set[str], repository: str = "") -> Page:
    """The project's page; its reports, records and contacts where the view shows them."""
    path = f"projects/{project.id}.md"
    corpus = view.corpus
    row = view.project_row(project.id)
    cases = view.cases_of(project.id)
    case_items = []
    for _, case in cases.iterrows():
        label = case_link(case, path) if case["slug"] in published else text(case["title"])
        note = "" if case["public"] else "未申请公开，仅授权用户可见"
        case_items.append({"link": label, "period_label": case["period_label"], "note": note})
    decisions = [
        {
            "date": day_cell(d.date),
            "label": catalogue.label("decision", d.decision),
            "document_no": d.document_no,
            "reason": d.reason,
        }
        for d in sorted(corpus.registry.decisions, key=lambda d: d.date)
        if d.project == project.id
    ]
    detailed = view.shows(PROJECT_DETAIL)
    city_name = corpus.registry.city_name(project.city)
    context = {
        "breadcrumb": Markup(" › ").join(
            [
                link("项目名录", "index.md"),
                link(city_name, f"../cities/{project.city}.md"),
                text(project.name),
            ]
        ),
        "name": project.name,
        "status": row["status"],
        "status_label": STATUS_LABELS[row["status"]],
        "tier_kind": tier_kind(project),
        "city_link": link(city_name, f"../cities/{project.city}.md"),
        "industry": catalogue.label("industry", project.industry),
        "unit": project.unit,
        "credit_code": project.credit_code or "",  # internal: empty in the public view
        "enterprise_type": catalogue.label("enterprise_type", project.enterprise_type)
        if project.enterprise_type
        else "",
        "soe": project.provincial_soe,
        "start_date": day_cell(project.start_date),
        "latest_period": period_label(row["latest_period"]),
        "public_summary": paragraphs(project.public_summary),
        "decisions": decisions,
        "cases": case_items,
        "detailed": detailed,
        "flags": [],
    }
    if detailed:
        context.update(_detail(view, project, cases, published, repository))
    meta: dict[str, Any] = {"title": project.name, "description": project.public_summary}
    if detailed:
        meta["hide"] = [
            "toc"
        ]  # the sections are tabs: a contents list would point into hidden ones
    return Page(path, render_template("project.md.j2", **context), meta)
