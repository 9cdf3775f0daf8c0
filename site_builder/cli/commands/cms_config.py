"""`sctrack cms-config`."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.cli.options import folder_option, root_option


@click.command("cms-config")
@root_option
@folder_option("--site", "site", help="写入哪个站点文件夹（默认 site/，写在其中的 admin/）。")
@click.option(
    "--backend",
    type=click.Choice(["github", "gitlab"]),
    help="代码托管平台；不写时取 mkdocs.yml 的 extra.cms 或 repo_url。",
)
@click.option("--repo", help="仓库，写作 组织名/仓库名。")
@click.option("--branch", default="main", show_default=True, help="主分支。")
@click.option("--base-url", help="GitHub：OAuth 登录服务地址；GitLab：服务器地址。")
@click.option("--app-id", help="GitLab：OAuth 应用的 Application ID（PKCE 登录）。")
def cms_config(
    root: Path,
    site: Path | None,
    backend: str | None,
    repo: str | None,
    branch: str,
    base_url: str | None,
    app_id: str | None,
) -> None:
    """生成网页填报表单：站点的 admin/index.html 与 admin/config.yml（Decap CMS）。

    表单由数据模式生成：每个市一个栏目，列出各项目当前开放填报的报告；保存后生成分支和合并请求，
    经审核合并后才进入主分支。sctrack build 会同时生成它；本命令只更新表单（“上期”提示只用公开的数据）。

    示例：

        sctrack cms-config

        sctrack cms-config --backend gitlab --repo shanxi/scm --base-url https://git.example.cn --app-id 0123abcd
    """
    import yaml

    from site_builder.analyse.view import public_corpus
    from site_builder.errors import DataError, UsageError
    from site_builder.load.periods import today
    from site_builder.site.build import default_site_dir
    from site_builder.site.cms import Backend, backend_from_mkdocs, write_admin
    from site_builder.validate.run import validate

    if backend:
        if not repo:
            raise UsageError("指定 --backend 时还要用 --repo 写明仓库（组织名/仓库名）。")
        chosen = Backend(backend, repo, branch, base_url, app_id)
    else:
        mkdocs = root / "mkdocs.yml"
        settings = yaml.safe_load(mkdocs.read_text(encoding="utf-8")) if mkdocs.exists() else {}
        chosen = backend_from_mkdocs(settings or {})
    result = validate(root)
    if not result.ok:
        raise DataError(
            f"数据有 {len(result.errors)} 个错误，未生成表单。请先运行 sctrack validate 修正。"
        )
    # The public site's data: the hints quote only last period's public figures.
    corpus = public_corpus(result.corpus)
    site = site or default_site_dir(root, "public")
    reports = write_admin(site, corpus, chosen, today(root))
    click.echo(
        f"已写入 {site / 'admin'}：{reports} 份开放填报的报告（{chosen.name}：{chosen.repo}）。"
    )
