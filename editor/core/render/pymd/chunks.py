"""Cutting a preprocessed Python-Markdown document into top-level chunks by its lines.

Python-Markdown keeps no source positions, so the ``python-markdown`` dialect renders a
document chunk by chunk. It first runs Python-Markdown's preprocessors over the whole document
(so fenced code and raw HTML blocks are found exactly as Python-Markdown finds them, and are
each one placeholder line), then cuts the resulting lines here. A chunk is a run of lines that
Python-Markdown's block parser takes as one or more complete top-level blocks, so parsing it
alone gives the HTML the whole document has there. The scanner follows the block parser's rules
wherever a cut would change the HTML, and otherwise errs on the side of larger chunks: a chunk
that holds two blocks renders them exactly as the whole document does, but a cut through one
structure does not.

* Blank lines separate chunks, except where Python-Markdown joins blocks across them: list
  items and the indented continuation of a list, admonition, details block, tab, footnote or
  definition; consecutive block quotes; consecutive indented code; the tabs of one set; a
  ``: definition`` after its term.
* An ATX heading is a chunk of its own, and an admonition, details or tab header starts a new
  chunk, where Python-Markdown splits a block too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum, auto


class Kind(Enum):
    """What a chunk ends with: decides what may join it after blank lines."""

    TEXT = auto()  # paragraphs, tables, setext headings, placeholders of code and HTML
    COMPLETE = auto()  # a heading: nothing joins it
    LIST = auto()
    QUOTE = auto()
    CODE = auto()  # indented code
    CONTAINER = auto()  # admonition or details: indented continuation
    TABBED = auto()  # a tab: indented continuation, and the next tab of the set
    FOOTNOTE = auto()  # footnote definitions: lazy lines, indented continuation
    DEFLIST = auto()  # a definition list: lazy lines, indented continuation, more terms


@dataclass(frozen=True, slots=True)
class Chunk:
    """Lines ``start`` to ``end`` (0-based, end exclusive) of the document; no blank edges.

    ``text_end`` (>= ``end``) is where the chunk's text ends: footnote definitions after the
    last block are rendered with it (they show nothing there) but are not its lines.
    """

    start: int
    end: int
    text_end: int = -1

    def __post_init__(self) -> None:
        if self.text_end < self.end:
            object.__setattr__(self, "text_end", self.end)


_ATX = re.compile(r"^#{1,6}")
_HEADER = re.compile(r"^(?:!!!|\?\?\?\+?) ?[\w-]|^===[+!]{0,2} +\"")
_TAB = re.compile(r"^===[+!]{0,2} +\"")
_NEW_TAB_SET = re.compile(r"^===\+?!")
#: A horizontal rule, or the underline of a setext heading: the next line starts a block.
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ ]{0,2}){3,}|(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|=+)[ \t]*$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t]+\S")
_QUOTE = re.compile(r"^ {0,3}>")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]*\]:")
_DEFINITION = re.compile(r"^ {0,3}:[ \t]+\S")
_INDENTED = re.compile(r"^(?: {4}|\t| {0,3}\t)")
#: A reference link or abbreviation definition.
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]^][^\]]*\]:|^\*\[[^\]]*\][ ]*:")
#: Kinds whose block ends at the first line that is not indented (Python-Markdown's ``detab``).
_DETABBED = frozenset({Kind.CODE, Kind.CONTAINER, Kind.TABBED})
#: Kinds that take an indented block after blank lines as their own continuation.
_TAKES_INDENTED = frozenset(
    {Kind.LIST, Kind.CODE, Kind.CONTAINER, Kind.TABBED, Kind.FOOTNOTE, Kind.DEFLIST}
)


def split_chunks(lines: Sequence[str]) -> list[Chunk]:
    """The top-level chunks of a document given as its lines (no line endings)."""
    return _Scanner(lines).run()


def _blank(line: str) -> bool:
    return not line.strip()


class _Scanner:
    """One pass over the lines; ``_chunks`` grows as chunks close."""

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._chunks: list[Chunk] = []
        self._start = 0
        self._end = 0  # exclusive end of the open chunk; == _start when none is open
        self._content_end = 0  # the end without trailing definitions (they render nothing)
        self._kind = Kind.TEXT
        #: What came before a run of footnote definitions: later blocks may still join it.
        self._under: Kind | None = None
        self._fresh = False  # the next line of the run starts a new block in the chunk

    def run(self) -> list[Chunk]:
        for index, line in enumerate(self._lines):
            if not _blank(line):
                self._take(index, line)
        self._close()
        return self._chunks

    # -- one non-blank line ------------------------------------------------------------------

    def _take(self, index: int, line: str) -> None:
        """Place the line at ``index`` in a chunk."""
        is_open = self._end > self._start
        if is_open and self._end == index:  # the line continues the open run
            if self._splits_run(line):
                self._close()
                self._open(index, line)
            else:
                self._extend(index, line)
        elif is_open and self._joins_after_blank(index, line):
            self._join(index, line)
        else:
            self._close()
            self._open(index, line)

    def _splits_run(self, line: str) -> bool:
        """Whether Python-Markdown starts a new top-level block at this line of a run.

        (A quote line after a paragraph starts one too, but not after a table, which takes
        it as a row: the chunk goes on, and ends with a quote.)
        """
        if self._kind is Kind.TABBED and _TAB.match(line) and not _NEW_TAB_SET.match(line):
            return False  # the next tab of the same set
        if _DEFINITION.match(line):
            return False  # a definition needs the block before it (its terms, or none)
        return self._kind is Kind.COMPLETE or bool(_ATX.match(line) or _HEADER.match(line))

    def _joins_after_blank(self, index: int, line: str) -> bool:
        """Whether the first line after blank lines still belongs to the open chunk."""
        if _DEFINITION.match(line) or _LINK_DEFINITION.match(line) or _FOOTNOTE.match(line):
            return True  # definitions render nothing, or need the block before as terms
        kinds = {self._kind, self._under}
        if _INDENTED.match(line):
            return not kinds.isdisjoint(_TAKES_INDENTED)
        if _TAB.match(line):
            return Kind.TABBED in kinds
        if _LIST_ITEM.match(line):
            return Kind.LIST in kinds
        if _QUOTE.match(line):
            return Kind.QUOTE in kinds
        return Kind.DEFLIST in kinds and self._run_has_definition(index)

    def _run_has_definition(self, index: int) -> bool:
        """Whether the run of lines from ``index`` has a ``: definition`` (more of a list)."""
        for line in self._lines[index:]:
            if _blank(line):
                return False
            if _DEFINITION.match(line):
                return True
        return False

    def _open(self, index: int, line: str) -> None:
        """Start a chunk at ``index``."""
        self._start = self._end = self._content_end = index
        self._kind, self._under, self._fresh = _opening_kind(line), None, False
        self._extend(index, line)
        if _ATX.match(line):
            self._kind = Kind.COMPLETE

    def _join(self, index: int, line: str) -> None:
        """Add the first line after blank lines to the open chunk, as a block of its own."""
        footnote = self._kind is Kind.FOOTNOTE
        if _FOOTNOTE.match(line):
            self._under = self._under if footnote else self._kind
        elif not (footnote and _INDENTED.match(line)):
            if self._under is not None and self._kind is Kind.FOOTNOTE:
                self._kind = self._under  # the block continues what the footnotes interrupted
            self._under = None
        self._extend(index, line, after_blank=True)

    def _extend(self, index: int, line: str, *, after_blank: bool = False) -> None:
        """Add the line at ``index`` to the open chunk, and note what the chunk now ends with.

        A reference definition renders nothing and changes nothing, but the line after it
        starts a new block, as does a line that ends indented code, an admonition or a tab
        by not being indented. Such lines stay in the chunk (cutting there can differ:
        SuperFences reverts a fence that ends up in indented code).
        """
        self._end = index + 1
        if _LINK_DEFINITION.match(line) or (_RULE.match(line) and not after_blank):
            self._fresh = self._kind not in (Kind.LIST, Kind.QUOTE)
            if self._kind is not Kind.FOOTNOTE:
                self._content_end = index + 1
            return
        ends_detabbed = self._kind in _DETABBED and not _INDENTED.match(line)
        if (self._fresh or ends_detabbed) and not after_blank:
            self._kind = _opening_kind(line)
        self._fresh = False
        self._kind = _kind_after(self._kind, line, after_blank=after_blank)
        if self._kind is not Kind.FOOTNOTE:
            self._content_end = index + 1

    def _close(self) -> None:
        if self._end > self._start:
            end = self._content_end if self._content_end > self._start else self._end
            self._chunks.append(Chunk(self._start, end, self._end))
        self._start = self._content_end = self._end


def _opening_kind(line: str) -> Kind:
    if _HEADER.match(line):
        return Kind.TABBED if _TAB.match(line) else Kind.CONTAINER
    if _INDENTED.match(line):
        return Kind.CODE
    if _LIST_ITEM.match(line):
        return Kind.LIST
    if _QUOTE.match(line):
        return Kind.QUOTE
    if _FOOTNOTE.match(line):
        return Kind.FOOTNOTE
    return Kind.TEXT


#: Lines that start a structure of their own inside a run, and the kind it gives the chunk.
_STARTS = ((_QUOTE, Kind.QUOTE), (_FOOTNOTE, Kind.FOOTNOTE), (_DEFINITION, Kind.DEFLIST))


def _kind_after(kind: Kind, line: str, *, after_blank: bool) -> Kind:
    """The kind of a chunk after ``line`` was added to a chunk of ``kind``.

    In a list or a quote, lazy lines, footnotes and definitions belong to it, unless they
    come after blank lines.
    """
    if kind in (Kind.LIST, Kind.QUOTE) and not after_blank:
        return kind
    for pattern, started in _STARTS:
        if pattern.match(line):
            return started
    return kind
