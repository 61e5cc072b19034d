"""The three-way merge on random edits: one-sided changes come through untouched, a merge
with every conflict answered "mine" (or "theirs") keeps that side's version of those lines,
and suggestions always rebuild the reviewer's text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.review.merge3 import merge3, resolved_text
from editor.core.review.suggestions import suggestions_for
from editor.core.text.merge import Take

lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "ü ✓\n", "\n"]), max_size=14)


def _text(items: list[str]) -> str:
    return "".join(items)


@settings(max_examples=300, deadline=None, database=None)
@given(base=lines, edited=lines)
def test_a_change_on_one_side_only_is_taken_as_it_is(base: list[str], edited: list[str]) -> None:
    b, e = _text(base), _text(edited)
    assert resolved_text(merge3(b, e, b)) == e
    assert resolved_text(merge3(b, b, e)) == e
    assert resolved_text(merge3(b, e, e)) == e


@settings(max_examples=300, deadline=None, database=None)
@given(base=lines, mine=lines, theirs=lines)
def test_every_line_of_a_merge_comes_from_one_of_the_sides(
    base: list[str], mine: list[str], theirs: list[str]
) -> None:
    result = merge3(_text(base), _text(mine), _text(theirs))
    for take in Take:
        merged = resolved_text(result, [take] * len(result.conflicts))
        assert set(merged.splitlines()) <= set(base + mine + theirs) | {""} | {
            line.rstrip("\n") for line in base + mine + theirs
        }
    if result.clean:
        assert result.conflicts == ()


@settings(max_examples=300, deadline=None, database=None)
@given(head=lines, edited=lines)
def test_suggestions_always_rebuild_the_reviewers_text(head: list[str], edited: list[str]) -> None:
    h, e = _text(head), _text(edited)
    if not head:
        return  # nothing to comment on
    rebuilt = h.splitlines(keepends=True)
    for s in sorted(suggestions_for("a.md", h, e), key=lambda s: -s.start_line):
        rebuilt[s.start_line - 1 : s.line] = s.text.splitlines(keepends=True)
    assert "".join(rebuilt) == e
