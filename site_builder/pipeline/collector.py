"""Python's cycle collector, run less often while a build generates its pages.

A build holds a province's corpus (hundreds of thousands of containers) and allocates millions
of short-lived objects; with the default thresholds the collector runs thousands of times and
walks the older objects again and again: about a fifth of a rebuild's time at 500 projects
(1.2 of 5.2 s, measured with `gc.callbacks`) and 2.5 s of a cold one. Reference counting frees
almost all of it anyway; with a first threshold of 50,000 the collector still runs (cycles are
freed within the run), a few dozen times instead of thousands. Processes forked meanwhile (the
validation's workers) inherit the setting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations (less deallocations) between two collections of the youngest generation, and how
# many of those between collections of the next: the defaults are (700, 10, 10).
THRESHOLDS = (50_000, 20, 20)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within the block, the collector runs at `THRESHOLDS`; after it, as before."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
