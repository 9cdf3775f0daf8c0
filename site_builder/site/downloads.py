"""数据下载 and 统计查询: data files written at build time, and the two pages that use them.

CSV is UTF-8 with a byte-order mark so Excel and WPS open Chinese correctly;
XLSX has Chinese headers, column widths and a frozen header row; JSON keeps
the same columns. The files are byte-for-byte stable from build to build.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from markupsafe import Markup

from site_builder.analyse.datasets import Dataset, all_datasets
from site_builder.analyse.figures import POPULATION_LABELS, population
from site_builder.analyse.view import RESTRICTED_NOTICE, View
from site_builder.load.periods import checked_period
from site_builder.load.periods import label as period_label
from site_builder.present.markdown import NavPlace, Page, table
from site_builder.present.sheetcells import csv_text
from site_builder.present.textable import width
from site_builder.site.nav import QUERY
from site_builder.spec import catalogue

FIXED_TIME = datetime(
    2020, 4, 16
)  # document properties: a constant, so unchanged data gives unchanged files
MAX_COLUMN_WIDTH = 60


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM; text cells that a spreadsheet would run as a formula are quoted."""
    return csv_text(frame).encode("utf-8-sig")


# What Excel refuses in a sheet's name.
_SHEET_NAME_REFUSED = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _sheet_name(title: str) -> str:
    """A name Excel takes for a sheet: 31 characters at most, none of []:*?/\\, no quote at
    either end."""
    return title.translate(_SHEET_NAME_REFUSED)[:31].strip("'") or "Sheet1"


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """One sheet with a bold, shaded, frozen header row and fitted column widths.

    Written by XlsxWriter in its constant-memory mode: each row goes to the file as it is
    written (the long table of figures has 100,000+ rows at province scale), at a third of
    the time openpyxl's write-only mode took. Text is always written as a string cell,
    never a formula; numbers stay numbers; a missing value is an empty cell. The document
    time and the zip entries' times are fixed, so the same table gives the same bytes.
    """
    buffer = io.BytesIO()
    options = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
               "strings_to_urls": False}  # fmt: skip
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"author": "sctrack", "created": FIXED_TIME})
    worksheet = book.add_worksheet(_sheet_name(sheet))
    worksheet.freeze_panes(1, 0)
    for index, column in enumerate(frame.columns):
        values = [str(column), *("" if pd.isna(v) else str(v) for v in frame[column].head(500))]
        longest = max(width(v.splitlines()[0] if v else "") for v in values)
        worksheet.set_column(index, index, min(MAX_COLUMN_WIDTH, longest + 2))
    header = book.add_format({"bold": True, "bg_color": "#DDE3F0", "pattern": 1})
    for index, column in enumerate(frame.columns):
        worksheet.write_string(0, index, str(column), header)
    columns = [frame[c].tolist() for c in frame.columns]  # plain Python values, column by column
    for number, row in enumerate(zip(*columns, strict=True), start=1):
        for index, value in enumerate(row):
            _write_cell(worksheet, number, index, value)
    book.close()
    return buffer.getvalue()


def _write_cell(worksheet: Any, row: int, column: int, value: Any) -> None:
    if isinstance(value, str):
        worksheet.write_string(row, column, value)
    elif isinstance(value, bool):
        worksheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        if not pd.isna(value):
            worksheet.write_number(row, column, value)
    elif value is not None and not pd.isna(value):
        worksheet.write_string(row, column, str(value))


def json_parts(dataset: Dataset, chunk: int = 10_000) -> Iterator[bytes]:
    """{"title", "description", "rows": [...]}, one row per line, in parts to write one by one.

    The rows go from pandas to text a chunk at a time: the long table of figures
    as one string, or parsed back into Python objects, would hold it several times over.
    """
    head = json.dumps(
        {"title": dataset.title, "description": dataset.description}, ensure_ascii=False, indent=1
    )
    yield (head[:-2] + ',\n "rows": [\n').encode("utf-8")
    frame = dataset.frame
    for start in range(0, len(frame), chunk):
        # Strings keep their newlines escaped, so a raw newline only ends a record.
        lines = frame.iloc[start : start + chunk].to_json(
            orient="records", lines=True, force_ascii=False
        )
        separator = ",\n" if start else ""
        yield (separator + lines.rstrip("\n").replace("\n", ",\n")).encode("utf-8")
    yield b"\n ]\n}\n"


def query_data(view: View) -> dict:
    """Compact data for the query page: projects, reports (project, period) and figures."""
    projects = view.projects.reset_index(drop=True)
    index = {pid: i for i, pid in enumerate(projects["id"])}
    reports = [(r.project, str(r.period)) for r in view.corpus.reports if r.project in index]
    report_index = {key: i for i, key in enumerate(reports)}
    indicators = list(catalogue.indicators().values())
    indicator_index = {ind.code: i for i, ind in enumerate(indicators)}
    figures = []
    for row in view.figures.itertuples():
        figures.append(
            [report_index[(row.project, row.period)], indicator_index[row.indicator], row.value]
        )
    used = sorted({f[1] for f in figures})
    registry = view.corpus.registry
    return {
        # The orders people read: cities by administrative-division code, periods as labelled.
        "cities": [c.name for c in registry.cities.values()],
        "periods": [
            [period, period_label(period)]
            for period in sorted({p for _, p in reports}, key=checked_period)
        ],
        "projects": [_query_project(p) for p in projects.itertuples()],
        "reports": [[index[project], period] for project, period in reports],
        "indicators": [
            {
                "code": indicators[i].code,
                "name": indicators[i].name,
                "unit": indicators[i].unit,
                "sum": indicators[i].summable,
            }
            for i in used
        ],
        "figures": [[r, used.index(i), v] for r, i, v in figures],
    }


