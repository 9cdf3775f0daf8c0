"""The demo data validated and analysed as of 2022-06-30, without git history (statuses unknown)."""

from __future__ import annotations

from datetime import date

from site_builder.analyse.analysis import Analysis, analyse
from site_builder.validate.run import validate

from conftest import REPO

AS_OF = date(2022, 6, 30)


def demo_analysis() -> Analysis:
    result = validate(REPO)
    assert result.ok, [f.message for f in result.findings[:3]]
    return analyse(result.corpus, None, AS_OF)
