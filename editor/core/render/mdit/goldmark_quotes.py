"""Goldmark's typographer quotes, replacing markdown-it's ``smartquotes``.

markdown-it pairs quotes at the same nesting level, so ``"[a link" text](u)`` keeps both
quotes straight. Goldmark decides each quote on its own, from the character before it and the
rest of its line (delimiter-run flanking, like emphasis), with special cases for apostrophes
(``it's``, ``'90s``, ``'twas``, ``I've``) and counters of quotes still open in the paragraph.
This module is a port of that decision (goldmark ``extension/typographer.go``), run over the
paragraph's tokens with link, emphasis and code markup standing in for the source around them.
Quotes in image descriptions are decided too (Goldmark parses them in the same pass), and
dashes and ellipses are replaced there as well.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from editor.core.render.mdit.typographer import substitute

_LEFT_SINGLE, _RIGHT_SINGLE = "\u2018", "\u2019"
_LEFT_DOUBLE, _RIGHT_DOUBLE = "\u201c", "\u201d"
_APOSTROPHE = _RIGHT_SINGLE
_MARKUP = {
    "softbreak": "\n",
    "hardbreak": "\n",
    "link_open": "[",
    "link_close": "](u)",
    "s_open": "~~",
    "s_close": "~~",
}


def goldmark_quotes_plugin(md: MarkdownIt) -> None:
    """Install Goldmark's quote rule (when the typographer is on) instead of smartquotes.

    Also ``<<``: Goldmark's typographer sees it before raw HTML does, so ``<<x>>`` is ``«x»``
    and not a ``<x>`` tag between two brackets.
    """
    md.disable("smartquotes", ignoreInvalid=True)
    md.core.ruler.before("text_join", "pw_goldmark_quotes", _quotes_rule)
    md.inline.ruler.before("html_inline", "pw_angle_quotes", _angle_quotes_rule)


def _angle_quotes_rule(state: StateInline, silent: bool) -> bool:
    if not state.md.options.get("typographer") or not state.src.startswith("<<", state.pos):
        return False
    if not silent:
        state.push("text", "", 0).content = "\u00ab"
    state.pos += 2
    return True


@dataclass(slots=True)
class _Counter:
    single: int = 0
    double: int = 0


def _quotes_rule(state: StateCore) -> None:
    if not state.md.options.get("typographer"):
        return
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        if "'" in token.content or '"' in token.content:
            _replace_quotes(token.children)
        for child in token.children:
            if child.type == "image":
                _substitute_in_description(child)


def _substitute_in_description(image: Token) -> None:
    """Dashes and ellipses in an image description, which Goldmark replaces there too."""
    for child in image.children or ():
        if child.type == "text":
            child.content = substitute(child.content)


def _flatten(children: list[Token], flat: list[str], texts: list[tuple[Token, int]]) -> None:
    """The paragraph as source-like text; ``texts`` records where each text token starts."""
    autolink = 0
    for child in children:
        if child.type == "text" and not autolink:
            texts.append((child, sum(map(len, flat))))
            flat.append(child.content)
        elif child.type == "image":
            flat.append("![")
            _flatten(child.children or [], flat, texts)
            flat.append("](u)")
        elif child.type == "code_inline":
            flat.append(f"{child.markup}{child.content}{child.markup}")
        elif child.type in ("text", "text_special", "html_inline"):
            flat.append(child.markup or child.content)
        elif child.type.endswith(("_open", "_close")) and child.type not in _MARKUP:
            flat.append(child.markup)
        else:
            flat.append(_MARKUP.get(child.type, child.markup or child.content))
        if child.type == "link_open" and child.info == "auto":
            autolink += 1
        elif child.type == "link_close" and child.info == "auto":
            autolink -= 1


def _replace_quotes(children: list[Token]) -> None:
    flat_parts: list[str] = []
    texts: list[tuple[Token, int]] = []
    _flatten(children, flat_parts, texts)
    flat = "".join(flat_parts)
    counter = _Counter()
    for token, start in texts:
        content = token.content
        if "'" not in content and '"' not in content:
            continue
        chars = list(content)
        for index, char in enumerate(content):
            if char in "'\"":
                position = start + index
                before = flat[position - 1] if position else "\n"
                end = flat.find("\n", position)
                line = flat[position : end if end >= 0 else len(flat)]
                chars[index] = _decide(char, before, line, counter)
        token.content = "".join(chars)


def _is_space(char: str) -> bool:
    return char.isspace()


def _is_punct(char: str) -> bool:
    """Goldmark's ``IsPunctRune``: Unicode punctuation or symbols, ASCII punctuation."""
    return unicodedata.category(char)[0] in "PS"


