"""The JSON Schemas at stable addresses on the built site, and an editor's map to them.

Inside this repository a report's first line points editors to the package's
schema by a relative path; a separate data repository has no such path. So
every build publishes the schemas as `schemas/<name>.schema.json` (the same
file names as in the package), and `sctrack editor-config` writes a
`.vscode/settings.json` whose `yaml.schemas` maps the files of `submissions/`
to those addresses (the setting the YAML extension by Red Hat reads). An
existing settings file is merged, never replaced; one that is not valid JSON
is left alone with a message saying what to add by hand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urljoin

import yaml

from site_builder.errors import DataError, UsageError
from site_builder.load.tree import PROJECT_FILE, PROJECTS, registry_path
from site_builder.spec import schema

SCHEMA_FOLDER = "schemas"  # on the site, beside index.html
SETTINGS = Path(".vscode") / "settings.json"
SETTING = "yaml.schemas"  # the YAML extension's map: schema address -> file globs

# Which files of a data repository each schema describes (globs from the repository root).
GLOBS = {
    "project": [f"{PROJECTS}/*/{PROJECT_FILE}"],
    "quarterly-report": [f"{PROJECTS}/*/*-Q*.yaml"],
    "annual-report": [f"{PROJECTS}/*/*-annual.yaml"],
    **{name: [registry_path(name)] for name in ("cities", "policy", "adjustments")},
}
assert set(GLOBS) == set(schema.SCHEMA_NAMES)


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def write_schema_files(docs: Path) -> list[Path]:
    """Copy every schema into `docs/schemas/`, which MkDocs publishes as it is."""
    folder = docs / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in schema.SCHEMA_NAMES:
        target = folder / file_name(name)
        text = json.dumps(schema.load(name), ensure_ascii=False, indent=2) + "\n"
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def schema_base(root: Path, given: str | None) -> str:
    """Where the schemas are published: `--schema-base`, else `site_url` of mkdocs.yml."""
    if given:
        return given if given.endswith("/") else given + "/"
    config = root / "mkdocs.yml"
    site_url: object = ""
    if config.is_file():
        try:
            site_url = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("site_url")
        except (yaml.YAMLError, AttributeError, UnicodeDecodeError):
            site_url = ""
    if not isinstance(site_url, str) or not site_url:
        raise UsageError(
            "不知道站点的地址：mkdocs.yml 中没有 site_url。请用 --schema-base 指明站点上"
            "字段说明文件所在的地址，例如 --schema-base https://example.gov.cn/sctrack/schemas/。"
        )
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", SCHEMA_FOLDER + "/")


def schema_map(base: str) -> dict[str, list[str]]:
    """`yaml.schemas`: each schema's address -> the globs of the files it describes."""
    return {base + file_name(name): list(globs) for name, globs in GLOBS.items()}


def merged_settings(existing: dict, base: str) -> dict:
    """`existing` with our map merged in: the user's other keys and mappings are kept,
    and a glob we map is taken out of whatever schema it pointed to before."""
    ours = schema_map(base)
    globs = {glob for value in ours.values() for glob in value}
    mapping = existing.get(SETTING)
    kept: dict = {}
    for address, value in (mapping if isinstance(mapping, dict) else {}).items():
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            kept[address] = value
            continue
        rest = [v for v in values if not (isinstance(v, str) and v in globs)]
        if rest:
            kept[address] = rest if isinstance(value, list) else rest[0]
    return {**existing, SETTING: {**kept, **ours}}


def write_editor_settings(root: Path, base: str) -> Path:
    """Write or merge `.vscode/settings.json` under `root`; return its path."""
    path = root / SETTINGS
    existing: dict = {}
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8-sig")
            existing = json.loads(text) if text.strip() else {}
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            where = f"（第 {err.lineno} 行）" if isinstance(err, json.JSONDecodeError) else ""
            snippet = json.dumps({SETTING: schema_map(base)}, ensure_ascii=False, indent=2)
            raise DataError(
                f"{SETTINGS.as_posix()} 不是有效的 JSON{where}，为免丢失其中的设置，本命令没有改动它。"
                "VS Code 允许的注释和末尾逗号也不是标准 JSON：请删除它们后重试，"
                f"或手工把以下内容加入该文件：\n{snippet}"
            ) from None
        if not isinstance(existing, dict):
            raise DataError(
                f"{SETTINGS.as_posix()} 的最外层不是 {{…}} 形式的设置，本命令没有改动它。请检查该文件。"
            )
    merged = merged_settings(existing, base)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(json.dumps(merged, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path
