"""The outline of a post: its headings, their levels, lines and anchors.

Headings are found by the preview's own parser (so a ``#`` inside a code block, or a setext
underline, is judged as the site judges it), and each anchor is the id the site gives the
heading (``{#custom}`` ids included), for in-page links.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.front_matter import split_front_matter

_TEXT_TYPES = frozenset({"text", "code_inline", "html_inline"})


@dataclass(frozen=True, slots=True)
class Heading:
    """One heading: ``line`` is its 0-based line in the whole document."""

    level: int
    title: str
    line: int
    anchor: str


def outline(text: str) -> list[Heading]:
    """The top-level headings of ``text`` (front matter excluded) in document order."""
    split = split_front_matter(text)
    # The blog's parser loads on first use, not with the window (decision 0011).
    from editor.core.render.dialects.goldmark import build_parser  # noqa: PLC0415

    md = build_parser(typographer=False, linkify=False, hooks=False)
    tokens = md.parse(split.body)
    headings: list[Heading] = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None or token.level != 0:
            continue
        inline = tokens[index + 1]
        title = "".join(
            child.content for child in inline.children or () if child.type in _TEXT_TYPES
        )
        headings.append(
            Heading(
                level=int(token.tag[1]),
                title=title.strip() or inline.content.strip(),
                line=token.map[0] + split.body_start_line,
                anchor=str(token.attrs.get("id", "")),
            )
        )
    return headings
