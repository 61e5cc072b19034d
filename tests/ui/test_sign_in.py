"""Signing in from the window: the device flow, a pasted token, signing out, a revoked token.

Everything runs against the fake GitHub on 127.0.0.1 (real HTTP, real PyGithub) with an
in-memory keyring; links the dialog opens are caught by a URL handler, so no browser starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from fake_github.oauth import TEST_CLIENT_ID, FakeClock
from memory_keyring import MemoryKeyring
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from editor.services.credentials import SERVICE, TokenStore
from editor.services.github.auth import Account
from editor.services.settings import SettingsStore
from editor.ui.account_controller import AccountController
from editor.ui.account_widget import AccountWidget
from editor.ui.sign_in_dialog import SignInDialog
from editor.ui.tasks import TaskRunner

WAIT_MS = 10_000


class Browser(QObject):
    """Stands in for the user's web browser: records what the app asked it to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def browser() -> Iterator[Browser]:
    catcher = Browser()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def settings(tmp_path: Path, fake_github: FakeGitHub) -> SettingsStore:
    store = SettingsStore(tmp_path / "settings.json")
    store.update_preferences(github_api_url=fake_github.base_url, github_client_id=TEST_CLIENT_ID)
    fake_github.state.oauth.interval = 0  # poll at once: the spec's waits are tested in services
    return store


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


@pytest.fixture
def controller(
    settings: SettingsStore, tasks: TaskRunner, keyring_backend: MemoryKeyring
) -> Iterator[AccountController]:
    account = AccountController(settings, tasks, TokenStore(keyring_backend), environ={})
    yield account
    if account.dialog is not None:
        account.dialog.reject()


def saved_token(backend: MemoryKeyring, fake: FakeGitHub) -> str | None:
    return backend.passwords.get((SERVICE, fake.base_url.lower()))


def shown_code(qtbot: QtBot, dialog: SignInDialog) -> str:
    qtbot.waitUntil(lambda: bool(dialog.code_label.text()), timeout=WAIT_MS)
    return dialog.code_label.text()


def paste_token(qtbot: QtBot, dialog: SignInDialog, token: str) -> None:
    qtbot.keyClick(dialog.token_button, Qt.Key.Key_Space)
    assert dialog.focusWidget() is dialog.token_edit
    dialog.token_edit.insert(token)
    qtbot.keyClick(dialog.token_edit, Qt.Key.Key_Return)


def test_the_device_flow_shows_the_code_opens_github_and_signs_in(
    qtbot: QtBot,
    controller: AccountController,
    fake_github: FakeGitHub,
    keyring_backend: MemoryKeyring,
    browser: Browser,
) -> None:
    fake_github.state.add_user("octocat", name="The Octocat")
    dialog = controller.sign_in()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.browser_button  # Enter starts the usual way
    qtbot.keyClick(dialog.browser_button, Qt.Key.Key_Space)
    code = shown_code(qtbot, dialog)
    assert code in fake_github.state.oauth.user_codes
    assert dialog.code_label.font().pointSizeF() >= 2 * dialog.font().pointSizeF()
    assert dialog.code_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert browser.urls == ["https://github.com/login/device"]
    assert QGuiApplication.clipboard().text() == code

    with qtbot.waitSignal(controller.account_changed, timeout=WAIT_MS) as changed:
        fake_github.state.oauth.approve(code, "octocat")
    assert changed.args == [Account("octocat", "The Octocat")]
    assert not dialog.isVisible()
    token = saved_token(keyring_backend, fake_github)
    assert token is not None and fake_github.state.user_for_token(token).login == "octocat"
    assert controller.account() == Account("octocat", "The Octocat")  # from the settings


def test_cancel_stops_polling_and_signs_nobody_in(
    qtbot: QtBot,
    controller: AccountController,
    fake_github: FakeGitHub,
    keyring_backend: MemoryKeyring,
    tasks: TaskRunner,
) -> None:
    fake_github.state.add_user("octocat")
    dialog = controller.sign_in()
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    code = shown_code(qtbot, dialog)
    qtbot.waitUntil(lambda: len(fake_github.state.oauth.polls) >= 2, timeout=WAIT_MS)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    tasks.wait_for_done()
    polls = len(fake_github.state.oauth.polls)
    fake_github.state.oauth.approve(code, "octocat")
    qtbot.wait(100)  # a poll still scheduled would go out now
    tasks.wait_for_done()
    assert len(fake_github.state.oauth.polls) == polls
    assert controller.account() is None and keyring_backend.passwords == {}


