"""Merging the file and the editor part by part: any choice keeps every shared line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.text.merge import Take, merge_parts, merged_text

lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "ü ✓\n", "\n", "end"]), max_size=12)


def test_each_change_can_be_taken_from_either_side() -> None:
    theirs = "title\nold intro\nshared\nold end\n"
    mine = "title\nnew intro\nshared\nnew end\n"
    parts = merge_parts(mine, theirs)
    assert len(parts.changes) == 2
    assert merged_text(parts) == mine
    assert merged_text(parts, [Take.THEIRS, Take.THEIRS]) == theirs
    assert merged_text(parts, [Take.THEIRS, Take.MINE]) == "title\nold intro\nshared\nnew end\n"
    assert merged_text(parts, {1: Take.BOTH}) == "title\nnew intro\nshared\nnew end\nold end\n"


def test_both_sides_of_a_last_line_without_newline_stay_two_lines() -> None:
    parts = merge_parts("mine", "theirs")
    assert merged_text(parts, [Take.BOTH]) == "mine\ntheirs"


@settings(max_examples=300, deadline=None, database=None)
@given(mine=lines, theirs=lines, picks=st.lists(st.sampled_from(list(Take)), max_size=12))
def test_all_mine_and_all_theirs_give_back_each_version(mine, theirs, picks) -> None:
    mine_text, their_text = "".join(mine), "".join(theirs)
    parts = merge_parts(mine_text, their_text)
    assert merged_text(parts) == mine_text
    assert merged_text(parts, [Take.THEIRS] * len(parts.changes)) == their_text
    mixed = merged_text(parts, picks)
    for shared in (part for part in parts.parts if isinstance(part, tuple)):
        assert "".join(shared) in mixed
