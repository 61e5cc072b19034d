"""The Markdown source editor: a plain-text editor tuned for writing posts.

Lines are numbered from 0 in this API (``first_visible_line``, ``go_to_line`` …), like the
block numbers of the document; the gutter shows them from 1.

Nothing here walks the whole document on a keystroke: the highlighter re-colours the changed
lines, the gutter paints the visible lines, and search highlights are drawn for the visible
part of the text only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QPlainTextEdit, QTextEdit, QWidget

from editor.core.text.html_to_markdown import html_to_markdown
from editor.core.text.list_continuation import (
    EnterEdit,
    enter_edit,
    indent_edit,
    list_item_content_start,
    outdent_length,
    spaces_to_next_stop,
)
from editor.core.text.utf16 import Utf16Map
from editor.ui.editor.highlighter import MarkdownHighlighter, is_fenced_code_line
from editor.ui.editor.line_numbers import LineNumberArea
from editor.ui.theme import EditorColors, editor_colors

ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
DEFAULT_POINT_SIZE = 11.0
DEFAULT_INDENT_WIDTH = 4
MAX_SEARCH_HIGHLIGHTS = 2000  # drawn at once; only the visible part of the text is drawn
#: Underline colours of the checks' problems (readable on light and dark backgrounds).
PROBLEM_COLORS = {"error": "#e53935", "warning": "#f59e0b", "hint": "#3b82f6"}


class MimeHook(Protocol):
    """Takes over pasting and dropping of some data (pictures), before the editor's own."""

    def can_insert(self, source: QMimeData) -> bool:
        """Whether this hook handles ``source``."""
        ...

    def insert(self, source: QMimeData) -> bool:
        """Insert ``source`` at the cursor; False leaves it to the editor."""
        ...