def test_denial_on_github_returns_to_the_start_with_a_reason(
    qtbot: QtBot, controller: AccountController, fake_github: FakeGitHub
) -> None:
    dialog = controller.sign_in()
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    fake_github.state.oauth.deny(shown_code(qtbot, dialog))
    qtbot.waitUntil(dialog.problem_label.isVisible, timeout=WAIT_MS)
    assert "not given access" in dialog.problem_label.text()
    assert dialog.pages.currentIndex() == 0 and dialog.isVisible()


def test_an_expired_code_offers_a_new_one(
    qtbot: QtBot, controller: AccountController, fake_github: FakeGitHub
) -> None:
    dialog = controller.sign_in()
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    first = shown_code(qtbot, dialog)
    fake_github.state.oauth.expire(first)
    qtbot.waitUntil(dialog.new_code_button.isVisible, timeout=WAIT_MS)
    assert "expired" in dialog.problem_label.text()
    assert dialog.code_label.text() == ""  # a dead code is not left on screen
    qtbot.mouseClick(dialog.new_code_button, Qt.MouseButton.LeftButton)
    second = shown_code(qtbot, dialog)
    assert second != first and len(fake_github.state.oauth.user_codes) == 2


def test_an_app_without_device_flow_leads_to_the_token_page(
    qtbot: QtBot, controller: AccountController, fake_github: FakeGitHub
) -> None:
    fake_github.state.oauth.device_flow_enabled = False
    dialog = controller.sign_in()
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=WAIT_MS)
    assert "switched off" in dialog.problem_label.text()
    assert dialog.focusWidget() is dialog.token_edit
    assert not dialog.back_button.isVisible()  # back to a browser way that cannot work: no


def test_without_a_client_id_only_the_token_is_offered(
    qtbot: QtBot, settings: SettingsStore, tasks: TaskRunner, keyring_backend: MemoryKeyring
) -> None:
    """No OAuth App: straight to the token, in plain words, with nothing greyed out to puzzle."""
    settings.update_preferences(github_client_id="")
    account = AccountController(settings, tasks, TokenStore(keyring_backend), environ={})
    dialog = account.sign_in("Sign in to GitHub to publish your post.")
    assert dialog.pages.currentIndex() == 2
    assert dialog.notice_label.isVisible()
    assert dialog.token_intro.isVisible()
    assert "personal access token" in dialog.token_intro.text()
    assert not dialog.back_button.isVisible()
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert "OAuth" not in shown
    assert "“public_repo”" in shown and "“workflow”" in shown
    assert not any(
        button.isVisible() and not button.isEnabled()
        for button in dialog.findChildren(QAbstractButton)
    )
    assert dialog.focusWidget() is dialog.token_edit
    dialog.reject()


def test_create_token_opens_github_with_the_scopes_ticked(
    qtbot: QtBot,
    settings: SettingsStore,
    controller: AccountController,
    fake_github: FakeGitHub,
    browser: Browser,
) -> None:
    settings.update_preferences(github_client_id="")
    dialog = controller.sign_in()
    assert dialog.pages.currentIndex() == 2
    qtbot.mouseClick(dialog.create_token_button, Qt.MouseButton.LeftButton)
    assert browser.urls == [
        f"{fake_github.root_url}/settings/tokens/new"
        "?scopes=public_repo,workflow&description=Postwright"
    ]
    dialog.reject()


def test_offline_words_name_github_enterprise_only_for_an_enterprise_server() -> None:
    from editor.services.github.auth import _unreachable

    on_github = _unreachable("https://api.github.com").english()
    assert "Check your internet connection" in on_github
    assert "Enterprise" not in on_github
    on_server = _unreachable("https://git.example.com/api/v3").english()
    assert "git.example.com" in on_server and "Enterprise" in on_server


