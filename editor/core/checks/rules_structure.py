"""Headings and lists as the site's lint wants them.

The blog (markdownlint, ``.markdownlint.json``): no H1 in the body because the title is the
page's H1 (MD025/MD041 with ``front_matter_title``), ATX headings (MD003), nested bullets
indented by 4 spaces (MD007), ordered lists numbered ``1. 1. 1.`` or ``1. 2. 3.`` (MD029).
Learn: exactly one H1, and it is the first thing after the metadata; tab headings
(``# [Label](#tab/id)``) are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from editor.core.checks.context import CheckContext
from editor.core.checks.model import Problem, QuickFix, TextEdit
from editor.core.i18n import message
from editor.core.profiles.validation import Severity

_CONTEXT = "Checks"
_TAB_HEADING = re.compile(r"\s*\[[^\]]*\]\(#tab/[^)]*\)\s*$")
_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")


def check(ctx: CheckContext) -> Iterator[Problem]:
    """Every heading and list problem of the post."""
    headings = list(_headings(ctx.doc.tokens))
    if ctx.site.h1 == "none":
        yield from _no_h1(ctx, headings)
    elif ctx.site.h1 == "one-first":
        yield from _one_h1_first(ctx, headings)
    if ctx.site.atx_headings is not None:
        yield from _atx_only(ctx, headings)
    if ctx.site.list_indent is not None:
        yield from _list_indent(ctx, ctx.site.list_indent)
    if ctx.site.ordered_lists is not None:
        yield from _ordered_lists(ctx)


def _headings(tokens: list[Token]) -> Iterator[tuple[Token, Token]]:
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map is not None:
            yield token, tokens[index + 1]


def _level(token: Token) -> int:
    return int(token.tag[1])


def _line(token: Token) -> int:
    assert token.map is not None  # only tokens with a map are passed here
    return token.map[0]


# --- H1 ------------------------------------------------------------------------------------


def _no_h1(ctx: CheckContext, headings: list[tuple[Token, Token]]) -> Iterator[Problem]:
    for opening, _inline in headings:
        if _level(opening) != 1:
            continue
        line = _line(opening)
        text = message(
            _CONTEXT,
            "The post's title is already its level-1 heading, so the text should not have"
            " another one. Use level 2 (##) for sections.",
        )
        yield Problem(
            "structure.h1-in-body",
            ctx.site.h1_severity,
            text,
            line,
            fix=_demote_fix(ctx, opening),
        )


def _demote_fix(ctx: CheckContext, opening: Token) -> QuickFix | None:
    """``# Title`` → ``## Title`` (ATX headings only; a setext heading is left alone)."""
    if opening.markup != "#":
        return None
    line = _line(opening)
    found = _ATX.match(ctx.doc.lines[line])
    if found is None:
        return None
    at = ctx.doc.offset(line, found.start(1))
    label = message(_CONTEXT, "Make it a level-2 heading")
    return QuickFix(label, (TextEdit(at, at, "#"),))


def _one_h1_first(ctx: CheckContext, headings: list[tuple[Token, Token]]) -> Iterator[Problem]:
    h1s = [
        opening
        for opening, inline in headings
        if _level(opening) == 1 and not _TAB_HEADING.fullmatch(inline.content)
    ]
    severity = ctx.site.h1_severity
    if not h1s:
        text = message(
            _CONTEXT,
            "The article needs one level-1 heading (# Title) as its first line after the metadata.",
        )
        yield Problem("structure.h1-missing", severity, text, ctx.doc.body_start)
        return
    for extra in h1s[1:]:
        text = message(
            _CONTEXT,
            "An article has only one level-1 heading. Make this one level 2 (##).",
        )
        yield Problem(
            "structure.h1-extra", severity, text, _line(extra), fix=_demote_fix(ctx, extra)
        )
    first_block = next((t for t in ctx.doc.tokens if t.map is not None and t.level == 0), None)
    if first_block is not None and first_block is not h1s[0]:
        text = message(
            _CONTEXT,
            "The level-1 heading should be the first thing after the metadata.",
        )
        yield Problem("structure.h1-not-first", "warning", text, _line(h1s[0]))


# --- ATX -----------------------------------------------------------------------------------


def _atx_only(ctx: CheckContext, headings: list[tuple[Token, Token]]) -> Iterator[Problem]:
    severity = ctx.site.atx_headings
    assert severity is not None
    for opening, inline in headings:
        if opening.markup not in ("=", "-") or opening.map is None:
            continue
        first, end = opening.map
        text = message(
            _CONTEXT,
            "Write headings with # marks (## Heading) rather than underlining them.",
        )
        yield Problem(
            "structure.heading-style", severity, text, first, fix=_atx_fix(ctx, opening, inline)
        )
        del end


