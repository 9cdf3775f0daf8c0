"""Writing an imported report: in the one layout every door writes, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.load.report_layout import report_text
from site_builder.load.yamlguard import read_checked
from site_builder.load.yamlwrite import preamble_of


def to_yaml(data: dict, annual: bool, target: Path) -> str:
    """The report as `sctrack new` and the web form write it; the comment lines that open
    the report it replaces (if any) are kept, as the form keeps them."""
    old, _findings = read_checked(target, target.name) if target.exists() else (None, [])
    return report_text(data, annual, preamble=preamble_of(old or ""))


def write_report(path: Path, text: str, force: bool) -> bool:
    """Write the report atomically; False (nothing written) when it exists and not `force`."""
    if path.exists() and not force:
        return False
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    try:
        if force:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)  # fails if the report appeared in the meantime
        except FileExistsError:
            return False
        except OSError:
            if path.exists():
                return False
            os.replace(temporary, path)
        return True
    finally:
        temporary.unlink(missing_ok=True)
