"""What the form's page (`admin.js`) reads besides Decap's `config.yml`, as one JSON block.

Everything here follows from the schemas, the catalogue, the registry and the
calendar, never from which reports exist or what they say: the public `admin/`
is the same whichever open reports were already merged, and it carries no
figure of any project. The page asks the backend, after the clerk has logged
in, whether a report's file exists and what the last period's figures were.
"""

from __future__ import annotations

from datetime import date

from site_builder.analyse.calendar import due_date, last_on_time_day
from site_builder.load.periods import Period, day_label
from site_builder.load.records import Corpus, Project
from site_builder.load.report_layout import form_key, layouts_json, report_text
from site_builder.load.tree import report_path, schema_comment
from site_builder.site.cms.config import entry_name, open_reports
from site_builder.site.cms.fields import (
    field_labels,
    figure_units,
    key_order,
    label_marks,
    report_fields,
    required_lists,
)
from site_builder.spec import catalogue, schema
from site_builder.validate.wording import form_wording


def _fresh_text(project: Project, period: Period) -> str:
    """The first lines of a report not yet filed, in the one layout of report files."""
    data = {"project": project.id, "period": str(period), "kind": project.kind}
    return report_text(data | {name: [] for name in required_lists(period)}, period.is_annual)


def _report(corpus: Corpus, project: Project, period: Period) -> dict:
    """The editor's header and the cross-period checks of one open report."""
    policy = corpus.registry.policy
    previous = period.previous()
    node: dict[str, str | bool] = {
        "name": entry_name(project, period),
        "project": project.id,
        "project_name": project.name,
        "period": str(period),
        "period_label": period.report_name,
        "due": day_label(due_date(period, policy)),
        "last_day": last_on_time_day(period, policy).isoformat(),
        "previous": report_path(project.id, previous),
        "previous_period": str(previous),
    }
    if period.is_annual:
        node["q4"] = report_path(project.id, Period(period.year, 4))
    elif period.slot > 1:
        node["same_year"] = True  # the previous quarter is of the same year (X016)
    return node


def _indicators() -> dict[str, dict]:
    return {
        code: {
            "name": i.name,
            "unit": i.unit,
            "level": i.is_level,
            "flow": i.measure == "flow",
        }
        for code, i in catalogue.indicators().items()
    }


def page_settings(corpus: Corpus, today: date) -> dict:
    """The page's data: key order, required lists, label marks and units per form; the
    first lines and header of every open report; the schemas and validate's wording."""
    order: dict[str, dict] = {}
    lists: dict[str, list[str]] = {}
    fresh: dict[str, str] = {}
    reports: dict[str, dict] = {}
    marks: dict[str, str] = {}
    units: dict[str, str] = {}
    labels: dict[str, dict] = {}
    for project in corpus.projects.values():
        for period in open_reports(project, corpus, today):
            key = form_key(project.kind, period.is_annual)
            lists[key] = required_lists(period)
            fields = report_fields(project, period)
            # One form per kind and period type; the union keeps every enterprise type's keys.
            for path, keys in key_order(fields).items():
                known = order.setdefault(key, {}).setdefault(path, [])
                known += [k for k in keys if k not in known]
            labels.setdefault(key, {}).update(field_labels(fields))
            marks |= label_marks(fields)
            units |= figure_units(fields)
            path = report_path(project.id, period)
            fresh[path] = _fresh_text(project, period)
            reports[path] = _report(corpus, project, period)
    return {
        "order": order,
        "required_lists": lists,
        "fresh": fresh,
        "reports": reports,
        "first_line": {
            "quarterly": schema_comment("quarterly-report"),
            "annual": schema_comment("annual-report"),
        },
        "labels": labels,
        "marks": marks,
        "units": units,
        "indicators": _indicators(),
        "schemas": {
            "quarterly": schema.load("quarterly-report"),
            "annual": schema.load("annual-report"),
        },
        "wording": form_wording(),
        "layout": layouts_json(),
    }
