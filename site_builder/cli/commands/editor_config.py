"""`sctrack editor-config`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import root_option


@click.command("editor-config")
@root_option
@click.option(
    "--schema-base",
    metavar="URL",
    help="站点上字段说明文件（schemas/）的地址。默认取 mkdocs.yml 的 site_url 加 schemas/。",
)
def editor_config(root: Path, schema_base: str | None) -> None:
    """写入 .vscode/settings.json，让 VS Code 在任何仓库中都能按字段说明提示和检查报告。

    把 submissions/ 下的立项信息、季报、年度总结和登记文件分别对应到站点上发布的字段
    说明（schemas/<名称>.schema.json），供 VS Code 的 YAML 插件（Red Hat）补全和提示。
    已有的 settings.json 会合并，原有设置保留；不是有效 JSON 的文件不会被改动。

    示例：

        sctrack editor-config --schema-base https://example.gov.cn/sctrack/schemas/
    """
    from site_builder.site.schema_files import schema_base as base_of
    from site_builder.site.schema_files import write_editor_settings

    base = base_of(root, schema_base)
    path = write_editor_settings(root, base)
    click.echo(f"已写入 {path}：submissions/ 下的文件对应 {base} 中的字段说明。")
    click.echo("请在 VS Code 中安装 YAML 插件（Red Hat），重新打开文件即可看到提示。")
