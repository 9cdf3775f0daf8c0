"""Reporting periods: quarters (`2021-Q3`) and years (`2021`, file `2021-annual.yaml`)."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from site_builder.spec.schema import parse_date
from site_builder.spec.schema_nodes import QUARTER_TEXT, YEAR_TEXT
from site_builder.spec.schema_reports import REPORT_KINDS

CN_QUARTERS = {1: "一", 2: "二", 3: "三", 4: "四"}
_PERIOD = re.compile(rf"({YEAR_TEXT})(?:-({QUARTER_TEXT}))?\Z")
_STEM = re.compile(rf"({YEAR_TEXT})-(?:({QUARTER_TEXT})|annual)\Z")
# The slot of a year's summary: after the quarters (1-4), so it sorts after Q4.
ANNUAL_SLOT = 5


@dataclass(frozen=True, order=True)
class Period:
    year: int
    slot: int  # 1-4 for a quarter; ANNUAL_SLOT for the year

    @property
    def is_annual(self) -> bool:
        return self.slot == ANNUAL_SLOT

    @property
    def quarter(self) -> int | None:
        return None if self.is_annual else self.slot

    def __str__(self) -> str:
        return str(self.year) if self.is_annual else f"{self.year}-Q{self.slot}"

    @property
    def stem(self) -> str:
        """The period in names (report files, workbooks, slugs): `2021-Q3` or `2021-annual`."""
        return f"{self.year}-annual" if self.is_annual else str(self)

    @property
    def label(self) -> str:
        """`label(self)`: the one way a period is written for people."""
        return label(self)

    @property
    def report_kind(self) -> str:
        """What the report on this period is called, without the period (the notice's 季报
        and 年度工作总结): 季度进展报告, 年度工作总结."""
        return REPORT_KINDS[self.is_annual]

    @property
    def report_name(self) -> str:
        """The report on this period as every page, notice, form and file names it:
        2021年第三季度进展报告, 2021年度工作总结."""
        # The label already says 年度 or 季度: 2021年度 + 工作总结, 2021年第三季度 + 进展报告.
        return self.label + self.report_kind[2:]

    @property
    def start(self) -> date:
        return date(self.year, 1, 1) if self.is_annual else date(self.year, 3 * self.slot - 2, 1)

    @property
    def end(self) -> date:
        if self.is_annual or self.slot == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.slot + 1, 1) - timedelta(days=1)

    def previous(self) -> Period:
        """The period before, of the same kind (quarter before a quarter, year before a year)."""
        if self.is_annual:
            return Period(self.year - 1, ANNUAL_SLOT)
        if self.slot == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.slot - 1)

    def next(self) -> Period:
        if self.is_annual:
            return Period(self.year + 1, ANNUAL_SLOT)
        if self.slot == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.slot + 1)

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def annual(cls, year: int) -> Period:
        return cls(year, ANNUAL_SLOT)


def label(period: Period | str, short: bool = False) -> str:
    """The period as every page, chart, download and report writes it: "2021年第四季度",
    "2021年度"; `short` for chart axes and narrow columns: "2021年四季度", "2021年".

    Chinese and digits are written without a space between them. A text that is not a
    period (a stray value in a frame) is returned unchanged.
    """
    if isinstance(period, str):
        parsed = parse_period(period)
        if parsed is None:
            return period
        period = parsed
    if period.is_annual:
        return f"{period.year}年" if short else f"{period.year}年度"
    quarter = CN_QUARTERS[period.slot]
    return f"{period.year}年{quarter}季度" if short else f"{period.year}年第{quarter}季度"


def day_label(day: date, year: bool = True) -> str:
    """A day as pages and notices write it: "2022年6月30日" ("6月30日" without the year)."""
    return f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"


def parse_period(text: str) -> Period | None:
    """`2021-Q3` or `2021`; None when the text is not a period."""
    match = _PERIOD.match(str(text).strip())
    if not match:
        return None
    year, quarter = int(match.group(1)), match.group(2)  # quarter: "Q3"
    return Period(year, int(quarter[1:]) if quarter else ANNUAL_SLOT)


def checked_period(text: str) -> Period:
    """The period of a text already checked to be one (a frame's column, a workbook's
    accepted metadata); ValueError if it is not."""
    period = parse_period(text)
    if period is None:
        raise ValueError(f"not a period: {text!r}")
    return period


def parse_stem(stem: str) -> Period | None:
    """The period a report file name stands for: `2021-Q3` or `2021-annual`."""
    match = _STEM.match(stem)
    if not match:
        return None
    year, quarter = int(match.group(1)), match.group(2)  # quarter: "Q3"
    return Period(year, int(quarter[1:]) if quarter else ANNUAL_SLOT)


def ascii_lookalike(stem: str) -> Period | None:
    """The period a name would stand for if its digits (full-width, Arabic-Indic, …) and
    letters were plain ASCII: what to suggest for `２０２１-Q4`. None when not even that."""
    folded = unicodedata.normalize("NFKC", stem)
    plain = "".join(
        str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c
        for c in folded
    )
    return parse_stem(plain) if plain != stem else None


# The file `sctrack demo` writes at the top of its scratch repository; its `today:` line is the
# demo's own day (inside its last reporting window), so every command run on the demo sees the
# situation the demo was built for, not the reader's calendar.
DEMO_MARKER = ".sctrack-demo"


def demo_day(root: Path | None) -> date | None:
    """The demo's own day when `root` is a demo repository that names one."""
    marker = root / DEMO_MARKER if root is not None else None
    if marker is None or not marker.is_file():
        return None
    for line in marker.read_text(encoding="utf-8", errors="replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "today":
            return parse_date(value.strip())
    return None


def today(root: Path | None = None) -> date:
    """Today's date; `SCTRACK_TODAY=YYYY-MM-DD` fixes it (tests, reruns), else the demo's own
    day in a demo repository (`root`), else the calendar."""
    fixed = parse_date(os.environ.get("SCTRACK_TODAY", ""))
    return fixed or demo_day(root) or date.today()


def now(tz: tzinfo | None = None) -> datetime:
    """The clock's instant (in `tz`; local time without one). The one other reading of the
    clock besides `today`: `SCTRACK_TODAY` fixes which day a view is of, while a commit dated
    after this instant is implausible whatever that day is (`review.plausible`)."""
    return datetime.now(tz)
