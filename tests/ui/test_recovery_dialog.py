"""The start-up offer: recovered posts with a diff; each decision is final, none is forced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWidget

from editor.core.text_format import CRLF, TextFormat
from editor.services.recovery import RecoveryEntry, RecoveryStore, key_for_path, new_untitled_key
from editor.services.storage import content_digest
from editor.ui.document import DocumentController
from editor.ui.editor import MarkdownEditor
from editor.ui.recovery_dialog import RecoveryDialog, offer_recovery


@pytest.fixture
def journal(tmp_path: Path) -> RecoveryStore:
    """A journal left behind by an app that has ended."""
    return RecoveryStore(tmp_path / "journal")


@pytest.fixture
def document(qtbot) -> Iterator[DocumentController]:
    window = QWidget()
    qtbot.addWidget(window)
    editor = MarkdownEditor(window)
    controller = DocumentController(editor, window)
    yield controller
    editor.document().setModified(False)


def left_behind(store: RecoveryStore, path: Path | None, text: str, **extra) -> RecoveryEntry:
    digest = content_digest(path.read_bytes()) if path is not None and path.exists() else None
    entry = RecoveryEntry(
        key=key_for_path(path) if path is not None else new_untitled_key(),
        path=path,
        text=text,
        disk_digest=digest,
        session="ended",
        **extra,
    )
    store.write(entry)
    return entry


def when_the_dialog_shows(act) -> list[str]:
    """Run ``act(dialog)`` once the recovery dialog is up; returns what it recorded."""
    seen: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(20, run)
            return
        act(dialog, seen)

    QTimer.singleShot(0, run)
    return seen


def click(dialog: RecoveryDialog, name: str) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    button.click()


def test_restore_shows_the_difference_and_puts_the_words_back(journal, document, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("# Title\n\nOld paragraph.\n", encoding="utf-8")
    left_behind(journal, path, "# Title\n\nNew paragraph typed before the crash.\n")

    def restore(dialog: RecoveryDialog, seen: list[str]) -> None:
        seen.append(dialog.diff.toPlainText())
        click(dialog, "restore")

    seen = when_the_dialog_shows(restore)
    restored, problems = offer_recovery(QWidget(), journal, document)
    assert restored and problems == []
    shown = seen[0]
    assert "Change 1 of 1: Line 3 of the file is different in the recovered text." in shown
    assert "In the file, line 3:\nOld paragraph." in shown
    assert "In the recovered text, line 3:\nNew paragraph typed before the crash." in shown
    assert document.path == path
    assert document.is_modified()  # restored, not saved: the user saves
    assert document.current_post().text == "# Title\n\nNew paragraph typed before the crash.\n"
    assert path.read_text(encoding="utf-8") == "# Title\n\nOld paragraph.\n"
    assert journal.entries()[0] == []  # decided: gone (autosave journals it again as edits)
    assert document.save()
    assert path.read_text(encoding="utf-8").endswith("typed before the crash.\n")


def test_keep_the_file_forgets_the_recovered_text(journal, document, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("on disk\n", encoding="utf-8")
    left_behind(journal, path, "recovered\n")
    when_the_dialog_shows(lambda dialog, _seen: click(dialog, "keep_file"))
    restored, _ = offer_recovery(QWidget(), journal, document)
    assert not restored
    assert path.read_text(encoding="utf-8") == "on disk\n"
    assert journal.entries()[0] == []


def test_save_as_new_post_keeps_both(journal, document, tmp_path, monkeypatch):
    path = tmp_path / "post.md"
    path.write_bytes(b"on disk\r\n")
    left_behind(journal, path, "recovered\nsecond line\n", text_format=TextFormat(newline=CRLF))
    target = tmp_path / "post (recovered).md"
    suggested: list[str] = []

    def choose(_parent, _title, start, _filter):
        suggested.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    when_the_dialog_shows(lambda dialog, _seen: click(dialog, "save_new"))
    restored, _ = offer_recovery(QWidget(), journal, document)
    assert not restored
    assert suggested == [str(target)]
    assert target.read_bytes() == b"recovered\r\nsecond line\r\n"  # the post's line endings
    assert path.read_bytes() == b"on disk\r\n"
    assert journal.entries()[0] == []


def test_a_failed_save_as_new_keeps_the_entry(journal, document, tmp_path, monkeypatch):
    path = tmp_path / "post.md"
    path.write_text("on disk\n", encoding="utf-8")
    left_behind(journal, path, "recovered\n")
    folder = tmp_path / "taken.md"  # a folder where the new post would go
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(folder), ""))

    def try_then_leave(dialog: RecoveryDialog, seen: list[str]) -> None:
        def after_problem() -> None:
            box = QApplication.activeModalWidget()
            if box is dialog or box is None:
                QTimer.singleShot(20, after_problem)
                return
            seen.append(box.text())
            box.close()
            QTimer.singleShot(0, lambda: click(dialog, "later"))

        QTimer.singleShot(0, after_problem)
        click(dialog, "save_new")

    seen = when_the_dialog_shows(try_then_leave)
    offer_recovery(QWidget(), journal, document)
    assert "folder" in seen[0]
    assert len(journal.entries()[0]) == 1


def test_decide_later_keeps_every_entry(journal, document, tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("a\n", encoding="utf-8")
    second.write_text("b\n", encoding="utf-8")
    left_behind(journal, first, "a edited\n")
    left_behind(journal, second, "b edited\n")

    def look_then_leave(dialog: RecoveryDialog, seen: list[str]) -> None:
        seen.append(str(dialog.list.count()))
        click(dialog, "later")

    seen = when_the_dialog_shows(look_then_leave)
    restored, _ = offer_recovery(QWidget(), journal, document)
    assert not restored and seen == ["2"]
    assert len(journal.entries()[0]) == 2


def test_each_post_is_decided_on_its_own(journal, document, tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("a\n", encoding="utf-8")
    second.write_text("b\n", encoding="utf-8")
    left_behind(journal, first, "a edited\n")
    left_behind(journal, second, "b edited\n")

    def keep_first_restore_second(dialog: RecoveryDialog, seen: list[str]) -> None:
        dialog.list.setCurrentRow(0)
        click(dialog, "keep_file")
        seen.append(str(dialog.list.count()))
        click(dialog, "restore")

    seen = when_the_dialog_shows(keep_first_restore_second)
    restored, _ = offer_recovery(QWidget(), journal, document)
    assert restored and seen == ["1"]
    assert document.path == second
    assert journal.entries()[0] == []


def test_posts_not_decided_on_are_offered_again_and_the_user_is_told(journal, document, tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("a\n", encoding="utf-8")
    second.write_text("b\n", encoding="utf-8")
    left_behind(journal, first, "a edited\n")
    left_behind(journal, second, "b edited\n")
    when_the_dialog_shows(lambda dialog, _seen: click(dialog, "restore"))
    restored, notes = offer_recovery(QWidget(), journal, document)
    assert restored
    assert notes == ["1 more recovered post will be offered the next time Postwright starts."]
    assert [e.path for e in journal.entries()[0]] == [second]


def test_an_untitled_post_is_restored_untitled(journal, document):
    left_behind(journal, None, "a draft that never had a name")

    def restore(dialog: RecoveryDialog, seen: list[str]) -> None:
        seen.append(dialog.keep_button.text())
        click(dialog, "restore")

    seen = when_the_dialog_shows(restore)
    assert offer_recovery(QWidget(), journal, document)[0]
    assert document.path is None
    assert document.current_post().text == "a draft that never had a name"
    assert document.is_modified()
    assert "Discard" in seen[0]


def test_a_post_whose_file_is_gone_is_restored_and_saving_writes_it_again(
    journal, document, tmp_path
):
    path = tmp_path / "gone.md"
    left_behind(journal, path, "only the journal has this\n")

    def restore(dialog: RecoveryDialog, seen: list[str]) -> None:
        seen.append(dialog.summary.text())
        click(dialog, "restore")

    seen = when_the_dialog_shows(restore)
    assert offer_recovery(QWidget(), journal, document)[0]
    assert "not found" in seen[0]
    assert document.save()
    assert path.read_text(encoding="utf-8") == "only the journal has this\n"


def test_an_entry_the_file_already_holds_is_dropped_without_asking(journal, document, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("saved after all\n", encoding="utf-8")
    left_behind(journal, path, "saved after all\n")
    assert offer_recovery(QWidget(), journal, document) == (False, [])
    assert journal.entries()[0] == []


def test_a_damaged_entry_is_named(journal, document, tmp_path):
    journal.folder.mkdir(parents=True, exist_ok=True)
    (journal.folder / "p-x.json").write_text("{not json")
    restored, problems = offer_recovery(QWidget(), journal, document)
    assert not restored and "could not be read" in problems[0]


def test_enter_restores_rather_than_throwing_words_away(journal, document, tmp_path, qtbot):
    from PySide6.QtCore import Qt

    left_behind(journal, None, "keep me")

    def press_enter(dialog: RecoveryDialog, _seen: list[str]) -> None:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    when_the_dialog_shows(press_enter)
    assert offer_recovery(QWidget(), journal, document)[0]
    assert document.current_post().text == "keep me"


def _block_background(dialog: RecoveryDialog, text: str):
    block = dialog.diff.document().begin()
    while block.isValid():
        if block.text() == text:
            brush = block.blockFormat().background()
            return None if brush.style() == Qt.BrushStyle.NoBrush else brush.color()
        block = block.next()
    raise AssertionError(f"{text!r} is not shown")


def test_the_changes_read_as_words_not_as_diff_syntax(qtbot, journal, tmp_path):
    path = tmp_path / "post.md"
    disk = "".join(f"Line {n} of the post.\n" for n in range(1, 31))
    path.write_text(disk, encoding="utf-8")
    recovered = disk.replace("Line 5 of the post.\n", "").replace(
        "Line 20 of the post.\n", "Line 20 of the post.\nA sentence typed later.\n"
    )
    entry = left_behind(journal, path, recovered)
    dialog = RecoveryDialog([entry], journal)
    qtbot.addWidget(dialog)
    shown = dialog.diff.toPlainText()

    for syntax in ("---", "+++", "@@", "on disk"):
        assert syntax not in shown
    assert not any(line.startswith(("-", "+")) for line in shown.splitlines())
    assert "Change 1 of 2: Line 5 of the file is not in the recovered text." in shown
    assert "In the file, line 5:\nLine 5 of the post." in shown
    assert "Change 2 of 2: The recovered text has a new line after line 20 of the file." in shown
    assert "In the recovered text, line 20:\nA sentence typed later." in shown
    # a few unchanged lines around each change, not the whole post
    assert "Line 3 of the post." in shown and "Line 12 of the post." not in shown

    removed = _block_background(dialog, "Line 5 of the post.")
    added = _block_background(dialog, "A sentence typed later.")
    unchanged = _block_background(dialog, "Line 4 of the post.")
    assert removed is not None and added is not None and removed != added
    assert removed.red() > removed.green() and added.green() > added.red()
    assert unchanged is None


def test_changes_close_together_are_one_place_described_edit_by_edit(qtbot, journal, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("a\nb\nc\nd\ne\nf\n", encoding="utf-8")
    entry = left_behind(journal, path, "a\nB\nc\nd\ne\nf\ng\nh\n")
    dialog = RecoveryDialog([entry], journal)
    qtbot.addWidget(dialog)
    shown = dialog.diff.toPlainText()
    assert (
        "Change 1 of 1: Line 2 of the file is different in the recovered text."
        " The recovered text has 2 new lines after line 6 of the file." in shown
    )
    assert "In the recovered text, lines 7 to 8:\ng\nh" in shown


def test_the_highlight_suits_a_dark_palette(qtbot, journal, tmp_path):
    from PySide6.QtGui import QColor, QPalette

    path = tmp_path / "post.md"
    path.write_text("same\nold words\n", encoding="utf-8")
    entry = left_behind(journal, path, "same\nnew words\n")
    app = QApplication.instance()
    light_palette = app.palette()
    dark = QPalette(light_palette)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    app.setPalette(dark)
    try:
        dialog = RecoveryDialog([entry], journal)
        qtbot.addWidget(dialog)
        text = dialog.diff.palette().color(QPalette.ColorRole.Text)
        for line in ("old words", "new words"):
            background = _block_background(dialog, line)
            assert background is not None
            # light text stays readable: the highlight is dark
            assert background.lightness() < 110 < text.lightness(), line
    finally:
        app.setPalette(light_palette)
    light = RecoveryDialog([entry], journal)
    qtbot.addWidget(light)
    background = _block_background(light, "old words")
    assert background is not None and background.lightness() > 180


def test_saving_a_recovered_untitled_post_suggests_a_name_in_the_users_posts(
    journal, qtbot, tmp_path, monkeypatch
):
    window = QWidget()
    qtbot.addWidget(window)
    editor = MarkdownEditor(window)
    library = tmp_path / "Documents" / "Postwright"
    document = DocumentController(editor, window, library_folder=library)
    left_behind(journal, None, "# Notes From the Meetup\n\nWords.\n")
    suggested: list[str] = []

    def choose(_parent, _title, start, _filter):
        suggested.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)

    def save_then_leave(dialog: RecoveryDialog, _seen: list[str]) -> None:
        click(dialog, "save_new")
        click(dialog, "later")

    when_the_dialog_shows(save_then_leave)
    offer_recovery(QWidget(), journal, document)
    assert suggested == [str(library / "notes-from-the-meetup.md")]
    assert len(journal.entries()[0]) == 1  # nothing saved, nothing forgotten
