"""Learn's tabs: ``# [Title](#tab/id)`` headings, each starting a tab, until a ``---`` line.

On Learn only the selected tab's content shows. The preview cannot switch tabs (the page runs
no scripts), so it shows the tab strip and then every tab's content in turn, each under its
title, and the author sees everything the article contains::

    <div class="tabGroup"><ul class="tabList" aria-hidden="true"><li>A</li>…</ul>
    <section class="tabPanel" aria-label="A"><p class="tabTitle">A</p>…</section>…</div>

The group is one token pair from the first tab heading to the closing ``---``, so it is one
preview block with the right lines. Tab headings are not headings of the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_TAB = re.compile(r"^\[([^\]]*)\]\(\s*#tab/([^)\s]+)\s*\)$")


def tabs_plugin(md: MarkdownIt) -> None:
    """Group tab headings and their content (before inline parsing and heading ids)."""
    md.core.ruler.after("block", "learn_tabs", _tabs_rule)
    md.add_render_rule("learn_tabs_open", _render_group_open)
    md.add_render_rule("learn_tabs_close", _render_close)
    md.add_render_rule("learn_tab_open", _render_tab_open)
    md.add_render_rule("learn_tab_close", _render_close)


def _tab_title(tokens: Sequence[Token], index: int) -> str | None:
    """The title when the tokens at ``index`` are a tab heading, else None."""
    if tokens[index].type != "heading_open" or index + 2 >= len(tokens):
        return None
    match = _TAB.match(tokens[index + 1].content.strip())
    return match.group(1).strip() if match else None


def _tabs_rule(state: StateCore) -> None:
    tokens = state.tokens
    if not any(token.type == "heading_open" for token in tokens):
        return
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        if _tab_title(tokens, index) is None:
            result.append(tokens[index])
            index += 1
            continue
        end = _group_end(tokens, index)
        result.extend(_group(tokens[index:end]))
        index = end
    tokens[:] = result


def _group_end(tokens: Sequence[Token], start: int) -> int:
    """Where the tab group starting at ``start`` ends (after its ``---``, if any)."""
    level = tokens[start].level
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.level < level:
            return index
        if token.type == "hr" and token.level == level:
            return index + 1
    return len(tokens)


def _group(span: list[Token]) -> list[Token]:
    level = span[0].level
    lines = [token.map for token in span if token.map]
    opening = Token("learn_tabs_open", "div", 1, level=level, block=True)
    opening.map = [lines[0][0], max(line[1] for line in lines)] if lines else None
    titles: list[str] = []
    inner: list[Token] = []
    index = 0
    while index < len(span):
        title = _tab_title(span, index)
        if title is not None:
            if titles:
                inner.append(Token("learn_tab_close", "section", -1, level=level + 1))
            titles.append(title)
            tab = Token("learn_tab_open", "section", 1, level=level + 1, block=True)
            tab.meta = {"title": title}
            inner.append(tab)
            index += 3  # heading_open, inline, heading_close
            continue
        token = span[index]
        index += 1
        if token.type == "hr" and token.level == level and index == len(span):
            continue  # the closing ---
        token.level += 2
        inner.append(token)
    inner.append(Token("learn_tab_close", "section", -1, level=level + 1))
    opening.meta = {"titles": titles}
    return [opening, *inner, Token("learn_tabs_close", "div", -1, level=level, block=True)]


def _render_group_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    titles = (tokens[idx].meta or {}).get("titles", [])
    items = "".join(f"<li>{escape(str(title))}</li>" for title in titles)
    return f'<div class="tabGroup">\n<ul class="tabList" aria-hidden="true">{items}</ul>\n'


def _render_tab_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    title = escape(str((tokens[idx].meta or {}).get("title", "")))
    return f'<section class="tabPanel" aria-label="{title}">\n<p class="tabTitle">{title}</p>\n'


def _render_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f"</{tokens[idx].tag}>\n"
