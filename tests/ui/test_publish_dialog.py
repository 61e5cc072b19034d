"""“Publish…” against the fake GitHub: the form, the progress, the result, and the problems."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from fake_github.scenario import BLOG_POST, IMAGES, Scenario, blog_scenario
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from editor.services.github.client import make_client
from editor.services.github.state_store import PublishStateStore
from editor.ui.publish_dialog import PublishDialog
from editor.ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("no_git")

BLOBS = ("POST", "/repos/{owner}/{repo}/git/blobs")
POST_PATH = "content/post/three-pictures/index.md"


@pytest.fixture
def scenario(fake_github: FakeGitHub, tmp_path: Path) -> Scenario:
    return blog_scenario(fake_github, tmp_path / "library")


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def open_dialog(qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path) -> PublishDialog:
    dialog = PublishDialog(
        scenario.profile,
        scenario.post,
        tasks,
        token_provider=lambda: scenario.token,
        api_url=scenario.fake.base_url,
        store=PublishStateStore(tmp_path / "publish-state"),
        client_factory=lambda token, url: make_client(token, url, throttle=False),
        retrier_options={"sleep": lambda _seconds: None},
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: "Publishing will" in dialog.plan_label.text(), timeout=10_000)
    return dialog


def publish(qtbot, dialog: PublishDialog) -> None:
    assert dialog.publish_button.isEnabled()
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=20_000)


def test_publishing_a_new_post_through_the_dialog(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    state = scenario.state
    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)
    # The form is prefilled from the post; the site's questions are all there.
    title = dialog.findChild(QLineEdit, "field_title")
    assert title.text() == "New post: Three pictures of a Power App"
    assert dialog.findChild(QPlainTextEdit, "field_description").toPlainText() == (
        "How one app grew from a spreadsheet, in three pictures."
    )
    assert "Create your own copy (a fork) of pnp/blog" in dialog.plan_label.text()
    dialog.findChild(QLineEdit, "field_social_handle").setText("@alice")
    dialog.findChild(QPlainTextEdit, "field_promo").setPlainText("Three pictures, one app.")

    publish(qtbot, dialog)

    assert "Thank you" in dialog.result_title.text()
    pull = state.pulls_of("pnp/blog")[0]
    assert f'href="{scenario.fake.base_url}/pnp/blog/pull/{pull.number}"' in (
        dialog.result_text.text()
    )
    assert f"Pull request #{pull.number}" in dialog.result_text.text()
    assert "recognition" in dialog.result_text.text()
    # One fork, one branch, one commit with exactly the post and its pictures, one PR.
    assert [f.full_name for f in state.forks_of("pnp/blog")] == ["alice/blog"]
    assert [r for r in state.repo("alice/blog").refs if r != "refs/heads/main"] == [
        "refs/heads/post/three-pictures"
    ]
    upstream = state.files("pnp/blog")
    published = state.files("alice/blog", "post/three-pictures")
    assert {p for p, data in published.items() if upstream.get(p) != data} == {
        POST_PATH,
        *(f"content/post/three-pictures/images/{name}" for name in IMAGES),
    }
    assert state.count("POST", "/repos/{owner}/{repo}/git/commits") == 1
    assert "- [x] New article" in pull.body
    assert "- Social handle: @alice\n- Promo text: Three pictures, one app." in pull.body
    assert scenario.post.read_text(encoding="utf-8") == BLOG_POST
    assert dialog.last_state().pull_number == pull.number

    # Publishing the unchanged post again uploads nothing and keeps the same pull request.
    blobs = state.count(*BLOBS)
    again = open_dialog(qtbot, scenario, tasks, tmp_path)
    assert f"Update your pull request #{pull.number}" in again.plan_label.text()
    assert again.update_text_box.isVisibleTo(again)
    assert not dialog.update_text_box.isVisibleTo(dialog)
    publish(qtbot, again)
    assert "Already up to date" in again.result_title.text()
    assert state.count(*BLOBS) == blobs
    assert len(state.pulls_of("pnp/blog")) == 1


def test_metadata_errors_block_publishing(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    scenario.post.write_text(BLOG_POST.replace('author: "Alice Example"\n', ""), encoding="utf-8")

    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)

    assert not dialog.publish_button.isEnabled()
    assert dialog.metadata_list.count() >= 1
    assert "Error" in dialog.metadata_list.item(0).text()


def test_the_same_problems_as_the_problems_panel_block_publishing(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    """Not only the metadata: a picture the post links to but does not have stops it too."""
    scenario.post.write_text(BLOG_POST + "\n![Chart](images/chart.png)\n", encoding="utf-8")

    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)

    assert not dialog.publish_button.isEnabled()
    texts = [dialog.metadata_list.item(i).text() for i in range(dialog.metadata_list.count())]
    assert any("chart.png" in text and text.startswith("Error") for text in texts), texts


def test_promo_text_over_the_limit_blocks_until_shortened(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)
    promo = dialog.findChild(QPlainTextEdit, "field_promo")

    promo.setPlainText("x" * 258)
    assert not dialog.publish_button.isEnabled()
    assert "258 characters" in dialog.field_problems["promo"].text()

    promo.setPlainText("x" * 257)
    assert dialog.publish_button.isEnabled()


def test_a_maintainers_change_is_shown_and_published_on_top_only_when_asked(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    state = scenario.state
    publish(qtbot, open_dialog(qtbot, scenario, tasks, tmp_path))
    theirs = state.push(
        "alice/blog", "post/three-pictures", {POST_PATH: b"edited by Mia"}, author="Mia Maintainer"
    )
    scenario.post.write_text(BLOG_POST + "\nMore.\n", encoding="utf-8")

    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)
    publish(qtbot, dialog)

    assert "Mia Maintainer changed the post's branch" in dialog.result_text.text()
    assert dialog.changes_list.item(0).text() == f"modified: {POST_PATH}"
    assert state.head("alice/blog", "post/three-pictures") == theirs
    assert dialog.action_button.isVisible()

    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "latest changes" in dialog.result_title.text(), timeout=20_000)
    head = state.head("alice/blog", "post/three-pictures")
    assert state.commit(head).parents == (theirs,)


def test_a_revoked_token_asks_to_sign_in_again_and_keeps_the_post(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)
    scenario.state.revoke(scenario.token)

    with qtbot.waitSignal(dialog.token_rejected, timeout=20_000):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=20_000)

    assert "Sign in again" in dialog.result_text.text()
    assert "unchanged" in dialog.result_text.text()
    assert scenario.post.read_text(encoding="utf-8") == BLOG_POST
    # Signed in again: "Publish again" finishes the job.
    scenario.token = scenario.state.issue_token("alice", ("repo",))
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Thank you" in dialog.result_title.text(), timeout=20_000)


def test_an_archived_site_is_explained_before_publishing(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    scenario.state.repo("pnp/blog").archived = True

    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)

    assert "archived" in dialog.plan_label.text()


def test_every_control_has_an_accessible_name(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QListWidget

    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)
    controls = [
        w
        for kind in (QLineEdit, QPlainTextEdit, QComboBox, QListWidget, QAbstractButton)
        for w in dialog.findChildren(kind)
    ]
    unnamed = [
        w.objectName() or type(w).__name__
        for w in controls
        if not w.accessibleName() and not (hasattr(w, "text") and w.text())
    ]
    assert unnamed == []


def test_file_publish_opens_the_dialog_for_the_post_in_the_window(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path, render_process
) -> None:
    import shiboken6
    from memory_keyring import MemoryKeyring

    from editor.core.profiles import builtin_profiles_dir, load_profiles
    from editor.services.credentials import SERVICE, TokenStore
    from editor.services.library import Library
    from editor.services.settings import SettingsStore
    from editor.ui.account_controller import AccountController
    from editor.ui.main_window import MainWindow

    settings = SettingsStore(tmp_path / "settings.json")
    settings.update_preferences(
        github_api_url=scenario.fake.base_url,
        github_account_login="alice",
        github_account_name="Alice Example",
    )
    backend = MemoryKeyring()
    backend.set_password(SERVICE, scenario.fake.base_url.lower(), scenario.token)
    account = AccountController(settings, tasks, TokenStore(backend), environ={})
    window = MainWindow(
        settings,
        tasks,
        render_process,
        profiles=load_profiles(builtin_profiles_dir()),
        library=Library(tmp_path / "library"),
        account=account,
    )
    window.show()
    try:
        assert window.document.open_path(scenario.post, ask=False)
        qtbot.waitUntil(lambda: window.metadata_controller.profile is not None, timeout=5000)
        cursor = window.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        window.editor.setTextCursor(cursor)
        window.editor.insertPlainText("A last sentence.\n")

        window.actions_by_id["file.publish"].trigger()

        # What is published is what the user sees: unsaved edits are saved first.
        assert scenario.post.read_text(encoding="utf-8").endswith("A last sentence.\n")

        dialog = window.findChild(PublishDialog, "publish_dialog")
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: "Publishing will" in dialog.plan_label.text(), timeout=10_000)
        dialog.reject()
    finally:
        window.editor.document().setModified(False)
        window.close()
        tasks.wait_for_done()
        shiboken6.delete(window)


def test_the_pull_request_status_shows_checks_and_comments_and_refreshes(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    state = scenario.state
    dialog = open_dialog(qtbot, scenario, tasks, tmp_path)
    publish(qtbot, dialog)
    pull = state.pulls_of("pnp/blog")[0]
    state.add_check_run(pull.head_sha(), "Build site", "completed", "failure")
    state.add_review(
        "pnp/blog",
        pull.number,
        "maintainer",
        "CHANGES_REQUESTED",
        body="Almost there.",
        comments=((POST_PATH, 16, "Please describe this picture."),),
    )

    qtbot.mouseClick(dialog.result_status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.checks_list.count() > 0, timeout=10_000)

    assert "Open" in dialog.status_state.text()
    assert dialog.checks_list.item(0).text() == "✗ Build site (failed)"
    feedback = [dialog.feedback_list.item(i).text() for i in range(dialog.feedback_list.count())]
    assert feedback == [
        "maintainer (changes requested): Almost there.",
        f"maintainer — {POST_PATH}, line 16: Please describe this picture.",
    ]

    state.close_pull("pnp/blog", pull.number, merged=True)
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Merged" in dialog.status_state.text(), timeout=10_000)


def test_a_rate_limit_wait_counts_down_and_cancel_stops_it(
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path
) -> None:
    import time

    scenario.state.rate_limit("POST", r"/forks$", wait=60)
    dialog = PublishDialog(
        scenario.profile,
        scenario.post,
        tasks,
        token_provider=lambda: scenario.token,
        api_url=scenario.fake.base_url,
        store=PublishStateStore(tmp_path / "publish-state"),
        client_factory=lambda token, url: make_client(token, url, throttle=False),
        retrier_options={"sleep": lambda _seconds: time.sleep(0.05)},
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Publishing will" in dialog.plan_label.text(), timeout=10_000)

    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "slow down" in dialog.detail_label.text(), timeout=10_000)
    assert "going on in" in dialog.detail_label.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=10_000)

    assert "cancelled" in dialog.result_text.text()
    assert not scenario.state.forks_of("pnp/blog")
    assert dialog.action_button.isVisible()  # "Publish again" continues where it stopped


@pytest.fixture
def signed_out_window(  # noqa: PLR0917 - pytest passes fixtures by name
    qtbot, scenario: Scenario, tasks: TaskRunner, tmp_path: Path, render_process, open_main_window
):
    """The main window, nobody signed in, with the scenario's post open."""
    from memory_keyring import MemoryKeyring

    from editor.core.profiles import builtin_profiles_dir, load_profiles
    from editor.services.credentials import TokenStore
    from editor.services.library import Library
    from editor.services.settings import SettingsStore
    from editor.ui.account_controller import AccountController

    settings = SettingsStore(tmp_path / "settings.json")
    settings.update_preferences(github_api_url=scenario.fake.base_url)
    account = AccountController(settings, tasks, TokenStore(MemoryKeyring()), environ={})
    profiles = load_profiles(builtin_profiles_dir())
    library = Library(tmp_path / "library")
    with open_main_window(
        settings, tasks, render_process, profiles=profiles, library=library, account=account
    ) as window:
        assert window.document.open_path(scenario.post, ask=False)
        qtbot.waitUntil(lambda: window.metadata_controller.profile is not None, timeout=5000)
        yield window


