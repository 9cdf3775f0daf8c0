"""What `sctrack compliance` and `sctrack stats` print, in each of their formats.

As the findings' reporters do (`validate/reporters.py`), each function turns a result into
text (or a file's bytes); the commands only parse options, call one of these and echo it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from site_builder.analyse import calendar
from site_builder.analyse.adjustment import RECOMMENDATION_LABELS
from site_builder.analyse.analysis import Analysis
from site_builder.analyse.calendar import zone_name
from site_builder.analyse.reminders import Reminders, reminders
from site_builder.analyse.reminders import to_json as reminders_json
from site_builder.analyse.stats import stats_table
from site_builder.analyse.statuses import NO_REVIEW_RECORD, STATUS_LABELS, ReportStatus
from site_builder.analyse.supervision import to_json
from site_builder.errors import DataError, UsageError
from site_builder.load.periods import Period, day_label
from site_builder.load.records import Policy
from site_builder.present.sheetcells import csv_text
from site_builder.present.textable import aligned
from site_builder.site.downloads import csv_bytes, xlsx_bytes
from site_builder.site.remind_page import handles, nothing_to_urge, notices, urgency
from site_builder.spec import catalogue

REASON_COLUMNS = 60  # display columns (a Chinese character is two): 30 characters a line
STATUS_HEADERS = ["项目", "报告期", "截止日期", "声明提交", "确认", "状态", "PR"]
ADVICE_HEADERS = ["项目", "建议", "理由"]


def _minute(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "—"


def compliance_report(
    analysis: Analysis, output_format: str, ids: bool, allow_unknown: bool
) -> str:
    """The statuses and the adjustment advice as a table or JSON; a DataError when the git
    history cannot be trusted and the user did not ask to list the statuses anyway."""
    supervision = analysis.supervision
    history = supervision.history
    if not history.available and not allow_unknown:
        raise DataError(f"{history.reason}；报告状态均无法判断（加 --allow-unknown 仍然列出）。")
    if output_format == "json":
        return json.dumps(to_json(supervision), ensure_ascii=False, indent=2)
    names = {pid: p.name for pid, p in analysis.corpus.projects.items()}

    def project(pid: str) -> str:
        return pid if ids else names.get(pid, pid)

    rows = [_status_row(s, project(s.project), ids) for s in supervision.statuses]
    lines = [_as_of_line(analysis), aligned(STATUS_HEADERS, rows)]
    lines += [
        f"{s.project} {s.period} 确认时间未知：{s.unknown_reason}"
        for s in supervision.statuses
        if s.unknown_reason
    ]
    advice = [
        [project(r.project), RECOMMENDATION_LABELS[r.recommendation], "；".join(r.reasons)]
        for r in supervision.recommendations
        if r.recommendation != "none"
    ]
    # A reason runs to 200 characters: it wraps in its column, beside its project.
    lines += ["", aligned(ADVICE_HEADERS, advice, wrap={2: REASON_COLUMNS})]
    return "\n".join(lines)


def _as_of_line(analysis: Analysis) -> str:
    supervision = analysis.supervision
    # An internal analysis always has its cutoff; only a public view holds none.
    cutoff = supervision.cutoff or calendar.cutoff(
        supervision.as_of, analysis.corpus.registry.policy
    )
    # The end of the day reads as that day's 24:00, not the next day's 00:00.
    if cutoff.date() > supervision.as_of:
        seen = f"{supervision.as_of} 24:00"
    else:
        seen = f"{cutoff:%F %H:%M}"
    history = supervision.history
    source = "确认时间取自 git 历史" if history.available else history.reason
    return f"截至 {seen}（{cutoff.tzinfo}）：{source}"


def _status_row(status: ReportStatus, project: str, ids: bool) -> list[object]:
    no_record = NO_REVIEW_RECORD if status.reviewed is False else ""
    review = f"#{status.pr}" if status.pr else no_record
    return [
        project,
        str(status.period) if ids else status.period.label,
        status.due,
        _minute(status.submitted_at),
        _minute(status.confirmed_at),
        STATUS_LABELS[status.status],
        review,
    ]


@dataclass(frozen=True)
class Stats:
    """The `sctrack stats` table of a period, for one indicator or none."""

    table: pd.DataFrame
    period: Period
    indicator: str | None


def stats_of(analysis: Analysis, by: str, period: Period | None, indicator: str | None) -> Stats:
    """The table by `by` for `period` (the latest quarter when None)."""
    chosen = period or analysis.latest_period
    if chosen is None:
        raise UsageError("还没有任何季度报告。")
    return Stats(stats_table(analysis, by, chosen, indicator), chosen, indicator)


def _stats_table_text(stats: Stats) -> str:
    title = stats.period.label
    if stats.indicator:
        title += f" · {catalogue.indicators()[stats.indicator].name}"
    table = stats.table
    rows = [["—" if pd.isna(v) else v for v in row] for row in table.itertuples(index=False)]
    right = set(range(1, len(table.columns)))
    return title + "\n" + aligned(list(table.columns), rows, right=right)


def _stats_json(stats: Stats) -> str:
    records = json.loads(stats.table.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=2)


STATS_TEXT: dict[str, Callable[[Stats], str]] = {
    "table": _stats_table_text,
    "csv": lambda stats: csv_text(stats.table),
    "json": _stats_json,
}


def stats_file(stats: Stats, output_format: str) -> bytes:
    """The stats as a file: a workbook, CSV with a BOM (for Excel), or the text."""
    if output_format == "xlsx":
        return xlsx_bytes(stats.table, "统计")
    if output_format == "csv":
        return csv_bytes(stats.table)
    return STATS_TEXT[output_format](stats).encode("utf-8")


REMIND_HEADERS = ["市", "报告期", "项目", "截止日期", "情况", "报送人", "审核团队"]
# Display columns (a Chinese character is two) of the cells that run long: a project's name
# (up to some 30 characters) and several submitters (a handle runs to 24) wrap in their column.
REMIND_WRAP = {2: 24, 5: 24}


def remind_report(
    analysis: Analysis, days_before: list[int] | None, output_format: str, ids: bool
) -> tuple[str, Reminders]:
    """The reminders as a table (text), the notices to paste (markdown) or JSON, with the
    reminders themselves (the command's exit code depends on whether they can be trusted)."""
    result = reminders(analysis, days_before)
    policy = analysis.corpus.registry.policy
    if output_format == "json":
        return json.dumps(reminders_json(result), ensure_ascii=False, indent=2), result
    if output_format == "markdown":
        return "\n".join(notices(result, policy, markdown=True)).rstrip(), result
    return _remind_table(result, policy, ids), result


def _remind_table(result: Reminders, policy: Policy, ids: bool) -> str:
    """One row a report (one for a city's period all confirmed), names in words, codes with
    `ids`; or the one line saying why there is nothing to urge."""
    nothing = nothing_to_urge(result)
    if nothing is not None:
        return nothing
    rows: list[list[object]] = []
    for group in result.groups:
        owner = group.owner if ids else group.owner_name
        period = str(group.period) if ids else group.period.label
        due = day_label(group.due)
        if group.all_confirmed:
            rows.append([owner, period, "—", due, "已全部确认", "", group.team])
        for item in group.items:
            project = item.project if ids else item.project_name
            rows.append([owner, period, project, due, urgency(item), handles(item), group.team])
    heading = f"截至{day_label(result.as_of)}24时（{zone_name(policy)}）的催报清单："
    return heading + "\n" + aligned(REMIND_HEADERS, rows, wrap=REMIND_WRAP)
