"""Rules across files: what a schema cannot see from one file alone.

The rules live in the modules below, each a function registered under its finding code in
`registry.RULES`; importing them here fills the table, and `check` runs it in code order.
"""

from __future__ import annotations

from site_builder.findings import Finding
from site_builder.validate import firms, project_rules, registry_rules, report_rules, series_rules
from site_builder.validate.registry import RULES, Context, Rule

# The modules whose import registers the rules (named so that none is dropped as unused).
RULE_MODULES = (project_rules, report_rules, series_rules, registry_rules, firms)

__all__ = ["RULES", "RULE_MODULES", "Context", "Rule", "check"]


def check(ctx: Context) -> list[Finding]:
    """Every registered rule's findings on `ctx`."""
    return [finding for code in sorted(RULES) for finding in RULES[code].check(ctx)]
