"""Files and disks that misbehave, met through the window: a clear message, the text kept,
nothing corrupt written."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QRadioButton

from editor.core.text.merge import Take
from editor.services.settings import SettingsStore
from editor.ui.main_window import MainWindow
from editor.ui.merge_dialog import MergeDialog
from editor.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot, tmp_path: Path, render_process, open_main_window) -> Iterator[MainWindow]:
    settings = SettingsStore(tmp_path / "settings.json")
    with open_main_window(settings, TaskRunner(), render_process, size=(1000, 700)) as win:
        qtbot.waitExposed(win)
        yield win


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def capture_message_boxes() -> list[str]:
    """Close every message box as it shows; the list receives their texts."""
    texts: list[str] = []

    def capture() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            box.close()
        QTimer.singleShot(20, capture)

    QTimer.singleShot(0, capture)
    return texts


def fail_with(code: int):
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


def test_disk_full_while_saving(window: MainWindow, tmp_path, monkeypatch) -> None:
    path = write(tmp_path / "post.md", "saved\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("typed ")
    monkeypatch.setattr(os, "fsync", fail_with(errno.ENOSPC))
    texts = capture_message_boxes()
    assert not window.document.save()
    monkeypatch.undo()
    assert "disk is full" in texts[0]
    assert window.editor.toPlainText() == "typed saved\n"
    assert window.isWindowModified()
    assert path.read_bytes() == b"saved\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_folder_that_refuses_writing(window: MainWindow, tmp_path, monkeypatch) -> None:
    path = write(tmp_path / "post.md", "saved\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("typed ")
    monkeypatch.setattr(tempfile, "mkstemp", fail_with(errno.EACCES))
    texts = capture_message_boxes()
    assert not window.document.save()
    monkeypatch.undo()
    assert "do not have permission to save" in texts[0]
    assert window.editor.toPlainText() == "typed saved\n"
    assert path.read_bytes() == b"saved\n"


def test_a_file_replaced_by_a_folder(window: MainWindow, tmp_path, qtbot) -> None:
    path = write(tmp_path / "post.md", "saved\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("typed ")
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("someone's folder")
    window.document.check_disk()  # no modal question: a bar says what happened
    assert "deleted or moved" in window.file_bar.problem_text()
    texts = capture_message_boxes()
    assert not window.document.save()
    assert "is a folder, not a file, so nothing was saved" in texts[0]
    assert window.editor.toPlainText() == "typed saved\n"
    assert (path / "inside.txt").read_text() == "someone's folder"


def test_compare_and_merge_takes_parts_of_each_version(window: MainWindow, tmp_path) -> None:
    path = write(tmp_path / "post.md", "title\nintro\nshared\nend\n")
    window.document.open_path(path, ask=False)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText("my new last line\n")
    write(path, "title\nintro rewritten elsewhere\nshared\nend\n")
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        if isinstance(dialog, MergeDialog):
            seen.append(dialog.result_view.toPlainText())
            dialog.change_list.setCurrentRow(0)  # the intro: take the file's
            dialog.findChild(QRadioButton, "take_theirs").click()
            dialog.choose(1, Take.MINE)  # my new line stays
            seen.append(dialog.result_view.toPlainText())
            dialog.findChild(QPushButton, "apply").click()
            return
        dialog.findChild(QPushButton, "merge").click()
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    window.document.check_disk()
    merged = "title\nintro rewritten elsewhere\nshared\nend\nmy new last line\n"
    assert seen == ["title\nintro\nshared\nend\nmy new last line\n", merged]
    assert window.editor.toPlainText() == merged
    assert window.isWindowModified()  # merged in the editor, not written
    assert path.read_text(encoding="utf-8") == "title\nintro rewritten elsewhere\nshared\nend\n"
    assert window.document.save()  # the user has seen this version: no second question
    assert path.read_text(encoding="utf-8") == merged
    window.editor.undo()  # the merge was one edit
    assert window.editor.toPlainText() == "title\nintro\nshared\nend\nmy new last line\n"


def test_a_50_mb_file_is_refused_with_the_reason(window: MainWindow, tmp_path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: only the size is checked, nothing read
    texts = capture_message_boxes()
    assert not window.document.open_path(path, ask=False)
    assert "50.0 MB" in texts[0] and "not opened" in texts[0]
    assert window.document.path is None


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "does not look like text"),
        ("# Titel\n\nÜber uns\n".encode("utf-16"), "UTF-16"),
        ("# Titel\n\nÜber uns\n".encode("utf-16-le"), "UTF-16"),
        ("# Café\n\nUn été\n".encode("latin-1"), "Latin-1"),
        (b"# Title\n\ntext with a \x00 NUL byte\n", "NUL"),
    ],
    ids=["binary", "utf16-bom", "utf16-no-bom", "latin1", "nul"],
)
def test_files_that_are_not_utf8_text_are_refused_and_named(
    window: MainWindow, tmp_path, data: bytes, words: str
) -> None:
    path = write(tmp_path / "renamed.md", data)
    window.document.open_path(write(tmp_path / "open.md", "kept\n"), ask=False)
    texts = capture_message_boxes()
    assert not window.document.open_path(path, ask=False)
    assert words in texts[0]
    assert window.editor.toPlainText() == "kept\n"  # the post already open stays
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('+++\ntitle = "TOML post"\ndate = 2024-05-01\ntags = ["a", "b"]\n+++\n\nBody.\n', "TOML"),
        ('{\n  "title": "JSON post",\n  "tags": ["a"]\n}\n\nBody.\n', "JSON"),
    ],
)
def test_toml_and_json_front_matter_is_kept_exactly(
    window: MainWindow, tmp_path, text: str, kind: str
) -> None:
    path = write(tmp_path / "post.md", text.replace("\n", "\r\n"))
    assert window.document.open_path(path, ask=False)
    assert kind in window.file_bar.problem_text()
    assert window.document.save()
    assert path.read_bytes() == text.replace("\n", "\r\n").encode("utf-8")
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText("More.\n")
    assert window.document.save()
    assert path.read_bytes() == (text + "More.\n").replace("\n", "\r\n").encode("utf-8")


def test_an_extremely_long_line_opens_edits_and_saves(window: MainWindow, tmp_path) -> None:
    line = "word " * 100_000  # one 500 kB line
    path = write(tmp_path / "long.md", f"# Long\n\n{line}\n")
    assert window.document.open_path(path, ask=False)
    window.editor.insertPlainText("typed ")
    assert window.document.save()
    assert path.read_text(encoding="utf-8") == f"typed # Long\n\n{line}\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("# Café\r\n\r\nUn été à Zürich — 5 €\r\n".encode("cp1252"), "Windows-1252"),
        ("# Café\r\n\r\nUn été à Zürich — 5 €\r\n".encode("utf-16"), "UTF-16"),
        ("# Café\r\n\r\nUn été à Zürich — 5 €\r\n".encode("utf-16-be"), "UTF-16"),
    ],
    ids=["windows-1252", "utf16-bom", "utf16-be-no-bom"],
)
def test_another_encoding_is_converted_only_when_the_user_agrees(
    window: MainWindow, tmp_path, data: bytes, encoding: str
) -> None:
    path = write(tmp_path / "old.md", data)
    asked: list[str] = []

    def agree() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, agree)
            return
        asked.append(box.informativeText())
        box.findChild(QPushButton, "convert").click()

    QTimer.singleShot(0, agree)
    assert window.document.open_path(path, ask=False)
    assert encoding in asked[0]
    assert window.editor.toPlainText() == "# Café\n\nUn été à Zürich — 5 €\n"
    assert f"Converted from {encoding}" in window.file_bar.problem_text()
    assert window.isWindowModified()  # saving will change the bytes: the title says so
    assert path.read_bytes() == data  # nothing written before the user saves
    assert window.document.save()
    assert path.read_bytes() == "# Café\r\n\r\nUn été à Zürich — 5 €\r\n".encode()
