"""The Qt-free text rules behind the editor: offsets, search, list continuation."""

from __future__ import annotations

import pytest

from editor.core.text.list_continuation import (
    EnterEdit,
    enter_edit,
    list_item_content_start,
    outdent_length,
    spaces_to_next_stop,
)
from editor.core.text.search import SearchError, SearchQuery, find_all, replacement_for
from editor.core.text.utf16 import Utf16Map


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", ["plain ascii", "café naïve", "😀 a 🎉🎉 b", "🎉"])
def test_utf16_map_round_trips(text: str) -> None:
    offsets = Utf16Map(text)
    for index in range(len(text) + 1):
        position = offsets.to_utf16(index)
        assert position == utf16_length(text[:index])
        assert offsets.to_index(position) == index
    assert offsets.is_identity == (utf16_length(text) == len(text))


def test_whole_word_works_next_to_punctuation() -> None:
    pattern = SearchQuery("c++", whole_word=True).compile()
    assert [m.start for m in find_all("c++ and c++11 or (c++)", pattern)] == [0, 18]


def test_zero_length_matches_are_skipped() -> None:
    pattern = SearchQuery("x*", regex=True).compile()
    assert [(m.start, m.end) for m in find_all("axxb", pattern)] == [(1, 3)]


def test_invalid_pattern_reports_reason_and_column() -> None:
    with pytest.raises(SearchError) as caught:
        SearchQuery("ab[", regex=True).compile()
    assert caught.value.column == 3
    assert "unterminated" in caught.value.reason


def test_literal_replacement_ignores_backslashes() -> None:
    text = "a.b"
    pattern = SearchQuery(".").compile()
    (match,) = find_all(text, pattern)
    assert replacement_for(text, pattern, match, r"\1", regex=False) == r"\1"


def test_replacement_for_a_match_that_moved_is_none() -> None:
    pattern = SearchQuery("foo").compile()
    (match,) = find_all("foo", pattern)
    assert replacement_for("bar foo", pattern, match, "x", regex=False) is None


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("- item", 6, EnterEdit("- ")),
        ("- ", 2, EnterEdit("", replace_line=True)),
        ("  > - ", 6, EnterEdit("  > ", replace_line=True)),
        ("> ", 2, EnterEdit("", replace_line=True)),
        ("99. item", 8, EnterEdit("100. ")),
        ("-not a list", 11, EnterEdit("")),
        ("  text", 1, EnterEdit(" ")),
        ("\tindented", 9, EnterEdit("\t")),
    ],
)
def test_enter_edit(line: str, column: int, expected: EnterEdit) -> None:
    assert enter_edit(line, column) == expected


def test_tab_helpers() -> None:
    assert list_item_content_start("  - [ ] task") == 8
    assert list_item_content_start("plain") is None
    assert spaces_to_next_stop(5, 4) == "   "
    assert spaces_to_next_stop(8, 4) == "    "
    assert outdent_length("      x", 4) == 4
    assert outdent_length("  x", 4) == 2
    assert outdent_length("\tx", 4) == 1