def _query_project(p: Any) -> dict[str, str]:
    """One project as the query page lists and filters it (`p`: a row of the view's projects)."""
    return {
        "id": p.id,
        "name": p.name,
        "city": p.city_name,
        "tier": catalogue.label("tier", p.tier),
        "kind": catalogue.label("kind", p.kind),
        "industry": p.industry_name,
        # Figures are totalled within one population only (重点区域, 金融机构, 实体企业).
        "population": POPULATION_LABELS[population(p.kind, p.enterprise_type or None)],
    }


# Each dataset's Excel file by the dataset's name, title and the digest of its CSV and JSON
# (which hold every value, typed): a build session keeps them (`pipeline.session`), so a
# rebuild writes again only the workbooks of the tables that changed.
XlsxMemo = dict[tuple[str, str, str], bytes]


def write_downloads(
    view: View, docs: Path, xlsx_memo: XlsxMemo | None = None
) -> list[tuple[Dataset, int]]:
    """Each dataset as CSV, Excel and JSON under `docs/data/`, and the query page's data.
    `xlsx_memo` gives the workbooks of unchanged tables, and is left holding this view's."""
    folder = docs / "data"
    folder.mkdir(parents=True, exist_ok=True)
    memo = {} if xlsx_memo is None else xlsx_memo
    made: XlsxMemo = {}
    written = []
    for dataset in all_datasets(view):
        # One file's bytes in memory at a time, hashed as they go: the internal long table is
        # 25 MB of CSV and 43 MB of JSON, and holding both (and their join) raised the build's
        # peak memory past its budget.
        digest = hashlib.sha256()
        csv = csv_bytes(dataset.frame)
        digest.update(csv)
        digest.update(b"\0")
        (folder / f"{dataset.name}.csv").write_bytes(csv)
        del csv
        with (folder / f"{dataset.name}.json").open("wb") as file:
            for part in json_parts(dataset):
                digest.update(part)
                file.write(part)
        key = (dataset.name, dataset.title, digest.hexdigest())
        made[key] = memo.get(key) or xlsx_bytes(dataset.frame, dataset.title)
        (folder / f"{dataset.name}.xlsx").write_bytes(made[key])
        written.append((dataset, len(dataset.frame)))
    memo.clear()
    memo.update(made)  # the workbooks of tables no longer made are let go
    (folder / "query.json").write_text(
        json.dumps(query_data(view), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    return written


# What the downloads page says of a dataset: its name (file stem), title, description, rows.
Listed = tuple[str, str, str, int]


def listed(written: list[tuple[Dataset, int]]) -> list[Listed]:
    """The datasets `write_downloads` wrote, as the downloads page lists them."""
    return [(d.name, d.title, d.description, rows) for d, rows in written]


def downloads_page(view: View, datasets: list[Listed] | None = None) -> Page:
    """The page listing the downloads: `datasets` as written (the build writes the page beside
    the files, in the same process, rather than making every table twice), or the view's."""
    if datasets is None:
        datasets = listed([(d, len(d.frame)) for d in all_datasets(view)])
    rows = []
    for name, title, description, count in datasets:
        links = " · ".join(f"[{fmt.upper()}]({name}.{fmt})" for fmt in ("csv", "xlsx", "json"))
        rows.append([title, description, count, Markup(links)])
    scope = (
        "本页为内部版：数据含全部报告指标、各项目的报送状态和未公开的案例（不含联系人），仅限授权用户使用。"
        if view.shows(RESTRICTED_NOTICE)
        else "本页数据与公开站点的公开范围一致：企业经营数据只以汇总形式出现在全省汇总中，不在下载文件里。"
    )
    body = "\n\n".join(
        [
            "# 数据下载",
            "平台数据的下载文件，每次发布时重新生成。CSV 为带 BOM 的 UTF-8 编码，可直接用 Excel 或 WPS 打开；"
            "XLSX 已设置中文表头和列宽；JSON 便于程序读取。也可以在[统计查询](../query/index.md)页按条件筛选后下载。",
            scope,
            str(table(["数据", "说明", "行数", "下载"], rows, ["---", "---", "--:", "---"])),
        ]
    )
    return Page("data/index.md", body, {"title": "数据下载"}, NavPlace(QUERY, "数据下载", 10))


def query_page(view: View) -> Page:
    # One line: a line break inside a Chinese paragraph would show as a space.
    body = """# 统计查询

按城市、层级、类别、行业、报告期和指标筛选报告和数据，表格和图表随之更新，可下载筛选结果（CSV）。筛选条件保存在本页网址中，复制网址即可分享或收藏同样的查询结果。{scope}

<div id="sc-query" class="sc-query" data-source="../data/query.json" markdown="0">
<noscript>统计查询需要浏览器启用 JavaScript；也可以在数据下载页获取全部数据。</noscript>
</div>
""".format(
        scope="内部版含全部报告指标，仅限授权用户使用。"
        if view.shows(RESTRICTED_NOTICE)
        else "公开版只含可公开的数据：企业经营数据不在其中，选择企业类的指标不会有结果。"
    )
    meta = {"title": "统计查询", "hide": ["navigation", "toc"]}
    return Page("query/index.md", body, meta, NavPlace(QUERY))
