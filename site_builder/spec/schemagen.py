"""Generate the JSON Schemas from the notice's outline and the indicator catalogue.

Run `python -m site_builder.spec.schemagen` after editing `data/outline.yaml` or
`data/indicators.yaml`; a test fails while the committed schemas are stale.

Custom keywords the rest of the package reads:
  x-visibility: internal   never published on the public site
  x-enum-labels            enum code -> Chinese label
  x-unit, x-better, x-indicator   on figures
  x-pattern-message        what a pattern means, in Chinese; copied, with the field's
                           title, into `patternErrorMessage`, which VS Code's YAML
                           extension shows instead of the bare regular expression
  x-applies-to             an item only entity firms or financial institutions fill in
  x-heading                the notice's numbered heading of a section
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from site_builder.spec.schema_policy import policy_schema
from site_builder.spec.schema_project import project_schema
from site_builder.spec.schema_registry import adjustments_schema, cities_schema
from site_builder.spec.schema_reports import report_schema

SCHEMA_DIR = Path(__file__).parent / "schemas"

SCHEMAS = {
    "project": project_schema,
    "quarterly-report": lambda: report_schema(annual=False),
    "annual-report": lambda: report_schema(annual=True),
    "cities": cities_schema,
    "policy": policy_schema,
    "adjustments": adjustments_schema,
}


def with_editor_messages(node: Any) -> Any:
    """`node` with `patternErrorMessage` beside every `x-pattern-message` (editors read it)."""
    if isinstance(node, list):
        return [with_editor_messages(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        result[key] = with_editor_messages(value)
        if key == "x-pattern-message":
            title = f"“{node['title']}”" if node.get("title") else ""
            result["patternErrorMessage"] = f"{title}{value}"
    return result


def render_all() -> dict[str, str]:
    """File name -> JSON text of every schema."""
    return {
        f"{name}.schema.json": json.dumps(
            with_editor_messages(build()), ensure_ascii=False, indent=2
        )
        + "\n"
        for name, build in SCHEMAS.items()
    }


def main() -> int:
    for filename, text in render_all().items():
        (SCHEMA_DIR / filename).write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_DIR / filename}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
