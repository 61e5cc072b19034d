"""Cutting a markdown-it token stream into top-level blocks with their source lines.

Every top-level token run (a paragraph, a heading, a whole list, a fence, a table, a raw HTML
block, the footnote section, ...) becomes one :class:`RawBlock` whose lines come from the
opening token's ``map``. A raw HTML block that leaves an element open (``<details>`` … blank
line … Markdown … ``</details>``) takes the following blocks into one group until the element
is closed again, so that each group is well-formed HTML on its own and sanitizing it does not
tear the structure apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType


@dataclass(frozen=True, slots=True)
class RawBlock:
    """One top-level block as rendered by a dialect: HTML not yet sanitized.

    Lines are 0-based lines of the text that was rendered (the body), end exclusive.
    """

    html: str
    start_line: int
    end_line: int


_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?>", re.DOTALL)
#: Elements that never need (or cannot have) a closing tag: they never keep a group open.
_UNBALANCED_OK = frozenset(
    (
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"),
        *("source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead"),
        *("tbody", "tfoot", "option", "optgroup", "colgroup", "caption", "rb", "rt", "rp"),
    )
)


def split_blocks(md: MarkdownIt, tokens: Sequence[Token], env: EnvType) -> list[RawBlock]:
    """Render ``tokens`` (from ``md.parse``) as top-level blocks, open HTML grouped."""
    blocks: list[RawBlock] = []
    previous_end = 0
    for first, last_head, last in _grouped_spans(tokens):
        start, end = _line_range(tokens[first], tokens[last_head], previous_end)
        html = md.renderer.render(tokens[first:last], md.options, env)
        blocks.append(RawBlock(html, start, end))
        previous_end = end
    return blocks


def _line_range(first: Token, last_head: Token, previous_end: int) -> tuple[int, int]:
    """Lines of a group, kept monotonic: never before the end of the previous block."""
    start = first.map[0] if first.map else previous_end
    end = last_head.map[1] if last_head.map else start
    start = max(start, previous_end)
    return start, max(end, start)


def _top_level_spans(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """``(first, last)`` token index ranges (end exclusive) of the top-level blocks."""
    index = 0
    while index < len(tokens):
        end = index + 1
        if tokens[index].nesting == 1:
            depth = 1
            while end < len(tokens) and depth:
                depth += tokens[end].nesting if tokens[end].level == 0 else 0
                end += 1
        yield index, end
        index = end


def _grouped_spans(tokens: Sequence[Token]) -> Iterator[tuple[int, int, int]]:
    """Groups of top-level spans as ``(first, head of the last span, end)`` token indexes.

    A span that leaves raw HTML elements open is merged with the spans that follow it.
    """
    group_start: int | None = None
    open_elements: list[str] = []
    first = last = 0
    for first, last in _top_level_spans(tokens):
        _track_elements(tokens[first:last], open_elements)
        if group_start is None:
            group_start = first
        if not open_elements:
            yield group_start, first, last
            group_start = None
    if group_start is not None:
        yield group_start, first, last


def _track_elements(span: Sequence[Token], open_elements: list[str]) -> None:
    """Update the stack of raw HTML elements left open by the blocks seen so far.

    Top-level raw HTML blocks open and close elements; inline HTML inside Markdown blocks can
    only close elements that a raw HTML block opened (an unclosed inline ``<span>`` ends with
    its paragraph in a browser anyway).
    """
    head = span[0]
    if head.type == "html_block" and head.level == 0:
        _apply_tags(head.content, open_elements, may_open=True)
    elif open_elements:
        for token in _inline_html(span):
            _apply_tags(token.content, open_elements, may_open=False)


def _inline_html(span: Sequence[Token]) -> Iterator[Token]:
    """Raw HTML tokens inside a span: nested HTML blocks and inline HTML."""
    for token in span:
        if token.type == "html_block":
            yield token
        for child in token.children or ():
            if child.type == "html_inline":
                yield child


def _apply_tags(html: str, open_elements: list[str], *, may_open: bool) -> None:
    for match in _TAG.finditer(html):
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name or name in _UNBALANCED_OK or match.group(0).endswith("/>"):
            continue
        if not closing:
            if may_open:
                open_elements.append(name)
        elif name in open_elements:
            del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name) :]
