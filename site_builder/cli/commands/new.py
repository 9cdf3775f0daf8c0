"""`sctrack new`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import PERIOD, root_option
from site_builder.errors import DataError
from site_builder.load.periods import Period


@click.command()
@root_option
@click.argument("project", metavar="项目编号")
@click.argument("period", type=PERIOD, metavar="报告期")
def new(root: Path, project: str, period: Period) -> None:
    """生成下一期报告的框架：按通知的各部分列出全部栏目，附上期数据作参考。

    季报写 2021-Q3，年度总结写 2021。已有同期报告时不会覆盖；报告期未结束、早于纳入跟进或在取消资格之后时拒绝。

    示例：

        sctrack new taiyuan-region 2021-Q3
    """
    from site_builder.analyse.calendar import due_date, expected_periods
    from site_builder.load.periods import today
    from site_builder.load.tree import SubmissionsTree
    from site_builder.office.new_report import skeleton
    from site_builder.validate.run import validate

    parsed = period
    result = validate(root)
    corpus = result.corpus
    if project not in corpus.projects:
        choices = "、".join(sorted(corpus.projects)) or "（没有有效的项目）"
        raise DataError(f"没有项目“{project}”（或它的 project.yaml 有错误）。现有项目：{choices}")
    record = corpus.projects[project]
    target = SubmissionsTree(root).report_file(project, parsed)
    if target.exists():
        raise DataError(f"{target} 已经存在，不会覆盖。需要修改请直接编辑它。")
    policy = corpus.registry.policy
    far_future = parsed.end.replace(year=parsed.end.year + 1)
    spells = corpus.registry.cancelled_spells(project, far_future)
    if parsed not in expected_periods(record, policy, far_future, spells):
        raise DataError(
            f"{record.name}不需要报送{parsed.label}报告（早于纳入跟进、在培育期外或已取消资格）。"
        )
    if parsed.end >= today(root):
        raise DataError(f"{parsed.label}到 {parsed.end} 才结束，结束后再生成报告框架。")
    target.write_text(
        skeleton(corpus, record, parsed, due_date(parsed, policy).isoformat()), encoding="utf-8"
    )
    click.echo(f"已生成 {target}，请逐项填写后运行 sctrack validate {target} 检查。")
