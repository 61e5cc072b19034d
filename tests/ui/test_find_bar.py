"""The find and replace bar under the editor."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QToolButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.editor import FindReplaceBar, MarkdownEditor
from editor.ui.theme import LIGHT_COLORS


@dataclass
class Pane:
    window: QWidget
    editor: MarkdownEditor
    bar: FindReplaceBar

    def load(self, text: str) -> None:
        self.editor.setPlainText(text)
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)

    def selection(self) -> tuple[int, int, str]:
        cursor = self.editor.textCursor()
        return cursor.selectionStart(), cursor.selectionEnd(), cursor.selectedText()

    def status(self) -> str:
        return self.bar.status_label.text()

    def search_highlights(self) -> int:
        return len(self.editor.extraSelections()) - 1  # the first one is the current line


@pytest.fixture
def pane(qtbot: QtBot) -> Pane:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    editor = MarkdownEditor(window)
    bar = FindReplaceBar(window)
    layout.addWidget(editor)
    layout.addWidget(bar)
    bar.attach(editor)
    window.resize(700, 500)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    return Pane(window, editor, bar)


def search(qtbot: QtBot, pane: Pane, text: str) -> None:
    pane.bar.show_find()
    qtbot.keyClicks(pane.bar.find_edit, text)


def test_bar_starts_hidden_and_opens_with_focus_in_the_find_field(pane: Pane) -> None:
    assert pane.bar.isHidden()
    pane.bar.show_find()
    assert pane.bar.isVisible()
    assert QApplication.focusWidget() is pane.bar.find_edit
    assert pane.bar.replace_edit.isHidden()


def test_incremental_search_selects_first_match_and_counts(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar foo baz foo")
    search(qtbot, pane, "fo")
    assert pane.status() == "1 of 3"
    assert pane.search_highlights() == 3
    qtbot.keyClicks(pane.bar.find_edit, "o baz")
    assert pane.status() == "1 of 1"
    assert pane.selection() == (8, 15, "foo baz")
    assert pane.search_highlights() == 1


def test_enter_and_shift_enter_move_between_matches(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar foo baz foo")
    search(qtbot, pane, "foo")
    assert pane.selection()[0] == 0
    qtbot.keyClick(pane.bar.find_edit, Qt.Key.Key_Return)
    assert pane.status() == "2 of 3"
    assert pane.selection()[:2] == (8, 11)
    qtbot.keyClick(pane.bar.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.status() == "1 of 3"
    assert pane.search_highlights() == 3


def test_search_wraps_around_with_a_note(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar foo")
    search(qtbot, pane, "foo")
    pane.bar.find_next()
    assert pane.status() == "2 of 2"
    assert pane.bar.note_label.text() == ""
    pane.bar.find_next()
    assert pane.status() == "1 of 2"
    assert "continued from the top" in pane.bar.note_label.text()
    pane.bar.find_previous()
    assert pane.status() == "2 of 2"
    assert "continued from the bottom" in pane.bar.note_label.text()


def test_search_starts_from_the_cursor(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar foo")
    cursor = pane.editor.textCursor()
    cursor.setPosition(5)
    pane.editor.setTextCursor(cursor)
    search(qtbot, pane, "foo")
    assert pane.status() == "2 of 2"


def test_no_results(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar")
    search(qtbot, pane, "zzz")
    assert pane.status() == "No results"
    assert pane.search_highlights() == 0


def test_match_case(qtbot: QtBot, pane: Pane) -> None:
    pane.load("Foo foo FOO")
    search(qtbot, pane, "foo")
    assert pane.bar.match_count() == 3
    pane.bar.case_button.click()
    assert pane.bar.match_count() == 1
    assert pane.selection()[:2] == (4, 7)


def test_whole_word(qtbot: QtBot, pane: Pane) -> None:
    pane.load("cat concat cats cat's category")
    search(qtbot, pane, "cat")
    assert pane.bar.match_count() == 5
    pane.bar.word_button.click()
    assert pane.bar.match_count() == 2


def test_regular_expression(qtbot: QtBot, pane: Pane) -> None:
    pane.load("a1 b22 c333")
    pane.bar.regex_button.click()
    search(qtbot, pane, r"\d+")
    assert pane.status() == "1 of 3"
    assert pane.selection()[2] == "1"
    pane.bar.find_next()
    assert pane.selection()[2] == "22"


def test_regex_toggle_off_searches_literally(qtbot: QtBot, pane: Pane) -> None:
    pane.load("a.b axb")
    search(qtbot, pane, "a.b")
    assert pane.bar.match_count() == 1
    pane.bar.regex_button.click()
    assert pane.bar.match_count() == 2


def test_invalid_regular_expression_is_explained(qtbot: QtBot, pane: Pane) -> None:
    pane.load("text (with) parentheses")
    pane.bar.regex_button.click()
    search(qtbot, pane, "(with")
    status = pane.status()
    assert status.startswith("Invalid regular expression: ")
    assert "at character 1" in status
    assert pane.search_highlights() == 0
    assert pane.bar.find_edit.accessibleDescription() == status


def test_replace_one_then_next(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar foo")
    pane.bar.show_replace()
    assert pane.bar.replace_edit.isVisible()
    qtbot.keyClicks(pane.bar.find_edit, "foo")
    qtbot.keyClicks(pane.bar.replace_edit, "baz")
    qtbot.keyClick(pane.bar.replace_edit, Qt.Key.Key_Return)
    assert pane.editor.toPlainText() == "baz bar foo"
    assert pane.status() == "1 of 1"
    assert pane.selection()[:2] == (8, 11)
    pane.bar.replace_current()
    assert pane.editor.toPlainText() == "baz bar baz"
    assert pane.status() == "No results"


def test_replace_without_a_selected_match_first_finds_one(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar foo")
    search(qtbot, pane, "bar")
    pane.editor.moveCursor(QTextCursor.MoveOperation.Start)
    pane.bar.replace_edit.setText("X")
    pane.bar.replace_current()
    assert pane.editor.toPlainText() == "foo bar foo"
    assert pane.selection()[2] == "bar"


def test_replace_all_is_one_undo_step(qtbot: QtBot, pane: Pane) -> None:
    original = "a foo b foo c foo"
    pane.load(original)
    pane.bar.show_replace()
    qtbot.keyClicks(pane.bar.find_edit, "foo")
    qtbot.keyClicks(pane.bar.replace_edit, "x")
    qtbot.keyClick(pane.bar.replace_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert pane.editor.toPlainText() == "a x b x c x"
    assert pane.bar.note_label.text() == "Replaced 3 matches."
    assert pane.status() == "No results"
    pane.editor.undo()
    assert pane.editor.toPlainText() == original
    assert not pane.editor.document().isUndoAvailable()


def test_regex_replace_with_numbered_and_named_groups(qtbot: QtBot, pane: Pane) -> None:
    pane.load("alice@example bob@test")
    pane.bar.regex_button.click()
    pane.bar.show_replace()
    qtbot.keyClicks(pane.bar.find_edit, r"(?P<user>\w+)@(\w+)")
    pane.bar.replace_edit.setText(r"\2:\g<user>")
    pane.bar.replace_all()
    assert pane.editor.toPlainText() == "example:alice test:bob"


def test_invalid_replacement_template_is_explained(qtbot: QtBot, pane: Pane) -> None:
    pane.load("abc")
    pane.bar.regex_button.click()
    pane.bar.show_replace()
    qtbot.keyClicks(pane.bar.find_edit, "(b)")
    pane.bar.replace_edit.setText(r"\9")
    pane.bar.replace_all()
    assert pane.editor.toPlainText() == "abc"
    assert pane.status().startswith("Invalid replacement: ")


def test_emoji_before_a_match_keeps_offsets_right(qtbot: QtBot, pane: Pane) -> None:
    pane.load("😀 foo 🎉 bar foo")
    pane.bar.show_find()
    qtbot.keyClicks(pane.bar.find_edit, "bar")
    assert pane.selection()[2] == "bar"
    assert pane.selection()[0] == 10  # 😀 and 🎉 take two UTF-16 units each
    pane.bar.find_edit.clear()
    qtbot.keyClicks(pane.bar.find_edit, "foo")  # continues from "bar"
    assert pane.selection() == (14, 17, "foo")
    pane.bar.find_next()
    assert pane.selection() == (3, 6, "foo")
    pane.bar.replace_edit.setText("qux")
    pane.bar.replace_all()
    assert pane.editor.toPlainText() == "😀 qux 🎉 bar qux"


def test_emoji_regex_replace_between_matches(qtbot: QtBot, pane: Pane) -> None:
    pane.load("😀ab😀ab")
    pane.bar.regex_button.click()
    pane.bar.show_replace()
    qtbot.keyClicks(pane.bar.find_edit, "(a)(b)")
    pane.bar.replace_edit.setText(r"\2\1")
    pane.bar.replace_all()
    assert pane.editor.toPlainText() == "😀ba😀ba"


def test_escape_closes_and_returns_focus_to_the_editor(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar foo")
    search(qtbot, pane, "foo")
    assert pane.search_highlights() == 2
    with qtbot.waitSignal(pane.bar.closed):
        qtbot.keyClick(pane.bar.find_edit, Qt.Key.Key_Escape)
    assert pane.bar.isHidden()
    assert QApplication.focusWidget() is pane.editor
    assert pane.search_highlights() == 0


def test_escape_from_a_button_closes_too(qtbot: QtBot, pane: Pane) -> None:
    pane.bar.show_find()
    pane.bar.case_button.setFocus()
    qtbot.keyClick(pane.bar.case_button, Qt.Key.Key_Escape)
    assert pane.bar.isHidden()
    assert QApplication.focusWidget() is pane.editor


def test_replace_prefills_from_the_selection(pane: Pane) -> None:
    pane.load("foo bar foo")
    cursor = pane.editor.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(7, QTextCursor.MoveMode.KeepAnchor)
    pane.editor.setTextCursor(cursor)
    pane.bar.show_replace()
    assert pane.bar.find_edit.text() == "bar"
    assert pane.bar.replace_edit.isVisible()
    # something to find is there already, so the typing goes to what replaces it
    assert pane.bar.replace_edit.hasFocus()
    assert pane.status() == "1 of 1"
    pane.bar.show_find()
    assert pane.bar.replace_edit.isHidden()


def test_prefill_is_escaped_in_regex_mode(pane: Pane) -> None:
    pane.load("a.b")
    pane.bar.regex_button.click()
    pane.editor.selectAll()
    pane.bar.show_find()
    assert pane.bar.find_edit.text() == r"a\.b"
    assert pane.bar.match_count() == 1


def test_highlights_use_theme_colours(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo foo")
    search(qtbot, pane, "foo")
    backgrounds = [s.format.background().color().name() for s in pane.editor.extraSelections()[1:]]
    assert backgrounds == [LIGHT_COLORS.find_current, LIGHT_COLORS.find_match]


def test_editing_the_text_refreshes_the_count(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar")
    search(qtbot, pane, "foo")
    assert pane.status() == "1 of 1"
    pane.editor.moveCursor(QTextCursor.MoveOperation.End)
    pane.editor.insertPlainText(" foo")
    qtbot.waitUntil(lambda: pane.bar.match_count() == 2)
    assert pane.status() == "2 results"


def test_find_next_with_nothing_to_find_opens_the_bar(pane: Pane) -> None:
    pane.bar.find_next()
    assert pane.bar.isVisible()
    assert QApplication.focusWidget() is pane.bar.find_edit


def test_find_next_works_while_the_bar_is_closed(qtbot: QtBot, pane: Pane) -> None:
    pane.load("foo bar foo")
    search(qtbot, pane, "foo")
    pane.bar.close_bar()
    pane.bar.find_next()
    assert pane.bar.isHidden()
    assert pane.selection()[:2] == (8, 11)


def test_every_control_is_named_and_reachable(pane: Pane) -> None:
    pane.bar.show_replace()
    buttons = pane.bar.findChildren(QToolButton, options=Qt.FindChildOption.FindDirectChildrenOnly)
    assert len(buttons) == 9
    controls = [pane.bar.find_edit, pane.bar.replace_edit, *buttons]
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control
    for toggle in (pane.bar.case_button, pane.bar.word_button, pane.bar.regex_button):
        assert toggle.isCheckable()
        assert toggle.toolTip()