def _atx_fix(ctx: CheckContext, opening: Token, inline: Token) -> QuickFix | None:
    """Underlined heading of one line → ``## Heading``; the underline line goes."""
    assert opening.map is not None
    first, end = opening.map
    if end - first != 2:
        return None
    doc = ctx.doc
    marks = "#" * _level(opening)
    heading = doc.lines[first].strip()
    start = doc.offset(first)
    stop = doc.offset(end - 1) + len(doc.lines[end - 1])
    label = message(_CONTEXT, "Write it as “{marks} {heading}”", marks=marks, heading=heading)
    del inline
    return QuickFix(label, (TextEdit(start, stop, f"{marks} {heading}"),))


# --- Lists ---------------------------------------------------------------------------------


def _list_indent(ctx: CheckContext, indent: int) -> Iterator[Problem]:
    """MD007: a bullet nested only in bullets starts ``indent`` spaces per level."""
    stack: list[str] = []
    severity = ctx.site.list_indent_severity
    for token in ctx.doc.tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            stack.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif token.type == "list_item_open" and stack and stack[-1] == "bullet_list_open":
            if any(kind != "bullet_list_open" for kind in stack) or token.map is None:
                continue
            yield from _item_indent(ctx, token, (len(stack) - 1) * indent, severity)


def _item_indent(
    ctx: CheckContext, item: Token, wanted: int, severity: Severity
) -> Iterator[Problem]:
    assert item.map is not None
    line = item.map[0]
    source = ctx.doc.lines[line]
    leading = source[: len(source) - len(source.lstrip())]
    if "\t" in leading or source.lstrip().startswith(">"):
        return  # tabs and quoted lists: the lint counts them differently
    actual = len(leading)
    if actual == wanted:
        return
    text = message(
        _CONTEXT,
        "This list item is indented by {actual} spaces; the site's lint wants {wanted}.",
        actual=actual,
        wanted=wanted,
    )
    fix = None
    if _only_item_lines(ctx, item):
        start = ctx.doc.offset(line)
        fix = QuickFix(
            message(_CONTEXT, "Indent it by {wanted} spaces", wanted=wanted),
            (TextEdit(start, start + actual, " " * wanted),),
        )
    yield Problem("structure.list-indent", severity, text, line, 0, actual, fix)


def _only_item_lines(ctx: CheckContext, item: Token) -> bool:
    """True when the item's other lines are blank (moving the first line is safe)."""
    assert item.map is not None
    return all(not ctx.doc.lines[n].strip() for n in range(item.map[0] + 1, item.map[1]))


def _ordered_lists(ctx: CheckContext) -> Iterator[Problem]:
    """MD029 one_or_ordered: ``1. 1. 1.`` or ``1. 2. 3.`` (or counting from the first)."""
    severity = ctx.site.ordered_lists
    assert severity is not None
    tokens = ctx.doc.tokens
    for index, token in enumerate(tokens):
        if token.type != "ordered_list_open":
            continue
        items = _direct_items(tokens, index)
        numbers = [_item_number(ctx, item) for item in items]
        if len(numbers) < 2 or None in numbers:
            continue
        first = numbers[0]
        assert first is not None
        all_ones = all(n == 1 for n in numbers)
        counting = all(n == first + i for i, n in enumerate(numbers))
        if all_ones or counting:
            continue
        bad = next(
            item for i, item in enumerate(items) if numbers[i] != first + i and item.map is not None
        )
        assert bad.map is not None
        text = message(
            _CONTEXT,
            "Number the items of a list 1, 2, 3… or all 1: this list skips or repeats a number.",
        )
        yield Problem("structure.ordered-list", severity, text, bad.map[0])


def _direct_items(tokens: list[Token], start: int) -> list[Token]:
    depth, items = 0, []
    for token in tokens[start:]:
        if token.type.endswith("_list_open"):
            depth += 1
        elif token.type.endswith("_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "list_item_open" and depth == 1:
            items.append(token)
    return items


_NUMBER = re.compile(r"[ \t>]*(\d{1,9})[.)]")


def _item_number(ctx: CheckContext, item: Token) -> int | None:
    if item.map is None:
        return None
    found = _NUMBER.match(ctx.doc.lines[item.map[0]])
    return int(found.group(1)) if found else None