def test_file_publish_lists_the_posts_errors_before_asking_to_sign_in(
    qtbot, scenario: Scenario, signed_out_window
) -> None:
    """A post with errors is not worth signing in for: its problems are shown, nothing else."""
    from PySide6.QtWidgets import QMessageBox

    from editor.ui.sign_in_dialog import SignInDialog

    scenario.post.write_text(BLOG_POST + "\n![Chart](images/chart.png)\n", encoding="utf-8")
    window = signed_out_window
    assert window.document.open_path(scenario.post, ask=False)

    window.actions_by_id["file.publish"].trigger()

    box = window.findChild(QMessageBox, "publish_blocked")
    assert box is not None and box.isVisible()
    assert "cannot be published yet" in box.text()
    assert "chart.png" in box.text()
    assert "Problems panel" in box.text()
    assert window.findChild(SignInDialog) is None
    assert window.findChild(PublishDialog) is None
    assert window.problems_dock.isVisible()
    box.close()


def test_file_publish_asks_to_sign_in_only_for_a_post_that_could_be_published(
    qtbot, scenario: Scenario, signed_out_window
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from editor.ui.sign_in_dialog import SignInDialog

    window = signed_out_window

    window.actions_by_id["file.publish"].trigger()

    assert window.findChild(QMessageBox, "publish_blocked") is None
    dialog = window.findChild(SignInDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_publishing_goes_on_once_the_user_has_signed_in(
    qtbot, scenario: Scenario, signed_out_window
) -> None:

    from editor.ui.sign_in_dialog import SignInDialog

    window = signed_out_window
    window.actions_by_id["file.publish"].trigger()
    sign_in = window.findChild(SignInDialog)
    assert sign_in is not None
    if not sign_in.token_edit.isVisible():
        qtbot.keyClick(sign_in.token_button, Qt.Key.Key_Space)
    sign_in.token_edit.insert(scenario.token)
    with qtbot.waitSignal(window.account.account_changed, timeout=10_000):
        qtbot.keyClick(sign_in.token_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.findChild(PublishDialog, "publish_dialog") is not None, timeout=10_000
    )
    publish = window.findChild(PublishDialog, "publish_dialog")
    assert publish.isVisible()
    publish.reject()
