"""Incremental rendering: after an edit, re-render only the top-level blocks it touched.

:class:`IncrementalRenderer` remembers the last text it rendered and its blocks. For the next
text it finds the lines that changed (common prefix and suffix), takes the blocks those lines
touch plus one unchanged *anchor* block on each side, renders just that slice of the body with
the document's own dialect, and splices the new blocks between the cached ones (blocks after
the edit only move by the number of lines inserted or removed). It sits above the dialects and
knows nothing of their internals, so the result is always what :func:`render_document` gives.

A slice rendered on its own is only equal to the same lines rendered in the whole document when
nothing outside the slice changes how it renders, and when the edit cannot change how the rest
of the document is cut into blocks. So the whole document is rendered again when:

- it is the first render, the options changed, the front matter changed, or the text has
  carriage returns;
- the document has (or the edit adds or removes) constructs that reach across blocks:
  reference definitions, footnotes, abbreviations, a ``[TOC]`` marker, Hugo shortcodes,
  Learn's ``:::`` containers, zones and tabs, Python-Markdown's stacked tabs;
- the edit touches a Learn include, or, in a document with includes (whose files may define
  references), the slice has brackets that could be a reference link;
- the edit adds, removes or changes a heading (heading ids are made unique over the whole
  document), or the edited blocks hold a raw HTML block (whose element may enclose others);
- the anchors do not come back unchanged, at the same lines: the edit changed where blocks
  begin or end outside the slice (an unclosed fence, a list swallowing its neighbour, a
  paragraph turned into a setext heading, ...).

The tests check that incremental and full renders are identical for every post in the corpus
and for random edit sequences, in every dialect.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

from editor.core.front_matter import FrontMatterSplit, split_front_matter
from editor.core.render.blocks import RawBlock
from editor.core.render.dialects import get_dialect
from editor.core.render.document import _finish as finish_block
from editor.core.render.document import render_document
from editor.core.render.model import RenderedBlock, RenderOptions, RenderResult
from editor.core.render.post_header import post_header_html

#: Constructs whose effect reaches beyond their own block (see the module docstring). Loose on
#: purpose: a false alarm only costs a full render.
_REACHES_ACROSS_BLOCKS = re.compile(
    r"\]:"  # reference, footnote and abbreviation definitions
    r"|\[\^"  # footnote references
    r"|\[TOC\]"  # Python-Markdown's table of contents
    r"|\{\{[<%]"  # Hugo shortcodes (paired ones enclose other blocks)
    r"|:::"  # Learn's containers, zones, monikers, rows and columns
    r"|#tab/"  # Learn's tabs
    r"|^ *===\+? ",  # Python-Markdown's (stacked) tabs
    re.IGNORECASE | re.MULTILINE,
)
#: Learn's includes: the included file is parsed into the same document, so its reference
#: definitions apply everywhere. Beside an include, a slice is only rendered alone when it has
#: no include itself and no brackets but those of inline links, images and ``[!...]`` markers.
_INCLUDE = re.compile(r"\[!include", re.IGNORECASE)
_INLINE_LINK_OR_MARKER = re.compile(r"!?\[[^\[\]]*\]\(|\[!")
#: A line that may start a raw HTML block.
_HTML_LINE = re.compile(r"^ {0,3}<", re.MULTILINE)
#: Dialects that find fenced code and raw HTML over the whole document before cutting it into
#: blocks (Python-Markdown's preprocessors): an opening fence far above can pair with a line
#: inside the slice, so for them fences and HTML reach across blocks too.
_WHOLE_DOCUMENT_PREPROCESSING = frozenset({"python-markdown"})
_FENCE_OR_HTML_LINE = re.compile(r"^ *(?:```|~~~|<)", re.MULTILINE)
_HEADING = re.compile(r"<h[1-6][\s>]")
#: Characters compared at a time when looking for the first and last difference.
_CHUNK = 4096


@dataclass(frozen=True, slots=True)
class _Rendered:
    """The last render: what it was made from and what it gave."""

    text: str
    options: RenderOptions
    split: FrontMatterSplit
    body_lines: list[str]
    #: The body's blocks (the post header left out), in whole-document lines.
    blocks: tuple[RenderedBlock, ...]
    result: RenderResult
    #: Whether the text has constructs that reach across blocks: then every render is full.
    reaches_across: bool
    #: Whether the text includes other files (Learn's ``[!INCLUDE]``).
    has_includes: bool


class IncrementalRenderer:
    """Renders successive versions of one document, re-rendering only what an edit touched.

    Thread-safe (renders are serialized). ``full_renders`` and ``incremental_renders`` count
    how each render was made, for benchmarks and tests.
    """

    def __init__(self) -> None:
        self._last: _Rendered | None = None
        self._lock = threading.Lock()
        self.full_renders = 0
        self.incremental_renders = 0

    def render(self, text: str, options: RenderOptions) -> RenderResult:
        """What :func:`render_document` returns for ``text``, made from the last render."""
        with self._lock:
            last = self._last
            split = split_front_matter(text)
            rendered = None
            if last is not None and last.text == text and last.options == options:
                return last.result
            if last is not None and _may_reuse(last, text, options, split):
                rendered = _render_incrementally(last, text, options, split)
            if rendered is None:
                rendered = _render_fully(text, options, split)
                self.full_renders += 1
            else:
                self.incremental_renders += 1
            self._last = rendered
            return rendered.result

    def forget(self) -> None:
        """Drop the cached render (the next render is a full one)."""
        with self._lock:
            self._last = None


def _may_reuse(last: _Rendered, text: str, options: RenderOptions, split: FrontMatterSplit) -> bool:
    return (
        not last.reaches_across
        and options == last.options
        and "\r" not in text
        and split.raw == last.split.raw
        and split.closed == last.split.closed
        and (split.raw is not None or split.closed)  # an unclosed one depends on the body
        and split.body_start_line == last.split.body_start_line
    )


def _render_fully(text: str, options: RenderOptions, split: FrontMatterSplit) -> _Rendered:
    result = render_document(text, options)
    blocks = result.blocks[1:] if options.post_header else result.blocks
    return _Rendered(
        text=text,
        options=options,
        split=split,
        body_lines=split.body.split("\n"),
        blocks=blocks,
        result=result,
        reaches_across=_reaches_across(text, options),
        has_includes=_INCLUDE.search(text) is not None,
    )


def _reaches_across(text: str, options: RenderOptions) -> bool:
    """Whether ``text`` (a document, or the lines an edit changed) has cross-block constructs."""
    if _REACHES_ACROSS_BLOCKS.search(text):
        return True
    preprocessed = options.dialect in _WHOLE_DOCUMENT_PREPROCESSING
    return preprocessed and _FENCE_OR_HTML_LINE.search(text) is not None


@dataclass(frozen=True, slots=True)
class _Edit:
    """The changed lines of the body: ``[start, old_end)`` became ``[start, new_end)``."""

    start: int
    old_end: int
    new_end: int

    @property
    def shift(self) -> int:
        return self.new_end - self.old_end


def _render_incrementally(
    last: _Rendered, text: str, options: RenderOptions, split: FrontMatterSplit
) -> _Rendered | None:
    """The new render made from ``last``, or None when only a full render is right."""
    new_lines = split.body.split("\n")
    edit = _changed_lines(last.body_lines, new_lines)
    new_text = "\n".join(new_lines[edit.start : edit.new_end])
    if _reaches_across(new_text, options):
        return None
    offset = split.body_start_line
    blocks = last.blocks
    first, last_index = _touched_blocks(blocks, edit.start + offset, edit.old_end + offset)
    low = first - 1  # the anchors: unchanged blocks that must render as before
    high = last_index + 1
    slice_start = blocks[low].start_line - offset if low >= 0 else 0
    slice_end = blocks[high].end_line - offset + edit.shift if high < len(blocks) else None
    old_headings = _headings(blocks[first : last_index + 1])
    end = len(new_lines) if slice_end is None else slice_end
    source = "\n".join(new_lines[slice_start:end]) + ("\n" if end < len(new_lines) else "")
    if not _renders_alone(source, new_text, _old_source(last, first, last_index), last):
        return None
    raw = get_dialect(options.dialect).render_blocks(source, options)
    fresh = [finish_block(block, offset + slice_start, options) for block in raw]
    if not _anchors_agree(fresh, blocks, low, high, edit.shift):
        return None
    middle = fresh[(1 if low >= 0 else 0) : (len(fresh) - 1 if high < len(blocks) else None)]
    if _headings(middle) != old_headings:
        return None
    new_blocks = (*blocks[: max(low, 0)], *fresh, *_moved(blocks[high + 1 :], edit))
    return _Rendered(
        text=text,
        options=options,
        split=split,
        body_lines=new_lines,
        blocks=new_blocks,
        result=replace(last.result, blocks=_with_header(new_blocks, text, options, split)),
        reaches_across=False,
        has_includes=last.has_includes,
    )


def _renders_alone(source: str, new_text: str, old_source: str, last: _Rendered) -> bool:
    """Whether the slice ``source`` may be rendered on its own, by what its text holds.

    ``new_text`` are the changed lines, ``old_source`` the touched blocks before the edit:
    together, what lies between the anchors (the anchors are checked by rendering them).
    """
    if _HTML_LINE.search(source) or _HTML_LINE.search(old_source):
        return False
    if _INCLUDE.search(new_text) or _INCLUDE.search(old_source):
        return False
    return not last.has_includes or all(map(_no_references, (new_text, old_source)))


def _no_references(source: str) -> bool:
    """Whether ``source`` surely uses no reference link (every ``[`` opens an inline link,
    an image or a ``[!...]`` marker)."""
    return "[" not in _INLINE_LINK_OR_MARKER.sub("", source)


def _headings(blocks: Sequence[RenderedBlock]) -> list[str]:
    """The blocks that hold a heading. Heading ids are unique per document, so an edit that
    adds, removes or changes a heading needs a full render; one next to a heading does not."""
    return [block.html for block in blocks if _HEADING.search(block.html)]


def _changed_lines(old: list[str], new: list[str]) -> _Edit:
    """The lines that differ between ``old`` and ``new`` (common prefix and suffix kept)."""
    limit = min(len(old), len(new))
    start = _common_prefix(old, new, limit)
    suffix = _common_prefix(old[::-1], new[::-1], limit - start)
    return _Edit(start, len(old) - suffix, len(new) - suffix)


def _common_prefix(old: list[str], new: list[str], limit: int) -> int:
    """How many leading items ``old`` and ``new`` share (at most ``limit``), in big steps."""
    index = 0
    while index + _CHUNK <= limit and old[index : index + _CHUNK] == new[index : index + _CHUNK]:
        index += _CHUNK
    while index < limit and old[index] == new[index]:
        index += 1
    return index


def _touched_blocks(blocks: tuple[RenderedBlock, ...], start: int, end: int) -> tuple[int, int]:
    """Indexes of the first and last block overlapping or adjacent to lines ``[start, end)``.

    With no such block (an edit in blank lines between two blocks), the pair brackets the gap:
    ``last < first``, and both neighbours become anchors.
    """
    first = 0
    while first < len(blocks) and blocks[first].end_line < start:
        first += 1
    last = len(blocks) - 1
    while last >= 0 and blocks[last].start_line > end:
        last -= 1
    return first, max(last, first - 1)


def _old_source(last: _Rendered, first: int, last_index: int) -> str:
    """The old text of the touched blocks (empty when none)."""
    if last_index < first:
        return ""
    offset = last.split.body_start_line
    start = last.blocks[first].start_line - offset
    end = last.blocks[last_index].end_line - offset
    return "\n".join(last.body_lines[start:end])


def _anchors_agree(
    fresh: list[RenderedBlock],
    blocks: tuple[RenderedBlock, ...],
    low: int,
    high: int,
    shift: int,
) -> bool:
    """Whether the slice's first and last blocks are the old anchors, unchanged, in place."""
    need = (low >= 0) + (high < len(blocks))
    if len(fresh) < need:
        return False
    if low >= 0 and not _same(fresh[0], blocks[low], 0):
        return False
    return not (high < len(blocks) and not _same(fresh[-1], blocks[high], shift))


def _same(fresh: RenderedBlock, old: RenderedBlock, shift: int) -> bool:
    return (
        fresh.key == old.key
        and fresh.start_line == old.start_line + shift
        and fresh.end_line == old.end_line + shift
    )


def _moved(blocks: tuple[RenderedBlock, ...], edit: _Edit) -> tuple[RenderedBlock, ...]:
    """``blocks`` (all after the edit) moved by the number of lines it added or removed."""
    shift = edit.shift
    if not shift:
        return blocks
    return tuple(
        RenderedBlock(b.key, b.html, b.start_line + shift, b.end_line + shift) for b in blocks
    )


def _with_header(
    body_blocks: tuple[RenderedBlock, ...],
    text: str,
    options: RenderOptions,
    split: FrontMatterSplit,
) -> tuple[RenderedBlock, ...]:
    if not options.post_header:
        return body_blocks
    header = RawBlock(post_header_html(text, split), 0, split.body_start_line)
    return (finish_block(header, 0, options), *body_blocks)
