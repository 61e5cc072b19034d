"""Goldmark's typographer substitutions for dashes, ellipsis and angle quotes.

Goldmark replaces ``---`` with an em dash, ``--`` with an en dash, ``...`` with an ellipsis
and ``<<``/``>>`` with guillemets, anywhere in text (so ``--force`` starts with an en dash on the
site too). Unlike markdown-it's ``replacements`` rule it does *not* touch ``(c)``, ``(tm)``,
``(r)``, ``+-``, ``??..`` or ``,,``. Quotes are left to markdown-it's ``smartquotes`` rule.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_SUBSTITUTIONS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "<<": "\u00ab", ">>": "\u00bb"}
_PATTERN = re.compile(r"---|--|\.\.\.|<<|>>")
_TRIGGER = re.compile(r"--|\.\.\.|<<|>>")


def goldmark_typographer_plugin(md: MarkdownIt) -> None:
    """Replace markdown-it's ``replacements`` rule with Goldmark's substitutions."""
    md.core.ruler.after("linkify", "pw_typographer", _typographer_rule)
    md.disable("replacements", ignoreInvalid=True)


def substitute(text: str) -> str:
    """Apply the substitutions to plain text, left to right, without overlaps."""
    return _PATTERN.sub(lambda match: _SUBSTITUTIONS[match.group(0)], text)


def _typographer_rule(state: StateCore) -> None:
    if not state.md.options.get("typographer"):
        return
    for token in state.tokens:
        if token.type == "inline" and token.children and _TRIGGER.search(token.content):
            _substitute_children(token.children)


def _substitute_children(children: list[Token]) -> None:
    inside_autolink = 0
    for child in children:
        if child.type == "text" and not inside_autolink:
            child.content = substitute(child.content)
        elif child.type == "link_open" and child.info == "auto":
            inside_autolink += 1
        elif child.type == "link_close" and child.info == "auto":
            inside_autolink -= 1
