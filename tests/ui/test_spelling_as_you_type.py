"""Spell checking as you type in the real editor: underlines, suggestions, the dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCharFormat
from pytestqt.qtbot import QtBot

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.services.spelling import PersonalDictionary
from editor.ui.editor import MarkdownEditor
from editor.ui.spelling import SpellingController
from editor.ui.tasks import TaskRunner

TEXT = (
    "---\ntitle: A recieved title\nauthor: Zqxw Vbnm\n---\n\n"
    "This sentense has `codde` and [a link](https://x.y/docz) in SharePoint.\n"
)


@pytest.fixture
def spelling(qtbot: QtBot, shown_editor: MarkdownEditor, tmp_path: Path):
    tasks = TaskRunner()
    controller = SpellingController(
        shown_editor, tasks, PersonalDictionary(tmp_path / "dictionary.txt")
    )
    qtbot.waitUntil(lambda: controller.speller is not None, timeout=10_000)
    yield controller
    tasks.wait_for_done()


def underlined(editor: MarkdownEditor) -> list[str]:
    """The words drawn with a spelling underline, in document order."""
    found: list[str] = []
    block = editor.document().firstBlock()
    while block.isValid():
        for fmt_range in block.layout().formats():
            style = fmt_range.format.underlineStyle()
            if style == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                found.append(block.text()[fmt_range.start : fmt_range.start + fmt_range.length])
        block = block.next()
    return found


def test_misspelt_prose_is_underlined_and_code_links_and_keys_are_not(
    spelling: SpellingController, shown_editor: MarkdownEditor
) -> None:
    shown_editor.setPlainText(TEXT)
    spelling.set_profile(load_profiles(builtin_profiles_dir()).get("pnp-blog"))
    # the title is prose; the author's name and "codde"/"docz" are not checked
    assert underlined(shown_editor) == ["recieved", "sentense"]


def test_a_suggestion_replaces_the_word_in_one_undo_step(
    spelling: SpellingController, shown_editor: MarkdownEditor
) -> None:
    shown_editor.setPlainText(TEXT)
    position = shown_editor.toPlainText().index("sentense") + 3
    cursor = shown_editor.textCursor()
    cursor.setPosition(position)
    shown_editor.setTextCursor(cursor)
    point = shown_editor.cursorRect(cursor).center()
    menu = spelling.build_context_menu(point)
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "sentence"
    assert "Add “sentense” to Dictionary" in texts
    assert "Copy" in " ".join(texts).replace("&", "")  # the usual editing entries stay
    menu.actions()[0].trigger()
    assert "This sentence has" in shown_editor.toPlainText()
    shown_editor.undo()
    assert shown_editor.toPlainText() == TEXT


def test_adding_a_word_to_the_dictionary_keeps_it_for_next_time(
    qtbot: QtBot, spelling: SpellingController, shown_editor: MarkdownEditor, tmp_path: Path
) -> None:
    shown_editor.setPlainText("Postwrite is a tool.\n")
    assert underlined(shown_editor) == ["Postwrite"]
    spelling.add_to_dictionary("Postwrite")
    assert underlined(shown_editor) == []
    assert (tmp_path / "dictionary.txt").read_text(encoding="utf-8") == "Postwrite\n"

    again = SpellingController(
        shown_editor, TaskRunner(), PersonalDictionary(tmp_path / "dictionary.txt")
    )
    qtbot.waitUntil(lambda: again.speller is not None, timeout=10_000)
    assert underlined(shown_editor) == []


def test_turning_checking_off_and_changing_language(
    qtbot: QtBot, spelling: SpellingController, shown_editor: MarkdownEditor
) -> None:
    shown_editor.insertPlainText("Das ist schön.\n")
    assert underlined(shown_editor) == ["Das", "ist", "schön"]
    spelling.set_language("de")
    qtbot.waitUntil(lambda: underlined(shown_editor) == [], timeout=10_000)
    spelling.set_enabled(False)
    shown_editor.setPlainText("Teh end.\n")
    assert underlined(shown_editor) == []


def test_a_new_word_list_underlines_the_lines_on_screen_at_once_and_the_rest_soon(
    qtbot: QtBot, shown_editor: MarkdownEditor, tmp_path: Path
) -> None:
    lines = 3000  # far more lines than one turn of the event loop re-checks
    shown_editor.setPlainText("".join(f"Line {n} has a mispelt word.\n" for n in range(lines)))
    middle = shown_editor.document().findBlockByNumber(lines // 2)
    shown_editor.verticalScrollBar().setValue(lines // 2)  # one step per line
    assert shown_editor.firstVisibleBlock().blockNumber() == middle.blockNumber()
    tasks = TaskRunner()
    controller = SpellingController(
        shown_editor, tasks, PersonalDictionary(tmp_path / "dictionary.txt")
    )
    qtbot.waitUntil(lambda: controller.speller is not None, timeout=10_000)

    def underlined_lines() -> set[int]:
        found = set()
        block = shown_editor.document().firstBlock()
        while block.isValid():
            if any(
                r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
                for r in block.layout().formats()
            ):
                found.add(block.blockNumber())
            block = block.next()
        return found

    # The word list arrived on this turn: what is on screen is underlined already, the lines
    # far away are not yet; the window stays free between slices of the rest.
    first = underlined_lines()
    assert set(range(lines // 2, lines // 2 + 20)) <= first
    assert 0 not in first and lines - 1 not in first
    qtbot.waitUntil(lambda: len(underlined_lines()) == lines, timeout=10_000)
