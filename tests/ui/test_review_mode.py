"""Review mode in the window and its dialogs, against the fake GitHub (``git`` absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from fake_github import FakeGitHub
from fake_github.review_routes import issues_of, open_pull
from fake_github.scenario import BLOG_POST, IMAGES, UPSTREAM_FILES
from memory_keyring import MemoryKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.text.merge import Take
from editor.services.credentials import TokenStore
from editor.services.github.client import make_client
from editor.services.library import Library
from editor.services.render_process import RenderProcess
from editor.services.review.pull_requests import ReviewService
from editor.services.settings import SettingsStore
from editor.ui.account_controller import AccountController
from editor.ui.main_window import MainWindow
from editor.ui.review_connection import ReviewConnection
from editor.ui.review_send_dialog import SendChangesDialog
from editor.ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("no_git")

WAIT_MS = 20_000
POST = "content/post/three-pictures/index.md"
FOLDER = "content/post/three-pictures/"
FORK = "alice/blog"
BRANCH = "post/three-pictures"


def _scene(fake: FakeGitHub) -> dict[str, str]:
    state = fake.state
    state.add_org("pnp")
    state.add_repo("pnp/blog", dict(UPSTREAM_FILES), writers=("maintainer",))
    tokens = {
        "maintainer": state.add_user("maintainer", "Mia Maintainer"),
        "alice": state.add_user("alice", "Alice Example"),
        "rob": state.add_user("rob", "Rob Reader"),
    }
    files: dict[str, bytes | tuple[str, bytes]] = {POST: BLOG_POST.encode()}
    files.update({FOLDER + "images/" + name: data for name, data in IMAGES.items()})
    files["content/post/three-pictures/images/evil.png"] = ("120000", b"/etc/passwd")
    open_pull(
        state, "pnp/blog", "alice", BRANCH, files, title="Three pictures", body="Please review."
    )
    return tokens


@pytest.fixture
def tokens(fake_github: FakeGitHub) -> dict[str, str]:
    return _scene(fake_github)


def _window_for(
    qtbot: QtBot, tmp_path: Path, fake: FakeGitHub, *, login: str, token: str, render: RenderProcess
) -> tuple[MainWindow, TaskRunner, AccountController]:
    settings = SettingsStore(tmp_path / "settings.json")
    settings.update_preferences(
        github_api_url=fake.base_url, github_account_login=login, github_account_name=login
    )
    keyring = MemoryKeyring()
    store = TokenStore(keyring)
    tasks = TaskRunner()
    account = AccountController(settings, tasks, store, environ={})
    store.save(account.server().api_url, token)
    win = MainWindow(
        settings,
        tasks,
        render,
        profiles=load_profiles(builtin_profiles_dir()),
        library=Library(tmp_path / "Postwright"),
        account=account,
    )
    win.review.connection.client_factory = lambda t, u: make_client(t, u, throttle=False)
    win.review.connection.retrier_options = {"sleep": lambda _s: None}
    win.resize(1100, 750)
    win.show()
    qtbot.waitExposed(win)
    return win, tasks, account


@pytest.fixture
def maintainer_window(
    qtbot: QtBot,
    tmp_path: Path,
    fake_github: FakeGitHub,
    tokens: dict[str, str],
    render_process: RenderProcess,
) -> Iterator[MainWindow]:
    win, tasks, _account = _window_for(
        qtbot,
        tmp_path,
        fake_github,
        login="maintainer",
        token=tokens["maintainer"],
        render=render_process,
    )
    yield win
    win.editor.document().setModified(False)
    win.close()
    tasks.wait_for_done()
    shiboken6.delete(win)


def test_the_review_menu_lists_its_commands(maintainer_window: MainWindow) -> None:
    menu = next(
        m for m in maintainer_window.menuBar().findChildren(QMenu) if m.title() == "&Review"
    )
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Open &Pull Request…",
        "&Send Changes…",
        "Pull Request",
        "Open Published &Article…",
        "Propose &Edit…",
        "Report a Problem with This Article…",
    ]
    assert not maintainer_window.actions_by_id["review.send_changes"].isEnabled()


def test_open_by_address_edit_and_push_from_the_window(
    qtbot: QtBot, maintainer_window: MainWindow, fake_github: FakeGitHub
) -> None:
    win = maintainer_window
    dialog = win.review.open_pull_request()
    qtbot.keyClicks(dialog.address_edit, "https://github.com/pnp/blog/pull/1")
    assert dialog.open_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.review.workspace is not None, timeout=WAIT_MS)

    workspace = win.review.workspace
    assert workspace is not None
    assert win.document.path == workspace.root / POST
    assert win.editor.toPlainText() == BLOG_POST
    panel_text = win.review.panel.body_view.toPlainText()
    assert "Please review." in panel_text
    assert "images/evil.png" in panel_text and "link" in panel_text  # the refused file
    assert "#1" in win.review.panel.title_label.text()
    assert win.review.panel.files_list.item(0).text() == POST
    assert win.actions_by_id["review.send_changes"].isEnabled()

    cursor = win.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    win.editor.setTextCursor(cursor)
    win.editor.insertPlainText("A closing line from the reviewer.\n")
    send = win.review.send_changes()
    assert send is not None and send.push_mode
    assert POST in send.preview.toPlainText()
    qtbot.mouseClick(send.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Pushed" in send.status_label.text(), timeout=WAIT_MS)

    pushed = fake_github.state.files(FORK, BRANCH)[POST].decode()
    assert pushed.endswith("A closing line from the reviewer.\n")
    send.reject()


def test_an_overlapping_push_asks_and_keeps_both_when_chosen(
    qtbot: QtBot, tmp_path: Path, fake_github: FakeGitHub, tokens: dict[str, str]
) -> None:
    service = ReviewService(make_client(tokens["maintainer"], fake_github.base_url, throttle=False))
    from editor.core.review.references import PullReference

    workspace = service.download(
        PullReference("pnp", "blog", 1),
        tmp_path / "Reviews",
        load_profiles(builtin_profiles_dir()).profiles,
    )
    path = workspace.root / POST
    path.write_text(BLOG_POST.replace("started as", "began as"), "utf-8", newline="\n")
    fake_github.state.push(
        FORK, BRANCH, {POST: BLOG_POST.replace("started as", "grew from").encode()}
    )
    tasks = TaskRunner()
    connection = ReviewConnection(
        lambda: tokens["maintainer"],
        fake_github.base_url,
        client_factory=lambda t, u: make_client(t, u, throttle=False),
    )
    dialog = SendChangesDialog(workspace, connection, tasks)
    qtbot.addWidget(dialog)
    dialog.show()

    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.conflict_area.isVisible, timeout=WAIT_MS)
    assert "Nothing was sent yet" in dialog.status_label.text()
    dialog.set_choice(POST, 0, Take.BOTH)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Pushed" in dialog.status_label.text(), timeout=WAIT_MS)

    pushed = fake_github.state.files(FORK, BRANCH)[POST].decode()
    assert "began as a spreadsheet" in pushed and "grew from a spreadsheet" in pushed
    dialog.reject()
    tasks.wait_for_done()


def test_without_rights_the_review_is_shown_before_it_is_sent(
    qtbot: QtBot, tmp_path: Path, fake_github: FakeGitHub, tokens: dict[str, str]
) -> None:
    from editor.core.review.references import PullReference

    service = ReviewService(make_client(tokens["rob"], fake_github.base_url, throttle=False))
    workspace = service.download(
        PullReference("pnp", "blog", 1),
        tmp_path / "Reviews",
        load_profiles(builtin_profiles_dir()).profiles,
    )
    path = workspace.root / POST
    path.write_text(
        BLOG_POST.replace("![The form]", "![The filled-in form]"), "utf-8", newline="\n"
    )
    tasks = TaskRunner()
    connection = ReviewConnection(
        lambda: tokens["rob"],
        fake_github.base_url,
        client_factory=lambda t, u: make_client(t, u, throttle=False),
    )
    dialog = SendChangesDialog(workspace, connection, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.push_mode
    qtbot.waitUntil(dialog.send_button.isEnabled, timeout=WAIT_MS)
    shown = dialog.preview.toPlainText()
    assert "line 17" in shown and "![The filled-in form](images/form.png)" in shown
    assert fake_github.state.pulls_of("pnp/blog")[0].reviews == []  # nothing sent yet

    dialog.text_edit.setPlainText("Alt text fix.")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Review sent" in dialog.status_label.text(), timeout=WAIT_MS)
    [review] = fake_github.state.pulls_of("pnp/blog")[0].reviews
    assert review.body.startswith("Alt text fix.")
    [comment] = fake_github.state.pulls_of("pnp/blog")[0].review_comments
    assert comment.line == 17
    dialog.reject()
    tasks.wait_for_done()


def test_a_pull_request_chosen_from_the_list_opens(
    qtbot: QtBot, maintainer_window: MainWindow
) -> None:
    dialog = maintainer_window.review.open_pull_request()
    dialog.site_box.setCurrentIndex(dialog.site_box.findData("pnp/blog"))
    qtbot.mouseClick(dialog.list_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT_MS)
    assert dialog.table.item(0, 0).text() == "#1 Three pictures"
    assert dialog.table.item(0, 1).text() == "alice"
    assert dialog.table.item(0, 3).text() == "5"  # the post, three pictures, a link
    dialog.table.selectRow(0)
    assert dialog.address_edit.text() == "pnp/blog#1"
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    win = maintainer_window
    qtbot.waitUntil(lambda: win.review.workspace is not None, timeout=WAIT_MS)
    assert win.editor.toPlainText() == BLOG_POST
    assert win.review.dock.isVisible()


def test_a_published_article_is_opened_proposed_and_reported_from_the_window(
    qtbot: QtBot, maintainer_window: MainWindow, fake_github: FakeGitHub
) -> None:
    win = maintainer_window
    state = fake_github.state
    state.push(
        "pnp/blog",
        "main",
        {"content/post/an-older-post/index.md": b'---\ntitle: "Older"\n---\nOld teh.\n'},
    )
    dialog = win.review.open_article()
    qtbot.keyClicks(dialog.address_edit, "https://pnp.github.io/blog/post/an-older-post/")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.document.path is not None, timeout=WAIT_MS)
    assert win.document.path.as_posix().endswith("pnp-blog/content/post/an-older-post/index.md")
    assert win.actions_by_id["review.propose_edit"].isEnabled()
    assert win.actions_by_id["review.report_problem"].isEnabled()

    text = win.editor.toPlainText()
    start = text.index("teh")
    cursor = win.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + 3, cursor.MoveMode.KeepAnchor)
    win.editor.setTextCursor(cursor)
    report = win.review.report_problem()
    assert report is not None
    report.description_edit.setPlainText("A typo: teh.")
    assert "> teh" in report.body_edit.toPlainText()
    assert "https://pnp.github.io/blog/post/an-older-post/" in report.body_edit.toPlainText()
    qtbot.mouseClick(report.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "filed" in report.status_label.text(), timeout=WAIT_MS)
    [issue] = issues_of(state, "pnp/blog")
    assert issue.title == "A typo: teh." and "> teh" in issue.body
    report.reject()

    win.editor.selectAll()
    win.editor.insertPlainText('---\ntitle: "Older"\n---\nOld the.\n')
    assert win.document.save()
    propose = win.review.propose_edit()
    assert propose is not None
    propose.date_box.setChecked(False)
    qtbot.mouseClick(propose.propose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pull request" in propose.status_label.text(), timeout=WAIT_MS)
    pull = state.pulls_of("pnp/blog")[-1]
    head = state.git.files(pull.head_sha())
    base = state.files("pnp/blog")
    assert {p for p in set(base) | set(head) if base.get(p) != head.get(p)} == {
        "content/post/an-older-post/index.md"
    }
    propose.reject()
