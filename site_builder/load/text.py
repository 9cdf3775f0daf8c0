"""Submitted text as one line: what every stage that quotes a narrative value shows."""

from __future__ import annotations

import re

CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# YAML's folded style (>-) joins lines with a space, which Chinese text does not have.
SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])\\s+(?=[{CJK}])")


def normalise_space(value: object) -> str:
    """One line, single spaces, and no space between two Chinese characters."""
    line = " ".join(str(value).split())
    return SPACE_BETWEEN_CJK.sub("", line) if " " in line else line
