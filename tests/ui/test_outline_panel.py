"""The Outline panel follows the text and takes the reader to a heading."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from editor.ui.editor import MarkdownEditor
from editor.ui.outline_panel import OutlineController, OutlinePanel
from editor.ui.tasks import TaskRunner

POST = "---\ntitle: x\n---\n# Top\n\nIntro\n\n## First\n\nText\n\n### Detail\n\n## Second\n"


def titles(panel: OutlinePanel) -> list[str]:
    found = []

    def walk(item, depth):
        found.append("  " * depth + item.text(0))
        for index in range(item.childCount()):
            walk(item.child(index), depth + 1)

    for index in range(panel.tree.topLevelItemCount()):
        walk(panel.tree.topLevelItem(index), 0)
    return found


def test_the_outline_nests_headings_follows_typing_and_jumps(
    qtbot: QtBot, shown_editor: MarkdownEditor
) -> None:
    tasks = TaskRunner()
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.show()
    OutlineController(shown_editor, panel, tasks)
    assert panel.empty.isVisibleTo(panel)  # nothing yet: the panel says how to get an outline
    shown_editor.setPlainText(POST)
    qtbot.waitUntil(lambda: titles(panel) == ["Top", "  First", "    Detail", "  Second"])
    assert not panel.empty.isVisibleTo(panel)

    cursor = shown_editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    shown_editor.setTextCursor(cursor)
    shown_editor.insertPlainText("\n# Appendix\n")
    qtbot.waitUntil(lambda: titles(panel)[-1] == "Appendix", timeout=5000)

    detail = panel.tree.topLevelItem(0).child(0).child(0)
    panel.tree.setCurrentItem(detail)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert shown_editor.textCursor().blockNumber() == 11  # the line of "### Detail"
    cursor = shown_editor.textCursor()
    cursor.setPosition(shown_editor.toPlainText().index("## Second"))
    shown_editor.setTextCursor(cursor)
    assert panel.tree.currentItem().text(0) == "Second"
    tasks.wait_for_done()
