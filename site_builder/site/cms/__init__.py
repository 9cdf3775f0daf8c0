"""在线报送: the Decap CMS form under `admin/`, generated from the schemas.

`write_admin` writes `admin/index.html` (with the page's data, `settings.py`),
`admin/config.yml`, the page's own scripts (`admin.js`: the schema check before
saving, the clerk's words, files not yet created, no publishing; `canonical.js`:
the saved file written in the one layout of report files, from the rules that
`settings.py` exports from `load/report_layout`) and the code that ships with the
package (`vendor/`: Decap CMS and ajv, pinned and hashed in `vendor/SOURCE.json`,
with their licences; see `bundle.py`): the page makes no request outside the site
and the repository's forge.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from html import escape
from importlib import resources
from pathlib import Path

import yaml

from site_builder.analyse.calendar import programme_closes
from site_builder.errors import UsageError
from site_builder.load.periods import day_label
from site_builder.load.records import Corpus
from site_builder.site.cms.bundle import vendor_files
from site_builder.site.cms.config import Backend, cms_config
from site_builder.site.cms.settings import page_settings

__all__ = ["Backend", "backend_from_mkdocs", "build_admin", "write_admin"]

TITLE = "在线报送"
SCRIPTS = (
    "ui.js",
    "check.js",
    "canonical.js",
    "admin.js",
)  # the page's own, in the order they load
# Narrow screens: Decap's editor and its toolbar insist on 800 px; on a phone the form
# takes the screen's width, the toolbar scrolls sideways, long labels and hints wrap, and
# inputs use 16 px type so that the phone does not zoom in on each one. (Decap's class
# names end in the component's name: `css-hn3jn7-EditorContainer`.)
PHONE_CSS = """
@media (max-width: 799px) {
  [class*="-EditorContainer"], [class*="-ToolbarContainer"] { min-width: 0 !important; }
  [class*="-ToolbarContainer"] { overflow-x: auto; }
  [class*="-ControlPaneContainer"] { padding-left: 0 !important; padding-right: 0 !important; }
  [class*="-BackCollection"], [class*="-BackStatus"] { display: none !important; }
  label, p { white-space: normal !important; overflow-wrap: anywhere; }
  input, textarea, select { font-size: 16px !important; max-width: 100%; }
}
"""
# The page's own marks: the report's header and problems, a figure's unit after its box
# (the control becomes a wrapping row: label, the box and its unit, then the hint).
FORM_CSS = """
.sctrack-header { margin: 0 0 16px; padding: 12px 16px; background: #eef4ff; border-radius: 5px; }
.sctrack-title { margin: 0; font-weight: 600; }
.sctrack-problems p { margin: 8px 0 4px; font-weight: 600; }
.sctrack-problems ul { margin: 0; padding-left: 20px; }
.sctrack-error { color: #b00020; }
.sctrack-warning { color: #8a5a00; }
p.sctrack-field { margin: 4px 0; font-size: 13px; white-space: normal; }
[data-sctrack-unit] { display: flex; flex-wrap: wrap; align-items: center; }
[data-sctrack-unit] > * { flex: 1 1 100%; order: 1; }
[data-sctrack-unit] > input { flex: 1 1 0; min-width: 0; order: 2; }
[data-sctrack-unit] > input ~ * { order: 3; }
[data-sctrack-unit]::after {
  content: attr(data-sctrack-unit); order: 2; flex: 0 0 auto; padding: 0 12px; color: #555;
}
"""
# WCAG 2.1 AA in Decap's own colours, which fall short of 4.5:1 (measured by axe-core in
# tests/e2e/test_cms_accessibility.py). Decap's class names end in the component's name.
DECAP_CONTRAST_CSS = """
/* Decap's grey (#798291: 3.9:1 on white, 3.4:1 on its grey columns) for the header's and
   sidebar's other links, a list's description, the 审核进度 columns' counts and cards' dates:
   darker, 6:1 and 5.2:1; the active and hovered links keep Decap's blue. 审核进度's grey
   button (填报), white on the same grey: on the darker one. */
a[class*="-AppHeaderNavLink"]:not(.header-link-active):not(:hover),
a[class*="-SidebarNavLink"]:not(.sidebar-active):not(:hover),
p[class*="-cardTopDescription"], p[class*="-ColumnCount"],
div[class*="-CardDateContainer"] { color: #5b6472; }
[class*="-WorkflowTopRow"] [class*="-StyledDropdownButton"]:not(:hover) {
  background-color: #5b6472;
}
/* The status button's words in Decap's state colours (待提交审核 2.7:1 on its light blue):
   dark on every state's background, which still tells the state. */
span[class*="-StatusButton"] { color: #1e2532; }
/* The toolbar's 含未保存的修改 in Decap's red (#ff003b, 3.9:1): the page's own error red. */
div[class*="-BackStatusChanged"] { color: #b00020; }
/* Decap's messages (react-toastify, white on error 3.8:1, success 2.6:1, info 3.0:1, warning
   1.7:1): darker shades, each 5:1 or more. On body, the toasts' nearest ancestor with them,
   so that they win over the library's own on :root. */
body {
  --toastify-color-error: #b00020; --toastify-color-success: #1a7f37;
  --toastify-color-info: #1f5f9e; --toastify-color-warning: #8a5a00;
}
"""
NOTHING_OPEN = (
    "目前没有开放填报的报告。季报在每季度结束的次日开放，年度工作总结在次年开放；"
    "开放后本页列出各项目应报送的报告，逾期未报的也在其中（逾期补报）。"
)


def backend_from_mkdocs(config: dict) -> Backend:
    """mkdocs.yml's `extra.cms` (backend, repo, branch, base_url, app_id), else its repo_url."""
    settings = (config.get("extra") or {}).get("cms") or {}
    if settings.get("backend"):
        return Backend(
            settings["backend"],
            settings.get("repo", ""),
            settings.get("branch", "main"),
            settings.get("base_url"),
            settings.get("app_id"),
        )
    return Backend.from_repo_url(config.get("repo_url", ""))


def _index_html(settings: dict | None, notice: str = NOTHING_OPEN) -> str:
    head = (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{TITLE}</title>\n<style>{PHONE_CSS}{FORM_CSS}{DECAP_CONTRAST_CSS}</style>\n"
        "</head>\n<body>\n"
    )
    if settings is None:
        return head + f"<h1>{TITLE}</h1>\n<p>{escape(notice)}</p>\n</body>\n</html>\n"
    data = json.dumps(settings, ensure_ascii=False).replace("</", "<\\/")
    return head + (
        "<script>window.CMS_MANUAL_INIT = true;</script>\n"
        '<script src="vendor/decap-cms.js"></script>\n'
        '<script src="vendor/ajv2020.min.js"></script>\n'
        f'<script id="sctrack-cms" type="application/json">{data}</script>\n'
        + "".join(f'<script src="{name}"></script>\n' for name in SCRIPTS)
        + "</body>\n</html>\n"
    )


def write_admin(site: Path, corpus: Corpus, backend: Backend, today: date) -> int:
    """Write `admin/` into the site folder; returns how many reports the form offers."""
    folder = site / "admin"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    config = cms_config(corpus, backend, today)
    if not config["collections"]:
        policy = corpus.registry.policy
        closes = programme_closes(policy)
        notice = NOTHING_OPEN
        end = policy.programme_end  # set whenever the programme closes
        if closes is not None and end is not None and today > closes:
            notice = f"培育期已于{day_label(end)}结束，各期报告的报送期限均已过，不再开放填报。"
        (folder / "index.html").write_text(_index_html(None, notice), encoding="utf-8")
        return 0
    bundle = vendor_files()
    (folder / "config.yml").write_text(
        "# Generated by `sctrack cms-config` from the schemas; do not edit.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    (folder / "index.html").write_text(_index_html(page_settings(corpus, today)), encoding="utf-8")
    package = resources.files("site_builder.site.cms")
    for name in SCRIPTS:
        (folder / name).write_text(package.joinpath(name).read_text("utf-8"), "utf-8")
    (folder / "vendor").mkdir()
    for name, data in bundle.items():
        (folder / "vendor" / name).write_bytes(data)
    return sum(len(c["files"]) for c in config["collections"])


def build_admin(root: Path, docs: Path, corpus: Corpus, today: date) -> str:
    """The form inside `sctrack build` (MkDocs copies `docs/admin/` as it is); returns a
    line for the build's progress. Without a usable backend the page says why."""
    mkdocs = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    try:
        backend = backend_from_mkdocs(mkdocs)
    except UsageError as error:
        (docs / "admin").mkdir(parents=True, exist_ok=True)
        (docs / "admin" / "index.html").write_text(
            _index_html(None, f"网页表单暂不可用：{error}"), encoding="utf-8"
        )
        return f"网页填报表单未生成：{error}"
    try:
        reports = write_admin(docs, corpus, backend, today)
    except UsageError as error:  # the bundle could not be had (a wheel install, offline)
        shutil.rmtree(docs / "admin")
        (docs / "admin").mkdir()
        (docs / "admin" / "index.html").write_text(
            _index_html(None, f"网页表单暂不可用：{error}"), encoding="utf-8"
        )
        return f"网页填报表单未生成：{error}"
    return f"网页填报表单 admin/：{reports} 份开放填报的报告（{backend.name}：{backend.repo}）"
