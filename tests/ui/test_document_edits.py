"""Edits made for the user (a form field) touch only what changed, as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from editor.ui.document import editor_text, replace_text_minimally

OLD = '---\ntitle: "Old 😀 title"\ntags: []\n---\n\nBody 😀 text.\n'


def test_only_the_changed_line_is_replaced_and_one_undo_restores_it(qtbot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(OLD)
    new = OLD.replace('"Old 😀 title"', '"New title"')
    changed: list[tuple[int, int, int]] = []
    editor.document().contentsChange.connect(lambda pos, rem, add: changed.append((pos, rem, add)))
    replace_text_minimally(editor, new)
    assert editor_text(editor) == new
    assert len(changed) == 1
    position, removed, added = changed[0]
    assert position > len("---\ntitle: ")  # nothing before the title's value was rewritten
    assert removed < 12 and added < 12
    editor.undo()
    assert editor_text(editor) == OLD


def test_the_same_text_is_not_an_edit(qtbot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(OLD)
    editor.document().setModified(False)
    replace_text_minimally(editor, OLD)
    assert not editor.document().isModified()
