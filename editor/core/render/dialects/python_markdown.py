"""Python-Markdown as MkDocs Material configures it (the "python-markdown" dialect).

For sites built with Python-Markdown: MkDocs (with the Material theme and its blog plugin)
and Pelican. The extensions are the ones Material's documentation recommends and most
Material sites list under ``markdown_extensions``: ``abbr``, ``admonition``, ``attr_list``,
``def_list``, ``footnotes``, ``md_in_html``, ``tables``, ``toc`` (with permalinks) and
pymdown-extensions' ``betterem``, ``caret``, ``details``, ``emoji``, ``keys``, ``mark``,
``smartsymbols``, ``superfences``, ``tabbed`` (alternate style), ``tasklist`` and ``tilde``.
Fenced code is highlighted by :mod:`editor.core.render.highlight`, like every dialect's.
Emoji shortcodes become the emoji characters themselves (the site draws them as Twemoji
images fetched from a CDN; the preview fetches nothing).

Python-Markdown has no source map, so the body is cut into top-level chunks by a line scanner
(:mod:`editor.core.render.pymd.chunks`) and each chunk is converted on its own by one
``Markdown`` instance that keeps the document's state between chunks: reference links,
footnote and abbreviation definitions are collected from the whole body first (a block-level
pass), headings get ids unique in the whole document, and the footnotes are listed once, as
the last block. See docs/decisions/0013-python-markdown-dialect.md.

``RenderOptions.typographer`` and ``linkify`` do not apply: such a site turns them on with
extensions of its own (``smarty``, ``pymdownx.magiclink``), which this profile does not use.
"""

from __future__ import annotations

import copy
import re
import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import TocExtension
from pymdownx.emoji import EmojiExtension, to_alt, twemoji
from pymdownx.superfences import SuperFencesCodeExtension
from pymdownx.tabbed import TabbedExtension
from pymdownx.tasklist import TasklistExtension

from editor.core.render.blocks import RawBlock
from editor.core.render.model import RenderOptions
from editor.core.render.pymd.chunks import split_chunks
from editor.core.render.pymd.extensions import (
    FOOTNOTES_MARKER,
    ChunkState,
    StackedTabs,
    accept_fence_options,
    code_fence,
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]]*\]:")
_PLAIN_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "pymdownx.betterem",
    "pymdownx.caret",
    "pymdownx.details",
    "pymdownx.keys",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.tilde",
)


@dataclass(frozen=True, slots=True)
class PythonMarkdownDialect:
    """MkDocs Material's Python-Markdown. Thread-safe: each thread has its own converter."""

    spec_mode: bool = False
    name: str = "python-markdown"

    def render_blocks(self, body: str, options: RenderOptions) -> Sequence[RawBlock]:
        """The body's top-level blocks, unsanitized, with 0-based body lines."""
        return _converter(self.spec_mode).render_blocks(_LINE_BREAK.split(body))

    def render_html(self, body: str, options: RenderOptions) -> str:
        """The whole body as one unsanitized HTML fragment, converted in one piece."""
        md = _converter(self.spec_mode).whole
        md.reset()
        return md.convert(body)


def create(*, spec_mode: bool) -> PythonMarkdownDialect:
    """The module's dialect (see :mod:`editor.core.render.dialects`)."""
    return PythonMarkdownDialect(spec_mode=spec_mode)


_local = threading.local()


def _converter(spec_mode: bool) -> _Converter:
    """This thread's converter (Python-Markdown instances hold per-document state)."""
    converters: dict[bool, _Converter] = _local.__dict__.setdefault("converters", {})
    if spec_mode not in converters:
        converters[spec_mode] = _Converter(spec_mode)
    return converters[spec_mode]


