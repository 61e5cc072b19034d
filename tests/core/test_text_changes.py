"""The one span that differs between two texts."""

from __future__ import annotations

import pytest

from editor.core.text.changes import changed_span


@pytest.mark.parametrize(
    ("old", "new", "span"),
    [
        ("abc", "abc", (3, 3, 3)),
        ("title: a\nx", "title: bb\nx", (7, 8, 9)),
        ("aaa", "aaaa", (3, 3, 4)),
        ("", "new", (0, 0, 3)),
        ("gone", "", (0, 4, 0)),
        ("x😀y", "x😀zy", (2, 2, 3)),
    ],
)
def test_changed_span(old: str, new: str, span: tuple[int, int, int]) -> None:
    assert changed_span(old, new) == span
    start, old_end, new_end = span
    assert old[:start] + new[start:new_end] + old[old_end:] == new
