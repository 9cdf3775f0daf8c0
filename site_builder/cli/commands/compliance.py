"""`sctrack compliance`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.cli.options import format_option
from site_builder.cli.stages import analysis_options, load_analysis


@click.command()
@analysis_options
@format_option("table", "json")
def compliance(root: Path, as_of: datetime | None, output_format: str) -> None:
    """报送情况：每个项目每期报告的截止日期、提交和确认日期、是否按时，以及动态调整建议。

    确认日期从 git 历史读取（审核合并的时间）；不是 git 仓库时为“确认时间未知”，不会判为逾期。

    Example:

        sctrack compliance --as-of 2022-03-31

        sctrack compliance --format json > compliance.json
    """
    import json

    from site_builder.analyse.adjustment import RECOMMENDATION_LABELS
    from site_builder.analyse.statuses import STATUS_LABELS
    from site_builder.analyse.supervision import to_json
    from site_builder.office.textable import aligned

    analysis = load_analysis(root, as_of)
    supervision = analysis.supervision
    if output_format == "json":
        click.echo(json.dumps(to_json(supervision), ensure_ascii=False, indent=2))
        return
    rows = [
        [
            s.project,
            str(s.period),
            s.due,
            s.submitted or "—",
            s.confirmed or "—",
            STATUS_LABELS[s.status],
            f"#{s.pr}" if s.pr else "",
        ]
        for s in supervision.statuses
    ]
    click.echo(
        f"截至 {supervision.as_of}（{'确认时间取自 git 历史' if supervision.history.available else supervision.history.reason}）"
    )
    click.echo(aligned(["项目", "报告期", "截止日期", "提交", "确认", "状态", "PR"], rows))
    click.echo("")
    advice = [r for r in supervision.recommendations if r.recommendation != "none"]
    click.echo(
        aligned(
            ["项目", "建议", "理由"],
            [
                [r.project, RECOMMENDATION_LABELS[r.recommendation], "；".join(r.reasons)]
                for r in advice
            ],
        )
    )
