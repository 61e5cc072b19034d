"""Block quotes that Learn turns into something else: alerts, ``[!div]`` and ``[!VIDEO]``.

``> [!NOTE]`` (also ``>[!Note]``: Markdig accepts a missing space and any letter case) and
TIP, IMPORTANT, CAUTION, WARNING become the alert box a reader of Learn sees::

    <div class="NOTE alert is-info"><p class="alert-title">Note</p><p>…</p></div>

``> [!div class="checklist"]`` wraps the rest of the quote in ``<div class="checklist">``
(``nextstepaction``, the ``op_*_selector`` lists and ``mx-tdBreakAll`` tables likewise), and
``> [!VIDEO url]`` replaces the quote with the embedded video. Any other ``[!…]`` stays a
plain quote, as on Learn.
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

from editor.core.render.learn.attributes import parse_attributes
from editor.core.render.learn.embeds import video_html

#: Alert type → (title shown, Learn's colour class).
ALERTS = {
    "NOTE": ("Note", "is-info"),
    "TIP": ("Tip", "is-success"),
    "IMPORTANT": ("Important", "is-primary"),
    "CAUTION": ("Caution", "is-warning"),
    "WARNING": ("Warning", "is-danger"),
}
_MARKER = re.compile(r"^\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\][ \t]*\n?", re.IGNORECASE)
_DIV = re.compile(r"^\[!div\b([^\]\n]*)\][ \t]*(?:\n|$)", re.IGNORECASE)
_VIDEO = re.compile(r"^\[!VIDEO\s+([^\]\s]+)\s*\][ \t]*(?:\n|$)", re.IGNORECASE)


def blockquote_plugin(md: MarkdownIt) -> None:
    """Turn marked block quotes into alerts, divs and videos (before inline parsing)."""
    md.core.ruler.after("block", "learn_blockquotes", _blockquote_rule)
    md.add_render_rule("learn_alert_open", _render_alert_open)
    md.add_render_rule("learn_div_open", _render_div_open)
    md.add_render_rule("learn_div_close", _render_div_close)
    md.add_render_rule("learn_alert_close", _render_div_close)
    md.add_render_rule("learn_video", _render_video)


def _blockquote_rule(state: StateCore) -> None:
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        if tokens[index].type == "blockquote_open" and _starts_with_paragraph(tokens, index):
            _transform(tokens, index)
        index += 1


def _starts_with_paragraph(tokens: Sequence[Token], index: int) -> bool:
    return (
        index + 2 < len(tokens)
        and tokens[index + 1].type == "paragraph_open"
        and tokens[index + 2].type == "inline"
    )


def _closing(tokens: Sequence[Token], index: int) -> int:
    """The index of the ``blockquote_close`` matching the opening at ``index``."""
    level = tokens[index].level
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.type == "blockquote_close" and token.level == level:
            return position
    return len(tokens) - 1


def _transform(tokens: list[Token], index: int) -> None:
    opening, inline = tokens[index], tokens[index + 2]
    alert, div, video = (pattern.match(inline.content) for pattern in (_MARKER, _DIV, _VIDEO))
    if video is not None:
        closing = _closing(tokens, index)
        replacement = Token("learn_video", "div", 0, level=opening.level, map=opening.map)
        replacement.meta = {"url": video.group(1)}
        replacement.block = True
        tokens[index : closing + 1] = [replacement]
        return
    match = alert or div
    if match is None:
        return
    closing = _closing(tokens, index)
    kind = "alert" if alert is not None else "div"
    opening.type, opening.tag = f"learn_{kind}_open", "div"
    tokens[closing].type, tokens[closing].tag = f"learn_{kind}_close", "div"
    opening.meta = {"value": match.group(1)}
    inline.content = inline.content[match.end() :]
    if not inline.content.strip():
        del tokens[index + 1 : index + 4]  # the paragraph held only the marker


def _render_alert_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    kind = str((tokens[idx].meta or {}).get("value", "NOTE")).upper()
    title, colour = ALERTS.get(kind, ALERTS["NOTE"])
    return f'<div class="{kind} alert {colour}">\n<p class="alert-title">{title}</p>\n'


def _render_div_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    attributes = parse_attributes(str((tokens[idx].meta or {}).get("value", "")))
    css = attributes.get("class", "").strip()
    return f'<div class="{escape(css)}">\n' if css else "<div>\n"


def _render_div_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</div>\n"


def _render_video(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return video_html(str((tokens[idx].meta or {}).get("url", "")))
