"""The stages of the package, bottom to top: a module imports only from its own stage and the
stages below it. The layout test and the developers' page both read this list."""

from __future__ import annotations

STAGES = (
    "spec",  # the indicator catalogue, the notice's outline, the JSON Schemas, policy defaults
    "load",  # the submissions tree, the safe YAML reader and writer, periods, records
    "validate",  # schema and cross-file rules, Chinese messages, reporters
    "review",  # every git call: history, frozen years, check-scope, CODEOWNERS, review diff
    "analyse",  # analysis and the audience view; reads nothing, receives what review read
    "present",  # what pages and office files share: Markdown, tables, numbers, charts, cells
    "site",  # the pages, the reviewer's desk, navigation, downloads, engines, the web form
    "office",  # the Excel round trip, the summary report and its Word file, the skeleton
    "pipeline",  # runs the stages: analysis, generate, build, serve, demo; the build session
    "cli",  # click wiring only
)


def arrow() -> str:
    """The stages as the README and the developers' page write them, top first."""
    return " → ".join(reversed(STAGES))
