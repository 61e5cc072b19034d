"""The editor's line-based scrolling API, its user-scroll signal, and large documents."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.editor import MarkdownEditor

WRAPPED_LINE = 1000  # in LONG_DOCUMENT, a line long enough to wrap several times


def long_document(lines: int = 3000) -> str:
    rows = [f"Line {number}: " + "word " * (number % 17) for number in range(lines)]
    rows[WRAPPED_LINE] = "A long wrapped paragraph " + "lorem ipsum dolor sit amet " * 40
    return "\n".join(rows)


def large_post(target_chars: int = 700_000) -> str:
    """About 100k words of Markdown: headings, prose, lists, code, links and shortcodes."""
    section = (
        "## A section heading\n\n"
        "Some prose with *emphasis*, **strong text**, `inline code` and a "
        '[link](https://example.com/a_b "title"). ' * 3 + "\n\n"
        "- a list item with a footnote[^1]\n- another item\n\n"
        "```powershell\nGet-PnPList | Where-Object { $_.Title -like '*x*' }\n```\n\n"
        "{{< youtube abc123 >}}\n\n> A quote about ~~nothing~~ something.\n\n"
    )
    body = section * (target_chars // len(section) + 1)
    return "---\ntitle: Big\ntags: [a, b]\n---\n" + body[:target_chars]


@pytest.fixture
def editor(shown_editor: MarkdownEditor) -> MarkdownEditor:
    shown_editor.setPlainText(long_document())
    return shown_editor


def wheel_down(widget: QWidget) -> None:
    position = QPointF(20, 20)
    event = QWheelEvent(
        position,
        QPointF(widget.mapToGlobal(QPoint(20, 20))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("line", [0.0, 1.0, 250.0, 999.0, 1500.0, 2400.0])
def test_scroll_to_line_round_trips(editor: MarkdownEditor, line: float) -> None:
    editor.scroll_to_line(line)
    assert editor.first_visible_line() == pytest.approx(line, abs=1e-6)


def test_scroll_to_line_lands_inside_a_wrapped_line(editor: MarkdownEditor) -> None:
    block = editor.document().findBlockByNumber(WRAPPED_LINE)
    editor.blockBoundingRect(block)
    rows = block.lineCount()
    assert rows >= 4
    target = WRAPPED_LINE + 0.5
    editor.scroll_to_line(target)
    assert editor.first_visible_line() == pytest.approx(target, abs=1 / rows)
    assert int(editor.first_visible_line()) == WRAPPED_LINE


def test_scroll_to_line_clamps(editor: MarkdownEditor) -> None:
    editor.scroll_to_line(-5)
    assert editor.first_visible_line() == 0
    editor.scroll_to_line(10**6)
    assert editor.first_visible_line() > 2900  # as far as the scroll bar goes


def test_programmatic_scroll_is_not_reported(qtbot: QtBot, editor: MarkdownEditor) -> None:
    with qtbot.assertNotEmitted(editor.scrolled_to_line, wait=50):
        editor.scroll_to_line(1200)
        editor.scroll_to_line(WRAPPED_LINE + 0.5)
        editor.setPlainText(long_document(2000))


def test_scroll_bar_action_is_reported(qtbot: QtBot, editor: MarkdownEditor) -> None:
    with qtbot.waitSignal(editor.scrolled_to_line) as blocker:
        editor.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    assert blocker.args[0] > 0
    assert blocker.args[0] == editor.first_visible_line()


def test_wheel_scroll_is_reported(qtbot: QtBot, editor: MarkdownEditor) -> None:
    with qtbot.waitSignal(editor.scrolled_to_line) as blocker:
        wheel_down(editor.viewport())
    assert blocker.args[0] > 0


def test_keyboard_scroll_is_reported(qtbot: QtBot, editor: MarkdownEditor) -> None:
    editor.setFocus()
    with qtbot.waitSignal(editor.scrolled_to_line) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0] > 2000


def test_go_to_line_moves_centres_and_focuses(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    editor, other = MarkdownEditor(), QLineEdit()
    layout.addWidget(editor)
    layout.addWidget(other)
    window.resize(640, 480)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setPlainText(long_document())
    other.setFocus()
    editor.go_to_line(1500)
    assert editor.cursor_line() == 1500
    assert editor.textCursor().positionInBlock() == 0
    assert QApplication.focusWidget() is editor
    top = editor.first_visible_line()
    assert top < 1500
    assert editor.viewport().rect().contains(editor.cursorRect())
    assert editor.cursorRect().top() > editor.viewport().height() // 4  # roughly centred


def test_go_to_line_clamps(editor: MarkdownEditor) -> None:
    editor.go_to_line(10**6)
    assert editor.cursor_line() == editor.blockCount() - 1
    editor.go_to_line(-3)
    assert editor.cursor_line() == 0


def test_typing_in_the_middle_of_a_large_document(qtbot: QtBot, editor: MarkdownEditor) -> None:
    # How fast loading and typing are is measured by `make bench`, not here.
    text = large_post()
    assert len(text.split()) > 90_000
    editor.setPlainText(text)
    middle = editor.blockCount() // 2
    editor.go_to_line(middle)
    line = editor.document().findBlockByNumber(middle).text()
    qtbot.keyClicks(editor, "typing in the middle")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.document().findBlockByNumber(middle).text() == "typing in the middle"
    assert editor.document().findBlockByNumber(middle + 1).text() == line
    assert editor.cursor_line() == middle + 1
    assert len(editor.toPlainText()) == len(text) + len("typing in the middle\n")


@pytest.mark.parametrize(
    "change",
    [
        lambda editor: editor.set_word_wrap(False),
        lambda editor: editor.zoom_in(),
        lambda editor: editor.set_line_numbers_visible(False),
        lambda editor: editor.set_editor_font(None, 16),
    ],
    ids=["wrap", "zoom", "gutter", "font"],
)
def test_relayout_keeps_the_top_line_silently(qtbot: QtBot, editor: MarkdownEditor, change) -> None:
    editor.scroll_to_line(1500)
    with qtbot.assertNotEmitted(editor.scrolled_to_line, wait=50):
        change(editor)
    assert int(editor.first_visible_line()) == 1500
