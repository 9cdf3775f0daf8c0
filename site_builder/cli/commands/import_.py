"""`sctrack import`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import findings_format_option, root_option
from site_builder.cli.output import print_findings, say
from site_builder.errors import DataError
from site_builder.findings import has_errors

WORKBOOKS = "个工作簿"  # what the summary line counts: the one workbook imported


@click.command(name="import")
@root_option
@click.argument(
    "workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="填报表.xlsx"
)
@click.option("--force", is_flag=True, help="报告已存在时覆盖它（先写临时文件再替换）。")
@findings_format_option
def import_(root: Path, workbook: Path, force: bool, output_format: str) -> None:
    """把填好的 Excel 填报表（由 sctrack template 生成）转成报告 YAML，写到项目文件夹中。

    先按 sctrack validate 的规则全部检查，有问题时逐条列出“工作表!单元格”和原因，退出码为 1，不写任何文件。

    报告已存在时不覆盖，除非加 --force（先写临时文件再替换）。

    示例：

        sctrack import 太原-2021-Q3.xlsx

        sctrack import 太原-2021-Q3.xlsx --force --format json
    """
    from site_builder.office.excel import WorkbookError, import_workbook, write_report
    from site_builder.validate.values import printable

    display = printable(str(workbook))  # one line, whatever the file is called
    try:
        imported = import_workbook(root, workbook, display)
    except WorkbookError as err:
        # The reader says what is wrong with the workbook; the user needs to know which one.
        raise DataError(f"{display}: {err}") from None
    findings = imported.findings
    if has_errors(findings):
        errors = sum(f.is_error for f in findings)
        raise DataError(
            f"发现 {errors} 个错误，未写入任何文件。请在表中改正后重新导入。",
            findings,
            1,
            WORKBOOKS,
        )
    print_findings(findings, 1, WORKBOOKS, err=True)
    target = imported.target
    shown = target.relative_to(root).as_posix() if target.is_relative_to(root) else str(target)
    if target.exists() and not force:
        raise DataError(
            f"{shown} 已存在，未覆盖。确认要用表中的内容替换它时，加 --force 重新导入。"
        )
    try:
        written = write_report(target, imported.text, force)
    except OSError as err:
        raise DataError(f"无法写入 {shown}：{err.strerror}。") from None
    if not written:
        raise DataError(f"{shown} 已存在，未覆盖。确认要替换时，加 --force 重新导入。")
    say(f"已写入 {shown}（由 {printable(workbook.name)} 导入，校验通过）。请提交并发起拉取请求。")
