"""The `sctrack` command line: click wiring only, with lazy imports.

Exit codes: 0 success, 1 the data has errors, 2 wrong usage. Each command's
docstring is its help text, with an example.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DataError(click.ClickException):
    """The data has errors: message printed, exit code 1, no traceback."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


def root_option(func):
    @click.option(
        "--root",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        default=".",
        show_default=True,
        help="仓库根目录（包含 submissions/ 的文件夹）。",
    )
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="sctrack")
def cli() -> None:
    """sctrack：供应链重点项目在线跟进。

    报送数据放在 submissions/，每份报告一个 YAML 文件；本工具校验数据、生成站点和汇总报告。
    """


@cli.command()
@root_option
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text：path:line:col: CODE 说明；github：工作流注释；json：机器可读。",
)
def validate(root: Path, paths: tuple[Path, ...], output_format: str) -> None:
    """校验报送数据。不写任何文件。

    不带 PATH 时检查整个 submissions/；带 PATH 时只检查这些文件或文件夹
    （仍会对照登记信息和同一项目的其他报告）。有错误时退出码为 1。

    Example:

        sctrack validate

        sctrack validate submissions/projects/demo-taiyuan-region/2021-Q3.yaml
    """
    from .reporter import REPORTER_BY_NAME
    from .validate import validate as run

    result = run(root, list(paths) or None)
    click.echo(REPORTER_BY_NAME[output_format](result.findings, result.files))
    sys.exit(0 if result.ok else 1)


def _print_findings_and_fail(err) -> None:
    from .reporter import text

    click.echo(text(err.findings, len({f.path for f in err.findings})), err=True)
    raise DataError(str(err))


@cli.command()
@root_option
@click.option(
    "--audience",
    type=click.Choice(["public", "internal"]),
    default="public",
    show_default=True,
    help="public：公开版；internal：内部版（含经营数据、联系人、未公开案例）。",
)
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="站点输出目录。默认公开版为 site/，内部版为 site-internal/。",
)
@click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="生成的 MkDocs 工程目录。默认 build/<audience>/。",
)
def build(root: Path, audience: str, site_dir: Path | None, build_dir: Path | None) -> None:
    """校验数据并生成站点（先生成页面和图表，再由 MkDocs 构建）。

    数据有错误时不生成站点，原有站点保持不变。

    Example:

        sctrack build

        sctrack build --audience internal --site-dir /srv/sctrack-internal
    """
    from .build import BuildError
    from .build import build as run

    click.echo(f"生成{'公开版' if audience == 'public' else '内部版'}站点……")
    try:
        result = run(
            root, audience, site_dir, build_dir, progress=lambda line: click.echo(f"  {line}")
        )
    except BuildError as err:
        if err.findings:
            _print_findings_and_fail(err)
        raise DataError(str(err)) from err
    click.echo(
        f"完成：{result.pages} 个页面、{result.charts} 张图表，用时 {result.seconds:.1f} 秒。站点在 {result.site_dir}"
    )


@cli.command()
@root_option
@click.option(
    "--audience",
    type=click.Choice(["public", "internal"]),
    default="public",
    show_default=True,
    help="预览哪个版本。",
)
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览服务器地址和端口。"
)
def serve(root: Path, audience: str, dev_addr: str) -> None:
    """本地实时预览：修改 submissions/ 下的文件后自动重新生成并刷新浏览器。

    Example:

        sctrack serve

        sctrack serve --audience internal --dev-addr 0.0.0.0:8000
    """
    from .build import BuildError
    from .reporter import text
    from .serve import serve as run

    def on_error(err: BuildError) -> None:
        click.echo(
            text(err.findings, len({f.path for f in err.findings})) if err.findings else str(err),
            err=True,
        )
        click.echo("数据有错误，预览保留上一次的页面。改正后保存即可自动更新。", err=True)

    try:
        run(root, audience, dev_addr, lambda line: click.echo(f"  {line}"), on_error)
    except BuildError as err:
        if err.findings:
            _print_findings_and_fail(err)
        raise DataError(str(err)) from err


def _as_of_option(func):
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="按哪一天计算（YYYY-MM-DD）。默认今天。",
    )(func)


