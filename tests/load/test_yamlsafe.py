"""The hostile-file-safe YAML reader: values as written, positions kept, refusals as findings."""

from __future__ import annotations

import pytest

from site_builder.load import yamlguard, yamlsafe
from site_builder.load.yamlsafe import parse_text

LOADERS = sorted(yamlsafe.LOADERS)


@pytest.fixture(params=LOADERS)
def loader(request, monkeypatch):
    """Run each test with libyaml's C parser and with the pure-Python fallback."""
    monkeypatch.setattr(yamlsafe, "DEFAULT_LOADER", yamlsafe.LOADERS[request.param])
    return request.param


def test_both_loaders_are_available():
    # The C loader is what production uses; the fallback must exist too.
    assert "python" in yamlsafe.LOADERS
    assert "c" in yamlsafe.LOADERS


@pytest.mark.parametrize(
    "written, value",
    [
        ("03514076400", "03514076400"),  # a phone number keeps its leading zero
        ("010", "010"),  # not octal 8
        ("NO", "NO"),  # not false (YAML 1.1's Norway problem)
        ("yes", "yes"),
        ("on", "on"),
        ("2020-04-16", "2020-04-16"),  # dates stay text
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),  # not sexagesimal 750
        ("true", True),
        ("false", False),
        ("42", 42),
        ("-7", -7),
        ("1.10", 1.1),
        ("2.5e3", 2500.0),
        ("~", None),
        ("null", None),
        ('"true"', "true"),
        ("'42'", "42"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(loader, written, value):
    parsed = parse_text(f"key: {written}\n", "f.yaml")
    assert parsed.findings == []
    assert parsed.data == {"key": value}
    assert type(parsed.data["key"]) is type(value)


def test_original_text_of_resolved_scalars_is_kept(loader):
    parsed = parse_text("a: 1.10\nb: text\nc: true\n", "f.yaml")
    assert parsed.positions.raw == {("a",): "1.10", ("c",): "true"}


def test_positions_of_keys_and_nested_values(loader):
    text = "project: p\norganisation:\n  mechanism: x\nlist:\n  - a: 1\n    b: 2\n"
    parsed = parse_text(text, "f.yaml")
    assert parsed.positions.keys[("organisation", "mechanism")] == (3, 3)
    assert parsed.positions.keys[("list", 0, "b")] == (6, 5)
    assert parsed.positions.locate(("list", 0, "b")) == (6, 5)
    # A path that does not exist falls back to its nearest ancestor.
    assert parsed.positions.locate(("organisation", "missing")) == (2, 1)


def test_utf8_bom_is_accepted(tmp_path, loader):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfproject: p\n")
    parsed = yamlsafe.parse_file(path, "f.yaml")
    assert parsed.findings == []
    assert parsed.data == {"project": "p"}


def test_duplicate_keys_name_both_lines(loader):
    parsed = parse_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    (finding,) = parsed.findings
    assert (finding.code, finding.line) == ("L010", 3)
    assert "第 1 行" in finding.message and "第 3 行" in finding.message


def test_alias_bomb_is_refused_quickly(loader):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    parsed = parse_text("\n".join(lines) + "\n", "f.yaml")
    assert parsed.data is None
    assert [f.code for f in parsed.findings] == ["L011"]


@pytest.mark.parametrize("depth", [65, 1_000, 50_000])
def test_deep_flow_nesting_is_refused_before_parsing(loader, depth):
    parsed = parse_text("a: " + "[" * depth + "]" * depth + "\n", "f.yaml")
    assert [f.code for f in parsed.findings] == ["L008"]


def test_deep_block_nesting_is_refused(loader):
    text = "".join(" " * i + "k:\n" for i in range(2_000))
    parsed = parse_text(text, "f.yaml")
    assert [f.code for f in parsed.findings] == ["L008"]


def test_moderate_nesting_is_fine(loader):
    text = "a: " + "[" * 30 + "]" * 30 + "\n"
    assert parse_text(text, "f.yaml").findings == []


def test_explicit_str_tag_keeps_text(loader):
    assert parse_text("a: !!str 010\n", "f.yaml").data == {"a": "010"}


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!binary", "!custom", "!!int"])
def test_other_tags_are_refused(loader, tag):
    parsed = parse_text(f"a: {tag} x\n", "f.yaml")
    assert [f.code for f in parsed.findings] == ["L015"]


def test_files_over_the_cap_are_not_read(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * (yamlguard.MAX_BYTES + 1))
    parsed = yamlsafe.parse_file(path, "big.yaml")
    assert [f.code for f in parsed.findings] == ["L002"]


def test_symlinks_are_refused_without_reading_the_target(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(secret)
    parsed = yamlsafe.parse_file(link, "link.yaml")
    assert parsed.data is None
    assert [f.code for f in parsed.findings] == ["L001"]
    assert "hunter2" not in parsed.findings[0].message
