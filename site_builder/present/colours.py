"""The charts' colours, without matplotlib: pages that name a city's colour (the summary
page's legend) and the charts that draw with it take them from here."""

from __future__ import annotations

# Twelve colours that stay apart in print and for common colour blindness (Okabe-Ito, then Tableau).
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
    "#8C564B", "#F0E442", "#7F7F7F", "#17BECF", "#BCBD22", "#1F3A93",
]  # fmt: skip


def city_colours(city_ids: list[str]) -> dict[str, str]:
    """A fixed colour per city, by its place in the registry."""
    return {city: PALETTE[i % len(PALETTE)] for i, city in enumerate(city_ids)}