def test_the_client_id_from_the_environment_wins(
    settings: SettingsStore, tasks: TaskRunner, keyring_backend: MemoryKeyring
) -> None:
    environ = {"POSTWRIGHT_GITHUB_CLIENT_ID": "Ov23fromenv"}
    account = AccountController(settings, tasks, TokenStore(keyring_backend), environ=environ)
    assert account.client_id() == "Ov23fromenv"


def test_a_pasted_token_signs_in(
    qtbot: QtBot,
    controller: AccountController,
    fake_github: FakeGitHub,
    keyring_backend: MemoryKeyring,
    browser: Browser,
) -> None:
    token = fake_github.state.add_user("mona", name="Mona Lisa", scopes=("public_repo",))
    dialog = controller.sign_in()
    qtbot.mouseClick(dialog.token_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.create_token_button, Qt.MouseButton.LeftButton)
    assert browser.urls[0].startswith(f"{fake_github.root_url}/settings/tokens/new?scopes=")
    assert "public_repo" in browser.urls[0]
    assert dialog.token_edit.echoMode() == QLineEdit.EchoMode.Password
    with qtbot.waitSignal(controller.account_changed, timeout=WAIT_MS):
        dialog.token_edit.insert(f" {token} ")
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert saved_token(keyring_backend, fake_github) == token
    assert controller.account() == Account("mona", "Mona Lisa")


def test_a_token_without_the_scope_is_explained_and_kept_in_the_field(
    qtbot: QtBot, controller: AccountController, fake_github: FakeGitHub
) -> None:
    token = fake_github.state.add_user("mona", scopes=("gist",))
    dialog = controller.sign_in()
    paste_token(qtbot, dialog, token)
    qtbot.waitUntil(dialog.problem_label.isVisible, timeout=WAIT_MS)
    assert "public_repo" in dialog.problem_label.text()
    assert dialog.token_edit.text() == token and dialog.token_edit.isEnabled()
    assert dialog.isVisible() and controller.account() is None


def test_a_revoked_token_is_refused(
    qtbot: QtBot, controller: AccountController, fake_github: FakeGitHub
) -> None:
    token = fake_github.state.add_user("mona")
    fake_github.state.revoke(token)
    dialog = controller.sign_in()
    paste_token(qtbot, dialog, token)
    qtbot.waitUntil(dialog.problem_label.isVisible, timeout=WAIT_MS)
    assert "did not accept" in dialog.problem_label.text()


