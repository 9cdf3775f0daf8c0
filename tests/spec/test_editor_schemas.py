"""Editors anywhere: messages editors show, schemas on the site, `sctrack editor-config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.site.schema_files import GLOBS, SETTING, merged_settings, write_schema_files
from site_builder.spec import schema

from conftest import invoke

BASE = "https://example.gov.cn/sctrack/schemas/"


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


@pytest.mark.parametrize("name", schema.SCHEMA_NAMES)
def test_pattern_error_message_beside_every_pattern_message(name):
    nodes = [n for n in _nodes(schema.load(name)) if "x-pattern-message" in n]
    for node in nodes:
        assert node["patternErrorMessage"].endswith(node["x-pattern-message"])
        assert node["patternErrorMessage"].startswith(f"“{node['title']}”")
    assert all("patternErrorMessage" not in n for n in _nodes(schema.load(name)) if n not in nodes)


def test_the_globs_cover_the_layout(base_tree):
    from fnmatch import fnmatch

    files = [
        p.relative_to(base_tree).as_posix() for p in (base_tree / "submissions").rglob("*.yaml")
    ]
    for file in files:
        names = [n for n, globs in GLOBS.items() if any(fnmatch(file, g) for g in globs)]
        assert len(names) == 1, (file, names)


def test_schema_files_are_the_package_schemas(tmp_path):
    written = write_schema_files(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{n}.schema.json" for n in GLOBS)
    for path in written:
        name = path.name.removesuffix(".schema.json")
        assert json.loads(path.read_text(encoding="utf-8")) == schema.load(name)


def test_editor_config_writes_the_map(base_tree):
    result = invoke("editor-config", "--root", str(base_tree), "--schema-base", BASE.rstrip("/"))
    assert result.returncode == 0, result.stderr
    settings = json.loads((base_tree / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings[SETTING][f"{BASE}quarterly-report.schema.json"] == [
        "submissions/projects/*/*-Q*.yaml"
    ]
    assert len(settings[SETTING]) == len(schema.SCHEMA_NAMES)


def test_editor_config_keeps_the_users_settings(base_tree):
    path = base_tree / ".vscode/settings.json"
    path.parent.mkdir()
    path.write_text(
        json.dumps(
            {
                "editor.tabSize": 2,
                SETTING: {
                    "https://old.example/project.schema.json": "submissions/projects/*/project.yaml",
                    "mine.json": ["other/*.yaml", "submissions/registry/cities.yaml"],
                },
            }
        ),
        encoding="utf-8",
    )
    assert invoke("editor-config", "--root", str(base_tree), "--schema-base", BASE).returncode == 0
    settings = json.loads(path.read_text(encoding="utf-8"))
    assert settings["editor.tabSize"] == 2
    assert settings[SETTING]["mine.json"] == ["other/*.yaml"]  # its other mapping kept
    assert "https://old.example/project.schema.json" not in settings[SETTING]  # remapped
    # Running it again changes nothing.
    before = path.read_text(encoding="utf-8")
    invoke("editor-config", "--root", str(base_tree), "--schema-base", BASE)
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("text", ['{"editor.tabSize": 2, // 注释\n}', "[1, 2]", "\xff\xfe"])
def test_editor_config_refuses_a_file_it_cannot_merge(base_tree, text):
    path = base_tree / ".vscode/settings.json"
    path.parent.mkdir()
    path.write_bytes(text.encode("latin-1") if text == "\xff\xfe" else text.encode("utf-8"))
    before = path.read_bytes()
    result = invoke("editor-config", "--root", str(base_tree), "--schema-base", BASE)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "本命令没有改动它" in output and "Traceback" not in output
    assert path.read_bytes() == before


def test_editor_config_needs_an_address(base_tree):
    result = invoke("editor-config", "--root", str(base_tree))
    assert result.returncode == 2
    assert "--schema-base" in result.stdout + result.stderr


def test_editor_config_takes_the_site_url(base_tree):
    config = base_tree / "mkdocs.yml"
    config.write_text(
        "site_url: https://example.gov.cn/sctrack\n" + config.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert invoke("editor-config", "--root", str(base_tree)).returncode == 0
    settings = json.loads((base_tree / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert f"{BASE}project.schema.json" in settings[SETTING]


def test_merge_of_odd_existing_values():
    merged = merged_settings({SETTING: {"a.json": 5, "b.json": [None, {"x": 1}]}}, BASE)
    assert merged[SETTING]["a.json"] == 5 and merged[SETTING]["b.json"] == [None, {"x": 1}]


def test_schemas_are_published_on_both_sites(demo_sites):
    for site in demo_sites.values():
        for name in schema.SCHEMA_NAMES:
            published = Path(site) / "schemas" / f"{name}.schema.json"
            assert json.loads(published.read_text(encoding="utf-8")) == schema.load(name)
