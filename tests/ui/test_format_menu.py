"""The Format menu on a real editor: shortcuts, selections, dialogs, site elements, smart paste."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.ui.editor import MarkdownEditor
from editor.ui.format_dialogs import LinkDialog, TableDialog
from editor.ui.formatting import FormattingController


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[tuple[QMainWindow, MarkdownEditor, FormattingController]]:
    main = QMainWindow()
    editor = MarkdownEditor(main)
    main.setCentralWidget(editor)
    controller = FormattingController(editor, main)
    main.menuBar().addMenu(controller.menu)
    main.addToolBar(controller.toolbar)
    qtbot.addWidget(main)
    main.resize(800, 500)
    main.show()
    qtbot.waitExposed(main)
    editor.setFocus()
    yield main, editor, controller


def select(editor: MarkdownEditor, text: str) -> None:
    """Select the first occurrence of ``text``."""
    start = editor.toPlainText().index(text)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_ctrl_b_bolds_the_selection_and_undo_restores_it(window, qtbot: QtBot) -> None:
    _main, editor, _controller = window
    editor.setPlainText("Make this stand out.")
    select(editor, "this")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Make **this** stand out."
    assert editor.textCursor().selectedText() == "this"  # still selected: Ctrl+I adds italic
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Make **_this_** stand out."
    editor.undo()
    assert editor.toPlainText() == "Make **this** stand out."
    editor.undo()
    assert editor.toPlainText() == "Make this stand out."


def test_toolbar_buttons_turn_lines_into_lists_and_headings(window, qtbot: QtBot) -> None:
    _main, editor, controller = window
    editor.setPlainText("Intro\nfirst 😀\nsecond\n")
    select(editor, "first 😀\nsecond")
    controller.actions_by_id["format.numbers"].trigger()
    assert editor.toPlainText() == "Intro\n1. first 😀\n2. second\n"
    cursor = editor.textCursor()
    cursor.setPosition(2)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().startswith("## Intro\n")
    assert editor.textCursor().position() == 5  # the caret stays on the same letter


def _answer(dialog_type: type, fill) -> None:
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type):
            QTimer.singleShot(20, act)
            return
        fill(dialog)

    QTimer.singleShot(0, act)


def test_the_link_dialog_links_to_an_address_or_a_heading(window, qtbot: QtBot) -> None:
    _main, editor, controller = window
    editor.setPlainText("Read the docs.\n\n## Next steps\n\nText.\n")
    select(editor, "the docs")

    def by_address(dialog: LinkDialog) -> None:
        dialog.url_edit.setText("https://learn.microsoft.com/")
        dialog.accept()

    _answer(LinkDialog, by_address)
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().startswith("Read [the docs](https://learn.microsoft.com/).")

    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)

    def by_heading(dialog: LinkDialog) -> None:
        dialog.heading_box.setCurrentIndex(1)
        dialog.heading_box.activated.emit(1)
        assert dialog.text_edit.text() == "Next steps"
        dialog.accept()

    _answer(LinkDialog, by_heading)
    controller.actions_by_id["format.link"].trigger()
    assert editor.toPlainText().endswith("Text.\n[Next steps](#next-steps)")


def test_the_table_dialog_inserts_a_table_and_tidy_lines_it_up(window, qtbot: QtBot) -> None:
    _main, editor, controller = window
    editor.setPlainText("Before\n")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)

    def two_by_two(dialog: TableDialog) -> None:
        dialog.rows_box.setValue(1)
        dialog.columns_box.setValue(2)
        dialog.align_box.setCurrentIndex(3)  # right
        dialog.accept()

    _answer(TableDialog, two_by_two)
    controller.actions_by_id["format.table"].trigger()
    assert editor.toPlainText() == (
        "Before\n\n| Column 1 | Column 2 |\n| -------: | -------: |\n|          |          |\n"
    )
    assert editor.textCursor().selectedText() == "Column 1"  # typing names the first column
    editor.setPlainText("|a|b|\n|-|-|\n|long cell|x|\n")
    controller.actions_by_id["format.format_table"].trigger()
    assert editor.toPlainText() == "| a         | b   |\n| --------- | --- |\n| long cell | x   |\n"


def test_site_elements_follow_the_posts_site(window, qtbot: QtBot) -> None:
    _main, editor, controller = window
    profiles = load_profiles(builtin_profiles_dir())
    assert not controller.site_menu.isEnabled()  # no site: nothing to offer
    controller.set_profile(profiles.get("learn-m365-community"))
    labels = [action.text().replace("&", "") for action in controller.site_menu.actions()]
    assert "Alert: Warning" in labels
    editor.setPlainText("Back up the site first.")
    select(editor, "Back up the site first.")
    next(
        a for a in controller.site_menu.actions() if a.text().replace("&", "") == "Alert: Warning"
    ).trigger()
    assert editor.toPlainText() == "> [!WARNING]\n> Back up the site first.\n"
    controller.set_profile(profiles.get("pnp-blog"))
    labels = [action.text().replace("&", "") for action in controller.site_menu.actions()]
    assert "Notice: tip" in labels and "Alert: Warning" not in labels


def test_pasting_rich_text_gives_markdown_and_plain_paste_keeps_the_text(
    window, qtbot: QtBot
) -> None:
    _main, editor, controller = window
    data = QMimeData()
    data.setHtml("<p>Use <b>flows</b> and <a href='https://make.powerautomate.com'>this</a></p>")
    data.setText("Use flows and this")
    QGuiApplication.clipboard().setMimeData(data)
    editor.setPlainText("")
    editor.paste()
    assert editor.toPlainText() == "Use **flows** and [this](https://make.powerautomate.com)"
    editor.setPlainText("")
    controller.actions_by_id["format.paste_plain"].trigger()
    assert editor.toPlainText() == "Use flows and this"


def test_every_format_command_has_a_name_and_a_shortcut_of_its_own(window) -> None:
    main, _editor, controller = window
    shortcuts = [
        action.shortcut().toString()
        for action in main.findChildren(type(controller.actions_by_id["format.bold"]))
        if not action.shortcut().isEmpty()
    ]
    assert len(shortcuts) == len(set(shortcuts))
    for action in controller.actions_by_id.values():
        assert action.text().replace("&", "").strip()


def test_an_address_typed_without_https_is_linked_with_it(window, qtbot: QtBot) -> None:
    _main, editor, controller = window
    editor.setPlainText("See the docs.")
    select(editor, "the docs")

    def bare(dialog: LinkDialog) -> None:
        dialog.url_edit.setText("learn.microsoft.com/power-automate")
        dialog.accept()

    _answer(LinkDialog, bare)
    controller.actions_by_id["format.link"].trigger()
    assert editor.toPlainText() == "See [the docs](https://learn.microsoft.com/power-automate)."


def test_site_elements_get_distinct_access_keys() -> None:
    from editor.ui.formatting import with_access_keys

    texts = with_access_keys(["Notice: note", "Notice: tip", "Tips & tricks", "Video"])
    assert texts == ["&Notice: note", "Notice: &tip", "T&ips && tricks", "&Video"]
    keys = [text[text.index("&") + 1].lower() for text in texts if "&" in text.replace("&&", "")]
    assert len(keys) == len(set(keys))
