"""The downloads step writes the data files and the page listing them together, and the page is
counted and placed like the others: the same page as one made from the view's tables."""

from __future__ import annotations

from site_builder.analyse.view import make_view
from site_builder.pipeline.downloads import start_downloads, wait_for_downloads
from site_builder.pipeline.timing import Steps
from site_builder.site.downloads import downloads_page
from site_builder.site.pages import Rendered


def test_the_downloads_page_comes_with_the_files_as_the_view_would_make_it(demo_analysed, tmp_path):
    view = make_view(demo_analysed, "internal")
    steps = Steps(lambda line: None)
    rendered = Rendered(tmp_path / "step")
    wait_for_downloads(start_downloads(view, tmp_path / "step", steps, {}), rendered, steps)
    steps.stop()
    downloads_page(view).write(tmp_path / "view")
    written = (tmp_path / "step" / "data" / "index.md").read_text(encoding="utf-8")
    assert written == (tmp_path / "view" / "data" / "index.md").read_text(encoding="utf-8")
    assert (tmp_path / "step" / "data" / "figures.xlsx").is_file()
    assert rendered.pages == 1 and [path for path, _ in rendered.nav] == ["data/index.md"]
