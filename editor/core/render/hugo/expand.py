"""Shortcodes run before Markdown, as in Hugo, without losing the source lines.

Hugo replaces every shortcode call by a placeholder, renders the Markdown, then puts each
call's output where its placeholder is (a placeholder alone in a paragraph loses the
``<p>``). The same happens here: each top-level call becomes one placeholder word followed by
as many newlines as the call spanned, so every line after it keeps its number and the blocks
of the preview still point at the right lines of the editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt

from editor.core.render.hugo.scanner import ShortcodeCall, code_spans, find_tags, pair_tags
from editor.core.render.hugo.shortcodes import ShortcodeContext, render_call

_PREFIX = "PWSHORTCODE"


@dataclass(frozen=True, slots=True)
class Expansion:
    """A body with its shortcode calls replaced by placeholders, and their HTML."""

    text: str
    replacements: tuple[tuple[str, str], ...] = ()
    #: The last line (0-based, of ``text``) of each call, in the order of ``replacements``.
    last_lines: tuple[int, ...] = ()

    def apply(self, html: str) -> str:
        """``html`` (rendered from ``text``) with every placeholder replaced by its HTML."""
        for placeholder, output in self.replacements:
            if placeholder in html:
                # Alone in its paragraph, the call's output replaces the whole <p> (as in Hugo).
                html = re.sub(rf"<p>\s*{placeholder}\s*</p>", placeholder, html)
                html = html.replace(placeholder, output)
        return html

    def end_line(self, html: str, end_line: int) -> int:
        """A block's end line, stretched over the lines of the calls it holds."""
        for (placeholder, _), last in zip(self.replacements, self.last_lines, strict=True):
            if placeholder in html:
                end_line = max(end_line, last + 1)
        return end_line


def has_shortcodes(text: str) -> bool:
    """True when ``text`` may hold a shortcode call (a cheap test before scanning)."""
    return "{{<" in text or "{{%" in text


def find_calls(md: MarkdownIt, text: str, *, in_code: bool = False) -> list[ShortcodeCall]:
    """The top-level shortcode calls of ``text`` outside code (everywhere with ``in_code``,
    as Hugo itself reads them)."""
    if not has_shortcodes(text):
        return []
    return pair_tags(text, find_tags(text, () if in_code else code_spans(md, text)))


def expand_shortcodes(
    md: MarkdownIt, text: str, context_for: Callable[[], ShortcodeContext]
) -> Expansion:
    """``text`` with each call replaced by a placeholder (line count kept), and the outputs."""
    calls = find_calls(md, text)
    if not calls:
        return Expansion(text)
    context = context_for()
    prefix = _PREFIX
    while prefix in text:
        prefix += "X"
    pieces: list[str] = []
    replacements: list[tuple[str, str]] = []
    last_lines: list[int] = []
    position = 0
    for number, call in enumerate(calls):
        placeholder = f"{prefix}{number}Z"  # the "Z" keeps "…1Z" from matching in "…11Z"
        pieces.append(text[position : call.start])
        pieces.append(placeholder + "\n" * text.count("\n", call.start, call.end))
        replacements.append((placeholder, render_call(call, context)))
        last_lines.append(text.count("\n", 0, call.end))
        position = call.end
    pieces.append(text[position:])
    return Expansion("".join(pieces), tuple(replacements), tuple(last_lines))


def remove_shortcodes(md: MarkdownIt, text: str, *, in_code: bool = False) -> str:
    """``text`` without its shortcode calls (paired calls with their inner text), lines kept;
    ``in_code``: also those in code, which Hugo would run."""
    pieces: list[str] = []
    position = 0
    for call in find_calls(md, text, in_code=in_code):
        pieces.append(text[position : call.start])
        pieces.append("\n" * text.count("\n", call.start, call.end))
        position = call.end
    pieces.append(text[position:])
    return "".join(pieces)
