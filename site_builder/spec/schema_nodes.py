"""Building blocks of the generated JSON Schemas: shared patterns and field nodes.

Every text a submitter may write gets the same node (not blank, bounded, and
internal unless said otherwise), so the validator's messages and the public
view treat them alike.
"""

from __future__ import annotations

from typing import Any

from site_builder.spec import catalogue

DRAFT = "https://json-schema.org/draft/2020-12/schema"
CN_NUMERALS = "一二三四五六七八九十"
INTERNAL = {"x-visibility": "internal"}

ID_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
ID_MESSAGE = (
    "只能由小写英文字母、数字和连字符（-）组成，且不以连字符开头或结尾，例如 taiyuan-logistics"
)
LOGIN_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"
LOGIN_MESSAGE = "应为 GitHub 用户名（字母、数字和单个连字符，最长 39 位）"
TEAM_PATTERN = "^@[A-Za-z0-9-]+/[A-Za-z0-9._-]+$"
TEAM_MESSAGE = "应为 GitHub 团队，写作 @组织名/团队名，例如 @shanxi-scm/taiyuan"
# Bounds on how many items a list may hold. The notice asks for one to three cases and the
# main problems per report; a project declares a handful of targets. The limits leave ample
# room for real reports while a hostile file cannot make thousands of pages (12,055 pages
# from one 880 KB file before). Texts are bounded in `text_field` (20,000 characters, about
# ten printed pages, for a case body; 60 for a case title).
MAX_CASES = 20  # per report: each is a page of its own
MAX_PROBLEMS = 30  # per report
MAX_TARGETS = 30  # per project, and so progress rows per report
MAX_CONTACTS = 20
MAX_LOGINS = 100  # submitters of a project, maintainers of the province
MAX_CITIES = 50  # a province's prefecture-level cities (Shanxi: 11)
MAX_RECORDS = 2000  # adjustment decisions and flags over the whole programme
TEAM_MAX_LENGTH = 140  # @org/team: GitHub allows 39 + 100 characters

# The one way a period is written: 2021-Q3 for a quarter, 2021 for a year (a report file's
# name says 2021-annual). ASCII digits only: `\d` would also match full-width (２０２１) and
# Arabic-Indic (٢٠٢١) digits, and int() reads them, so `２０２１-Q4.yaml` would be a second
# file for 2021-Q4. The schemas, the period parser and the reminders' marker all use these.
YEAR_TEXT = "[0-9]{4}"
QUARTER_TEXT = "Q[1-4]"
PERIOD_TEXT = f"{YEAR_TEXT}(?:-{QUARTER_TEXT})?"
QUARTER_PATTERN = f"^{YEAR_TEXT}-{QUARTER_TEXT}$"
YEAR_PATTERN = f"^{YEAR_TEXT}$"


def text_field(
    title: str, description: str, *, internal: bool = True, max_length: int = 20000
) -> dict[str, Any]:
    node = {
        "type": "string",
        "title": title,
        "description": description,
        "pattern": "\\S",
        "x-pattern-message": "不能为空",
        "maxLength": max_length,
    }
    if internal:
        node.update(INTERNAL)
    return node


def enum_field(title: str, description: str, label_set: str) -> dict[str, Any]:
    labels = catalogue.labels(label_set)
    return {
        "type": "string",
        "title": title,
        "description": description,
        "enum": list(labels),
        "x-enum-labels": labels,
    }


def date_field(title: str, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "format": "date",
        "title": title,
        "description": description + "格式 YYYY-MM-DD。",
    }


def id_field(title: str, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "title": title,
        "description": description,
        "pattern": ID_PATTERN,
        "x-pattern-message": ID_MESSAGE,
    }