def _supervision(root: Path, as_of):
    """Validated data, git history and the supervision analysis, or a DataError."""
    from . import periods
    from .analyse import analyse
    from .history import read_history
    from .reporter import text
    from .validate import validate as run

    result = run(root)
    if not result.ok:
        click.echo(text(result.findings, result.files), err=True)
        raise DataError(f"数据有 {len(result.errors)} 个错误，请先改正。")
    day = as_of.date() if as_of else periods.today()
    return analyse(result.corpus, read_history(root), day)


@cli.command()
@root_option
@_as_of_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
def compliance(root: Path, as_of, output_format: str) -> None:
    """报送情况：每个项目每期报告的截止日期、提交和确认日期、是否按时，以及动态调整建议。

    确认日期从 git 历史读取（审核合并的时间）；不是 git 仓库时为“确认时间未知”，不会判为逾期。

    Example:

        sctrack compliance --as-of 2022-03-31

        sctrack compliance --format json > compliance.json
    """
    import json

    from .compliance import RECOMMENDATION_LABELS, STATUS_LABELS, to_json
    from .textable import aligned

    analysis = _supervision(root, as_of)
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


@cli.command()
@root_option
@click.option(
    "--dir",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    help="示例仓库的位置。默认 build/demo-repo/（每次重新生成）。",
)
@click.option("--no-build", is_flag=True, help="只生成示例仓库，不生成站点。")
def demo(root: Path, target: Path | None, no_build: bool) -> None:
    """用自带的示例数据演示完整流程：回放成带日期的审核合并历史，再生成两个版本的站点。

    每份报告在示例仓库中都是一次拉取请求：按填报时间提交、按审核时间合并（有的合并、有的压缩合并），
    其中有按时、逾期和缺报的报告、一次更正，以及省商务厅的预警和取消资格决定。站点写到 site/（公开版）
    和 site-internal/（内部版）。

    Example:

        sctrack demo

        sctrack serve --root build/demo-repo
    """
    from .build import BuildError, build
    from .demo import DemoError, replay

    root = root.absolute()
    target = (target or root / "build" / "demo-repo").absolute()
    try:
        merged = replay(root, target)
    except DemoError as err:
        raise DataError(str(err)) from err
    click.echo(f"示例仓库：{target}（{merged} 次审核合并）")
    if no_build:
        return
    for audience in ("public", "internal"):
        click.echo(f"生成{'公开版' if audience == 'public' else '内部版'}站点……")
        site_dir = root / ("site" if audience == "public" else "site-internal")
        try:
            result = build(
                target, audience, site_dir, progress=lambda line: click.echo(f"  {line}")
            )
        except BuildError as err:
            if err.findings:
                _print_findings_and_fail(err)
            raise DataError(str(err)) from err
        click.echo(f"完成：{result.site_dir}/index.html")
    click.echo("用浏览器打开上面的 index.html，或运行 sctrack serve --root build/demo-repo 预览。")


@cli.command()
@root_option
@click.argument("period")
@_as_of_option
@click.option(
    "--format", "output_format", type=click.Choice(["md", "docx"]), default="md", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出文件。md 默认打印到屏幕；docx 默认为 汇总报告-<报告期>.docx。",
)
def report(root: Path, period: str, as_of, output_format: str, output: Path | None) -> None:
    """生成报商务部的汇总报告（季度如 2021-Q3，年度如 2021），Markdown 或 Word 格式。

    报告中的数字全部由报送数据计算得出：项目分布、各市报送确认情况、绩效指标、实践经验、问题和建议、动态调整。

    Example:

        sctrack report 2021-Q3 --format docx -o 2021年第三季度汇总报告.docx

        sctrack report 2021
    """
    from .periods import parse_period
    from .summary_report import build_report, to_markdown

    parsed = parse_period(period)
    if parsed is None:
        raise click.BadParameter(
            f"“{period}”不是报告期，应写成 2021-Q3（季度）或 2021（年度）。", param_hint="PERIOD"
        )
    analysis = _supervision(root, as_of)
    summary = build_report(analysis, parsed)
    if output_format == "md":
        text = to_markdown(summary)
        if output:
            output.write_text(text, encoding="utf-8")
            click.echo(f"已写入 {output}")
        else:
            click.echo(text)
        return
    from .docx_report import render_docx

    output = output or Path(f"汇总报告-{parsed}.docx")
    data = render_docx(summary)
    temporary = output.with_name(f".{output.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(output)
    click.echo(f"已写入 {output}")


def main() -> None:
    cli(prog_name="sctrack")
