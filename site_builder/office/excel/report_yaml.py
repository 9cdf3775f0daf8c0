"""Writing an imported report: YAML as the repository keeps it, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from site_builder.load.tree import schema_comment
from site_builder.load.yamlsafe import parse_text
from site_builder.load.yamlvalues import resolve_plain
from site_builder.office.textable import width as display_width
from site_builder.spec import schema
from site_builder.validate.values import printable


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as the demo files are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


class _QuotedDumper(_Dumper):
    pass


FOLD_WIDTH = 80  # display columns above which a one-line text is written as a `>-` block
YAML_WIDTH = 60  # characters per folded line; PyYAML counts a CJK character as one


def _pretty_str(dumper: yaml.SafeDumper, value: str):
    style = None
    if "\n" in value:
        style = "|"
    elif display_width(value) > FOLD_WIDTH:
        style = ">"
    elif not isinstance(resolve_plain(value), str):
        style = '"'  # "2021", "true", "010": quoted, so YAML 1.2 reads them as text
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _quoted_str(dumper: yaml.SafeDumper, value: str):
    plain = isinstance(resolve_plain(value), str) and "\n" not in value
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')


_Dumper.add_representer(str, _pretty_str)
_QuotedDumper.add_representer(str, _quoted_str)


def to_yaml(data: dict, annual: bool, source: str) -> str:
    """The report as the repository keeps it: schema line, origin, block style, headings."""
    name = schema.report_schema_name(annual)
    header = f"{schema_comment(name)}\n# 由 Excel 导入（{printable(source)}）\n"
    headings = {p.key: p.heading for p in schema.report_parts(data["kind"], annual)}
    for dumper in (_Dumper, _QuotedDumper):
        body = yaml.dump(
            data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=YAML_WIDTH, indent=2
        )
        lines = []
        for line in body.splitlines():
            key = line[:-1] if line.endswith(":") and not line.startswith(" ") else None
            if key in headings:
                line = f"{line:<20} # {headings[key]}"
            lines.append(line)
        text = header + "\n".join(lines) + "\n"
        parsed = parse_text(text, "check")
        if parsed.ok and parsed.data == data:
            return text
    raise AssertionError("report YAML does not read back to the same data")  # pragma: no cover


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
