"""When the preview renders: coalesced while a render runs, paused while hidden, always exact."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import SIGNAL_TIMEOUT_MS
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.core.render import RenderOptions, render_document
from editor.services.render_process import RenderOutcome, render_with_stats
from editor.ui.document import editor_text
from editor.ui.editor import MarkdownEditor
from editor.ui.preview import PreviewView
from editor.ui.preview_controller import PreviewController
from editor.ui.tasks import TaskRunner


class GatedRenderer:
    """Renders in the calling thread; while ``gate`` is closed, every render waits for it."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.gate = threading.Event()
        self.gate.set()

    def render(self, revision: int, text: str, options: RenderOptions) -> RenderOutcome:
        self.texts.append(text)
        self.gate.wait(SIGNAL_TIMEOUT_MS / 1000)
        return render_with_stats(revision, text, options)


@pytest.fixture
def wired(
    qtbot: QtBot, make_preview: Callable[..., PreviewView]
) -> Iterator[Callable[[Any], tuple[MarkdownEditor, PreviewView, PreviewController]]]:
    tasks = TaskRunner()
    made: list[PreviewController] = []

    def wire(renderer: Any) -> tuple[MarkdownEditor, PreviewView, PreviewController]:
        editor = MarkdownEditor()
        qtbot.addWidget(editor)
        editor.show()
        preview = make_preview()
        controller = PreviewController(editor, preview, tasks, renderer)
        made.append(controller)
        return editor, preview, controller

    yield wire
    tasks.wait_for_done()


def _type(qtbot: QtBot, editor: MarkdownEditor, letters: str) -> None:
    for letter in letters:
        qtbot.keyClick(editor, getattr(Qt.Key, f"Key_{letter.upper()}"))


def _page_text(driver: Any, preview: PreviewView) -> str:
    return str(driver.js(preview, "document.getElementById('pw-content').textContent"))


def test_edits_made_during_a_render_become_one_render_of_the_latest_text(
    qtbot: QtBot, wired: Any, driver: Any
) -> None:
    renderer = GatedRenderer()
    editor, preview, controller = wired(renderer)
    editor.setPlainText("Hello\n")
    qtbot.waitUntil(lambda: not controller.pending(), timeout=SIGNAL_TIMEOUT_MS)
    renderer.gate.clear()  # the next render hangs until released
    editor.moveCursor(QTextCursor.MoveOperation.End)
    _type(qtbot, editor, "a")
    qtbot.waitUntil(lambda: len(renderer.texts) == 2, timeout=SIGNAL_TIMEOUT_MS)
    _type(qtbot, editor, "bcd")
    renderer.gate.set()
    qtbot.waitUntil(lambda: not controller.pending(), timeout=SIGNAL_TIMEOUT_MS)
    assert renderer.texts[2:] == ["Hello\nabcd"]  # three keystrokes, one render
    qtbot.waitUntil(lambda: "abcd" in _page_text(driver, preview), timeout=SIGNAL_TIMEOUT_MS)


def test_a_hidden_preview_waits_and_catches_up_when_shown(
    qtbot: QtBot, wired: Any, driver: Any
) -> None:
    renderer = GatedRenderer()
    editor, preview, controller = wired(renderer)
    editor.setPlainText("First words\n")
    qtbot.waitUntil(lambda: not controller.pending(), timeout=SIGNAL_TIMEOUT_MS)
    rendered = len(renderer.texts)
    preview.hide()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    _type(qtbot, editor, "xyz")
    qtbot.wait(200)  # several turns of the event loop: an idle-time render would have run
    assert len(renderer.texts) == rendered
    assert controller.pending()
    with qtbot.waitSignal(controller.rendered, timeout=SIGNAL_TIMEOUT_MS):
        preview.show()
    assert renderer.texts[-1] == "First words\nxyz"
    qtbot.waitUntil(lambda: "xyz" in _page_text(driver, preview), timeout=SIGNAL_TIMEOUT_MS)


def test_typing_through_the_render_process_shows_exactly_a_full_render(
    qtbot: QtBot, wired: Any, render_process: Any
) -> None:
    """The child renders incrementally and sends only changes; the result is never off."""
    editor, _preview, controller = wired(render_process)
    paragraphs = "\n\n".join(f"Paragraph {n} of the post." for n in range(60))
    editor.setPlainText(f"# Title\n\n{paragraphs}\n\n- a list\n- of items\n\n```\ncode\n```\n")
    qtbot.waitUntil(lambda: not controller.pending(), timeout=SIGNAL_TIMEOUT_MS)
    outcomes: list[RenderOutcome] = []
    controller.rendered.connect(outcomes.append)
    cursor = editor.textCursor()
    for line, typed in ((30, "more"), (2, "top"), (200, "end"), (125, "list")):
        block = editor.document().findBlockByNumber(min(line, editor.blockCount() - 1))
        cursor.setPosition(block.position())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        editor.setTextCursor(cursor)
        _type(qtbot, editor, typed)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not controller.pending(), timeout=SIGNAL_TIMEOUT_MS)
        assert outcomes[-1].result == render_document(editor_text(editor))
