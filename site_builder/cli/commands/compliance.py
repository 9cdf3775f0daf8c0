"""`sctrack compliance`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.cli.options import format_option, ids_option
from site_builder.cli.stages import analysis_options, load_analysis
from site_builder.errors import DataError

REASON_COLUMNS = 60  # display columns (a Chinese character is two): 30 characters a line


@click.command()
@analysis_options
@format_option("table", "json")
@click.option(
    "--allow-unknown",
    is_flag=True,
    help="git 历史无法采信时仍然列出（状态均为“确认时间未知”，不作预警），退出码为 0。",
)
@ids_option
def compliance(
    root: Path, as_of: datetime | None, output_format: str, allow_unknown: bool, ids: bool
) -> None:
    """报送情况：每个项目每期报告的截止日期、提交和确认时间、是否按时，以及动态调整建议。

    确认时间是报告合并进主分支的时间（北京时间，按 policy.yaml 的 calendar.timezone），
    截止日当天 24 时前确认的算按时。--as-of 给出那一天结束时仓库里的数据和确认记录。
    git 历史无法采信时（浅克隆、数据不在仓库中……），第一行说明原因，所有报告为“确认时间未知”，
    不作预警，退出码为 1；加 --allow-unknown 仍然列出。

    示例：

        sctrack compliance --as-of 2022-03-31

        sctrack compliance --format json > compliance.json
    """
    import json

    from site_builder.analyse import calendar
    from site_builder.analyse.adjustment import RECOMMENDATION_LABELS
    from site_builder.analyse.statuses import NO_REVIEW_RECORD, STATUS_LABELS
    from site_builder.analyse.supervision import to_json
    from site_builder.present.textable import aligned

    analysis = load_analysis(root, as_of, announce=False)
    supervision = analysis.supervision
    projects = analysis.corpus.projects

    def project(pid: str) -> str:
        return pid if ids or pid not in projects else projects[pid].name

    history = supervision.history
    if not history.available and not allow_unknown:
        raise DataError(f"{history.reason}；报告状态均无法判断（加 --allow-unknown 仍然列出）。")
    if output_format == "json":
        click.echo(json.dumps(to_json(supervision), ensure_ascii=False, indent=2))
        return
    # An internal analysis always has its cutoff; only a public view holds none.
    cutoff = supervision.cutoff or calendar.cutoff(
        supervision.as_of, analysis.corpus.registry.policy
    )
    # The end of the day reads as that day's 24:00, not the next day's 00:00.
    seen = (
        f"{supervision.as_of} 24:00" if cutoff.date() > supervision.as_of else f"{cutoff:%F %H:%M}"
    )
    click.echo(
        f"截至 {seen}（{cutoff.tzinfo}）："
        + ("确认时间取自 git 历史" if history.available else history.reason)
    )
    rows = [
        [
            project(s.project),
            str(s.period) if ids else s.period.label,
            s.due,
            s.submitted_at.strftime("%Y-%m-%d %H:%M") if s.submitted_at else "—",
            s.confirmed_at.strftime("%Y-%m-%d %H:%M") if s.confirmed_at else "—",
            STATUS_LABELS[s.status],
            f"#{s.pr}" if s.pr else (NO_REVIEW_RECORD if s.reviewed is False else ""),
        ]
        for s in supervision.statuses
    ]
    click.echo(aligned(["项目", "报告期", "截止日期", "声明提交", "确认", "状态", "PR"], rows))
    for s in supervision.statuses:
        if s.unknown_reason:
            click.echo(f"{s.project} {s.period} 确认时间未知：{s.unknown_reason}")
    click.echo("")
    advice = [r for r in supervision.recommendations if r.recommendation != "none"]
    reasons = [
        [project(r.project), RECOMMENDATION_LABELS[r.recommendation], "；".join(r.reasons)]
        for r in advice
    ]
    # A reason runs to 200 characters: it wraps in its column, beside its project.
    click.echo(aligned(["项目", "建议", "理由"], reasons, wrap={2: REASON_COLUMNS}))
