"""What the benchmarks share: a median of timed runs, and emptying the package's caches,
so that a measured parse is the first a process makes.

The parser and the differ keep caches of pure functions of a text (cleaned
lines, joined paragraphs, comparison keys, the labels a line may open, …).  A
benchmark that empties only the ones it knows of would measure a warm parse as
soon as a new cache is added; `clear_text_caches` empties every ``functools``
cache of every loaded ``amendtrack`` module instead.  The few that are not about
texts (a translation catalogue, the code's fingerprint) go too, which only makes
the figure a little less flattering.

It needs nothing of the package, so bench/parse_speed.py uses it on an earlier
commit's tree as well.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """The median wall time of `runs` calls of `fn`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def clear_text_caches() -> None:
    """Empty every ``functools`` cache of every loaded ``amendtrack`` module."""
    for name, module in list(sys.modules.items()):
        if name == "amendtrack" or name.startswith("amendtrack."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()
