"""Character ranges merged into sorted, disjoint stretches, asked about in logarithmic time."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Intervals:
    """Sorted, disjoint character ranges: whether an offset falls inside one, or whether a
    stretch touches one."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for a, b in sorted(ranges):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        self._starts = [a for a, _ in merged]
        self._ranges = merged

    def __call__(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ranges[k][1]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares an offset with any range."""
        k = bisect.bisect_left(self._starts, end) - 1
        return k >= 0 and start < self._ranges[k][1]
