"""Footnotes with Goldmark's HTML and a source line range for the footnote section.

Goldmark writes ``<sup id="fnref:1"><a href="#fn:1" class="footnote-ref"
role="doc-noteref">1</a></sup>`` for a reference and a final
``<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1">…`` section whose entries
end with one back link per reference. Footnotes are numbered in order of first reference and
unreferenced definitions are dropped (markdown-it's footnote plugin does the same).

markdown-it moves the definitions to the end of the token stream and forgets where they were;
the section here gets the lines from its first to its last definition, so the preview can map
it back to the editor.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin

_LINES_KEY = "pw_footnote_lines"


def goldmark_footnote_plugin(md: MarkdownIt) -> None:
    """Footnotes (``[^label]``, no inline ``^[...]`` notes) rendered as Goldmark does."""
    md.use(footnote_plugin, inline=False)
    md.core.ruler.before("footnote_tail", "pw_footnote_lines", _remember_definition_lines)
    md.core.ruler.after("footnote_tail", "pw_footnote_section_map", _map_footnote_section)
    md.add_render_rule("footnote_ref", _render_ref)
    md.add_render_rule("footnote_block_open", _render_block_open)
    md.add_render_rule("footnote_block_close", _render_block_close)
    md.add_render_rule("footnote_open", _render_open)
    md.add_render_rule("footnote_close", _render_close)
    md.add_render_rule("footnote_anchor", _render_anchor)


def _remember_definition_lines(state: StateCore) -> None:
    state.env[_LINES_KEY] = [
        token.map for token in state.tokens if token.type == "footnote_reference_open" and token.map
    ]


def _map_footnote_section(state: StateCore) -> None:
    spans = state.env.pop(_LINES_KEY, [])
    if not spans or not state.tokens or state.tokens[-1].type != "footnote_block_close":
        return
    for token in reversed(state.tokens):
        if token.type == "footnote_block_open":
            token.map = [min(span[0] for span in spans), max(span[1] for span in spans)]
            return


def _number(token: Token) -> str:
    return str(token.meta["id"] + 1)


def _ref_id(token: Token) -> str:
    sub_id = token.meta.get("subId", 0)
    return f"fnref{sub_id or ''}:{_number(token)}"


def _render_ref(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    number = _number(token)
    return (
        f'<sup id="{_ref_id(token)}"><a href="#fn:{number}" class="footnote-ref"'
        f' role="doc-noteref">{number}</a></sup>'
    )


def _render_block_open(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n'


def _render_block_close(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</ol>\n</div>\n"


def _render_open(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f'<li id="fn:{_number(tokens[idx])}">\n'


def _render_close(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</li>\n"


def _render_anchor(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return (
        f'&#160;<a href="#{_ref_id(tokens[idx])}" class="footnote-backref"'
        ' role="doc-backlink">&#x21a9;&#xfe0e;</a>'
    )
