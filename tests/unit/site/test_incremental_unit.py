"""The build cache's pieces on small folders: its manifest, hard-linked copies, zip dates, the site's shape."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from site_builder.site import incremental
from site_builder.site.mkdocs_incremental import shape_digest


def _zip(date_time: tuple[int, int, int, int, int, int]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("word/document.xml", date_time=date_time), "<w:p/>")
    return out.getvalue()


def test_the_same_word_file_saved_at_two_times_gives_the_same_bytes():
    morning, evening = _zip((2026, 12, 3, 8, 0, 0)), _zip((2026, 12, 3, 20, 0, 2))
    assert morning != evening
    assert incremental.fixed_zip_times(morning) == incremental.fixed_zip_times(evening)
    kept = zipfile.ZipFile(io.BytesIO(incremental.fixed_zip_times(morning)))
    assert kept.read("word/document.xml") == b"<w:p/>"


def test_a_cache_is_kept_under_the_same_policy_and_emptied_under_another(tmp_path: Path):
    policy = tmp_path / incremental.POLICY
    policy.parent.mkdir(parents=True)
    policy.write_text("reporting: {}\n", encoding="utf-8")
    build_dir = tmp_path / "build" / "public"
    cache = incremental.open_cache(tmp_path, build_dir)
    assert cache == tmp_path / "build" / ".cache" / "public"
    (cache / "charts").mkdir()
    incremental.open_cache(tmp_path, build_dir)
    assert (cache / "charts").is_dir()
    policy.write_text("reporting: {due: 10}\n", encoding="utf-8")
    incremental.open_cache(tmp_path, build_dir)
    assert not (cache / "charts").exists() and (cache / incremental.MANIFEST).is_file()


def test_a_linked_copy_keeps_its_content_when_the_original_is_replaced(tmp_path: Path):
    source, copy = tmp_path / "cache-site", tmp_path / "site"
    (source / "search").mkdir(parents=True)
    (source / "search" / "index.json").write_text("old", encoding="utf-8")
    incremental.link_tree(source, copy)
    assert (copy / "search" / "index.json").stat().st_nlink == 2
    incremental.replace_text(source / "search" / "index.json", "new")
    assert (copy / "search" / "index.json").read_text(encoding="utf-8") == "old"


def test_the_shape_of_a_site_is_its_config_overrides_and_file_names_not_page_text(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nnav:\n  - index.md\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    shape = shape_digest(config)
    (tmp_path / "docs" / "index.md").write_text("# 首页\n\n新的一段。\n", encoding="utf-8")
    assert shape_digest(config) == shape
    (tmp_path / "docs" / "about.md").write_text("# 关于\n", encoding="utf-8")
    with_page = shape_digest(config)
    assert with_page != shape
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", "utf-8")
    assert shape_digest(config) != with_page
