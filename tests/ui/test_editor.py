"""The Markdown editor: typing, list continuation, indentation, zoom and settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.editor import MarkdownEditor
from editor.ui.theme import DARK_COLORS, LIGHT_COLORS


@pytest.fixture
def editor(shown_editor: MarkdownEditor) -> MarkdownEditor:
    shown_editor.setFocus()
    return shown_editor


def type_lines(qtbot: QtBot, editor: MarkdownEditor, *lines: str) -> None:
    """Type ``lines`` with Return between them (``keyClicks`` cannot send a newline)."""
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


def put_cursor(editor: MarkdownEditor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def test_editor_has_an_accessible_name(editor: MarkdownEditor) -> None:
    assert editor.accessibleName() == "Markdown source"
    assert editor.accessibleDescription()


def test_typing_produces_text(qtbot: QtBot, editor: MarkdownEditor) -> None:
    qtbot.keyClicks(editor, "Hello, *world*")
    assert editor.toPlainText() == "Hello, *world*"


def test_word_wrap_is_on_by_default_and_toggles(editor: MarkdownEditor) -> None:
    assert editor.word_wrap()
    editor.set_word_wrap(False)
    assert not editor.word_wrap()
    editor.set_word_wrap(True)
    assert editor.word_wrap()


def test_line_numbers_gutter_toggles(editor: MarkdownEditor) -> None:
    assert editor.line_numbers_visible()
    assert editor.viewportMargins().left() > 0
    editor.set_line_numbers_visible(False)
    assert not editor.line_numbers_visible()
    assert editor.viewportMargins().left() == 0


@pytest.mark.parametrize(
    ("first", "expected_prefix"),
    [
        ("- one", "- "),
        ("* one", "* "),
        ("+ one", "+ "),
        ("-   wide", "-   "),
        ("> quoted", "> "),
        ("> - quoted item", "> - "),
        ("    - nested", "    - "),
        ("- [ ] task", "- [ ] "),
        ("- [x] done task", "- [ ] "),
    ],
)
def test_enter_continues_lists_and_quotes(
    qtbot: QtBot, editor: MarkdownEditor, first: str, expected_prefix: str
) -> None:
    type_lines(qtbot, editor, first, "two")
    assert editor.toPlainText() == f"{first}\n{expected_prefix}two"


def test_enter_numbers_ordered_lists(qtbot: QtBot, editor: MarkdownEditor) -> None:
    type_lines(qtbot, editor, "1. one", "two", "three")
    assert editor.toPlainText() == "1. one\n2. two\n3. three"


@pytest.mark.parametrize(("first", "expected_prefix"), [("9) nine", "10) "), ("07. seven", "08. ")])
def test_ordered_list_keeps_delimiter_and_padding(
    qtbot: QtBot, editor: MarkdownEditor, first: str, expected_prefix: str
) -> None:
    type_lines(qtbot, editor, first, "x")
    assert editor.toPlainText() == f"{first}\n{expected_prefix}x"


def test_enter_on_empty_item_ends_the_list(qtbot: QtBot, editor: MarkdownEditor) -> None:
    type_lines(qtbot, editor, "- one", "")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "- one\n"
    qtbot.keyClicks(editor, "After the list.")
    assert editor.toPlainText() == "- one\nAfter the list."


def test_enter_on_empty_quoted_item_keeps_the_quote(qtbot: QtBot, editor: MarkdownEditor) -> None:
    type_lines(qtbot, editor, "> - one", "")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "> - one\n> "


def test_enter_on_empty_quote_line_ends_the_quote(qtbot: QtBot, editor: MarkdownEditor) -> None:
    type_lines(qtbot, editor, "> quoted", "")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "> quoted\n"


def test_enter_inside_an_item_splits_it(qtbot: QtBot, editor: MarkdownEditor) -> None:
    editor.setPlainText("- abcd")
    put_cursor(editor, 4)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "- ab\n- cd"


def test_enter_before_the_marker_is_a_plain_new_line(qtbot: QtBot, editor: MarkdownEditor) -> None:
    editor.setPlainText("- item")
    put_cursor(editor, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "\n- item"


def test_enter_keeps_indentation(qtbot: QtBot, editor: MarkdownEditor) -> None:
    type_lines(qtbot, editor, "    continued paragraph", "more")
    assert editor.toPlainText() == "    continued paragraph\n    more"


def test_enter_in_fenced_code_does_not_continue_lists(qtbot: QtBot, editor: MarkdownEditor) -> None:
    editor.setPlainText("```yaml\n- key: value")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "```yaml\n- key: value\n"


def test_shift_enter_makes_a_plain_new_line(qtbot: QtBot, editor: MarkdownEditor) -> None:
    qtbot.keyClicks(editor, "- one")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "- one\n"
    assert editor.blockCount() == 2  # a real new line, not a U+2028 line separator


def test_list_continuation_is_one_undo_step(qtbot: QtBot, editor: MarkdownEditor) -> None:
    qtbot.keyClicks(editor, "- one")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.undo()
    assert editor.toPlainText() == "- one"


def test_tab_inserts_spaces_to_the_next_stop(qtbot: QtBot, editor: MarkdownEditor) -> None:
    qtbot.keyClicks(editor, "ab")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "ab  "
    editor.set_indent_width(2)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "ab    "


def test_tab_on_a_new_list_item_indents_the_item(qtbot: QtBot, editor: MarkdownEditor) -> None:
    type_lines(qtbot, editor, "- one", "")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "nested")
    assert editor.toPlainText() == "- one\n    - nested"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "- one\n- nested"


def test_tab_and_shift_tab_shift_selected_lines(qtbot: QtBot, editor: MarkdownEditor) -> None:
    editor.setPlainText("a\nb\nc")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(3, QTextCursor.MoveMode.KeepAnchor)  # a, and b partly
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "    a\n    b\nc"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "a\nb\nc"
    editor.undo()
    assert editor.toPlainText() == "    a\n    b\nc"


def test_ctrl_tab_moves_the_focus_out(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    editor, other = MarkdownEditor(), QLineEdit()
    layout.addWidget(editor)
    layout.addWidget(other)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is other
    assert editor.toPlainText() == ""


def test_zoom_steps_and_signal(qtbot: QtBot, editor: MarkdownEditor) -> None:
    base = editor.font().pointSizeF()
    with qtbot.waitSignal(editor.zoom_changed) as blocker:
        editor.zoom_in()
    assert blocker.args == [110]
    assert editor.font().pointSizeF() == pytest.approx(base * 1.1)
    editor.zoom_out()
    editor.zoom_out()
    assert editor.zoom_percent() == 90
    with qtbot.waitSignal(editor.zoom_changed) as blocker:
        editor.reset_zoom()
    assert blocker.args == [100]
    assert editor.font().pointSizeF() == pytest.approx(base)


def test_zoom_stops_at_its_limits(qtbot: QtBot, editor: MarkdownEditor) -> None:
    for _ in range(20):
        editor.zoom_in()
    assert editor.zoom_percent() == 300
    with qtbot.assertNotEmitted(editor.zoom_changed):
        editor.zoom_in()


def test_ctrl_wheel_zooms(qtbot: QtBot, editor: MarkdownEditor) -> None:
    event = QWheelEvent(
        QPointF(10, 10),
        QPointF(editor.viewport().mapToGlobal(QPoint(10, 10))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    with qtbot.waitSignal(editor.zoom_changed) as blocker:
        QApplication.sendEvent(editor.viewport(), event)
    assert blocker.args == [110]


def test_font_is_configurable(editor: MarkdownEditor) -> None:
    editor.set_editor_font("DejaVu Sans Mono", 14)
    assert editor.editor_font_family() == "DejaVu Sans Mono"
    assert editor.font().pointSizeF() == pytest.approx(14)


def test_dark_palette(editor: MarkdownEditor) -> None:
    assert editor.palette().color(QPalette.ColorRole.Base).name() == LIGHT_COLORS.background
    editor.set_dark(True)
    assert editor.is_dark()
    assert editor.colors() == DARK_COLORS
    assert editor.palette().color(QPalette.ColorRole.Base).name() == DARK_COLORS.background


def test_current_line_is_highlighted(qtbot: QtBot, editor: MarkdownEditor) -> None:
    type_lines(qtbot, editor, "one", "two")
    selections = editor.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.blockNumber() == 1
    assert selections[0].format.background().color().name() == LIGHT_COLORS.current_line


def test_enter_replaces_the_selection_in_one_undo_step(
    qtbot: QtBot, editor: MarkdownEditor
) -> None:
    editor.setPlainText("- one two")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)  # " two"
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "- one\n- "
    editor.undo()
    assert editor.toPlainText() == "- one two"


def test_enter_after_an_emoji_continues_the_list(qtbot: QtBot, editor: MarkdownEditor) -> None:
    editor.insertPlainText("- 😀 party")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "next")
    assert editor.toPlainText() == "- 😀 party\n- next"


def test_read_only_editor_ignores_enter_and_tab(qtbot: QtBot, editor: MarkdownEditor) -> None:
    editor.setPlainText("- one")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setReadOnly(True)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "- one"
