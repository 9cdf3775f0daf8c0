"""The web form's page data: the same whichever reports were filed, and no project's figure."""

from __future__ import annotations

import json
from datetime import date

import yaml

from site_builder.site.cms import settings

from conftest import REPO


def test_page_settings_follow_the_calendar_not_the_filed_reports(demo_analysed):
    corpus = demo_analysed.corpus
    today = date(2022, 1, 10)
    data = settings.page_settings(corpus, today)
    path = "submissions/projects/taiyuan-region/2021-Q4.yaml"  # filed in the demo
    assert path in data["fresh"] and path in data["reports"]
    header = data["reports"][path]
    assert header["due"] == "2022年1月15日" and header["project"] == "taiyuan-region"
    assert data["fresh"][path].startswith("# yaml-language-server: $schema=")
    # Nothing a report says: the page is public, and the same whether or not it was filed.
    text = json.dumps(data, ensure_ascii=False)
    report = yaml.safe_load((REPO / path).read_text(encoding="utf-8"))
    assert report["next_steps"][:20] not in text
    assert corpus.projects["taiyuan-region"].contacts[0]["phone"] not in text
    assert set(data) >= {"order", "required_lists", "schemas", "wording", "layout", "indicators"}