def test_a_locked_keyring_is_explained_and_nothing_is_signed_in(
    qtbot: QtBot,
    controller: AccountController,
    fake_github: FakeGitHub,
    keyring_backend: MemoryKeyring,
) -> None:
    token = fake_github.state.add_user("mona")
    keyring_backend.locked = True
    dialog = controller.sign_in()
    paste_token(qtbot, dialog, token)
    qtbot.waitUntil(dialog.problem_label.isVisible, timeout=WAIT_MS)
    assert "password store" in dialog.problem_label.text()
    assert controller.account() is None and dialog.isVisible()
    keyring_backend.locked = False  # the user unlocks it and tries again
    with qtbot.waitSignal(controller.account_changed, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert controller.account() == Account("mona")


def test_sign_out_forgets_the_token_and_the_account(
    qtbot: QtBot,
    controller: AccountController,
    fake_github: FakeGitHub,
    keyring_backend: MemoryKeyring,
) -> None:
    token = fake_github.state.add_user("mona")
    with qtbot.waitSignal(controller.account_changed, timeout=WAIT_MS):
        paste_token(qtbot, controller.sign_in(), token)
    with qtbot.waitSignal(controller.account_changed) as changed:
        assert controller.sign_out()
    assert changed.args == [None]
    assert keyring_backend.passwords == {} and controller.token() is None


def test_start_up_shows_the_remembered_account_without_keyring_or_network(
    settings: SettingsStore, tasks: TaskRunner, keyring_backend: MemoryKeyring, qtbot: QtBot
) -> None:
    settings.update_preferences(github_account_login="octocat", github_account_name="The Octocat")
    keyring_backend.locked = True  # any keyring access would fail
    account = AccountController(settings, tasks, TokenStore(keyring_backend), environ={})
    widget = AccountWidget()
    qtbot.addWidget(widget)
    widget.set_account(account.account())
    assert widget.name_label.text() == "octocat"
    assert widget.badge.letters() == "TO"
    assert widget.button.text() == "Sign Out"
    assert not widget.badge.has_picture()


def test_a_fetched_picture_replaces_the_initials_until_the_account_changes(qtbot: QtBot) -> None:
    widget = AccountWidget()
    qtbot.addWidget(widget)
    widget.set_account(Account("mona", "Mona Lisa"))
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    assert not widget.badge.set_picture(b"not a picture")
    assert widget.badge.set_picture(bytes(data.data()))
    assert widget.badge.has_picture()
    widget.set_account(None)
    assert not widget.badge.has_picture() and not widget.badge.isVisible()


def test_every_control_has_a_name_and_is_reachable_by_keyboard(
    qtbot: QtBot, controller: AccountController
) -> None:
    dialog = controller.sign_in()
    for page in range(dialog.pages.count()):
        dialog.pages.setCurrentIndex(page)
        controls = [
            w
            for w in dialog.pages.currentWidget().findChildren(QWidget)
            if isinstance(w, (QAbstractButton, QLineEdit))
        ]
        assert controls
        for control in controls:
            assert control.accessibleName(), control
            assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control


def test_a_rejected_token_leads_back_to_sign_in_and_keeps_the_work(
    qtbot: QtBot,
    controller: AccountController,
    fake_github: FakeGitHub,
    keyring_backend: MemoryKeyring,
) -> None:
    first = fake_github.state.add_user("mona")
    with qtbot.waitSignal(controller.account_changed, timeout=WAIT_MS):
        paste_token(qtbot, controller.sign_in(), first)
    work = QLineEdit("a pull request title being written")
    qtbot.addWidget(work)
    work.show()
    fake_github.state.revoke(first)

    with qtbot.waitSignal(controller.token_rejected) as rejected:
        controller.report_token_rejected()  # what publishing does on HTTP 401
    assert rejected.args == ["mona"]
    assert saved_token(keyring_backend, fake_github) is None
    qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
    dialog = controller.dialog
    assert dialog is not None and "no longer accepts" in dialog.notice_label.text()

    second = fake_github.state.issue_token("mona", ["public_repo"])
    with qtbot.waitSignal(controller.account_changed, timeout=WAIT_MS):
        paste_token(qtbot, dialog, second)
    assert saved_token(keyring_backend, fake_github) == second
    assert work.text() == "a pull request title being written"
    assert QApplication.activeModalWidget() is None


def test_sign_out_with_a_locked_keyring_says_so_and_stays_signed_in(
    qtbot: QtBot,
    controller: AccountController,
    fake_github: FakeGitHub,
    keyring_backend: MemoryKeyring,
) -> None:
    token = fake_github.state.add_user("mona")
    with qtbot.waitSignal(controller.account_changed, timeout=WAIT_MS):
        paste_token(qtbot, controller.sign_in(), token)
    keyring_backend.locked = True
    with qtbot.waitSignal(controller.problem_reported) as reported:
        assert not controller.sign_out()
    assert "password store" in reported.args[0]
    assert controller.account() == Account("mona")  # the token could not be removed: say so
    keyring_backend.locked = False
    assert saved_token(keyring_backend, fake_github) == token


def test_the_dialog_stops_polling_when_the_code_runs_out_by_its_own_clock(
    qtbot: QtBot, settings: SettingsStore, tasks: TaskRunner, fake_github: FakeGitHub
) -> None:
    clock = FakeClock()
    dialog = SignInDialog(
        AccountController(settings, tasks, TokenStore(MemoryKeyring()), environ={}).server(),
        TEST_CLIENT_ID,
        tasks,
        lambda signed: None,
        clock=clock,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    shown_code(qtbot, dialog)
    qtbot.waitUntil(lambda: len(fake_github.state.oauth.polls) >= 1, timeout=WAIT_MS)
    clock.advance(900)  # fifteen minutes later, the answer still "pending"
    qtbot.waitUntil(dialog.new_code_button.isVisible, timeout=WAIT_MS)
    assert "expired" in dialog.problem_label.text()
    tasks.wait_for_done()
    polls = len(fake_github.state.oauth.polls)
    qtbot.wait(50)  # a poll still scheduled would go out now
    tasks.wait_for_done()
    assert len(fake_github.state.oauth.polls) == polls
    dialog.reject()
