"""Goldmark as configured by pnp/blog's Hugo 0.104 (the "goldmark" dialect).

The site renders with Goldmark, ``unsafe = true`` (raw HTML kept), footnotes on and Hugo's
other defaults: tables, strikethrough, linkify (``https`` for ``www.``), task lists,
typographer, definition lists, GitHub-style heading ids with ``{#id}`` attributes, and
``enableEmoji``. Code fences are highlighted by Chroma (classes, style ``github``, guessing
the language of bare fences). The site's heading and image render hooks are applied.

markdown-it-py's ``commonmark`` preset passes every CommonMark example, so it is the base;
the plugins in :mod:`editor.core.render.mdit` give it Goldmark's extensions and HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin

from editor.core.render.blocks import RawBlock, split_blocks
from editor.core.render.emoji_codes import replace_emoji_codes
from editor.core.render.mdit.footnotes import goldmark_footnote_plugin
from editor.core.render.mdit.headings import heading_attributes_plugin
from editor.core.render.mdit.inline_rules import (
    https_autolink_plugin,
    safe_links_plugin,
    strikethrough_plugin,
    task_list_plugin,
)
from editor.core.render.mdit.site_hooks import site_hooks_plugin
from editor.core.render.mdit.typographer import goldmark_typographer_plugin
from editor.core.render.model import RenderOptions


@dataclass(frozen=True, slots=True)
class GoldmarkDialect:
    """pnp/blog's Hugo + Goldmark. Thread-safe: parsers are shared, state lives in ``env``."""

    spec_mode: bool = False
    name: str = "goldmark"

    def render_blocks(self, body: str, options: RenderOptions) -> Sequence[RawBlock]:
        """The body's top-level blocks, unsanitized, with 0-based body lines."""
        md = self._parser(options)
        env: dict[str, object] = {}
        tokens = md.parse(replace_emoji_codes(body), env)
        return split_blocks(md, tokens, env)

    def render_html(self, body: str, options: RenderOptions) -> str:
        """The whole body as one unsanitized HTML fragment."""
        return str(self._parser(options).render(replace_emoji_codes(body)))

    def _parser(self, options: RenderOptions) -> MarkdownIt:
        return build_parser(
            typographer=options.typographer, linkify=options.linkify, hooks=not self.spec_mode
        )


def create(*, spec_mode: bool) -> GoldmarkDialect:
    """The module's dialect (see :mod:`editor.core.render.dialects`)."""
    return GoldmarkDialect(spec_mode=spec_mode)


@lru_cache(maxsize=8)
def build_parser(*, typographer: bool, linkify: bool, hooks: bool) -> MarkdownIt:
    """A MarkdownIt configured like the site's Goldmark; built once per combination."""
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False, "typographer": typographer})
    md.enable("table")
    if typographer:
        md.enable("smartquotes")
        md.use(goldmark_typographer_plugin)
    if linkify:
        md.use(https_autolink_plugin)
    for plugin in (
        strikethrough_plugin,
        task_list_plugin,
        goldmark_footnote_plugin,
        deflist_plugin,
        heading_attributes_plugin,
        safe_links_plugin,
    ):
        md.use(plugin)
    if hooks:
        md.use(site_hooks_plugin)
    return md
