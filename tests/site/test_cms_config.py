"""The 在线报送 form's config: generated from the schemas, one collection per city, no publishing."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder.analyse.calendar import open_periods
from site_builder.errors import UsageError
from site_builder.load.periods import Period
from site_builder.load.records import Corpus
from site_builder.load.report_layout import layouts_json, report_text
from site_builder.site.cms import Backend, backend_from_mkdocs, write_admin
from site_builder.site.cms.config import cms_config, open_reports
from site_builder.site.cms.fields import (
    _walk,
    figure_units,
    for_decap,
    label_marks,
    report_fields,
)
from site_builder.spec import catalogue, schema

WINDOW = date(2022, 1, 10)  # 2021 Q4 and the 2021 summary are open
GITHUB = Backend("github", "shanxi/scm")


@pytest.fixture(scope="module")
def corpus(demo_analysed) -> Corpus:
    return demo_analysed.corpus


def _form_paths(fields: list[dict], path: tuple = ()) -> set[tuple]:
    paths = set()
    for field in fields:
        here = path + (field["name"],)
        paths.add(here)
        if field["widget"] == "object":
            paths |= _form_paths(field["fields"], here)
        elif field["widget"] == "list":
            paths |= _form_paths(field["fields"], here + ("[]",))
    return paths


def _schema_paths(name: str, kind: str) -> set[tuple]:
    """Every property of the report schema for one kind (its `if/then` branch resolved)."""
    root = schema.load(name)
    branch = schema.kind_branch(root, kind)["properties"]
    properties = {k: v for k, v in root["properties"].items() if k not in branch}
    properties.update({k: v for k, v in branch.items() if v is not False})
    return {
        path for path, _node in schema.walk({"properties": properties}) if path and path[-1] != "[]"
    }


@pytest.mark.parametrize("annual", [False, True], ids=["quarterly", "annual"])
@pytest.mark.parametrize("kind", list(catalogue.KINDS))
def test_every_schema_property_and_nothing_else(corpus: Corpus, kind: str, annual: bool):
    period = Period.annual(2021) if annual else Period.quarter_of(date(2021, 12, 31))
    projects = [p for p in corpus.projects.values() if p.kind == kind]
    # Each type of enterprise gets its own items and figures; together they are the schema.
    kinds_of = {p.enterprise_type for p in projects}
    assert kinds_of == ({None} if kind == "region" else {"entity", "financial"})
    form = set()
    for project in projects:
        form |= _form_paths(report_fields(project, period))
    assert form == _schema_paths(schema.report_schema_name(annual), kind)


def test_fields_follow_the_schema(corpus: Corpus):
    project = corpus.projects["taiyuan-region"]
    fields = report_fields(project, Period.quarter_of(date(2021, 12, 1)))
    by_name = {f["name"]: f for f in fields}
    assert [f["name"] for f in fields][:3] == ["project", "period", "kind"]
    assert all(by_name[k]["widget"] == "hidden" for k in ("project", "period", "kind"))
    assert by_name["organisation"]["label"].startswith("一、")
    assert by_name["organisation"]["required"] is True  # the kind's branch requires it
    assert by_name["next_steps"]["required"] is True
    assert by_name["problems"]["required"] is False  # `problems: []` is kept by preSave
    finance = {f["name"]: f for f in by_name["finance"]["fields"]}
    volume = {f["name"]: f for f in finance["figures"]["fields"]}["scf_volume"]
    # Typed as text with the unit after the box: `12.5万元` reaches the schema check.
    assert volume["widget"] == "string" and volume["label"] == "供应链金融融资规模"
    assert figure_units(fields)["供应链金融融资规模"] == "亿元"
    marks = label_marks(fields)
    assert marks["一、组织保障"] == "one" and "存在的问题及建议" not in marks
    # Decap enforces nothing: the page's schema check judges the whole report at once.
    assert not [f for f in _walk(for_decap(fields)) if f.get("required")]
    theme = {f["name"]: f for f in by_name["problems"]["fields"]}["theme"]
    assert theme["widget"] == "select" and theme["required"] is True
    labels = catalogue.labels("problem_theme")
    assert theme["options"] == [{"label": v, "value": k} for k, v in labels.items()]


def test_open_reports_follow_the_calendar(corpus: Corpus):
    project = corpus.projects["taiyuan-region"]
    policy = corpus.registry.policy
    opened = [str(p) for p in open_reports(project, corpus, WINDOW)]
    # Newest first; the overdue ones stay open (补报) whether or not they were filed.
    assert opened[:2] == ["2021", "2021-Q4"] and "2020-Q2" in opened
    assert opened == [str(p) for p in sorted(open_periods(project, policy, WINDOW), reverse=True)]
    # The demo's programme ends 2021-12-31: its last report (the 2021 summary) is due
    # 2022-01-31; the day after, nothing is open any more.
    assert open_reports(project, corpus, date(2022, 1, 31))
    assert open_reports(project, corpus, date(2022, 2, 1)) == []
    assert open_reports(project, corpus, date(2022, 6, 30)) == []


def test_overdue_reports_are_marked(corpus: Corpus):
    config = cms_config(corpus, GITHUB, WINDOW)
    labels = {f["file"]: f["label"] for c in config["collections"] for f in c["files"]}
    q4 = labels["submissions/projects/taiyuan-region/2021-Q4.yaml"]
    q3 = labels["submissions/projects/taiyuan-region/2021-Q3.yaml"]
    assert q4.endswith("2021年第四季度进展报告（截止2022年1月15日）") and "逾期" not in q4
    assert q3.startswith("逾期补报：") and q3.endswith("（应于2021年10月15日前报送）")
    # Collections in the registry's (administrative-division code) order, not pinyin.
    order = list(corpus.registry.cities)
    names = [c["name"] for c in config["collections"]]
    assert names == sorted(names, key=order.index)


def test_one_collection_per_city_and_no_publishing(corpus: Corpus):
    config = cms_config(corpus, GITHUB, WINDOW)
    assert config["locale"] == "zh_Hans"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github"
    # xinzhou-pharma, Xinzhou's only project, was cancelled in 2021-09: it owes nothing more.
    active = [p for p in corpus.projects.values() if p.id != "xinzhou-pharma"]
    names = [c["name"] for c in config["collections"]]
    assert set(names) == {p.city for p in active}
    assert all(c["delete"] is False and "create" not in c for c in config["collections"])
    files = {f["file"] for c in config["collections"] for f in c["files"]}
    # A SASAC project is listed in its city's collection like any other.
    assert "submissions/projects/taiyuan-bank-scf/2021-Q4.yaml" in files
    opened = sum(len(open_reports(p, corpus, WINDOW)) for p in active)
    assert len(files) == opened > 2 * len(active)


def test_admin_page_ships_decap_and_needs_no_cdn(corpus: Corpus, tmp_path: Path):
    opened = sum(len(open_reports(p, corpus, WINDOW)) for p in corpus.projects.values())
    assert write_admin(tmp_path, corpus, GITHUB, WINDOW) == opened
    admin = tmp_path / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    scripts = [
        "vendor/decap-cms.js",
        "vendor/ajv2020.min.js",
        "ui.js",
        "check.js",
        "canonical.js",
        "admin.js",
    ]
    assert re.findall(r'<script src="([^"]+)"', page) == scripts
    assert all((admin / name).exists() for name in scripts)
    assert (admin / "vendor" / "LICENSE").exists() and (admin / "vendor" / "LICENSE.ajv").exists()
    settings = json.loads(re.search(r'"application/json">(.*?)</script>', page, re.S)[1])
    # The demo has no 2021 Q4 report of linfen-region: the form starts it from its first lines.
    fresh = settings["fresh"]["submissions/projects/linfen-region/2021-Q4.yaml"]
    assert yaml.safe_load(fresh) == {
        "project": "linfen-region",
        "period": "2021-Q4",
        "kind": "region",
        "problems": [],
    }
    assert fresh.startswith("# yaml-language-server: $schema=")
    assert fresh == report_text(yaml.safe_load(fresh), annual=False)  # the one layout
    assert settings["layout"] == layouts_json()  # what canonical.js writes with
    assert settings["order"]["region|quarterly"][""][:3] == ["project", "period", "kind"]
    # Every open report has its first lines, filed or not: nothing says which were merged.
    assert "submissions/projects/taiyuan-region/2021-Q4.yaml" in settings["fresh"]
    assert settings["schemas"]["quarterly"] == schema.load("quarterly-report")
    assert settings["wording"]["templates"]["required"] == "{place}缺少必填项{what}。"
    # No figure of any project in the public page (上期 is read from the backend).
    assert "上期" not in (admin / "config.yml").read_text(encoding="utf-8")


def test_nothing_open_writes_a_notice(corpus: Corpus, tmp_path: Path):
    assert write_admin(tmp_path, corpus, GITHUB, date(2022, 6, 30)) == 0
    page = (tmp_path / "admin" / "index.html").read_text(encoding="utf-8")
    assert "培育期已于2021年12月31日结束" in page and "decap" not in page
    assert not (tmp_path / "admin" / "config.yml").exists()


def test_backends():
    gitlab = Backend("gitlab", "shanxi/scm", base_url="https://git.example.cn/", app_id="abc")
    assert gitlab.config() == {
        "name": "gitlab",
        "repo": "shanxi/scm",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc",
        "base_url": "https://git.example.cn",
        "api_root": "https://git.example.cn/api/v4",
    }
    with pytest.raises(UsageError, match="Gitea"):
        Backend("gitea", "shanxi/scm")
    with pytest.raises(UsageError, match="app-id"):
        Backend("gitlab", "shanxi/scm")
    assert backend_from_mkdocs({"repo_url": "https://github.com/a/b"}) == Backend("github", "a/b")
    custom = {"extra": {"cms": {"backend": "gitlab", "repo": "a/b", "app_id": "x"}}}
    assert backend_from_mkdocs(custom) == replace(gitlab, repo="a/b", base_url=None, app_id="x")
    with pytest.raises(UsageError, match="repo_url"):
        backend_from_mkdocs({})
