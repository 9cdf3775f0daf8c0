"""Pointing the validator's findings back at the workbook cells their values came from.

The validator speaks of data paths (schema checks) and of lines of the report's
YAML (rules across files); the reader knows the cell of every data path. Both
kinds of finding come back with a `sheet!cell` location, as lib-cove does for
spreadsheets; a finding about no particular cell points at the project's row
on the instructions sheet.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from site_builder.findings import Finding, Location
from site_builder.load.tree import SubmissionsTree
from site_builder.load.yamlsafe import Positions, parse_text
from site_builder.validate.run import check_schema, validate


class CellMap:
    """Data path -> the cell it was read from, with a cell for findings about no path."""

    def __init__(self, cells: dict[tuple, Location], fallback: Location):
        self.cells = cells
        self.fallback = fallback

    def _at(self, finding: Finding, where: Location | None) -> Finding:
        return replace(finding, location=where or self.fallback)

    def schema_findings(self, name: str, data: dict, display: str) -> list[Finding]:
        """The schema check of the data, each finding at its cell.

        The positions handed to the validator number the cells in place of lines,
        so a finding's line says which cell it is about.
        """
        positions = Positions()
        by_number: dict[int, Location] = {}
        for number, (path, where) in enumerate(self.cells.items(), start=2):
            positions.keys[path] = (number, 1)
            by_number[number] = where
        positions.values[()] = (1, 1)
        return [
            self._at(finding, by_number.get(finding.line))
            for finding in check_schema(name, data, positions, display)
        ]

    def rule_findings(self, tree: SubmissionsTree, target: Path, text: str) -> list[Finding]:
        """The rules across files for the report `text` at `target`, checked in memory."""
        tree = tree.absolute()
        target = tree.path(tree.display(target))
        parsed = parse_text(text, target.name)
        by_position = {v: k for k, v in parsed.positions.values.items()}
        by_position.update({v: k for k, v in parsed.positions.keys.items()})
        result = []
        for finding in validate(tree.with_file(target, text), [target]).findings:
            path = by_position.get((finding.line, finding.col), ())
            while path and path not in self.cells:
                path = path[:-1]
            result.append(self._at(finding, self.cells.get(path)))
        return result
