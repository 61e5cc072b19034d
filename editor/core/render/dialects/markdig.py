"""Microsoft Learn's Markdig with DocFX's extensions (the "markdig" dialect).

Learn renders CommonMark through Markdig with pipe tables, strikethrough, task lists,
footnotes, definition lists, automatic links and GitHub-style heading ids (made from the
heading's text), plus Learn's own extensions: alerts, includes, ``:::image:::``,
``:::code:::``, tabs, zone pivots, monikers, rows and columns, ``[!div]``, videos,
``:::no-loc:::``, xref links and the older ``[!code-…]`` snippets
(:mod:`editor.core.render.learn`; decision 0012). Learn has no typographer: quotes stay
straight. Code is shown as Learn shows it, ``<pre><code class="lang-x">`` under a header
naming the language.

markdown-it-py's ``commonmark`` preset is the base, as for the ``goldmark`` dialect. Files the
page pulls in come from ``RenderOptions.source_files``, relative to
``RenderOptions.document_path``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.deflist import deflist_plugin

from editor.core.render.blocks import RawBlock, split_blocks
from editor.core.render.learn.blockquotes import blockquote_plugin
from editor.core.render.learn.code import code_block_html
from editor.core.render.learn.context import new_env
from editor.core.render.learn.headings import heading_ids_plugin
from editor.core.render.learn.includes import include_plugin
from editor.core.render.learn.inline import inline_plugin
from editor.core.render.learn.legacy_code import legacy_code_plugin
from editor.core.render.learn.tabs import tabs_plugin
from editor.core.render.learn.triple_colon import triple_colon_plugin
from editor.core.render.mdit.footnotes import goldmark_footnote_plugin
from editor.core.render.mdit.inline_rules import (
    https_autolink_plugin,
    safe_links_plugin,
    strikethrough_plugin,
    task_list_plugin,
)
from editor.core.render.model import RenderOptions


@dataclass(frozen=True, slots=True)
class MarkdigDialect:
    """Learn's Markdig. Thread-safe: the parser is shared, per-render state lives in ``env``."""

    spec_mode: bool = False
    name: str = "markdig"

    def render_blocks(self, body: str, options: RenderOptions) -> Sequence[RawBlock]:
        """The body's top-level blocks, unsanitized, with 0-based body lines."""
        md = build_parser(hooks=not self.spec_mode)
        env = new_env(options.source_files, options.document_path, options.repository_files)
        return split_blocks(md, md.parse(body, env), env)

    def render_html(self, body: str, options: RenderOptions) -> str:
        """The whole body as one unsanitized HTML fragment."""
        md = build_parser(hooks=not self.spec_mode)
        return str(
            md.render(
                body, new_env(options.source_files, options.document_path, options.repository_files)
            )
        )


def create(*, spec_mode: bool) -> MarkdigDialect:
    """The module's dialect (see :mod:`editor.core.render.dialects`)."""
    return MarkdigDialect(spec_mode=spec_mode)


@lru_cache(maxsize=2)
def build_parser(*, hooks: bool) -> MarkdownIt:
    """A MarkdownIt configured like Learn's Markdig; ``hooks=False`` is plain CommonMark."""
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False, "typographer": False})
    if not hooks:
        return md
    md.enable("table")
    for plugin in (
        https_autolink_plugin,
        strikethrough_plugin,
        task_list_plugin,
        goldmark_footnote_plugin,
        deflist_plugin,
        include_plugin,
        legacy_code_plugin,
        triple_colon_plugin,
        blockquote_plugin,
        tabs_plugin,
        heading_ids_plugin,
        inline_plugin,
        safe_links_plugin,
    ):
        md.use(plugin)
    md.add_render_rule("fence", _render_fence)
    return md


def _render_fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    info = unescapeAll(token.info).strip()
    language = (info.split(maxsplit=1) or [""])[0]
    return code_block_html(token.content, language)
