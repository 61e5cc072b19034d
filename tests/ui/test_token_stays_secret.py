"""The GitHub token is never written anywhere but the OS keyring.

Sign in with a token through the dialog, publish a post through the fake GitHub with every
logger at DEBUG writing to a file, type more so the recovery journal is written, then stop
without closing (as a crash would) and search every file the app wrote — settings, journal,
publish state, the library, logs — for the token, plain or base64-encoded.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import shiboken6
from fake_github.scenario import Scenario, blog_scenario
from memory_keyring import MemoryKeyring
from PySide6.QtCore import Qt

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.services.credentials import TokenStore
from editor.services.library import Library
from editor.services.recovery import RecoveryStore
from editor.services.settings import SettingsStore
from editor.ui.account_controller import AccountController
from editor.ui.autosave import install_autosave
from editor.ui.main_window import MainWindow
from editor.ui.publish_dialog import PublishDialog
from editor.ui.tasks import TaskRunner


def forms_of(token: str) -> list[bytes]:
    """The ways a token could end up in a file."""
    raw = token.encode()
    return [
        raw,
        base64.b64encode(raw),
        base64.b64encode(b"x-access-token:" + raw),
        base64.b64encode(raw + b":x-oauth-basic"),
    ]


def files_containing(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if any(needle in data for needle in needles):
                found.append(str(path.relative_to(root)))
    return found


def test_the_token_is_in_no_file_after_sign_in_publish_and_a_crash(
    qtbot, tmp_path: Path, fake_github, render_process
) -> None:
    home = tmp_path / "home"
    scenario: Scenario = blog_scenario(fake_github, home / "Documents" / "Postwright")
    log_file = home / "state" / "postwright.log"
    log_file.parent.mkdir(parents=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root_logger = logging.getLogger()
    old_level = root_logger.level
    root_logger.addHandler(handler)
    root_logger.setLevel(logging.DEBUG)  # PyGithub, urllib3 and the app at their chattiest

    tasks = TaskRunner()
    settings = SettingsStore(home / "config" / "settings.json")
    settings.update_preferences(github_api_url=scenario.fake.base_url, welcome_done=True)
    keyring = MemoryKeyring()
    account = AccountController(settings, tasks, TokenStore(keyring), environ={})
    window = MainWindow(
        settings,
        tasks,
        render_process,
        profiles=load_profiles(builtin_profiles_dir()),
        library=Library(home / "Documents" / "Postwright"),
        account=account,
    )
    recovery = RecoveryStore(home / "data" / "recovery")
    autosave = install_autosave(window, settings, recovery)
    window.show()
    try:
        # sign in by pasting the token, as a user would
        window.actions_by_id["file.sign_in"].trigger()
        qtbot.waitUntil(lambda: account.dialog is not None and account.dialog.isVisible())
        dialog = account.dialog
        qtbot.keyClick(dialog.token_button, Qt.Key.Key_Space)
        dialog.token_edit.insert(scenario.token)
        with qtbot.waitSignal(account.account_changed, timeout=10_000):
            qtbot.keyClick(dialog.token_edit, Qt.Key.Key_Return)

        # publish the post through the dialog
        assert window.document.open_path(scenario.post, ask=False)
        qtbot.waitUntil(lambda: window.metadata_controller.profile is not None, timeout=5000)
        window.actions_by_id["file.publish"].trigger()
        publish = window.findChild(PublishDialog, "publish_dialog")
        qtbot.waitUntil(lambda: "Publishing will" in publish.plan_label.text(), timeout=10_000)
        qtbot.mouseClick(publish.publish_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: publish.pages.currentIndex() == 2, timeout=20_000)
        assert len(scenario.state.pulls_of("pnp/blog")) == 1
        publish.reject()

        # unsaved words: the journal is written; then the app "crashes" (no clean close)
        cursor = window.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        window.editor.setTextCursor(cursor)
        window.editor.insertPlainText("Written after publishing.\n")
        assert autosave.flush_and_wait()
        handler.flush()

        assert list(keyring.passwords.values()) == [scenario.token]  # where it belongs
        written = [path for path in home.rglob("*") if path.is_file()]
        assert any("recovery" in str(path) for path in written)
        assert log_file.stat().st_size > 0  # the debug log really recorded the requests
        assert files_containing(home, forms_of(scenario.token)) == []
    finally:
        root_logger.removeHandler(handler)
        root_logger.setLevel(old_level)
        handler.close()
        if account.dialog is not None:
            account.dialog.reject()
        window.editor.document().setModified(False)
        autosave.close()
        window.close()
        tasks.wait_for_done()
        shiboken6.delete(window)


def test_the_search_finds_a_token_written_plainly_or_encoded(tmp_path: Path) -> None:
    token = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"
    (tmp_path / "log.txt").write_text(f"Authorization: token {token}\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "basic.bin").write_bytes(
        base64.b64encode(b"x-access-token:" + token.encode())
    )
    (tmp_path / "clean.txt").write_text("nothing here\n", encoding="utf-8")
    assert files_containing(tmp_path, forms_of(token)) == ["log.txt", "sub/basic.bin"]
