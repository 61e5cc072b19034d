"""What the renderer hands to the preview: plain, immutable data (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.i18n import Message
from editor.core.source_files import SourceFiles


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render one document."""

    dialect: str = "goldmark"
    #: Remote images and embeds load only when the author allows it; otherwise a placeholder.
    allow_remote: bool = False
    typographer: bool = True
    linkify: bool = True
    #: Show the post's title, author, date, reading time and tags above the body, from the
    #: front matter, as the site does (``core/render/post_header.py``); for blog profiles.
    post_header: bool = False
    #: The post folder's ``files/`` (name, size in bytes), for the ``attachments`` shortcode.
    attachments: tuple[tuple[str, int], ...] = ()
    #: The post folder's ``data/`` files (name, text), for the ``csv-*`` shortcodes.
    data_files: tuple[tuple[str, str], ...] = ()
    #: The post's repository folder, for sites that pull other files into a page (Learn's
    #: includes and code samples, case-insensitive image paths); None: no files are read.
    source_files: SourceFiles | None = None
    #: The post's path inside that repository (``Community/x.md``); relative paths start there.
    document_path: str = ""
    #: Repository files the library does not hold, as (path, what it is): shown as the site's.
    repository_files: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    """One top-level block of the rendered body, already sanitized.

    ``html`` is the block's own HTML (a paragraph, a heading, a whole list, a table, a code
    block, the footnote section, or a raw HTML element together with the Markdown blocks it
    encloses), *not* wrapped: whoever shows it wraps each block in its own element, e.g.
    ``<div class="pw-block" data-line="S" data-line-end="E">`` (see ``render.page``).

    ``start_line``/``end_line`` are 0-based line numbers in the *whole* document text (front
    matter included), end exclusive, so the preview and the editor speak the same lines.
    Blocks come in document order and never overlap (``end_line`` of one block <= ``start_line``
    of the next); ``start_line == end_line`` only for a block without source lines of its own.
    ``key`` is a digest of ``html`` alone: the preview rebuilds a block only when its key changed,
    and a block that merely moved (lines inserted above it) keeps its element.
    """

    key: str
    html: str
    start_line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class RenderResult:
    """The rendered body of a document."""

    blocks: tuple[RenderedBlock, ...]
    #: A plain-language problem with the front matter (e.g. malformed YAML), or None.
    front_matter_problem: Message | None = None
    #: 0-based line of that problem in the whole document, when known.
    front_matter_problem_line: int | None = None
    #: Whether remote images and embeds were left in (``RenderOptions.allow_remote``); the page
    #: that shows the blocks needs it for its Content-Security-Policy.
    allow_remote: bool = False

    @property
    def html(self) -> str:
        """All blocks as one HTML fragment (for the standalone page)."""
        return "\n".join(block.html for block in self.blocks)
