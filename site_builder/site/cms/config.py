"""Decap CMS's `config.yml`: the backend, and one collection per city of the open reports.

A report is open for the form from the day after its period ends until its last
on-time day (`analyse.calendar`); a project cancelled on that day has none. Each
city's collection lists, for each of its projects (SASAC's included, by their
city), one entry per open report, whether or not its file exists yet: the page
gives a missing file its first lines, and the file lands only when the pull
request the form opened is merged (see `admin.js` and the deployment guide).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from site_builder.analyse.calendar import expected_periods, last_on_time_day
from site_builder.errors import UsageError
from site_builder.load.periods import Period
from site_builder.load.records import Corpus, Project
from site_builder.load.tree import report_path
from site_builder.site.cms.fields import report_fields

BACKENDS = ("github", "gitlab")
# Where `sctrack serve` or a developer runs `npx decap-server`: Decap uses it only when
# the page itself is opened from localhost, and falls back to the configured backend.
LOCAL_BACKEND = True


@dataclass(frozen=True)
class Backend:
    """Where the form reads and saves: a GitHub or GitLab repository.

    Gitea and Forgejo are not offered: Decap's Gitea backend has no editorial
    workflow, so every save would be a commit on the main branch.
    """

    name: str
    repo: str
    branch: str = "main"
    base_url: str | None = None  # GitHub: the OAuth helper; GitLab: the server
    app_id: str | None = None  # GitLab: the OAuth application of the PKCE login

    def __post_init__(self) -> None:
        if self.name not in BACKENDS:
            raise UsageError(
                f"网页表单不支持“{self.name}”：只支持 {'、'.join(BACKENDS)}。"
                "Gitea/Forgejo 没有编辑工作流，保存会直接写入主分支，见部署说明。"
            )
        if self.name == "gitlab" and not self.app_id:
            raise UsageError("GitLab 需要 OAuth 应用的 Application ID（--app-id），见部署说明。")

    def config(self) -> dict:
        node: dict = {"name": self.name, "repo": self.repo, "branch": self.branch}
        if self.name == "gitlab":
            node.update(auth_type="pkce", app_id=self.app_id)
            if self.base_url:
                base = self.base_url.rstrip("/")
                node.update(base_url=base, api_root=f"{base}/api/v4")
        elif self.base_url:
            node["base_url"] = self.base_url.rstrip("/")
        return node

    @classmethod
    def from_repo_url(cls, url: str) -> Backend:
        """The repository of mkdocs.yml's `repo_url` (GitHub unless the host says GitLab)."""
        parsed = urlparse(url or "")
        repo = parsed.path.strip("/").removesuffix(".git")
        if not parsed.netloc or repo.count("/") < 1:
            raise UsageError(
                "mkdocs.yml 没有写 repo_url（仓库地址），无法生成网页表单的配置；"
                "请补上，或用 sctrack cms-config --backend 指定。"
            )
        if "gitlab" in parsed.netloc:
            return cls("gitlab", repo, base_url=f"{parsed.scheme}://{parsed.netloc}", app_id="")
        return cls("github", repo)


def open_periods(project: Project, corpus: Corpus, today: date) -> list[Period]:
    """The project's reports open for submission today (ended, not past their last day)."""
    policy = corpus.registry.policy
    spells = corpus.registry.cancelled_spells(project.id, today)
    return [
        p
        for p in expected_periods(project, policy, today, spells)
        if today <= last_on_time_day(p, policy)
    ]


def _last_figures(corpus: Corpus, project: Project, period: Period) -> dict[str, float]:
    earlier = [
        r
        for r in corpus.reports_of(project.id)
        if r.period < period and r.period.is_annual == period.is_annual
    ]
    return max(earlier, key=lambda r: r.period).figures() if earlier else {}


def entry_name(project: Project, period: Period) -> str:
    return f"{project.id}-{period.stem}"


def collections(corpus: Corpus, today: date) -> list[dict]:
    result = []
    for city in sorted(corpus.registry.cities.values(), key=lambda c: c.id):
        files = []
        for project in sorted(corpus.projects.values(), key=lambda p: p.id):
            if project.city != city.id:
                continue
            for period in open_periods(project, corpus, today):
                word = "工作总结" if period.is_annual else "季报"
                files.append(
                    {
                        "name": entry_name(project, period),
                        "label": f"{project.name} {period.label}{word}",
                        "file": report_path(project.id, period),
                        "fields": report_fields(
                            project, period, _last_figures(corpus, project, period)
                        ),
                    }
                )
        if files:
            result.append(
                {
                    "name": city.id,
                    "label": city.name,
                    "description": f"{city.name}的项目本期应报送的报告。保存后由审核人员在代码托管平台审核合并。",
                    "delete": False,
                    "editor": {"preview": False},
                    "format": "yaml",
                    "files": files,
                }
            )
    return result


def cms_config(corpus: Corpus, backend: Backend, today: date) -> dict:
    """The whole `config.yml`: Chinese interface, editorial workflow, the collections."""
    return {
        "backend": backend.config()
        | {
            "commit_messages": {
                "create": "网页表单：新建 {{path}}",
                "update": "网页表单：填报 {{path}}",
                "delete": "网页表单：删除 {{path}}",
                "uploadMedia": "网页表单：上传 {{path}}",
                "deleteMedia": "网页表单：删除 {{path}}",
            }
        },
        "local_backend": LOCAL_BACKEND,
        "locale": "zh_Hans",
        "publish_mode": "editorial_workflow",
        "media_folder": "submissions/media",
        "show_preview_links": False,
        "search": False,
        "collections": collections(corpus, today),
    }
