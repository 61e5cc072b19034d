"""The inline find and replace bar shown under the editor.

Matching uses Python's ``re`` on the document text (see :mod:`editor.core.text.search`), so
``\\1`` and ``\\g<name>`` work in replacements exactly as in Python; positions are converted
to Qt's UTF-16 units before they reach a cursor.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QWidget,
)

from editor.core.text.search import (
    Match,
    SearchError,
    SearchQuery,
    find_all,
    replacement_for,
    replacements,
)
from editor.ui.editor.markdown_editor import MarkdownEditor

_REFRESH_DELAY_MS = 150  # after an edit, wait this long before searching the text again


class FindReplaceBar(QWidget):
    """Find (and optionally replace) in one :class:`MarkdownEditor`.

    Enter finds the next match, Shift+Enter the previous one, Esc closes the bar and gives the
    focus back to the editor. In the replace field Enter replaces and Ctrl+Enter replaces all.
    """

    closed = Signal()  # the bar was closed; the editor has the focus again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self.setAccessibleName(self.tr("Find and replace"))
        self._editor: MarkdownEditor | None = None
        self._pattern: re.Pattern[str] | None = None
        self._matches: list[Match] = []
        self._starts: list[int] = []
        self._ranges: list[tuple[int, int]] = []
        self._text = ""
        self._stale = True
        self._anchor = 0
        self._refresh_timer = QTimer(self, singleShot=True, interval=_REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        self._build_widgets()
        self._lay_out()
        self._connect_widgets()
        self.setVisible(False)

    # -- construction -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.find_edit = self._line_edit(self.tr("Find"), self.tr("Find text"))
        self.replace_edit = self._line_edit(self.tr("Replace"), self.tr("Replace with"))
        self.replace_edit.setToolTip(
            self.tr(
                "Enter replaces, Ctrl+Enter replaces all. With regular expressions, \\1 or "
                "\\g<name> inserts a captured group."
            )
        )
        self.toggle_replace_button = self._button(
            ">", self.tr("Show replace"), checkable=True, icon=QStyle.StandardPixmap.SP_ArrowRight
        )
        self.case_button = self._button(
            self.tr("Aa", "match case button"), self.tr("Match case"), "Alt+C", checkable=True
        )
        self.word_button = self._button(
            self.tr("W", "whole word button"), self.tr("Whole word"), "Alt+W", checkable=True
        )
        self.regex_button = self._button(
            ".*", self.tr("Regular expression"), "Alt+R", checkable=True
        )
        self.previous_button = self._button(
            self.tr("Previous"), self.tr("Previous match (Shift+Enter)")
        )
        self.next_button = self._button(self.tr("Next"), self.tr("Next match (Enter)"))
        self.close_button = self._button(
            "x", self.tr("Close find bar (Esc)"), icon=QStyle.StandardPixmap.SP_TitleBarCloseButton
        )
        self.replace_button = self._button(
            self.tr("Replace"), self.tr("Replace this match (Enter)")
        )
        self.replace_all_button = self._button(
            self.tr("Replace All"), self.tr("Replace every match (Ctrl+Enter)")
        )
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName(self.tr("Search result"))
        self.note_label = QLabel(self)
        self.note_label.setAccessibleName(self.tr("Search note"))

    def _line_edit(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setClearButtonEnabled(True)
        edit.installEventFilter(self)
        return edit

    def _button(
        self,
        text: str,
        name: str,
        shortcut: str | None = None,
        *,
        checkable: bool = False,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QToolButton:
        """A tool button; with ``icon``, ``text`` only shows where the style has no icon."""
        button = QToolButton(self)
        button.setText(text)
        if icon is not None:
            button.setIcon(self.style().standardIcon(icon))
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if shortcut:
            sequence = QKeySequence(shortcut)
            button.setShortcut(sequence)
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{name} ({keys})")
        return button

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(4)
        grid.addWidget(self.toggle_replace_button, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addLayout(
            self._row(
                self.case_button,
                self.word_button,
                self.regex_button,
                self.status_label,
                self.previous_button,
                self.next_button,
                self.note_label,
            ),
            0,
            2,
        )
        grid.addWidget(self.close_button, 0, 3)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addLayout(self._row(self.replace_button, self.replace_all_button), 1, 2)
        grid.setColumnStretch(1, 1)
        self._set_replace_row_visible(False)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        order = (
            self.find_edit, self.case_button, self.word_button, self.regex_button,
            self.previous_button, self.next_button, self.close_button,
            self.toggle_replace_button, self.replace_edit, self.replace_button,
            self.replace_all_button,
        )  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _row(self, *widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _connect_widgets(self) -> None:
        self.find_edit.textChanged.connect(self._on_find_edit_text_changed)
        for button in (self.case_button, self.word_button, self.regex_button):
            button.toggled.connect(self._on_option_button_toggled)
        self.toggle_replace_button.toggled.connect(self._on_toggle_replace_button_toggled)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)

    # -- public API -------------------------------------------------------------------------

    def attach(self, editor: MarkdownEditor) -> None:
        """Search in ``editor`` from now on."""
        if self._editor is not None:
            self._editor.document().contentsChanged.disconnect(self._on_document_contents_changed)
            self._editor.clear_search_matches()
        self._editor = editor
        editor.document().contentsChanged.connect(self._on_document_contents_changed)
        self._stale = True

    @Slot()
    def show_find(self) -> None:
        """Open the bar for finding, with the selected text (if any) as the search."""
        self._open(replace=False)

    @Slot()
    def show_replace(self) -> None:
        """Open the bar with the replace row, with the selected text (if any) as the search."""
        self._open(replace=True)

    @Slot()
    def find_next(self) -> None:
        """Select the next match after the cursor, wrapping to the top."""
        if self._prepare_navigation():
            self._go_to_next()

    @Slot()
    def find_previous(self) -> None:
        """Select the match before the cursor, wrapping to the bottom."""
        if self._prepare_navigation():
            self._go_to_previous()

    @Slot()
    def replace_current(self) -> None:
        """Replace the selected match and select the next one (or just find one, if none is
        selected)."""
        if not self._prepare_navigation():
            return
        index = self._selected_match_index()
        if index < 0:
            self._go_to_next()
            return
        self._replace_match(self._matches[index])

    @Slot()
    def replace_all(self) -> None:
        """Replace every match, as one step of undo."""
        editor = self._editor
        if editor is None or not self._search():
            return
        assert self._pattern is not None
        try:
            edits = replacements(
                self._text, self._pattern, self.replace_edit.text(), regex=self._query().regex
            )
        except SearchError as error:
            self._show_replacement_error(error)
            return
        cursor = QTextCursor(editor.document())
        cursor.beginEditBlock()
        for match, new_text in reversed(edits):
            cursor.setPosition(match.start)
            cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(new_text)
        cursor.endEditBlock()
        self._search()
        self._show_status()
        self._set_note(self._replaced_note(len(edits)))

    @Slot()
    def close_bar(self) -> None:
        """Hide the bar and give the focus back to the editor."""
        self.hide()
        if self._editor is not None:
            self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def query(self) -> SearchQuery:
        """The search as the bar's fields and toggles describe it."""
        return self._query()

    def match_count(self) -> int:
        """How many matches the last search found."""
        return len(self._matches)

    # -- opening and searching --------------------------------------------------------------

    def _open(self, *, replace: bool) -> None:
        if self._editor is None:
            return
        self.toggle_replace_button.setChecked(replace)
        self._set_replace_row_visible(replace)
        self._prefill_from_selection()
        self._anchor = self._editor.textCursor().selectionStart()
        self.show()
        # Ctrl+H with something to find already: straight to what to replace it with
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()
        self._search_incrementally()

    def _prefill_from_selection(self) -> None:
        assert self._editor is not None
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            text = re.escape(selected) if self.regex_button.isChecked() else selected
            self.find_edit.blockSignals(True)
            self.find_edit.setText(text)
            self.find_edit.blockSignals(False)

    def _query(self) -> SearchQuery:
        return SearchQuery(
            self.find_edit.text(),
            match_case=self.case_button.isChecked(),
            whole_word=self.word_button.isChecked(),
            regex=self.regex_button.isChecked(),
        )

    def _search(self) -> bool:
        """Search the current text again; ``True`` when the query is valid and non-empty."""
        self._refresh_timer.stop()
        self._matches, self._starts, self._ranges = [], [], []
        self._pattern, self._stale = None, False
        editor = self._editor
        query = self._query()
        if editor is None or not query.text:
            self._publish_matches()
            return False
        try:
            self._pattern = query.compile()
        except SearchError as error:
            self._publish_matches()
            self._set_status(self._invalid_pattern_message(error))
            return False
        self._text = editor.toPlainText()
        self._matches = find_all(self._text, self._pattern)
        self._starts = [match.start for match in self._matches]
        self._ranges = [(match.start, match.end) for match in self._matches]
        self._publish_matches()
        return True

    def _publish_matches(self) -> None:
        """Hand the matches to the editor to highlight (only while the bar is shown)."""
        if self._editor is not None and self.isVisible():
            self._editor.set_search_matches(self._ranges, self._selected_match_index())

    def _search_incrementally(self) -> None:
        """Search as the user types: select the first match at or after where they started."""
        self._set_note("")
        if not self._search():
            self._show_status()
            return
        if self._matches:
            index = bisect_left(self._starts, self._anchor)
            self._select(index if index < len(self._matches) else 0)
        self._show_status()

    def _prepare_navigation(self) -> bool:
        """Make the matches current; open the bar when there is nothing to search for."""
        if self._editor is None:
            return False
        if not self.find_edit.text():
            self.show_find()
            return False
        self._set_note("")
        if (self._stale or not self.isVisible()) and not self._search():
            self._show_status()
            return False
        if not self._matches:
            self._show_status()
            return False
        return True

    # -- moving between matches -------------------------------------------------------------

    def _go_to_next(self) -> None:
        assert self._editor is not None
        index = bisect_left(self._starts, self._editor.textCursor().selectionEnd())
        if index >= len(self._matches):
            index = 0
            self._set_note(self.tr("Reached the end; continued from the top."))
        self._select(index)
        self._show_status()

    def _go_to_previous(self) -> None:
        assert self._editor is not None
        index = bisect_left(self._starts, self._editor.textCursor().selectionStart()) - 1
        if index < 0:
            index = len(self._matches) - 1
            self._set_note(self.tr("Reached the start; continued from the bottom."))
        self._select(index)
        self._show_status()

    def _select(self, index: int) -> None:
        editor = self._editor
        assert editor is not None
        match = self._matches[index]
        cursor = QTextCursor(editor.document())
        cursor.setPosition(match.start)
        cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        if not editor.viewport().rect().contains(editor.cursorRect()):
            editor.centerCursor()
        self._anchor = match.start
        if self.isVisible():
            editor.set_current_search_match(index)

    def _selected_match_index(self) -> int:
        """The index of the match the editor's selection covers exactly, or -1."""
        if self._editor is None or not self._matches:
            return -1
        cursor = self._editor.textCursor()
        index = bisect_left(self._starts, cursor.selectionStart())
        if index < len(self._matches):
            match = self._matches[index]
            if (match.start, match.end) == (cursor.selectionStart(), cursor.selectionEnd()):
                return index
        return -1

    def _replace_match(self, match: Match) -> None:
        editor = self._editor
        assert editor is not None and self._pattern is not None
        template = self.replace_edit.text()
        try:
            new_text = replacement_for(
                self._text, self._pattern, match, template, regex=self._query().regex
            )
        except SearchError as error:
            self._show_replacement_error(error)
            return
        if new_text is not None:
            cursor = editor.textCursor()
            cursor.insertText(new_text)
            editor.setTextCursor(cursor)
        self._search()
        if self._matches:
            self._go_to_next()
        else:
            self._show_status()

    # -- status -----------------------------------------------------------------------------

    def _show_status(self) -> None:
        if self._pattern is None:
            if not self.find_edit.text():
                self._set_status("")
            return
        total = len(self._matches)
        index = self._selected_match_index()
        if total == 0:
            self._set_status(self.tr("No results"))
        elif index >= 0:
            self._set_status(self.tr("{current} of {total}").format(current=index + 1, total=total))
        elif total == 1:
            self._set_status(self.tr("1 result"))
        else:
            self._set_status(self.tr("{count} results").format(count=total))

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.find_edit.setAccessibleDescription(text)

    def _set_note(self, text: str) -> None:
        self.note_label.setText(text)

    def _invalid_pattern_message(self, error: SearchError) -> str:
        if error.column is None:
            return self.tr("Invalid regular expression: {reason}").format(reason=error.reason)
        return self.tr("Invalid regular expression: {reason} (at character {column})").format(
            reason=error.reason, column=error.column
        )

    def _show_replacement_error(self, error: SearchError) -> None:
        self._set_status(self.tr("Invalid replacement: {reason}").format(reason=error.reason))

    def _replaced_note(self, count: int) -> str:
        if count == 1:
            return self.tr("Replaced 1 match.")
        return self.tr("Replaced {count} matches.").format(count=count)

    def _set_replace_row_visible(self, visible: bool) -> None:
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(visible)
        arrow = (
            QStyle.StandardPixmap.SP_ArrowDown if visible else QStyle.StandardPixmap.SP_ArrowRight
        )
        self.toggle_replace_button.setIcon(self.style().standardIcon(arrow))
        name = self.tr("Hide replace") if visible else self.tr("Show replace")
        self.toggle_replace_button.setAccessibleName(name)
        self.toggle_replace_button.setToolTip(name)

    # -- events -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.find_edit, self.replace_edit):
            assert isinstance(event, QKeyEvent)
            if self._handle_field_key(watched is self.find_edit, event):
                return True
        return super().eventFilter(watched, event)

    def _handle_field_key(self, in_find_field: bool, event: QKeyEvent) -> bool:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Escape:
            self.close_bar()
            return True
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if in_find_field:
            shifted = modifiers == Qt.KeyboardModifier.ShiftModifier
            (self.find_previous if shifted else self.find_next)()
        elif modifiers == Qt.KeyboardModifier.ControlModifier:
            self.replace_all()
        else:
            self.replace_current()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._publish_matches()
        if self._stale and self.find_edit.text():
            self._refresh_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._refresh_timer.stop()
        self._stale = True
        if self._editor is not None:
            self._editor.clear_search_matches()
        super().hideEvent(event)

    # -- slots ------------------------------------------------------------------------------

    @Slot(str)
    def _on_find_edit_text_changed(self, _text: str) -> None:
        self._search_incrementally()

    @Slot(bool)
    def _on_option_button_toggled(self, _checked: bool) -> None:
        if self.isVisible():
            self._search_incrementally()
        else:
            self._stale = True

    @Slot(bool)
    def _on_toggle_replace_button_toggled(self, checked: bool) -> None:
        self._set_replace_row_visible(checked)
        if checked:
            self.replace_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_document_contents_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start()

    @Slot()
    def _on_refresh_timer_timeout(self) -> None:
        if self.isVisible():
            self._search()
            self._show_status()