def _is_unicode_punct(char: str) -> bool:
    """Go's ``unicode.IsPunct``: punctuation categories only."""
    return unicodedata.category(char).startswith("P")


def _left_flanking(before: str, after: str) -> bool:
    return not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))


def _right_flanking(before: str, after: str) -> bool:
    return not _is_space(before) and (not _is_punct(before) or _is_space(after) or _is_punct(after))


def _maybe_close(line: str, can_open: bool, can_close: bool) -> bool:
    return (
        can_close
        and can_open
        and len(line) > 1
        and _is_unicode_punct(line[1])
        and (
            len(line) == 2
            or (len(line) > 2 and _is_punct(line[2]))
            or (len(line) > 2 and _is_space(line[2]))
        )
    )


def _decide(char: str, before: str, line: str, counter: _Counter) -> str:  # noqa: PLR0911
    """What Goldmark writes for the quote ``char`` (``line`` starts with it)."""
    after = line[1] if len(line) > 1 else " "
    can_open, can_close = _left_flanking(before, after), _right_flanking(before, after)
    if not can_open and not can_close:
        return char
    if char == "'":
        if _apostrophe(line, before, can_open, can_close):
            return _APOSTROPHE
        if can_open and not can_close:
            kind = _LEFT_SINGLE
            if _contraction(line):
                kind = _RIGHT_SINGLE
            if kind == _LEFT_SINGLE:
                counter.single += 1
            return kind
        if len(line) > 2 and not line[1].isdigit():  # plural possessives: Smiths'
            return _RIGHT_SINGLE
        if counter.single > 0 and (
            (can_close and not can_open) or _maybe_close(line, can_open, can_close)
        ):
            counter.single -= 1
            return _RIGHT_SINGLE
        return char
    if can_open and not can_close:
        counter.double += 1
        return _LEFT_DOUBLE
    if counter.double > 0 and (
        (can_close and not can_open) or _maybe_close(line, can_open, can_close)
    ):
        if len(line) > 1 and line[1] == '"' and before.isdigit():
            return char
        counter.double -= 1
        return _RIGHT_DOUBLE
    return char


def _apostrophe(line: str, before: str, can_open: bool, can_close: bool) -> bool:
    """'90s, 'twas/'em/'net/'ll, and any quote between a letter or digit and a letter."""
    if (
        can_open
        and not can_close
        and len(line) > 3
        and line[1].isdigit()
        and line[2].isdigit()
        and line[3] == "s"
    ):
        after = line[4] if len(line) > 4 else " "
        if _is_space(after) or _is_punct(after):
            return True
    if len(line) > 1 and (_is_unicode_punct(before) or _is_space(before)) and line[1] in "tenl":
        return True
    return len(line) > 1 and (before.isdigit() or before.isalpha()) and line[1].isalpha()


def _contraction(line: str) -> bool:
    """Alice's, I'm, Don't, You'd, I've, I'll, You're: an opening quote that is not one."""
    if (
        len(line) > 1
        and line[1] in "smtd"
        and (len(line) < 3 or _is_punct(line[2]) or _is_space(line[2]))
    ):
        return True
    return (
        len(line) > 2
        and line[1:3] in ("ve", "ll", "re")
        and (len(line) < 4 or _is_punct(line[3]) or _is_space(line[3]))
    )
