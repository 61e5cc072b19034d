"""Autosave wired into the real window: closing asks, and the answer decides the journal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.services.recovery import RecoveryStore
from editor.services.settings import SettingsStore
from editor.ui.autosave import AutosaveController, install_autosave
from editor.ui.main_window import MainWindow
from editor.ui.tasks import TaskRunner


class Setup:
    def __init__(
        self,
        window: MainWindow,
        autosave: AutosaveController,
        store: RecoveryStore,
        settings: SettingsStore,
    ) -> None:
        self.window, self.autosave, self.store, self.settings = window, autosave, store, settings

    def journal(self) -> dict[Path | None, str]:
        self.autosave.flush_and_wait()
        return {e.path: e.text for e in self.store.entries(include_live=True)[0]}


@pytest.fixture
def setup(qtbot, tmp_path: Path, render_process) -> Iterator[Setup]:
    tasks = TaskRunner()
    settings = SettingsStore(tmp_path / "settings.json")
    window = MainWindow(settings, tasks, render_process)
    store = RecoveryStore(tmp_path / "journal")
    store.open_session()
    autosave = install_autosave(window, settings, store)
    window.show()
    qtbot.waitExposed(window)
    yield Setup(window, autosave, store, settings)
    window.editor.document().setModified(False)
    window.close()
    autosave.close()
    store.close_session()
    tasks.wait_for_done()
    shiboken6.delete(window)


def answer(button: QMessageBox.StandardButton) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        box.button(button).click()

    QTimer.singleShot(0, click)


def open_and_type(setup: Setup, tmp_path: Path) -> Path:
    path = tmp_path / "post.md"
    path.write_text("saved\n", encoding="utf-8")
    setup.window.document.open_path(path, ask=False)
    setup.window.editor.insertPlainText("typed ")
    return path


def test_session_end_journals_at_once(setup: Setup, tmp_path: Path) -> None:
    path = open_and_type(setup, tmp_path)
    assert setup.journal() == {path: "typed saved\n"}  # flush_and_wait, as at log-out


def test_closing_and_cancelling_keeps_window_text_and_journal(setup: Setup, tmp_path) -> None:
    path = open_and_type(setup, tmp_path)
    answer(QMessageBox.StandardButton.Cancel)
    assert not setup.window.close()
    assert setup.journal() == {path: "typed saved\n"}


def test_closing_and_not_saving_forgets_the_journal(setup: Setup, tmp_path) -> None:
    path = open_and_type(setup, tmp_path)
    setup.journal()
    answer(QMessageBox.StandardButton.Discard)
    assert setup.window.close()
    assert setup.journal() == {}
    assert path.read_text(encoding="utf-8") == "saved\n"


def test_closing_and_saving_writes_the_file_and_forgets_the_journal(setup: Setup, tmp_path):
    path = open_and_type(setup, tmp_path)
    setup.journal()
    answer(QMessageBox.StandardButton.Save)
    assert setup.window.close()
    assert setup.journal() == {}
    assert path.read_text(encoding="utf-8") == "typed saved\n"


def test_the_autosave_to_file_preference_applies_at_once(setup: Setup, tmp_path) -> None:
    settings = SettingsStore(tmp_path / "settings.json")
    assert not settings.preferences.autosave_to_file  # off unless the user turns it on
    path = open_and_type(setup, tmp_path)
    setup.autosave.flush()
    assert path.read_text(encoding="utf-8") == "saved\n"
    setup.settings.update_preferences(autosave_to_file=True)  # as the Preferences dialog does
    setup.window.editor.insertPlainText("more ")
    setup.autosave.flush()
    assert path.read_text(encoding="utf-8") == "typed more saved\n"
    assert not setup.window.isWindowModified()
