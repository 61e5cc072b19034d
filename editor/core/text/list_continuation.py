"""What Enter and Tab do to Markdown list items and blockquotes. Pure text rules, no Qt.

* Enter in ``- item``, ``* item``, ``+ item``, ``- [x] task`` or ``> quote`` starts the next
  line with the same prefix; ``1. item`` continues as ``2.`` (keeping zero padding).
* Enter on an item with nothing after its marker (``- ``) ends the list: the marker goes.
* Anywhere else Enter keeps the line's indentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LIST_ITEM = re.compile(
    r"(?P<quote>(?:[ \t]*>[ ]?)*)(?P<indent>[ \t]*)"
    r"(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})(?P<delimiter>[.)]))"
    r"(?P<space>[ \t]+)(?P<task>\[[ xX]\](?:[ \t]+|$))?"
)
_QUOTE = re.compile(r"(?:[ \t]*>[ ]?)+")
_INDENT = re.compile(r"[ \t]*")


@dataclass(frozen=True, slots=True)
class EnterEdit:
    """How to answer Enter.

    If ``replace_line`` is true, the whole line becomes ``text`` and no new line is made (the
    list or quote ends). Otherwise a new line is inserted at the cursor, starting with ``text``.
    """

    text: str
    replace_line: bool = False


def enter_edit(line: str, column: int) -> EnterEdit:
    """The edit for Enter pressed at ``column`` (a string index) of ``line``."""
    item = _LIST_ITEM.match(line)
    if item and item.end() <= column:
        if not line[item.end() :].strip():
            return EnterEdit(item.group("quote"), replace_line=True)
        return EnterEdit(_next_item_prefix(item))
    quote = _QUOTE.match(line)
    if quote and quote.end() <= column:
        if not line[quote.end() :].strip():
            return EnterEdit("", replace_line=True)
        return EnterEdit(quote.group())
    return indent_edit(line, column)


def _next_item_prefix(item: re.Match[str]) -> str:
    marker = item.group("bullet")
    if marker is None:
        number = item.group("number")
        marker = str(int(number) + 1).zfill(len(number)) + item.group("delimiter")
    space = item.group("space")
    task = "[ ] " if item.group("task") else ""
    return item.group("quote") + item.group("indent") + marker + space + task


def list_item_content_start(line: str) -> int | None:
    """Where a list item's text starts (after marker and task box), or ``None`` if not an item."""
    item = _LIST_ITEM.match(line)
    return item.end() if item else None


def spaces_to_next_stop(column: int, width: int) -> str:
    """The spaces that move ``column`` to the next multiple of ``width``."""
    return " " * (width - column % width)


def outdent_length(line: str, width: int) -> int:
    """How many leading characters Shift+Tab removes from ``line`` (one tab, or up to ``width``
    spaces)."""
    if line.startswith("\t"):
        return 1
    spaces = len(line) - len(line.lstrip(" "))
    return min(spaces, width)


def indent_edit(line: str, column: int) -> EnterEdit:
    """Enter that only keeps the indentation (in code, where lists mean nothing)."""
    indent = _INDENT.match(line)
    width = indent.end() if indent else 0
    return EnterEdit(line[: min(width, column)])
