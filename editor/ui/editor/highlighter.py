"""Syntax colouring for Markdown with YAML front matter and Hugo shortcodes.

:class:`QSyntaxHighlighter` re-highlights only the blocks (lines) that changed, and carries on
to the next block only while a block's end *state* changes. The states here record what a line
leaves open: the front matter, a fenced code block (with its fence), an HTML comment or a
shortcode that runs on. Typing inside a paragraph therefore re-highlights one line.

Setext headings are the one construct where a line's look depends on the line *below* it;
:meth:`MarkdownHighlighter._on_document_contents_change` re-highlights that neighbour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import chain, pairwise
from typing import Protocol

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockUserData,
    QTextCharFormat,
    QTextDocument,
)

from editor.core.text.markdown_spans import (
    STYLE_PRIORITY,
    Span,
    block_spans,
    closes_fence,
    continuation_spans,
    fence_opening,
    front_matter_spans,
    inline_spans,
    is_paragraph_line,
    is_setext_underline,
)
from editor.core.text.spelling import prose_words
from editor.core.text.utf16 import Utf16Map
from editor.ui.theme import EditorColors, editor_colors

# Block states: the low four bits say what a line leaves open (its kind), the rest add detail.
# -1 (Qt's "no state") is an ordinary line, so editing plain text never cascades.
_NORMAL = -1
_KIND_NORMAL = 0
_FRONT_MATTER = 1
_FENCE = 2  # | _TILDE_BIT for a "~" fence | fence length << 5
_CONTINUATION_STATE = {"comment": 3, "shortcode_angle": 4, "shortcode_percent": 5}
_CONTINUATION_OF_STATE = {state: name for name, state in _CONTINUATION_STATE.items()}
_KIND_MASK = 0xF
_TILDE_BIT = 1 << 4
_PARAGRAPH_BIT = 1 << 13  # a plain paragraph line (a setext underline may follow)
_SETEXT_TEXT_BIT = 1 << 14  # a paragraph line coloured as a setext heading

_RANK = {style: rank for rank, style in enumerate(STYLE_PRIORITY)}
#: Styles whose text is not prose: spelling is not checked there.
_NOT_PROSE = frozenset(
    {"code", "code_block", "code_fence", "code_info", "link_url", "autolink", "html"}
    | {"comment", "shortcode", "footnote", "image", "fm_key", "fm_fence", "fm_comment", "rule"}
)
#: Front matter values that are prose (the rest are names, dates, paths, ids).
_PROSE_KEYS = frozenset({"title", "summary", "description"})
MISSPELLED_COLOR = "#e53935"


class SpellingData(QTextBlockUserData):
    """The misspelt words of one line, as ``(start, end, word)`` with Python indices."""

    def __init__(self, words: list[tuple[int, int, str]]) -> None:
        super().__init__()
        self.words = words


def misspelled_words(block: QTextBlock) -> list[tuple[int, int, str]]:
    """The misspelt words the highlighter found in ``block`` (none when not checked)."""
    data = block.userData()
    return data.words if isinstance(data, SpellingData) else []


class SpellCheck(Protocol):
    """What the highlighter needs to underline misspelt words."""

    def is_correct(self, word: str) -> bool:
        """Whether ``word`` is spelt right."""
        ...


_MERGE_LIMIT = 48  # beyond this many spans on one line, overlapping styles are not blended


def _kind(state: int) -> int:
    return state & _KIND_MASK if state >= 0 else _KIND_NORMAL


def _has(state: int, bit: int) -> bool:
    return state >= 0 and bool(state & bit)


def _fence_state(char: str, length: int) -> int:
    return _FENCE | (_TILDE_BIT if char == "~" else 0) | (min(length, 255) << 5)


def _fence_of_state(state: int) -> tuple[str, int]:
    return ("~" if state & _TILDE_BIT else "`"), state >> 5


def is_fenced_code_line(block: QTextBlock) -> bool:
    """Whether ``block`` lies inside a fenced code block (its closing fence included)."""
    previous = block.previous()
    return previous.isValid() and _kind(previous.userState()) == _FENCE


def is_front_matter_line(block: QTextBlock) -> bool:
    """Whether ``block`` lies inside the front matter (its closing fence included)."""
    previous = block.previous()
    return previous.isValid() and _kind(previous.userState()) == _FRONT_MATTER


def _segments(spans: Sequence[Span]) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Split overlapping spans into runs, each with the styles covering it, weakest first."""
    points = sorted({point for start, end, _ in spans for point in (start, end)})
    for start, end in pairwise(points):
        styles = {style for s, e, style in spans if s <= start and end <= e}
        if styles:
            yield start, end, tuple(sorted(styles, key=_RANK.__getitem__))


