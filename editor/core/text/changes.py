"""Where two texts differ: the one span to replace to turn the first into the second."""

from __future__ import annotations


def _common_prefix(a: str, b: str) -> int:
    """Length of the common beginning of ``a`` and ``b`` (binary search over slices)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """``(start, old_end, new_end)``: ``old[start:old_end]`` becomes ``new[start:new_end]``.

    Everything before ``start`` and after the ends is common to both texts.
    """
    start = _common_prefix(old, new)
    limit = min(len(old), len(new)) - start
    tail = _common_prefix(old[::-1][:limit], new[::-1][:limit])
    return start, len(old) - tail, len(new) - tail