def default_font_family() -> str:
    """The system's fixed-width font family."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()


class MarkdownEditor(QPlainTextEdit):
    """Edits Markdown source: list continuation, indentation, line numbers, zoom, colouring."""

    zoom_changed = Signal(int)  # the new zoom level, in percent of the configured font size
    scrolled_to_line = Signal(float)  # 0-based source line now at the top, after a user scroll

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        font_family: str | None = None,
        point_size: float = DEFAULT_POINT_SIZE,
        indent_width: int = DEFAULT_INDENT_WIDTH,
        dark: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("markdown_editor")
        self.setAccessibleName(self.tr("Markdown source"))
        self.setAccessibleDescription(
            self.tr(
                "The Markdown text of the post. Tab indents; Ctrl+Tab and Ctrl+Shift+Tab move "
                "the focus out of the editor."
            )
        )
        self._font_family = font_family or default_font_family()
        self._point_size = point_size
        self._indent_width = indent_width
        self._zoom = 100
        self._colors = editor_colors(dark)
        self._programmatic_scroll = False
        self._reported_line = 0.0
        self._match_ranges: list[tuple[int, int]] = []
        self._match_ends: list[int] = []
        self._current_match = -1
        self._problem_marks: list[QTextEdit.ExtraSelection] = []  # squiggles from the checks
        self._mime_hook: MimeHook | None = None  # pictures pasted or dropped
        #: Rich text pasted from Word, a web page or Teams becomes Markdown.
        self.smart_paste = True
        self._pasting_plain = False
        self._line_numbers = LineNumberArea(self)
        self._highlighter = MarkdownHighlighter(
            self.document(), dark=dark, first_visible=lambda: self.firstVisibleBlock().blockNumber()
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._apply_font()
        self._apply_colors()
        self._connect_signals()
        self._update_gutter_width()

    def _connect_signals(self) -> None:
        self.blockCountChanged.connect(self._on_editor_block_count_changed)
        self.updateRequest.connect(self._on_editor_update_request)
        self.cursorPositionChanged.connect(self._on_editor_cursor_position_changed)
        self.verticalScrollBar().valueChanged.connect(self._on_vertical_scroll_bar_value_changed)

    # -- settings -------------------------------------------------------------------------

    @Slot(bool)
    def set_word_wrap(self, enabled: bool) -> None:
        """Wrap long lines at the window edge (``True``, the default) or scroll sideways."""
        mode = (
            QPlainTextEdit.LineWrapMode.WidgetWidth
            if enabled
            else QPlainTextEdit.LineWrapMode.NoWrap
        )
        with self._keeping_top_line():
            self.setLineWrapMode(mode)

    def word_wrap(self) -> bool:
        """Whether long lines wrap."""
        return self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap

    @Slot(bool)
    def set_line_numbers_visible(self, visible: bool) -> None:
        """Show or hide the line-number gutter."""
        with self._keeping_top_line():
            self._line_numbers.setVisible(visible)
            self._update_gutter_width()

    def line_numbers_visible(self) -> bool:
        """Whether the line-number gutter is shown."""
        return not self._line_numbers.isHidden()

    def set_editor_font(self, family: str | None, point_size: float) -> None:
        """Font family (``None``: the system's fixed-width font) and size at 100 % zoom."""
        self._font_family = family or default_font_family()
        self._point_size = point_size
        with self._keeping_top_line():
            self._apply_font()

    def editor_font_family(self) -> str:
        """The configured font family."""
        return self._font_family

    def editor_point_size(self) -> float:
        """The configured font size in points, at 100 % zoom."""
        return self._point_size

    def set_indent_width(self, width: int) -> None:
        """How many spaces Tab inserts or a list level takes (2 or 4, usually)."""
        self._indent_width = max(1, width)
        with self._keeping_top_line():
            self._apply_font()

    def indent_width(self) -> int:
        """Spaces per indentation level."""
        return self._indent_width

    @Slot(bool)
    def set_dark(self, dark: bool) -> None:
        """Use the dark (``True``) or light palette for text, gutter and colouring."""
        self._colors = editor_colors(dark)
        with self._keeping_top_line():
            self._highlighter.set_dark(dark)
            self._apply_colors()

    def is_dark(self) -> bool:
        """Whether the dark palette is in use."""
        return self._highlighter.is_dark()

    def colors(self) -> EditorColors:
        """The palette in use."""
        return self._colors

    def highlighter(self) -> MarkdownHighlighter:
        """The syntax highlighter colouring this editor's document."""
        return self._highlighter

    # -- zoom -----------------------------------------------------------------------------

    @Slot()
    def zoom_in(self) -> None:
        """Enlarge the text by one step (up to 300 %)."""
        self.set_zoom(next((step for step in ZOOM_STEPS if step > self._zoom), ZOOM_STEPS[-1]))

    @Slot()
    def zoom_out(self) -> None:
        """Shrink the text by one step (down to 50 %)."""
        smaller = [step for step in ZOOM_STEPS if step < self._zoom]
        self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    @Slot()
    def reset_zoom(self) -> None:
        """Back to the configured font size."""
        self.set_zoom(100)

    def set_zoom(self, percent: int) -> None:
        """Show the text at ``percent`` of the configured size (clamped to 50 to 300)."""
        percent = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], percent))
        if percent == self._zoom:
            return
        self._zoom = percent
        with self._keeping_top_line():
            self._apply_font()
        self.zoom_changed.emit(percent)

    def zoom_percent(self) -> int:
        """The zoom level in percent."""
        return self._zoom

    # -- lines and scrolling --------------------------------------------------------------

    def set_mime_hook(self, hook: MimeHook | None) -> None:
        """Let ``hook`` handle pasted and dropped data it knows (pictures) first."""
        self._mime_hook = hook

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        hook = self._mime_hook
        if hook is not None and hook.can_insert(source):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        hook = self._mime_hook
        if hook is not None and hook.insert(source):
            return
        if self.smart_paste and not self._pasting_plain and source.hasHtml():
            markdown = html_to_markdown(source.html())  # rich text keeps its structure
            if markdown.strip():
                self.insertPlainText(markdown)
                self.ensureCursorVisible()
                return
        super().insertFromMimeData(source)

    def paste_plain_text(self) -> None:
        """Paste the clipboard's plain text, without turning rich text into Markdown."""
        self._pasting_plain = True
        try:
            self.paste()
        finally:
            self._pasting_plain = False

    def setPlainText(self, text: str) -> None:
        """Replace the text; the view goes to the top without reporting a user scroll."""
        with self._scrolling_programmatically():
            super().setPlainText(text)

    def first_visible_line(self) -> float:
        """The 0-based line at the top of the view; the fraction tells how far into a wrapped
        line the view starts."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0.0
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        height = geometry.height()
        fraction = min(max(-geometry.top() / height, 0.0), 1.0) if height > 0 else 0.0
        return block.blockNumber() + fraction

    def scroll_to_line(self, line: float) -> None:
        """Put 0-based ``line`` (fractions land inside wrapped lines) at the top of the view.

        This is for programs (e.g. following the preview), so it does not emit
        :attr:`scrolled_to_line`.
        """
        document = self.document()
        line = min(max(line, 0.0), float(document.blockCount() - 1))
        block = document.findBlockByNumber(int(line))
        self.blockBoundingRect(block)  # lays the block out, so its line count is known
        rows = max(block.lineCount(), 1)
        row = min(int((line - int(line)) * rows + 1e-6), rows - 1)
        with self._scrolling_programmatically():
            self.verticalScrollBar().setValue(block.firstLineNumber() + row)

    def go_to_line(self, line: int, *, quiet: bool = False) -> None:
        """Put the cursor at the start of 0-based ``line``, centre it and focus the editor.

        The scroll this causes is reported like a user's (so the preview follows a jump),
        unless ``quiet``: a jump asked for *by* the preview must not scroll the preview back.
        """
        document = self.document()
        block = document.findBlockByNumber(min(max(line, 0), document.blockCount() - 1))
        if quiet:
            with self._scrolling_programmatically():
                self._move_cursor_to(block)
        else:
            self._move_cursor_to(block)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _move_cursor_to(self, block: QTextBlock) -> None:
        self.setTextCursor(QTextCursor(block))
        self.centerCursor()

    def cursor_line(self) -> int:
        """The 0-based line the cursor is on."""
        return self.textCursor().blockNumber()

    @contextmanager
    def _scrolling_programmatically(self) -> Iterator[None]:
        """Scrolling inside this block is not reported as the user's."""
        outer = self._programmatic_scroll
        self._programmatic_scroll = True
        try:
            yield
        finally:
            self._programmatic_scroll = outer
            self._reported_line = self.first_visible_line()

    @contextmanager
    def _keeping_top_line(self) -> Iterator[None]:
        """Re-lay out the text (font, wrapping, margins) with the same line at the top."""
        top = self.first_visible_line()
        with self._scrolling_programmatically():
            yield
            self.scroll_to_line(top)

    # -- search highlights ----------------------------------------------------------------

    def set_search_matches(self, matches: Sequence[tuple[int, int]], current: int = -1) -> None:
        """Highlight ``matches``: sorted, non-overlapping ``(start, end)`` document positions
        (UTF-16 units, as ``QTextCursor`` counts). ``current`` indexes the one to stand out."""
        self._match_ranges = list(matches)
        self._match_ends = [end for _, end in self._match_ranges]
        self._current_match = current
        self._update_extra_selections()

    def set_current_search_match(self, current: int) -> None:
        """Make match number ``current`` (an index into the last matches) stand out."""
        if current != self._current_match:
            self._current_match = current
            self._update_extra_selections()

    def clear_search_matches(self) -> None:
        """Remove every search highlight."""
        self.set_search_matches([])

    def _visible_match_selections(self) -> list[QTextEdit.ExtraSelection]:
        if not self._match_ranges:
            return []
        first = self.firstVisibleBlock().position()
        corner = QPoint(self.viewport().width() - 1, self.viewport().height() - 1)
        last_block = self.cursorForPosition(corner).block()
        last = last_block.position() + last_block.length()
        selections: list[QTextEdit.ExtraSelection] = []
        index = bisect_right(self._match_ends, first)
        while index < len(self._match_ranges) and len(selections) < MAX_SEARCH_HIGHLIGHTS:
            start, end = self._match_ranges[index]
            if start > last:
                break
            color = (
                self._colors.find_current
                if index == self._current_match
                else self._colors.find_match
            )
            selections.append(self._selection(start, end, color))
            index += 1
        return selections

    def _selection(self, start: int, end: int, color: str) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _current_line_selection(self) -> QTextEdit.ExtraSelection:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self._colors.current_line))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        cursor = self.textCursor()
        cursor.clearSelection()
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _update_extra_selections(self) -> None:
        self.setExtraSelections(
            [
                self._current_line_selection(),
                *self._problem_marks,
                *self._visible_match_selections(),
            ]
        )

    # -- problem marks (the checks' squiggles) ----------------------------------------------

    def set_problem_marks(self, marks: Sequence[tuple[int, int, str]]) -> None:
        """Underline ``(start, end, severity)`` document ranges (UTF-16 positions, as
        ``QTextCursor`` counts); severity is ``"error"``, ``"warning"`` or ``"hint"``. The
        marks move with the text as it is edited, until the next call replaces them."""
        size = self.document().characterCount()
        selections: list[QTextEdit.ExtraSelection] = []
        for start, end, severity in marks[:MAX_SEARCH_HIGHLIGHTS]:
            cursor = QTextCursor(self.document())
            cursor.setPosition(max(0, min(start, size - 1)))
            cursor.setPosition(
                max(0, min(max(end, start + 1), size - 1)), QTextCursor.MoveMode.KeepAnchor
            )
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.DotLine
                if severity == "hint"
                else QTextCharFormat.UnderlineStyle.WaveUnderline
            )
            fmt.setUnderlineColor(QColor(PROBLEM_COLORS.get(severity, PROBLEM_COLORS["hint"])))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self._problem_marks = selections
        self._update_extra_selections()

    def problem_mark_count(self) -> int:
        """How many problem ranges are underlined now."""
        return len(self._problem_marks)

    # -- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        """Enter, Tab and their variants; ``True`` when handled here."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        tab_keys = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if key in tab_keys and modifiers & Qt.KeyboardModifier.ControlModifier:
            return self._move_focus(forward=key == Qt.Key.Key_Tab)
        if self.isReadOnly():
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._on_enter(modifiers)
        if key in tab_keys and not self.tabChangesFocus():
            return self._on_tab_key(key, modifiers)
        return False

    def _on_tab_key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        if key == Qt.Key.Key_Backtab:
            self._shift_lines(outdent=True)
            return True
        if modifiers == Qt.KeyboardModifier.NoModifier:
            return self._on_tab()
        return False

    def _move_focus(self, *, forward: bool) -> bool:
        """Leave the editor by keyboard (QPlainTextEdit refuses while Tab indents)."""
        return QAbstractScrollArea.focusNextPrevChild(self, forward)

    def _on_enter(self, modifiers: Qt.KeyboardModifier) -> bool:
        """Enter continues lists and quotes; Shift+Enter makes a plain new line."""
        plain = modifiers == Qt.KeyboardModifier.ShiftModifier
        if not plain and modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        self._apply_enter_edit(cursor, EnterEdit("") if plain else self._enter_edit_at(cursor))
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def _enter_edit_at(self, cursor: QTextCursor) -> EnterEdit:
        block = cursor.block()
        line = block.text()
        column = Utf16Map(line).to_index(cursor.positionInBlock())
        if is_fenced_code_line(block):
            return indent_edit(line, column)
        return enter_edit(line, column)

    def _apply_enter_edit(self, cursor: QTextCursor, edit: EnterEdit) -> None:
        if edit.replace_line:
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.insertText(edit.text)
        else:
            cursor.insertText("\n" + edit.text)  # a new block, never a U+2028 line separator

    def _on_tab(self) -> bool:
        cursor = self.textCursor()
        document = self.document()
        if document.findBlock(cursor.selectionStart()) != document.findBlock(cursor.selectionEnd()):
            self._shift_lines(outdent=False)
            return True
        line = cursor.block().text()
        column = Utf16Map(line).to_index(cursor.positionInBlock())
        content_start = list_item_content_start(line)
        if not cursor.hasSelection() and content_start is not None and column <= content_start:
            self._shift_lines(outdent=False)
        else:
            cursor.insertText(spaces_to_next_stop(column, self._indent_width))
        return True

    def _shift_lines(self, *, outdent: bool) -> None:
        """Indent or outdent every line the selection touches (or the cursor's line)."""
        cursor = self.textCursor()
        document = self.document()
        block = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        if last != block and cursor.selectionEnd() == last.position():
            last = last.previous()  # a selection ending at a line start leaves that line alone
        edit = QTextCursor(document)
        edit.beginEditBlock()
        while block.isValid():
            self._shift_line(edit, block.position(), block.text(), outdent=outdent)
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()

    def _shift_line(self, edit: QTextCursor, position: int, text: str, *, outdent: bool) -> None:
        edit.setPosition(position)
        if not outdent:
            edit.insertText(" " * self._indent_width)
            return
        length = outdent_length(text, self._indent_width)
        if length:
            edit.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            edit.removeSelectedText()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta > 0:
                self.zoom_in()
            elif delta < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    # -- look -----------------------------------------------------------------------------

    def _apply_font(self) -> None:
        font = QFont(self._font_family)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self._point_size * self._zoom / 100)
        self.setFont(font)
        self._line_numbers.setFont(font)
        self.setTabStopDistance(QFontMetricsF(font).horizontalAdvance(" ") * self._indent_width)
        self._update_gutter_width()

    def _apply_colors(self) -> None:
        colors = self._colors
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(colors.background))
        palette.setColor(QPalette.ColorRole.Text, QColor(colors.foreground))
        self.setPalette(palette)
        self._line_numbers.set_colors(
            QColor(colors.gutter_background),
            QColor(colors.gutter_foreground),
            QColor(colors.gutter_current),
        )
        self._update_extra_selections()

    def _update_gutter_width(self) -> None:
        width = self._line_numbers.width_hint() if self.line_numbers_visible() else 0
        self.setViewportMargins(width, 0, 0, 0)
        rect = self.contentsRect()
        self._line_numbers.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_gutter_width()
        if self._match_ranges:
            self._update_extra_selections()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_gutter_width()

    # -- slots ----------------------------------------------------------------------------

    @Slot(int)
    def _on_editor_block_count_changed(self, _count: int) -> None:
        self._update_gutter_width()

    @Slot(QRect, int)
    def _on_editor_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._line_numbers.scroll(0, dy)
        else:
            self._line_numbers.update(0, rect.y(), self._line_numbers.width(), rect.height())

    @Slot()
    def _on_editor_cursor_position_changed(self) -> None:
        self._update_extra_selections()

    @Slot(int)
    def _on_vertical_scroll_bar_value_changed(self, _value: int) -> None:
        if self._match_ranges:
            self._update_extra_selections()
        if self._programmatic_scroll:
            return
        line = self.first_visible_line()
        if line != self._reported_line:
            self._reported_line = line
            self.scrolled_to_line.emit(line)
