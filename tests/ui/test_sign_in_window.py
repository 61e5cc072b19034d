"""The account in the main window: status bar, File menu, and a revoked token mid-work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from fake_github import FakeGitHub
from fake_github.oauth import TEST_CLIENT_ID
from memory_keyring import MemoryKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from editor.services.credentials import SERVICE, TokenStore
from editor.services.render_process import RenderProcess
from editor.services.settings import SettingsStore
from editor.ui.account_controller import AccountController
from editor.ui.main_window import MainWindow
from editor.ui.tasks import TaskRunner

WAIT_MS = 10_000


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def settings(tmp_path: Path, fake_github: FakeGitHub) -> SettingsStore:
    store = SettingsStore(tmp_path / "settings.json")
    store.update_preferences(github_api_url=fake_github.base_url, github_client_id=TEST_CLIENT_ID)
    return store


@pytest.fixture
def window(
    qtbot: QtBot,
    settings: SettingsStore,
    keyring_backend: MemoryKeyring,
    render_process: RenderProcess,
    open_main_window,
) -> Iterator[MainWindow]:
    tasks = TaskRunner()
    account = AccountController(settings, tasks, TokenStore(keyring_backend), environ={})
    with open_main_window(
        settings, tasks, render_process, account=account, size=(1000, 700)
    ) as win:
        qtbot.waitExposed(win)
        yield win
        if account.dialog is not None:
            account.dialog.reject()


def sign_in_with_token(qtbot: QtBot, win: MainWindow, token: str) -> None:
    qtbot.waitUntil(lambda: win.account.dialog is not None and win.account.dialog.isVisible())
    dialog = win.account.dialog
    assert dialog is not None
    qtbot.keyClick(dialog.token_button, Qt.Key.Key_Space)
    dialog.token_edit.insert(token)
    with qtbot.waitSignal(win.account.account_changed, timeout=WAIT_MS):
        qtbot.keyClick(dialog.token_edit, Qt.Key.Key_Return)


def test_signing_in_from_the_file_menu_shows_the_account(
    qtbot: QtBot, window: MainWindow, fake_github: FakeGitHub
) -> None:
    actions = window.actions_by_id
    assert window.account_widget.name_label.text() == "Not signed in to GitHub"
    assert actions["file.sign_in"].isEnabled() and not actions["file.sign_out"].isEnabled()
    file_menu = window.findChild(QMenu, "menu.file")
    assert {actions["file.sign_in"], actions["file.sign_out"]} <= set(file_menu.actions())

    token = fake_github.state.add_user("octocat", name="The Octocat")
    actions["file.sign_in"].trigger()
    sign_in_with_token(qtbot, window, token)

    assert window.account_widget.name_label.text() == "octocat"
    assert window.account_widget.badge.letters() == "TO"
    assert "octocat" in window.statusBar().currentMessage()
    assert not actions["file.sign_in"].isEnabled() and actions["file.sign_out"].isEnabled()

    actions["file.sign_out"].trigger()
    assert window.account_widget.name_label.text() == "Not signed in to GitHub"
    assert window.account.token() is None


def test_the_window_opens_with_the_remembered_account(
    qtbot: QtBot,
    settings: SettingsStore,
    keyring_backend: MemoryKeyring,
    render_process: RenderProcess,
) -> None:
    settings.update_preferences(github_account_login="mona", github_account_name="Mona Lisa")
    keyring_backend.locked = True  # start-up reads only the settings
    tasks = TaskRunner()
    account = AccountController(settings, tasks, TokenStore(keyring_backend), environ={})
    win = MainWindow(settings, tasks, render_process, account=account)
    assert win.account_widget.name_label.text() == "mona"
    assert win.actions_by_id["file.sign_out"].isEnabled()
    win.close()
    tasks.wait_for_done()
    shiboken6.delete(win)


def test_a_revoked_token_asks_to_sign_in_again_and_keeps_the_unsaved_post(
    qtbot: QtBot, window: MainWindow, fake_github: FakeGitHub, keyring_backend: MemoryKeyring
) -> None:
    first = fake_github.state.add_user("octocat")
    window.account_widget.button.click()
    sign_in_with_token(qtbot, window, first)
    window.editor.setPlainText("# My post\n\nWords not saved yet.\n")
    window.editor.document().setModified(True)
    fake_github.state.revoke(first)

    window.account.report_token_rejected()  # what publishing does when GitHub answers 401

    assert window.account_widget.name_label.text() == "Not signed in to GitHub"
    second = fake_github.state.issue_token("octocat", ["public_repo"])
    sign_in_with_token(qtbot, window, second)
    assert window.editor.toPlainText() == "# My post\n\nWords not saved yet.\n"
    assert window.editor.document().isModified()
    assert keyring_backend.passwords == {(SERVICE, fake_github.base_url.lower()): second}
    assert window.account_widget.name_label.text() == "octocat"
