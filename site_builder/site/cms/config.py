"""Decap CMS's `config.yml`: the backend, and one collection per city of the open reports.

Which reports are open is `analyse.calendar.open_periods`, by the calendar alone:
from the day after its period ends, overdue ones included (逾期补报), until the
project is cancelled or the programme closes. Each city's collection lists, for
each of its projects (SASAC's included, by their city), one entry per open
report, whether or not its file exists yet, so that the public `admin/` says
nothing about what was merged: the page asks the backend and gives a missing
file its first lines; the file lands only when the pull request the form opened
is merged (see `admin.js` and the deployment guide).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from site_builder.analyse.calendar import due_date, last_on_time_day, open_periods
from site_builder.errors import UsageError
from site_builder.load.periods import Period, day_label
from site_builder.load.records import Corpus, Policy, Project
from site_builder.load.tree import report_path
from site_builder.site.cms.fields import for_decap, report_fields

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


def open_reports(project: Project, corpus: Corpus, today: date) -> list[Period]:
    """The project's reports open in the form today: `calendar.open_periods`, the one rule
    `sctrack remind` and the desk follow too, newest first."""
    policy = corpus.registry.policy
    spells = corpus.registry.cancelled_spells(project.id, today)
    return sorted(open_periods(project, policy, today, spells), reverse=True)


def entry_name(project: Project, period: Period) -> str:
    return f"{project.id}-{period.stem}"


def entry_label(project: Project, period: Period, policy: Policy, today: date) -> str:
    """`项目 2021年第四季度季报（截止2022年1月15日）`; past its last day, 逾期补报 first."""
    due = day_label(due_date(period, policy))
    if today > last_on_time_day(period, policy):
        return f"逾期补报：{project.name} {period.report_name}（应于{due}前报送）"
    return f"{project.name} {period.report_name}（截止{due}）"


def collections(corpus: Corpus, today: date) -> list[dict]:
    """One collection per city, in the registry's (administrative-division code) order."""
    policy = corpus.registry.policy
    result = []
    for city in corpus.registry.cities.values():
        files = []
        for project in sorted(corpus.projects.values(), key=lambda p: p.id):
            if project.city != city.id:
                continue
            # One form per project and type of report, the same object for each period:
            # config.yml writes it once and refers to it (a YAML anchor) from the others.
            forms: dict[bool, list] = {}
            for period in open_reports(project, corpus, today):
                if period.is_annual not in forms:
                    forms[period.is_annual] = for_decap(report_fields(project, period))
                files.append(
                    {
                        "name": entry_name(project, period),
                        "label": entry_label(project, period, policy, today),
                        "file": report_path(project.id, period),
                        "fields": forms[period.is_annual],
                    }
                )
        if files:
            result.append(
                {
                    "name": city.id,
                    "label": city.name,
                    "description": f"{city.name}的项目应报送的报告（含逾期补报）。"
                    "保存后由审核人员在代码托管平台审核合并。",
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
