"""The site's page templates (`templates/*.md.j2`) and the blocks made with them.

Anything a template prints goes through `_finalize`, which escapes plain strings (submitter
text may hold HTML or Markdown); our own Markdown is wrapped in `Markup` to pass through.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from site_builder.present.markdown import CHART_SOURCE, ChartJob, image, table
from site_builder.present.markup import text


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, str):
        return text(value)
    return value


ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("site_builder.site", "templates"),
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
    autoescape=False,
)


def render_template(template_name: str, **context: Any) -> str:
    return ENV.get_template(template_name).render(**context)


def chart_block(title: str, src: str, alt: str, table_md: Markup, unit: str) -> Markup:
    """A chart with the table of its numbers: side by side when the table is narrow."""
    caption = f"单位：{unit}。{CHART_SOURCE}" if unit else CHART_SOURCE
    columns = str(table_md).splitlines()[0].count("|") - 1
    layout = "sc-chart" if columns <= 4 else "sc-chart sc-chart-stacked"
    return Markup(
        render_template(
            "chart_block.md.j2",
            title=title,
            picture=image(alt, src),
            caption=caption,
            table=table_md,
            layout=layout,
        )
    )


def chart_table(
    job: ChartJob,
    title: str,
    alt: str,
    headers: list[str],
    rows: list[list[Any]],
    align: list[str],
    unit: str,
) -> Markup:
    """The chart `job` draws, beside the table of its numbers, on a page one folder deep."""
    return chart_block(title, f"../{job.path}", alt, table(headers, rows, align), unit)
