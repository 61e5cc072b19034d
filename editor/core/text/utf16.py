"""Map between Python string indices and Qt text positions.

Qt counts text positions in UTF-16 code units (``QChar``), Python in code points. They agree
until a character outside the Basic Multilingual Plane (most emoji, e.g. 😀) appears: Qt counts
it as two units, Python as one. Every offset found with Python's ``re`` must go through this
map before it reaches a ``QTextCursor`` or ``QSyntaxHighlighter.setFormat``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Offsets of one string in both counting schemes; cheap when the text has no astral chars."""

    __slots__ = ("_astral_indices", "_astral_units")

    def __init__(self, text: str) -> None:
        if text.isascii():
            indices: list[int] = []
        else:
            indices = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral_indices = indices
        # Where each astral character starts, counted in UTF-16 units.
        self._astral_units = [index + rank for rank, index in enumerate(indices)]

    @property
    def is_identity(self) -> bool:
        """Whether both counting schemes agree everywhere in this text."""
        return not self._astral_indices

    def to_utf16(self, index: int) -> int:
        """The UTF-16 position of the Python string ``index``."""
        if not self._astral_indices:
            return index
        return index + bisect_left(self._astral_indices, index)

    def to_index(self, position: int) -> int:
        """The Python string index of UTF-16 ``position`` (a surrogate pair's start)."""
        if not self._astral_units:
            return position
        return position - bisect_left(self._astral_units, position)
