"""`sctrack template`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import PERIOD, output_file_option, root_option
from site_builder.errors import DataError, UsageError
from site_builder.load.periods import Period


@click.command()
@root_option
@click.argument("project", metavar="项目编号")
@click.argument("period", type=PERIOD, metavar="报告期")
@output_file_option("输出的 Excel 文件。默认为 <项目编号>-<报告期>.xlsx。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它（可能是已填写的表）。")
def template(root: Path, project: str, period: Period, output: Path | None, force: bool) -> None:
    """生成一份报告的 Excel 填报表（.xlsx），供不写 YAML 的同事填写。

    PERIOD 为季度（如 2021-Q3）或年度（如 2021）。表中有填写说明、通知要求的每个部分各一张工作表、下拉列表和数字检查。

    报告已存在时，表中预填现有内容，可在 Excel 中更正后再导入；否则“上期数”列列出上一期的数字供参考。填好后用 sctrack import 导入。

    示例：

        sctrack template taiyuan-region 2021-Q3 -o 太原-2021-Q3.xlsx

        sctrack template changzhi-guarantee 2021
    """
    from site_builder.office.excel import UnknownProject, WorkbookError, make_template, save

    output = output or Path(f"{project}-{period.stem}.xlsx")
    if output.exists() and not force:
        raise DataError(
            f"{output} 已存在，未覆盖（它可能是已填写的表）。要重新生成，请换个文件名或加 --force。"
        )
    try:
        made = make_template(root, project, period)
        save(made.workbook, output)
    except UnknownProject as err:
        raise UsageError(str(err)) from None
    except WorkbookError as err:
        raise DataError(str(err)) from None
    except OSError as err:
        raise DataError(f"无法写入 {output}：{err.strerror}。") from None
    for note in made.notes:
        click.echo(f"警告：{note}", err=True)
    if made.prefilled:
        click.echo(f"已写入 {output}（已按 {made.prefilled} 预填）")
    elif made.previous:
        click.echo(f"已写入 {output}（新报告；“上期数”列为 {made.previous} 的数字）")
    else:
        click.echo(f"已写入 {output}（新报告）")