def _disjoint(spans: Sequence[Span]) -> bool:
    """Whether no two spans overlap (then no styles need blending)."""
    if len(spans) < 2:
        return True
    ordered = sorted(spans)
    return all(left[1] <= right[0] for left, right in pairwise(ordered))


def _char_format(
    color: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    strike: bool = False,
    background: str | None = None,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if background:
        fmt.setBackground(QColor(background))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if strike:
        fmt.setFontStrikeOut(True)
    return fmt


def build_formats(c: EditorColors) -> dict[str, QTextCharFormat]:
    """The character format of every style in :data:`STYLE_PRIORITY`."""
    return {
        "fm_fence": _char_format(c.front_matter_fence, bold=True),
        "fm_key": _char_format(c.front_matter_key),
        "fm_value": _char_format(c.front_matter_value),
        "fm_comment": _char_format(c.front_matter_comment, italic=True),
        "code_block": _char_format(c.code),
        "code_fence": _char_format(c.code_fence),
        "code_info": _char_format(c.code_fence, italic=True),
        "quote_text": _char_format(c.quote),
        "heading": _char_format(c.heading, bold=True),
        "link_text": _char_format(c.link_text),
        "strong": _char_format(bold=True),
        "emphasis": _char_format(italic=True),
        "strike": _char_format(c.strikethrough, strike=True),
        "rule": _char_format(c.code_fence, bold=True),
        "list_marker": _char_format(c.list_marker, bold=True),
        "quote_marker": _char_format(c.quote, bold=True),
        "heading_marker": _char_format(c.heading, bold=True),
        "link_url": _char_format(c.link_url),
        "image": _char_format(c.image),
        "footnote": _char_format(c.footnote),
        "html": _char_format(c.html),
        "autolink": _char_format(c.link_text),
        "comment": _char_format(c.comment, italic=True),
        "shortcode": _char_format(c.shortcode),
        "code": _char_format(c.code, background=c.code_background),
    }


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours a Markdown document in the light or dark editor palette."""

    #: Lines re-checked for spelling at once (about a screenful), then per event-loop turn.
    RECHECK_FIRST = 80
    RECHECK_SLICE = 150

    def __init__(
        self,
        document: QTextDocument,
        *,
        dark: bool = False,
        first_visible: Callable[[], int] = lambda: 0,
    ) -> None:
        """``first_visible``: the number of the first line on screen (re-checked first)."""
        super().__init__(document)
        self._first_visible = first_visible
        self._recheck: Iterator[int] | None = None
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setInterval(0)
        self._recheck_timer.timeout.connect(self._recheck_slice)
        self._dark = dark
        self._colors = editor_colors(dark)
        self._formats = build_formats(self._colors)
        self._blended: dict[tuple[str, ...], QTextCharFormat] = {}
        self._offsets = Utf16Map("")
        self._touching_neighbours = False
        self._speller: SpellCheck | None = None
        self._prose: Sequence[Span] | None = None
        document.contentsChange.connect(self._on_document_contents_change)

    # -- public API -----------------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        """Switch to the dark (``True``) or light palette and re-colour the document."""
        if dark == self._dark:
            return
        self._dark = dark
        self._colors = editor_colors(dark)
        self._formats = build_formats(self._colors)
        self._blended.clear()
        self.rehighlight()

    def is_dark(self) -> bool:
        """Whether the dark palette is in use."""
        return self._dark

    def set_spell_check(self, speller: SpellCheck | None) -> None:
        """Underline the words ``speller`` rejects (None: no spell checking)."""
        if speller is self._speller:
            return
        self._speller = speller
        self.recheck_words()

    def recheck_words(self) -> None:
        """Underline the misspelt words again everywhere (the speller or its words changed).

        The lines on screen are redone at once, every other line a slice per turn of the
        event loop, so a long post never freezes the window. Spelling never changes what a
        line leaves open for the next (a fence, the front matter), so each line can be
        redone on its own, in any order.
        """
        document = self.document()
        count = document.blockCount()
        first = min(max(self._first_visible(), 0), max(count - 1, 0))
        self._recheck = chain(range(first, count), range(first))
        self._recheck_slice(self.RECHECK_FIRST)
        if self._recheck is not None:
            self._recheck_timer.start()

    def _recheck_slice(self, size: int = RECHECK_SLICE) -> None:
        document = self.document()
        for _ in range(size):
            number = next(self._recheck, None) if self._recheck is not None else None
            if number is None:
                self._recheck = None
                self._recheck_timer.stop()
                return
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def spell_check(self) -> SpellCheck | None:
        """The speller in use, or None."""
        return self._speller

    def colors(self) -> EditorColors:
        """The palette in use."""
        return self._colors

    # -- QSyntaxHighlighter ---------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        """Colour one line, given what the line above left open."""
        self._offsets = Utf16Map(text)
        self._prose = None  # set by the kinds of line that hold prose
        previous = self.previousBlockState()
        kind = _kind(previous)
        if kind == _FRONT_MATTER:
            self._highlight_front_matter_line(text)
        elif kind == _FENCE:
            self._highlight_fenced_code_line(text, previous)
        elif kind in _CONTINUATION_OF_STATE:
            self._highlight_markdown_line(text, _CONTINUATION_OF_STATE[kind])
        elif self._opens_front_matter(text):
            self._paint([(0, len(text), "fm_fence")])
            self.setCurrentBlockState(_FRONT_MATTER)
        else:
            self._highlight_markdown_line(text, None)
        self._check_spelling(text)

    def _check_spelling(self, text: str) -> None:
        """Underline misspelt prose words and remember them for the context menu."""
        speller, spans = self._speller, self._prose
        if speller is None or spans is None:
            if self.currentBlockUserData() is not None:
                self.setCurrentBlockUserData(SpellingData([]))
            return
        excluded = [(start, end) for start, end, style in spans if style in _NOT_PROSE]
        wrong = [word for word in prose_words(text, excluded) if not speller.is_correct(word[2])]
        self.setCurrentBlockUserData(SpellingData(wrong))
        for start, end, _word in wrong:
            first = self._offsets.to_utf16(start)
            fmt = QTextCharFormat(self.format(first))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            fmt.setUnderlineColor(QColor(MISSPELLED_COLOR))
            self.setFormat(first, self._offsets.to_utf16(end) - first, fmt)

    # -- per kind of line -----------------------------------------------------------------

    def _opens_front_matter(self, text: str) -> bool:
        return (
            text.rstrip().lstrip("\ufeff") == "---" and not self.currentBlock().previous().isValid()
        )

    def _highlight_front_matter_line(self, text: str) -> None:
        if text.rstrip() == "---":
            self._paint([(0, len(text), "fm_fence")])
            self.setCurrentBlockState(_NORMAL)
            return
        spans = front_matter_spans(text)
        self._paint(spans)
        self.setCurrentBlockState(_FRONT_MATTER)
        key = next((text[a:b] for a, b, style in spans if style == "fm_key"), "")
        if key.strip().strip("\"'") in _PROSE_KEYS:
            self._prose = spans

    def _highlight_fenced_code_line(self, text: str, state: int) -> None:
        char, length = _fence_of_state(state)
        if closes_fence(text, char, length):
            self._paint([(0, len(text), "code_fence")])
            self.setCurrentBlockState(_NORMAL)
            return
        self._paint([(0, len(text), "code_block")])
        self.setCurrentBlockState(state)

    def _highlight_markdown_line(self, text: str, carried: str | None) -> None:
        spans: list[Span] = []
        state = _NORMAL
        if carried is not None:
            span, closed = continuation_spans(text, carried)
            spans.append(span)
            if not closed:
                self._paint(spans)
                self.setCurrentBlockState(_CONTINUATION_STATE[carried])
                return
            start = span[1]
        else:
            if not text or text.isspace():
                self.setCurrentBlockState(_NORMAL)
                return
            if self._highlight_fence_opening(text):
                return
            start, state = self._add_block_spans(text, spans)
        inline = inline_spans(text, start)
        self._paint(spans + inline.spans)
        self._prose = spans + inline.spans
        opened = inline.open_construct
        self.setCurrentBlockState(_CONTINUATION_STATE[opened] if opened else state)

    def _highlight_fence_opening(self, text: str) -> bool:
        opening = fence_opening(text)
        if opening is None:
            return False
        char, length, fence_span, info_span = opening
        self._paint([fence_span, info_span] if info_span else [fence_span])
        self.setCurrentBlockState(_fence_state(char, length))
        return True

    def _add_block_spans(self, text: str, spans: list[Span]) -> tuple[int, int]:
        """Add the line-level spans (headings, quotes, lists …).

        Returns where the inline text starts and the line's state (paragraph / setext bits).
        """
        previous = self.previousBlockState()
        previous_is_paragraph = _has(previous, _PARAGRAPH_BIT) and is_setext_underline(text)
        state = _NORMAL
        setext_text = False
        if not previous_is_paragraph and is_paragraph_line(text):
            setext_text = is_setext_underline(self.currentBlock().next().text())
            state = _PARAGRAPH_BIT | (_SETEXT_TEXT_BIT if setext_text else 0)
        found, start = block_spans(text, previous_is_paragraph, setext_text)
        spans.extend(found)
        return start, state

    # -- painting -------------------------------------------------------------------------

    def _paint(self, spans: Sequence[Span]) -> None:
        if not spans:
            return
        if len(spans) > _MERGE_LIMIT or _disjoint(spans):
            for start, end, style in sorted(spans, key=lambda span: _RANK[span[2]]):
                self._set_format(start, end, self._formats[style])
            return
        for start, end, styles in _segments(spans):
            self._set_format(start, end, self._blend(styles))

    def _blend(self, styles: tuple[str, ...]) -> QTextCharFormat:
        fmt = self._blended.get(styles)
        if fmt is None:
            fmt = QTextCharFormat()
            for style in styles:
                fmt.merge(self._formats[style])
            self._blended[styles] = fmt
        return fmt

    def _set_format(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        """``setFormat`` for Python indices ``start`` to ``end`` (converted to UTF-16 units)."""
        if end <= start:
            return
        first = self._offsets.to_utf16(start)
        self.setFormat(first, self._offsets.to_utf16(end) - first, fmt)

    # -- setext neighbours ----------------------------------------------------------------

    @Slot(int, int, int)
    def _on_document_contents_change(self, position: int, _removed: int, _added: int) -> None:
        """Re-colour the line above an edit that made or unmade its setext underline.

        QSyntaxHighlighter only moves forward; this is the one backward dependency. It acts
        only when the heading look of that line must change, so it is rare.
        """
        if self._touching_neighbours:
            return
        block = self.document().findBlock(position)
        previous = block.previous()
        if not previous.isValid():
            return
        state = previous.userState()
        underlined = _has(state, _PARAGRAPH_BIT) and is_setext_underline(block.text())
        if underlined != _has(state, _SETEXT_TEXT_BIT):
            self._touching_neighbours = True
            try:
                self.rehighlightBlock(previous)
            finally:
                self._touching_neighbours = False
