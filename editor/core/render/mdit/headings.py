"""Heading ids and ``{#id .class}`` heading attributes, the way Hugo's Goldmark makes them.

Goldmark takes the id from the *Markdown source* of the heading's last line (not from the
rendered text), with the ``{...}`` attribute block removed. Hugo's "github" id style keeps
letters, digits and ``_``, turns ``-``, spaces and tabs into ``-``, lower-cases, and drops
everything else; an empty id becomes ``heading``; a repeated id gets ``-1``, ``-2``, ...
An explicit ``{#id}`` is used as written and reserves that id for later headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

#: ``{#id .class name="value"}`` at the end of a heading (Goldmark's attribute syntax).
_VALUE = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|true|false|null)"""
_ATTRIBUTE = rf"(?:#[^\s}}#.]+|\.[^\s}}#.]+|[A-Za-z_:][\w.:-]*\s*=\s*{_VALUE})"
_ATTRIBUTE_BLOCK = re.compile(rf"(?<!\\)\{{\s*(?:{_ATTRIBUTE}(?:\s+{_ATTRIBUTE})*)?\s*\}}\s*$")
_ONE_ATTRIBUTE = re.compile(_ATTRIBUTE)

#: Where the ids generated so far live in the markdown-it ``env`` of one document.
IDS_KEY = "pw_heading_ids"


def heading_attributes_plugin(md: MarkdownIt) -> None:
    """Strip ``{...}`` from headings and give every heading its Hugo id (``attrs["id"]``)."""
    md.core.ruler.after("block", "pw_heading_attributes", _heading_attributes_rule)


def anchor_id(source: str) -> str:
    """The Hugo "github" anchor for ``source`` (no de-duplication)."""
    out: list[str] = []
    for char in source:
        if char in "- \t":
            out.append("-")
        elif char == "_" or char.isalpha() or char.isdecimal():
            out.append(char.lower())
    return "".join(out)


def unique_id(source: str, taken: set[str]) -> str:
    """``anchor_id`` made unique among ``taken`` (which it then joins)."""
    base = anchor_id(source) or "heading"
    candidate = base
    number = 0
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def _heading_attributes_rule(state: StateCore) -> None:
    taken: set[str] = state.env.setdefault(IDS_KEY, set())
    for opening, inline in _headings(state.tokens):
        explicit = _take_attribute_block(opening, inline)
        if explicit is not None:
            taken.add(explicit)
            continue
        last_line = inline.content.rsplit("\n", 1)[-1].strip()
        opening.attrSet("id", unique_id(last_line, taken))


def _headings(tokens: list[Token]) -> Iterator[tuple[Token, Token]]:
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            yield token, tokens[index + 1]


def _take_attribute_block(opening: Token, inline: Token) -> str | None:
    """Move a trailing ``{...}`` from the heading text to its attributes; return its id."""
    match = _ATTRIBUTE_BLOCK.search(inline.content)
    if match is None:
        return None
    inline.content = inline.content[: match.start()].rstrip()
    explicit: str | None = None
    for attribute in _ONE_ATTRIBUTE.finditer(match.group(0)):
        name, value = _split_attribute(attribute.group(0))
        if name == "id":
            explicit = value
        if name == "class" and opening.attrGet("class"):
            value = f"{opening.attrGet('class')} {value}"
        opening.attrSet(name, value)
    return explicit


def _split_attribute(text: str) -> tuple[str, str]:
    if text.startswith("#"):
        return "id", text[1:]
    if text.startswith("."):
        return "class", text[1:]
    name, _, value = text.partition("=")
    value = value.strip()
    if value[:1] in "\"'":
        value = re.sub(r"\\(.)", r"\1", value[1:-1])
    return name.strip(), value
