"""Number formats shared by the site and the office documents (a low module both may import)."""

from __future__ import annotations

import pandas as pd


def rate(value: float | None) -> str:
    """A rate in percent with one decimal, "—" when there is none (nothing due yet)."""
    return "—" if value is None or pd.isna(value) else f"{value:.1f}%"
