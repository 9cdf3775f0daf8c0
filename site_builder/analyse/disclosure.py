"""Statistical disclosure control for aggregates of enterprise figures.

The (n, k) dominance rule of statistics offices: a total is published only if
at least `min_contributors` enterprises contribute and no single one supplies
more than `max_share_pct` percent of it. When one cell of a breakdown is
suppressed and its total is published, the smallest other cell is suppressed
too (secondary suppression), so the hidden value cannot be worked out by
subtracting the published cells from the total.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    value: float | None  # None when suppressed
    contributors: int
    reason: str = ""  # why it is suppressed, in Chinese

    @property
    def suppressed(self) -> bool:
        return self.value is None


def primary(values: list[float], min_contributors: int, max_share_pct: float) -> Cell:
    """A total of per-enterprise values, or a suppressed cell saying why."""
    count = len(values)
    total = float(sum(values))
    if count < min_contributors:
        return Cell(None, count, f"不足 {min_contributors} 家企业（{count} 家），不予公开")
    if total > 0 and max(values) / total * 100 > max_share_pct:
        return Cell(None, count, f"单家企业占比超过 {max_share_pct:g}%，不予公开")
    return Cell(total, count)


def breakdown(
    groups: dict[str, list[float]], min_contributors: int, max_share_pct: float
) -> tuple[dict[str, Cell], Cell]:
    """Cells per group and their total, with primary and secondary suppression.

    Returns (cells, total). If exactly one group is suppressed while the total
    is published, the smallest published group is suppressed too.
    """
    cells = {
        name: primary(values, min_contributors, max_share_pct) for name, values in groups.items()
    }
    everything = [v for values in groups.values() for v in values]
    total = primary(everything, min_contributors, max_share_pct)
    hidden = [name for name, cell in cells.items() if cell.suppressed and cell.contributors > 0]
    if len(hidden) == 1 and not total.suppressed:
        published = [(cell.value, name) for name, cell in cells.items() if not cell.suppressed]
        if published:
            _, smallest = min(published)
            cells[smallest] = Cell(
                None, cells[smallest].contributors, "为防止推算出其他不公开的数据，不予公开"
            )
        else:
            total = Cell(None, total.contributors, "为防止推算出其他不公开的数据，不予公开")
    return cells, total
