"""Heading ids as Markdig's GitHub-style auto identifiers make them on Learn.

Markdig takes the id from the heading's *rendered text* (``## Set up *KQL*`` → ``set-up-kql``),
where Goldmark takes the Markdown source. Letters, digits, ``-`` and ``_`` are kept (lower
case), spaces become ``-``, everything else goes; a repeated id gets ``-1``, ``-2``, … An
explicit ``{#id}`` at the end of the heading (Markdig's generic attributes) is used as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from editor.core.render.mdit.headings import unique_id

_EXPLICIT = re.compile(r"\s*\{\s*#([^\s}#.]+)[^}]*\}\s*$")
_IDS_KEY = "learn_heading_ids"


def heading_ids_plugin(md: MarkdownIt) -> None:
    """Give every heading its Markdig id."""
    md.core.ruler.after("block", "learn_explicit_ids", _explicit_ids_rule)
    md.core.ruler.after("inline", "learn_heading_ids", _heading_ids_rule)


def _explicit_ids_rule(state: StateCore) -> None:
    taken: set[str] = state.env.setdefault(_IDS_KEY, set())
    for opening, inline in _headings(state.tokens):
        match = _EXPLICIT.search(inline.content)
        if match is not None:
            inline.content = inline.content[: match.start()]
            opening.attrSet("id", match.group(1))
            taken.add(match.group(1))


def _heading_ids_rule(state: StateCore) -> None:
    taken: set[str] = state.env.setdefault(_IDS_KEY, set())
    for opening, inline in _headings(state.tokens):
        if opening.attrGet("id") is None:
            opening.attrSet("id", unique_id(plain_text(inline.children or []), taken))


def _headings(tokens: Sequence[Token]) -> list[tuple[Token, Token]]:
    return [
        (token, tokens[index + 1])
        for index, token in enumerate(tokens[:-1])
        if token.type == "heading_open" and tokens[index + 1].type == "inline"
    ]


def plain_text(children: Sequence[Token]) -> str:
    """The text a reader sees in inline tokens (markup dropped, code and images' alt kept)."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.children:
            parts.append(plain_text(child.children))
    return "".join(parts)
