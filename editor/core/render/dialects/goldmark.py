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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin

from editor.core.render.blocks import RawBlock, split_blocks
from editor.core.render.emoji_codes import replace_emoji_codes
from editor.core.render.hugo import Expansion, ShortcodeContext, expand_shortcodes, has_shortcodes
from editor.core.render.mdit.footnotes import goldmark_footnote_plugin
from editor.core.render.mdit.goldmark_quotes import goldmark_quotes_plugin
from editor.core.render.mdit.headings import heading_attributes_plugin
from editor.core.render.mdit.inline_rules import (
    https_autolink_plugin,
    safe_links_plugin,
    strikethrough_plugin,
    task_list_plugin,
)
from editor.core.render.mdit.site_hooks import BUNDLE_FILE_EXISTS, site_hooks_plugin
from editor.core.render.mdit.typographer import goldmark_typographer_plugin
from editor.core.render.model import RenderOptions
from editor.core.source_files import join_repository_path

_LONE_PARAGRAPH = re.compile(r"<p>((?:(?!<p[ >]).)*)</p>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class GoldmarkDialect:
    """pnp/blog's Hugo + Goldmark. Thread-safe: parsers are shared, state lives in ``env``."""

    spec_mode: bool = False
    name: str = "goldmark"

    def render_blocks(self, body: str, options: RenderOptions) -> Sequence[RawBlock]:
        """The body's top-level blocks, unsanitized, with 0-based body lines.

        Shortcodes run first, as in Hugo (:mod:`editor.core.render.hugo`); each block then
        gets the HTML of the calls it holds.
        """
        md = self._parser(options)
        expansion = self._expand(md, body, options)
        env: dict[str, object] = _env(options)
        tokens = md.parse(replace_emoji_codes(expansion.text), env)
        blocks = split_blocks(md, tokens, env)
        if not expansion.replacements:
            return blocks
        return [
            RawBlock(expansion.apply(b.html), b.start_line, expansion.end_line(b.html, b.end_line))
            for b in blocks
        ]

    def render_html(self, body: str, options: RenderOptions) -> str:
        """The whole body as one unsanitized HTML fragment."""
        md = self._parser(options)
        expansion = self._expand(md, body, options)
        rendered = md.render(replace_emoji_codes(expansion.text), _env(options))
        return expansion.apply(str(rendered))

    def _parser(self, options: RenderOptions) -> MarkdownIt:
        return build_parser(
            typographer=options.typographer, linkify=options.linkify, hooks=not self.spec_mode
        )

    def _expand(self, md: MarkdownIt, body: str, options: RenderOptions) -> Expansion:
        """``body`` with its shortcodes swapped for placeholders (none in spec mode)."""
        if self.spec_mode or not has_shortcodes(body):
            return Expansion(body)

        def markdownify(text: str) -> str:
            """Hugo's ``markdownify``: a lone paragraph loses its ``<p>``."""
            html = self.render_html(text, options).strip()
            lone = _LONE_PARAGRAPH.fullmatch(html)
            return lone.group(1) if lone else html

        def read_post_file(path: str) -> str | None:
            files = options.source_files
            target = join_repository_path(options.document_path, path)
            return files.read_text(target) if files is not None and target else None

        def context() -> ShortcodeContext:
            return ShortcodeContext(
                markdownify=markdownify,
                allow_remote=options.allow_remote,
                attachments=options.attachments,
                data_files=options.data_files,
                read_post_file=read_post_file,
            )

        return expand_shortcodes(md, body, context)


def _env(options: RenderOptions) -> dict[str, object]:
    """A fresh markdown-it ``env``; it tells the image hook which files the post has."""
    files, document = options.source_files, options.document_path
    if files is None:
        return {}

    def exists(src: str) -> bool:
        target = join_repository_path(document, src)
        return target is not None and files.find_file(target) is not None

    return {BUNDLE_FILE_EXISTS: exists}


def create(*, spec_mode: bool) -> GoldmarkDialect:
    """The module's dialect (see :mod:`editor.core.render.dialects`)."""
    return GoldmarkDialect(spec_mode=spec_mode)


@lru_cache(maxsize=8)
def build_parser(*, typographer: bool, linkify: bool, hooks: bool) -> MarkdownIt:
    """A MarkdownIt configured like the site's Goldmark; built once per combination."""
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False, "typographer": typographer})
    md.enable("table")
    if typographer:
        md.use(goldmark_typographer_plugin)
        md.use(goldmark_quotes_plugin)
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
