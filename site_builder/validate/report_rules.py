"""Rules on where a report sits and when: its folder and file name, its period against
today, and its project's start, cancellation and kind."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.findings import Finding, at
from site_builder.spec import catalogue
from site_builder.validate.registry import Context, report_files, reports_of_projects, rule
from site_builder.validate.wording import say


@rule("X009", "report_folder")
def report_in_its_folder(ctx: Context) -> Iterator[Finding]:
    """A report names the project whose folder it sits in."""
    for source, _, data in report_files(ctx):
        if data["project"] != source.project:
            message = say("report_folder", project=data["project"], folder=source.project)
            yield at(source.display, "X009", message, *ctx.where(source.display, "project"))


@rule("X003", "period_name")
def period_is_file_name(ctx: Context) -> Iterator[Finding]:
    """A report's period is the one its file name says."""
    for source, period, data in report_files(ctx):
        if data["period"] != str(period):
            words = dict(period=data["period"], name=source.path.name, expected=period)
            where = ctx.where(source.display, "period")
            yield at(source.display, "X003", say("period_name", **words), *where)


@rule("X006", "period_open")
def period_is_over(ctx: Context) -> Iterator[Finding]:
    """A report is sent once its period is over."""
    for source, period, _ in report_files(ctx):
        if period.end >= ctx.today:
            message = say("period_open", period=period.label, end=period.end)
            yield at(source.display, "X006", message, *ctx.where(source.display, "period"))


@rule("X010", "no_project")
def project_of_report(ctx: Context) -> Iterator[Finding]:
    """A report's folder holds a valid project.yaml, which every other check of it needs."""
    for source, _, _ in report_files(ctx):
        if ctx.corpus.projects.get(source.project or "") is not None:
            continue
        # When only some files are checked, a project.yaml not read is not a missing one.
        if ctx.all_projects_loaded or not (source.path.parent / "project.yaml").exists():
            yield at(source.display, "X010", say("no_project", folder=source.project))


@rule("X011", "kind_differs")
def kind_of_project(ctx: Context) -> Iterator[Finding]:
    """A report is of its project's kind (region or enterprise): its parts depend on it."""
    for source, _, data in report_files(ctx):
        project = ctx.corpus.projects.get(source.project or "")
        if project is not None and data["kind"] != project.kind:
            words = dict(
                kind=catalogue.label("kind", data["kind"]),
                project_kind=catalogue.label("kind", project.kind),
            )
            where = ctx.where(source.display, "kind")
            yield at(source.display, "X011", say("kind_differs", **words), *where)


@rule("X004", "before_start")
def after_start(ctx: Context) -> Iterator[Finding]:
    """No report is due for a period that ended before the project's start."""
    for source, period, _, project in reports_of_projects(ctx):
        if period.end < project.start_date:
            message = say("before_start", period=period.label, start=project.start_date)
            yield at(source.display, "X004", message, *ctx.where(source.display, "period"))


@rule("X005", "after_cancel")
def before_cancellation(ctx: Context) -> Iterator[Finding]:
    """No report is due for a period that ended after the project was cancelled."""
    for source, period, _, project in reports_of_projects(ctx):
        cancelled = ctx.corpus.registry.cancellation(project.id)
        if cancelled and period.end > cancelled.date:
            words = dict(date=cancelled.date, document=cancelled.document_no, period=period.label)
            where = ctx.where(source.display, "period")
            yield at(source.display, "X005", say("after_cancel", **words), *where)