class _Converter:
    """One Markdown instance and the state its chunks share."""

    def __init__(self, spec_mode: bool) -> None:
        self.state = ChunkState()
        self.footnotes = FootnoteExtension()
        self.fences = _fences(spec_mode)
        self.md = _markdown(spec_mode, self.footnotes, self.fences)
        self.state.install(self.md)
        #: A plain instance for converting a whole body in one piece.
        self.whole = _markdown(spec_mode, FootnoteExtension(), _fences(spec_mode))

    def render_blocks(self, source: list[str]) -> list[RawBlock]:
        self.md.reset()
        self.state.reset()
        lines, origins = self._preprocess(source)
        self._collect_definitions(lines)
        definitions = OrderedDict(self.footnotes.footnotes)
        blocks: list[RawBlock] = []
        previous_end = 0
        for chunk in split_chunks(lines):
            html = self._convert(lines[chunk.start : chunk.text_end])
            start = max(origins[chunk.start][0], previous_end)
            end = max(start, *(origin[1] for origin in origins[chunk.start : chunk.end]))
            if html:
                blocks.append(RawBlock(html + "\n", start, end))
                previous_end = end
        if definitions:
            blocks.append(self._footnotes_block(source, definitions, previous_end))
        return blocks

    def _preprocess(self, source: list[str]) -> tuple[list[str], list[tuple[int, int]]]:
        """The whole body through Python-Markdown's preprocessors, and where each line came from.

        Fenced code and raw HTML blocks become placeholder lines (their HTML waits in the
        instance's stash); ``origins[i]`` is the range of body lines that line ``i`` stands for
        (empty for a line the preprocessors added).
        """
        normalizer = self.md.preprocessors["normalize_whitespace"]
        normalized = normalizer.run(list(source))
        lines = normalized
        for preprocessor in self.md.preprocessors:
            if preprocessor is not normalizer:
                lines = preprocessor.run(lines)
        return lines, line_origins(normalized, lines, len(source))

    def _collect_definitions(self, lines: list[str]) -> None:
        """Read reference, footnote and abbreviation definitions from the whole body.

        Only the block parser runs (no inline work): it records the definitions in the
        instance, where every chunk's conversion finds them. What the parser changes in the
        stashes (``markdown="1"`` elements it fills in, fences it reverts to text) is put back.
        """
        html, fences = self.md.htmlStash, self.fences.stash
        saved_html, saved_fences = copy.deepcopy(html.rawHtmlBlocks), dict(fences.stash)
        self.md.parser.parseDocument(lines)
        html.rawHtmlBlocks, fences.stash = saved_html, saved_fences

    def _convert(self, lines: list[str]) -> str:
        """Python-Markdown's ``convert`` after its preprocessors, for lines already through them."""
        md = self.md
        root = md.parser.parseDocument(lines).getroot()
        if root is None:  # pragma: no cover - the parser always makes a root
            return ""
        for treeprocessor in md.treeprocessors:
            replaced = treeprocessor.run(root)
            if replaced is not None:
                root = replaced
        output = md.serializer(root)
        opening, closing = f"<{md.doc_tag}>", f"</{md.doc_tag}>"
        start, end = output.find(opening), output.rfind(closing)
        # (an empty document serializes as <div />)
        output = output[start + len(opening) : end].strip() if 0 <= start < end else ""
        for postprocessor in md.postprocessors:
            output = postprocessor.run(output)
        return output.strip()

    def _footnotes_block(
        self, source: list[str], definitions: OrderedDict[str, str], previous_end: int
    ) -> RawBlock:
        """The footnote list, numbered and linked as the chunks referred to the footnotes.

        Its lines run from the first footnote definition (or the end of the last block) to
        the end of the body.
        """
        self.footnotes.footnotes = definitions
        self.state.footnotes_wanted = True
        try:
            html = self._convert([FOOTNOTES_MARKER])
        finally:
            self.state.footnotes_wanted = False
        first = next((i for i, line in enumerate(source) if _FOOTNOTE_DEFINITION.match(line)), 0)
        last = max((i + 1 for i, line in enumerate(source) if line.strip()), default=0)
        start = max(first, previous_end)
        return RawBlock(html + "\n", start, max(start, last))


def line_origins(before: list[str], after: list[str], source_lines: int) -> list[tuple[int, int]]:
    """For each line of ``after``, the range of ``before`` lines it came from.

    ``after`` is ``before`` with some runs of lines replaced (by placeholders of stashed
    blocks) and blank lines added, everything else in order. Equal lines map to each other;
    where the two differ, the lines of ``after`` up to the next line found again further on
    in ``before`` all map to the run of ``before`` they replaced. Linear in the number of
    lines. Ranges are clamped to the first ``source_lines`` lines.
    """
    positions: dict[str, list[int]] = {}
    for index, line in enumerate(before):
        positions.setdefault(line, []).append(index)
    origins: list[tuple[int, int]] = []
    i = j = 0
    while j < len(after):
        if i < len(before) and before[i] == after[j]:
            origins.append((i, i + 1))
            i, j = i + 1, j + 1
        elif not after[j].strip():
            origins.append((i, i))  # a blank line the preprocessors added
            j += 1
        else:
            k, resumed = _next_anchor(after, j + 1, positions, i + 1)
            end = resumed
            while end > i + 1 and not before[end - 1].strip():
                end -= 1  # blank lines after a stashed block are not part of it
            origins.extend((i, end) for _ in range(j, k))
            i, j = resumed, k
    return [(min(a, source_lines), min(b, source_lines)) for a, b in origins]


def _next_anchor(
    after: list[str], start: int, positions: dict[str, list[int]], minimum: int
) -> tuple[int, int]:
    """The first non-blank line of ``after`` from ``start`` found in ``before`` at or past
    ``minimum``: its index in ``after`` and in ``before`` (both ends when there is none)."""
    for k in range(start, len(after)):
        found = positions.get(after[k]) if after[k].strip() else None
        if found:
            at = bisect_left(found, minimum)
            if at < len(found):
                return k, found[at]
    return len(after), max(minimum, max((p[-1] + 1 for p in positions.values()), default=0))


def _markdown(
    spec_mode: bool, footnotes: FootnoteExtension, fences: SuperFencesCodeExtension
) -> Markdown:
    extensions = [*_extensions(spec_mode), footnotes, fences]
    md = Markdown(extensions=extensions, output_format="html")
    if not spec_mode:
        md.treeprocessors.register(StackedTabs(md), "pw-stacked-tabs", 4)
    return md


def _extensions(spec_mode: bool) -> list[Extension | str]:
    return [
        *_PLAIN_EXTENSIONS,
        # no [TOC] marker: Material shows the table of contents beside the page
        TocExtension(permalink=not spec_mode, permalink_title="Permanent link", marker=""),
        EmojiExtension(emoji_index=twemoji, emoji_generator=to_alt),
        TabbedExtension(alternate_style=True),
        TasklistExtension(custom_checkbox=False),
    ]


def _fences(spec_mode: bool) -> SuperFencesCodeExtension:
    """SuperFences, with every fence highlighted by the preview's highlighter (not in specs)."""
    fence: dict[str, Any] = {
        "name": "*",
        "class": "highlight",
        "format": code_fence,
        "validator": accept_fence_options,
    }
    return SuperFencesCodeExtension(custom_fences=[] if spec_mode else [fence])
