"""Rules across files: what a schema cannot see from one file alone.

The rules live in the modules below, each a function made a `Rule` under its finding code;
`RULES` is the table of them all, and `check` runs it in code order.
"""

from __future__ import annotations

from site_builder.findings import Finding
from site_builder.validate import firms, project_rules, registry_rules, report_rules, series_rules
from site_builder.validate.registry import Context, Rule, table

# The modules that hold the rules; the table is read from them.
RULE_MODULES = (project_rules, report_rules, series_rules, registry_rules, firms)
RULES = table(*RULE_MODULES)

__all__ = ["RULES", "RULE_MODULES", "Context", "Rule", "check"]


def check(ctx: Context) -> list[Finding]:
    """Every registered rule's findings on `ctx`."""
    return [finding for code in sorted(RULES) for finding in RULES[code].check(ctx)]
