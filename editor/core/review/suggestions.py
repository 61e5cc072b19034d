"""A reviewer's edits as GitHub suggestions: review comments on the pull request's new lines.

GitHub applies a comment whose body holds a fenced ``suggestion`` block by replacing the lines
the comment covers (``start_line``..``line`` on the RIGHT side, 1-based, in the head version)
with the block's content. Comments may only sit on lines inside the pull request's diff
(changed lines and three lines of context around them); an edit elsewhere cannot be a
suggestion, so it is listed in the review's summary instead, with its line and new text.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CONTEXT_LINES = 3


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggestion comment: replace head lines ``start_line``..``line`` with ``text``."""

    path: str
    start_line: int
    line: int
    text: str  # the replacement lines, each ending with "\n" ("" deletes them)

    @property
    def body(self) -> str:
        fence = "```"
        while fence in self.text:
            fence += "`"
        return f"{fence}suggestion\n{self.text}{fence}"

    def api_comment(self) -> dict[str, object]:
        """The comment as ``POST /pulls/{n}/reviews`` takes it."""
        comment: dict[str, object] = {
            "path": self.path,
            "body": self.body,
            "line": self.line,
            "side": "RIGHT",
        }
        if self.start_line != self.line:
            comment["start_line"] = self.start_line
            comment["start_side"] = "RIGHT"
        return comment


@dataclass(frozen=True, slots=True)
class ReviewDraft:
    """What the review will hold: suggestions, and edits that could not be suggestions."""

    suggestions: tuple[Suggestion, ...]
    outside: tuple[Suggestion, ...]


def commentable_lines(base: str | None, head: str) -> frozenset[int]:
    """The 1-based head lines GitHub lets a review comment on (every line of a new file)."""
    head_lines = head.splitlines(keepends=True)
    if base is None:
        return frozenset(range(1, len(head_lines) + 1))
    base_lines = base.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, base_lines, head_lines, autojunk=False)
    lines: set[int] = set()
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        first, last = group[0][3], group[-1][4]
        lines.update(range(first + 1, last + 1))
    return frozenset(lines)


def _ended(lines: Sequence[str]) -> str:
    text = "".join(lines)
    return text if not text or text.endswith("\n") else text + "\n"


def suggestions_for(path: str, head: str, edited: str) -> tuple[Suggestion, ...]:
    """The edits that turn ``head`` into ``edited``, one suggestion per changed run of lines.

    A suggestion must replace at least one head line, so an insertion takes the line before
    it along (the line after, at the very top); runs that then share a line become one.
    """
    head_lines = head.splitlines(keepends=True)
    new_lines = edited.splitlines(keepends=True)
    if not head_lines:
        return ()
    matcher = difflib.SequenceMatcher(None, head_lines, new_lines, autojunk=False)
    spans: list[list[int]] = []  # [head from, head to, new from, new to], 0-based, half-open
    for tag, h1, h2, n1, n2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if h1 < h2:
            span = [h1, h2, n1, n2]
        elif h1 > 0:  # an insertion: the equal line before it is the anchor
            span = [h1 - 1, h1, n1 - 1, n2]
        else:  # an insertion at the top: the equal line after it is the anchor
            span = [0, 1, n1, n2 + 1]
        if spans and span[0] < spans[-1][1]:
            last = spans[-1]
            last[1], last[3] = max(last[1], span[1]), max(last[3], span[3])
        else:
            spans.append(span)
    return tuple(Suggestion(path, h1 + 1, h2, _ended(new_lines[n1:n2])) for h1, h2, n1, n2 in spans)


def draft_review(
    files: Iterable[tuple[str, str | None, str, str]],
) -> ReviewDraft:
    """The review for files given as ``(path, base text or None, head text, edited text)``."""
    inside: list[Suggestion] = []
    outside: list[Suggestion] = []
    for path, base, head, edited in files:
        allowed = commentable_lines(base, head)
        for suggestion in suggestions_for(path, head, edited):
            covered = range(suggestion.start_line, suggestion.line + 1)
            (inside if all(n in allowed for n in covered) else outside).append(suggestion)
    return ReviewDraft(tuple(inside), tuple(outside))


def review_body(summary: str, draft: ReviewDraft) -> str:
    """The review's text: the reviewer's summary, then the edits that are not suggestions."""
    pieces = [summary.strip()] if summary.strip() else []
    if draft.outside:
        pieces.append(
            "Changes to lines this pull request does not touch (GitHub cannot suggest them inline):"
        )
        for item in draft.outside:
            where = (
                f"`{item.path}` line {item.line}"
                if item.start_line == item.line
                else f"`{item.path}` lines {item.start_line} to {item.line}"
            )
            pieces.append(f"{where}:\n\n{item.body.replace('suggestion', 'markdown', 1)}")
    return "\n\n".join(pieces)
