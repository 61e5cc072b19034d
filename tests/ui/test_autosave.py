"""Autosave: unsaved words reach the recovery journal, and leave it only when the user decided."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from editor.services import storage
from editor.services.recovery import JournalWriter, RecoveryStore, key_for_path
from editor.ui.autosave import AutosaveController
from editor.ui.document import DocumentController
from editor.ui.editor import MarkdownEditor


class Rig:
    """An editor, its document controller and autosave, journaling into ``tmp_path``."""

    def __init__(self, qtbot, tmp_path: Path, *, idle_ms: int = 30, max_ms: int = 80) -> None:
        self.qtbot = qtbot
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.editor = MarkdownEditor(self.window)
        self.document = DocumentController(self.editor, self.window)
        self.store = RecoveryStore(tmp_path / "journal")
        self.store.open_session()
        self.writer = JournalWriter(self.store)
        self.to_file = False
        self.autosave = AutosaveController(
            self.editor,
            self.document,
            self.writer,
            idle_ms=idle_ms,
            max_ms=max_ms,
            autosave_to_file=lambda: self.to_file,
        )
        self.problems: list[str] = []
        self.autosave.problem.connect(self.problems.append)

    def journal(self) -> dict[Path | None, str]:
        """What the next start would find (entries by path), once queued writes are done."""
        self.writer.drain()
        entries, _ = self.store.entries(include_live=True)
        return {entry.path: entry.text for entry in entries}

    def wait_journaled(self) -> None:
        self.qtbot.waitUntil(lambda: not self.autosave.pending(), timeout=5000)
        self.writer.drain()

    def close(self) -> None:
        self.editor.document().setModified(False)
        self.autosave.close()
        self.store.close_session()


@pytest.fixture
def rig(qtbot, tmp_path: Path) -> Iterator[Rig]:
    made = Rig(qtbot, tmp_path)
    yield made
    made.close()


def post(tmp_path: Path, text: str = "first line\n", name: str = "post.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def answer_next_message_box(button: QMessageBox.StandardButton) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        box.button(button).click()

    QTimer.singleShot(0, click)


def click_next_dialog_button(name: str) -> None:
    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, click)
            return
        button = dialog.findChild(QPushButton, name)
        assert button is not None, name
        button.click()

    QTimer.singleShot(0, click)


def test_typing_is_journaled_and_the_post_file_is_not_touched(rig: Rig, tmp_path: Path) -> None:
    path = post(tmp_path)
    rig.document.open_path(path, ask=False)
    rig.editor.insertPlainText("typed ")
    rig.wait_journaled()
    assert rig.journal() == {path: "typed first line\n"}
    entry = rig.store.read(key_for_path(path))
    assert entry is not None and entry.disk_digest == rig.document.disk_digest
    assert path.read_text(encoding="utf-8") == "first line\n"


def test_typing_without_a_pause_is_still_journaled(qtbot, tmp_path: Path) -> None:
    rig = Rig(qtbot, tmp_path, idle_ms=60_000, max_ms=50)  # the pause never comes
    try:
        path = post(tmp_path)
        rig.document.open_path(path, ask=False)
        rig.editor.insertPlainText("a")
        qtbot.waitUntil(lambda: rig.journal() == {path: "afirst line\n"}, timeout=5000)
        rig.editor.insertPlainText("b")  # a new deadline starts with the next change
        qtbot.waitUntil(lambda: rig.journal() == {path: "abfirst line\n"}, timeout=5000)
    finally:
        rig.close()


def test_an_untitled_post_is_journaled(rig: Rig) -> None:
    rig.document.new()
    rig.editor.insertPlainText("a draft with no name")
    rig.wait_journaled()
    assert rig.journal() == {None: "a draft with no name"}


def test_saving_removes_the_entry(rig: Rig, tmp_path: Path) -> None:
    path = post(tmp_path)
    rig.document.open_path(path, ask=False)
    rig.editor.insertPlainText("typed ")
    rig.wait_journaled()
    assert rig.document.save()
    assert rig.journal() == {}
    assert path.read_text(encoding="utf-8") == "typed first line\n"


def test_discarding_when_asked_removes_the_entry(rig: Rig, tmp_path: Path) -> None:
    path = post(tmp_path)
    rig.document.open_path(path, ask=False)
    rig.editor.insertPlainText("typed ")
    rig.wait_journaled()
    answer_next_message_box(QMessageBox.StandardButton.Discard)
    assert rig.document.new()
    assert rig.journal() == {}


def test_cancelling_the_question_keeps_the_entry(rig: Rig, tmp_path: Path) -> None:
    path = post(tmp_path)
    rig.document.open_path(path, ask=False)
    rig.editor.insertPlainText("typed ")
    rig.wait_journaled()
    answer_next_message_box(QMessageBox.StandardButton.Cancel)
    assert not rig.document.new()
    assert rig.journal() == {path: "typed first line\n"}


def test_undoing_back_to_the_file_removes_the_entry(rig: Rig, tmp_path: Path) -> None:
    path = post(tmp_path)
    rig.document.open_path(path, ask=False)
    rig.editor.insertPlainText("typed ")
    rig.wait_journaled()
    rig.editor.undo()
    assert not rig.document.is_modified()
    assert rig.journal() == {}


def test_replacing_the_post_without_asking_keeps_the_entry(rig: Rig, tmp_path: Path) -> None:
    first, second = post(tmp_path, name="a.md"), post(tmp_path, "other\n", name="b.md")
    rig.document.open_path(first, ask=False)
    rig.editor.insertPlainText("typed ")
    rig.wait_journaled()
    rig.document.open_path(second, ask=False)  # nobody decided about the edits to a.md
    rig.editor.insertPlainText("more ")
    rig.wait_journaled()
    assert rig.journal() == {first: "typed first line\n", second: "more other\n"}


def test_a_moved_post_takes_its_entry_along(rig: Rig, tmp_path: Path) -> None:
    old = post(tmp_path, name="old.md")
    rig.document.open_path(old, ask=False)
    rig.editor.insertPlainText("typed ")
    rig.wait_journaled()
    new = old.rename(tmp_path / "new.md")
    rig.document.relocate(new)
    rig.wait_journaled()
    assert rig.journal() == {new: "typed first line\n"}


def test_a_file_deleted_underneath_keeps_its_text_journaled(rig: Rig, tmp_path: Path) -> None:
    path = post(tmp_path)
    rig.document.open_path(path, ask=False)
    path.unlink()
    rig.document.check_disk()
    rig.wait_journaled()
    assert rig.journal() == {path: "first line\n"}


def test_autosave_to_the_file_when_turned_on(rig: Rig, tmp_path: Path) -> None:
    path = post(tmp_path)
    rig.to_file = True
    rig.document.open_path(path, ask=False)
    rig.editor.insertPlainText("typed ")
    rig.qtbot.waitUntil(lambda: not rig.document.is_modified(), timeout=5000)
    assert path.read_text(encoding="utf-8") == "typed first line\n"
    assert rig.journal() == {}


def test_autosave_to_the_file_never_overwrites_a_change_made_elsewhere(
    rig: Rig, tmp_path: Path
) -> None:
    path = post(tmp_path)
    rig.to_file = True
    rig.document.open_path(path, ask=False)
    path.write_text("changed by a sync tool\n", encoding="utf-8")
    seen_while_open: list[tuple[str, dict[Path | None, str]]] = []

    def while_the_question_is_open() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or rig.autosave.pending():
            QTimer.singleShot(20, while_the_question_is_open)
            return
        seen_while_open.append((path.read_text(encoding="utf-8"), rig.journal()))
        dialog.findChild(QPushButton, "keep").click()

    QTimer.singleShot(0, while_the_question_is_open)
    rig.editor.insertPlainText("typed ")
    rig.document.check_disk()  # as when the window regains focus (or the watcher fires)
    rig.qtbot.waitUntil(lambda: bool(seen_while_open), timeout=5000)
    # unresolved: the file was not written, and the words were journaled all the same
    assert seen_while_open[0] == ("changed by a sync tool\n", {path: "typed first line\n"})
    # once the user chose to keep theirs, autosave may write the file
    rig.editor.insertPlainText("more ")
    rig.qtbot.waitUntil(lambda: not rig.document.is_modified(), timeout=5000)
    assert path.read_text(encoding="utf-8") == "typed more first line\n"


def test_autosave_to_the_file_on_a_full_disk_says_so_and_journals(
    rig: Rig, tmp_path: Path, monkeypatch
) -> None:
    path = post(tmp_path)
    rig.to_file = True
    rig.document.open_path(path, ask=False)
    real_write = storage._write_and_sync

    def full_for_the_post(handle: int, data: bytes) -> None:
        if b"typed" in data and b'"version"' not in data:
            import os

            os.close(handle)
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(handle, data)

    monkeypatch.setattr(storage, "_write_and_sync", full_for_the_post)
    rig.editor.insertPlainText("typed ")
    rig.wait_journaled()
    assert any("disk is full" in problem for problem in rig.problems)
    assert path.read_text(encoding="utf-8") == "first line\n"
    assert rig.journal() == {path: "typed first line\n"}


def test_a_journal_that_cannot_be_written_is_reported(qtbot, tmp_path: Path) -> None:
    rig = Rig(qtbot, tmp_path)
    try:
        rig.store.close_session()
        (tmp_path / "journal").rename(tmp_path / "journal-gone")
        (tmp_path / "journal").write_text("a file where the folder was")
        rig.document.new()
        rig.editor.insertPlainText("words")
        qtbot.waitUntil(lambda: bool(rig.problems), timeout=5000)
        assert "recovery copy" in rig.problems[0]
        assert rig.editor.toPlainText() == "words"
    finally:
        rig.close()
