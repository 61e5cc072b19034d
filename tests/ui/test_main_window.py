"""The window as a user meets it: typing, the live preview, scrolling, prompts, files."""

from __future__ import annotations

import os
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.services.library import Library
from editor.services.settings import SettingsStore
from editor.ui.main_window import MainWindow
from editor.ui.new_post_dialog import NewPostDialog
from editor.ui.tasks import TaskRunner

LONG_POST = "---\ntitle: Long\n---\n\n" + "\n\n".join(
    f"## Section {n}\n\n" + " ".join(f"word{n}-{i}" for i in range(60)) for n in range(80)
)


def close_quietly(win: MainWindow, tasks: TaskRunner) -> None:
    """Close a window whose test may have left unsaved edits, without asking."""
    win.editor.document().setModified(False)
    win.close()
    tasks.wait_for_done()
    shiboken6.delete(win)  # now, not at interpreter exit: the page must go before its profile


def preview_text(window: MainWindow, qtbot) -> Callable[[], str]:
    """A function returning the preview's visible text (read through the real page)."""

    def read() -> str:
        box: dict[str, str] = {}
        window.preview.page().toPlainText(lambda text: box.__setitem__("text", text))
        qtbot.waitUntil(lambda: "text" in box, timeout=5000)
        return box["text"]

    return read


def write_post(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def answer_next_dialog(button_name: str | QMessageBox.StandardButton) -> None:
    """Click a button of the next modal dialog as soon as it shows (dialogs block)."""

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, click)
            return
        if isinstance(button_name, QMessageBox.StandardButton):
            assert isinstance(dialog, QMessageBox)
            dialog.button(button_name).click()
        else:
            button = dialog.findChild(QPushButton, button_name)
            assert button is not None, f"no button {button_name!r} in {dialog.windowTitle()!r}"
            button.click()

    QTimer.singleShot(0, click)


def read_next_message_box() -> list[str]:
    """Close the next message box as soon as it shows; the list receives its text."""
    messages: list[str] = []

    def capture() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, capture)
            return
        messages.append(box.text() if isinstance(box, QMessageBox) else "")
        box.close()

    QTimer.singleShot(0, capture)
    return messages


def test_typing_updates_the_preview(window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.document.open_path(write_post(tmp_path / "post.md", "# Start\n"), ask=False)
    read = preview_text(window, qtbot)
    qtbot.waitUntil(lambda: "Start" in read(), timeout=10_000)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "Typed **live** text")
    qtbot.waitUntil(lambda: "Typed live text" in read(), timeout=10_000)
    assert window.isWindowModified()


def test_word_count_and_reading_time_in_the_status_bar(window: MainWindow, qtbot, tmp_path):
    body = " ".join(["word"] * 430)
    window.document.open_path(write_post(tmp_path / "p.md", body + "\n"), ask=False)
    qtbot.waitUntil(lambda: "430 words" in window.words_label.text(), timeout=10_000)
    assert "3 min read" in window.words_label.text()


def test_editor_scroll_moves_the_preview_and_back(window: MainWindow, qtbot, tmp_path):
    window.document.open_path(write_post(tmp_path / "long.md", LONG_POST), ask=False)
    shown: list[int] = []
    window.preview.updated.connect(shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    # user scrolls the editor half way down: the preview follows
    bar = window.editor.verticalScrollBar()
    with qtbot.waitSignal(window.editor.scrolled_to_line, timeout=5000):
        bar.triggerAction(bar.SliderAction.SliderPageStepAdd)
        for _ in range(20):
            bar.triggerAction(bar.SliderAction.SliderPageStepAdd)
    target = window.editor.first_visible_line()
    assert target > 50
    qtbot.waitUntil(lambda: _preview_top(window, qtbot) > target - 15, timeout=5000)
    # the user scrolls the preview back to the top: the editor follows
    with qtbot.waitSignal(window.preview.scrolled_to_line, timeout=5000):
        window.preview.setFocus()
        qtbot.keyClick(window.preview.web_view().focusProxy(), Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: window.editor.first_visible_line() < 5, timeout=5000)


def _preview_top(window: MainWindow, qtbot) -> float:
    box: dict[str, float] = {}
    window.preview.current_top_line(lambda line: box.__setitem__("line", line))
    qtbot.waitUntil(lambda: "line" in box, timeout=5000)
    return box["line"]


def test_clicking_the_preview_moves_the_cursor(window: MainWindow, qtbot, tmp_path):
    window.document.open_path(write_post(tmp_path / "p.md", LONG_POST), ask=False)
    with qtbot.waitSignal(window.preview.updated, timeout=10_000):
        pass
    window.preview.line_clicked.emit(42)
    assert window.editor.textCursor().blockNumber() == 42


def test_unsaved_changes_prompt_on_close_can_cancel_or_save(window: MainWindow, qtbot, tmp_path):
    path = write_post(tmp_path / "draft.md", "first\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("more ")
    answer_next_dialog(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible()
    assert path.read_text(encoding="utf-8") == "first\n"
    answer_next_dialog(QMessageBox.StandardButton.Save)
    assert window.close()
    assert path.read_text(encoding="utf-8") == "more first\n"


def test_new_post_asks_before_discarding(window: MainWindow, qtbot, tmp_path):
    path = write_post(tmp_path / "draft.md", "text\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("edited ")
    answer_next_dialog(QMessageBox.StandardButton.Discard)
    window.actions_by_id["file.new"].trigger()
    assert window.editor.toPlainText() == ""
    assert window.document.path is None
    assert path.read_text(encoding="utf-8") == "text\n"


def test_external_change_offers_reload(window: MainWindow, qtbot, tmp_path):
    path = write_post(tmp_path / "shared.md", "original\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("mine ")  # with no edits it reloads without asking
    path.write_text("changed elsewhere\n", encoding="utf-8")
    answer_next_dialog("reload")
    window.document.check_disk()
    assert window.editor.toPlainText() == "changed elsewhere\n"
    assert not window.isWindowModified()


def test_external_change_keep_mine_then_save_overwrites_only_when_asked(window, qtbot, tmp_path):
    path = write_post(tmp_path / "shared.md", "original\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("mine ")
    path.write_text("theirs\n", encoding="utf-8")
    answer_next_dialog("keep")
    window.document.check_disk()
    assert window.editor.toPlainText() == "mine original\n"
    assert path.read_text(encoding="utf-8") == "theirs\n"  # nothing written silently
    assert window.document.save()
    assert path.read_text(encoding="utf-8") == "mine original\n"


def test_external_change_detected_at_save_time(window: MainWindow, qtbot, tmp_path):
    path = write_post(tmp_path / "shared.md", "original\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("mine ")
    path.write_text("theirs\n", encoding="utf-8")
    answer_next_dialog("reload")
    assert not window.document.save()
    assert path.read_text(encoding="utf-8") == "theirs\n"
    assert window.editor.toPlainText() == "theirs\n"


def test_malformed_front_matter_is_shown_with_its_line_and_body_still_previews(
    window: MainWindow, qtbot, tmp_path
):
    text = "---\ntitle: ok\ntags: [unclosed\n---\n\nBody still *renders*.\n"
    window.document.open_path(write_post(tmp_path / "bad.md", text), ask=False)
    read = preview_text(window, qtbot)
    qtbot.waitUntil(lambda: "Body still renders." in read(), timeout=10_000)
    qtbot.waitUntil(lambda: bool(window.problem_bar.problem_text()), timeout=5000)
    assert "front matter" in window.problem_bar.problem_text().lower()
    window.problem_bar.go_button.click()
    assert window.editor.textCursor().blockNumber() == 2  # the line where the [ opened
    assert window.editor.isReadOnly() is False


def test_non_utf8_file_is_refused_and_left_alone(window: MainWindow, qtbot, tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("caf\xe9\n".encode("latin-1"))
    messages = read_next_message_box()
    assert not window.document.open_path(path, ask=False)
    assert messages and "UTF-8" in messages[0]
    assert path.read_bytes() == "caf\xe9\n".encode("latin-1")


def test_hiding_panes_and_layout_is_remembered(qtbot, tmp_path, render_process):
    settings_path = tmp_path / "settings.json"
    tasks = TaskRunner()
    first = MainWindow(SettingsStore(settings_path), tasks, render_process)
    first.show()
    first.actions_by_id["view.show_preview"].setChecked(False)
    assert not first.preview.isVisible()
    first.close()
    second = MainWindow(SettingsStore(settings_path), tasks, render_process)
    second.show()
    assert not second.preview.isVisible()
    assert second.editor_pane.isVisible()
    # hiding the editor too brings the preview back: one pane always stays
    second.actions_by_id["view.show_editor"].setChecked(False)
    assert second.preview.isVisible()
    close_quietly(first, tasks)
    close_quietly(second, tasks)


def test_recent_files_are_listed(window: MainWindow, qtbot, tmp_path):
    a = write_post(tmp_path / "a.md", "a\n")
    b = write_post(tmp_path / "b.md", "b\n")
    window.document.open_path(a, ask=False)
    window.document.open_path(b, ask=False)
    window.recent_menu.aboutToShow.emit()
    names = [action.text() for action in window.recent_menu.actions()]
    assert names[0].endswith(str(b)) and names[1].endswith(str(a))


def test_save_as_writes_a_new_file(window: MainWindow, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "copy"
    monkeypatch.setattr(
        "editor.ui.document.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    window.editor.setPlainText("new post\n")
    assert window.document.save_as()
    assert (tmp_path / "copy.md").read_text(encoding="utf-8") == "new post\n"
    assert window.windowTitle().startswith("copy.md")


def test_find_and_replace_is_reachable_from_the_menu(window: MainWindow, qtbot):
    window.editor.setPlainText("one two one\n")
    window.actions_by_id["edit.replace"].trigger()
    assert window.find_bar.isVisible()


def test_first_start_opens_the_sample_post(window: MainWindow, qtbot, tmp_path):
    from editor.app import sample_post
    from editor.services.paths import app_paths

    sample = sample_post(app_paths(os.environ))
    window.open_initial(None, lambda: sample)
    assert window.document.path == sample
    assert "Welcome to Postwright" in window.editor.toPlainText()
    read = preview_text(window, qtbot)
    qtbot.waitUntil(lambda: "Writing with Markdown" in read(), timeout=10_000)
    # the sample's picture is served from the post's own folder
    assert (sample.parent / "images" / "welcome-banner.png").is_file()


def test_a_recent_post_is_reopened_instead_of_the_sample(window: MainWindow, qtbot, tmp_path):
    recent = write_post(tmp_path / "recent.md", "recent post\n")
    window.document.open_path(recent, ask=False)
    window.actions_by_id["file.new"].trigger()
    window.open_initial(None, lambda: pytest.fail("the sample must not be needed"))
    assert window.document.path == recent


def test_a_link_to_another_local_post_opens_it_in_the_editor(window: MainWindow, tmp_path):
    here = write_post(tmp_path / "here.md", "See [the other](other.md).\n")
    other = write_post(tmp_path / "other.md", "# The other post\n")
    window.document.open_path(here, ask=False)
    window.preview.link_activated.emit(QUrl.fromLocalFile(str(other)))
    assert window.document.path == other
    assert window.editor.toPlainText() == "# The other post\n"


def test_untouched_corpus_posts_save_back_byte_for_byte(window: MainWindow, tmp_path, shared_dir):
    """Through the real editor widget: no-break spaces, CRLF, BOMs and odd endings survive."""
    posts = sorted(p for p in (shared_dir / "corpus").rglob("*.md") if p.is_file())
    assert len(posts) > 80
    for source in posts:
        copy = tmp_path / "copy.md"
        copy.write_bytes(source.read_bytes())
        assert window.document.open_path(copy, ask=False), source
        window.editor.document().setModified(True)  # force a real write
        assert window.document.save(), source
        assert copy.read_bytes() == source.read_bytes(), f"{source} changed on save"


def test_clicking_the_preview_does_not_scroll_the_preview_back(window: MainWindow, qtbot, tmp_path):
    window.document.open_path(write_post(tmp_path / "long.md", LONG_POST), ask=False)
    with qtbot.waitSignal(window.preview.updated, timeout=10_000):
        pass
    with qtbot.assertNotEmitted(window.editor.scrolled_to_line):
        window.preview.line_clicked.emit(200)
    assert window.editor.cursor_line() == 200


def test_external_change_without_unsaved_edits_reloads_silently(window: MainWindow, tmp_path):
    path = write_post(tmp_path / "clean.md", "original\n")
    window.document.open_path(path, ask=False)
    path.write_text("changed elsewhere\n", encoding="utf-8")
    window.document.check_disk()  # no dialog: nothing here could be lost
    assert window.editor.toPlainText() == "changed elsewhere\n"
    assert "reloaded" in window.statusBar().currentMessage()


def test_reloading_over_unsaved_edits_can_be_undone(window: MainWindow, qtbot, tmp_path):
    path = write_post(tmp_path / "shared.md", "original\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("mine ")
    path.write_text("theirs\n", encoding="utf-8")
    answer_next_dialog("reload")
    window.document.check_disk()
    assert window.editor.toPlainText() == "theirs\n"
    window.editor.undo()
    assert window.editor.toPlainText() == "mine original\n"


def test_enter_in_the_external_change_dialog_keeps_the_users_text(window, qtbot, tmp_path):
    path = write_post(tmp_path / "shared.md", "original\n")
    window.document.open_path(path, ask=False)
    window.editor.insertPlainText("mine ")
    path.write_text("theirs\n", encoding="utf-8")

    def press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, press_enter)
            return
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    window.document.check_disk()
    assert window.editor.toPlainText() == "mine original\n"


def test_a_deleted_file_is_reported_and_a_restored_one_is_not_overwritten_silently(
    window: MainWindow, qtbot, tmp_path
):
    path = write_post(tmp_path / "gone.md", "original\n")
    window.document.open_path(path, ask=False)
    path.unlink()
    window.document.check_disk()
    assert "deleted or moved" in window.file_bar.problem_text()
    window.editor.insertPlainText("typing ")  # the next render must not hide the warning
    qtbot.waitUntil(lambda: not window.preview_controller.pending(), timeout=10_000)
    assert "deleted or moved" in window.file_bar.problem_text()
    path.write_text("restored by a sync tool\n", encoding="utf-8")
    answer_next_dialog("keep")
    assert window.document.save()  # asked first, then written because the user kept theirs
    assert path.read_text(encoding="utf-8") == "typing original\n"
    assert not window.file_bar.problem_text()


def test_f6_moves_the_focus_between_editor_and_preview(window: MainWindow, qtbot):
    window.editor.setFocus()
    window.actions_by_id["view.switch_pane"].trigger()
    assert window.preview.isAncestorOf(QApplication.focusWidget())
    window.actions_by_id["view.switch_pane"].trigger()
    assert QApplication.focusWidget() is window.editor


def test_view_choices_are_saved_at_once(window: MainWindow, tmp_path):
    window.actions_by_id["view.word_wrap"].setChecked(False)
    window.actions_by_id["view.theme_dark"].trigger()
    again = SettingsStore(tmp_path / "settings.json")
    assert again.preferences.word_wrap is False
    assert again.preferences.theme == "dark"


@pytest.mark.parametrize("char", ["\u2029", "\ufdd0"])
def test_a_file_the_editor_cannot_keep_exactly_is_refused(window: MainWindow, tmp_path, char):
    path = tmp_path / "odd.md"
    original = f"first{char}second\n".encode()
    path.write_bytes(original)
    messages = read_next_message_box()
    assert not window.document.open_path(path, ask=False)
    assert messages and f"U+{ord(char):04X}" in messages[0]
    assert path.read_bytes() == original


def test_copy_takes_the_selection_of_the_focused_pane(window: MainWindow, qtbot, tmp_path):
    window.document.open_path(write_post(tmp_path / "p.md", "Editor words\n"), ask=False)
    read = preview_text(window, qtbot)
    qtbot.waitUntil(lambda: "Editor words" in read(), timeout=10_000)
    clipboard = QApplication.clipboard()
    clipboard.setText("before")
    window.preview.web_view().setFocus()
    window.actions_by_id["edit.select_all"].trigger()
    window.actions_by_id["edit.copy"].trigger()
    qtbot.waitUntil(lambda: clipboard.text().strip() == "Editor words", timeout=5000)
    assert not window.editor.textCursor().hasSelection()  # the editor was left alone


def test_save_as_of_a_post_in_a_hidden_folder_starts_in_documents(window, tmp_path, monkeypatch):
    hidden = tmp_path / ".local" / "share" / "postwright" / "sample"
    hidden.mkdir(parents=True)
    window.document.open_path(write_post(hidden / "welcome.md", "sample\n"), ask=False)
    offered: list[str] = []

    def fake_dialog(_parent, _title, start, _filter):
        offered.append(start)
        return "", ""

    monkeypatch.setattr("editor.ui.document.QFileDialog.getSaveFileName", fake_dialog)
    window.document.save_as()
    assert offered and "/." not in offered[0]
    assert offered[0].endswith("welcome.md")


def fill_new_post_dialog(site: str, title: str, author: str = "Ana López", login: str = "analopez"):
    """Answer the New Post dialog as a user would, as soon as it shows."""
    seen: dict[str, str] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewPostDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.site_box.setCurrentIndex(dialog.site_box.findData(site))
        dialog.title_edit.setText(title)
        dialog.author_edit.setText(author)
        dialog.login_edit.setText(login)
        seen["location"] = dialog.location_label.text()
        dialog.accept()

    QTimer.singleShot(0, answer)
    return seen


@pytest.mark.parametrize(
    ("site", "relative", "in_text"),
    [
        ("pnp-blog", "pnp-blog/content/post/power-apps-tips/index.md", 'title: "Power Apps Tips"'),
        (
            "learn-m365-community",
            "learn-m365-community/Community/power-apps-tips.md",
            "# Power Apps Tips",
        ),
    ],
)
def test_new_post_asks_site_and_title_and_opens_the_post(  # noqa: PLR0917 - parametrised
    window: MainWindow, qtbot, tmp_path, site, relative, in_text
):
    seen = fill_new_post_dialog(site, "Power Apps Tips")
    window.actions_by_id["file.new_post"].trigger()
    expected = tmp_path / "library" / relative
    assert window.document.path == expected
    assert expected.is_file()
    assert in_text in window.editor.toPlainText()
    assert "power-apps-tips" in seen["location"]
    prefs = SettingsStore(tmp_path / "settings.json").preferences
    assert (prefs.author_name, prefs.github_login, prefs.last_site) == (
        "Ana López",
        "analopez",
        site,
    )
    read = preview_text(window, qtbot)
    qtbot.waitUntil(lambda: bool(read().strip()), timeout=10_000)


def test_a_second_post_with_the_same_title_gets_its_own_folder(window: MainWindow, tmp_path):
    fill_new_post_dialog("pnp-blog", "Same Title")
    window.actions_by_id["file.new_post"].trigger()
    first = window.document.path
    fill_new_post_dialog("pnp-blog", "Same Title")
    window.actions_by_id["file.new_post"].trigger()
    assert window.document.path != first
    assert window.document.path.parent.name == "same-title-2"


BLOG_POST = """---
title: "Old title"
date: 2026-11-25T09:00:00+01:00
author: "Ana"  # shown under the title
githubname: analopez
categories: ["Community post"]
images:
- images/thumbnail.png
tags: []
type: "regular"
---

Body text.
"""


def open_blog_post(window: MainWindow, tmp_path: Path) -> Path:
    folder = tmp_path / "library" / "pnp-blog" / "content" / "post" / "old-title"
    folder.mkdir(parents=True)
    path = write_post(folder / "index.md", BLOG_POST)
    window.document.open_path(path, ask=False)
    return path


def test_the_metadata_form_edits_one_line_of_the_front_matter(window: MainWindow, qtbot, tmp_path):
    open_blog_post(window, tmp_path)
    panel = window.metadata_panel
    qtbot.waitUntil(lambda: panel.field_editor("title") is not None, timeout=10_000)
    panel.field_edited.emit("title", "New title")
    new_lines = window.editor.toPlainText().splitlines()
    old_lines = BLOG_POST.splitlines()
    assert [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b] == [1]
    assert new_lines[1] == 'title: "New title"'
    assert "# shown under the title" in new_lines[3]  # comments survive
    window.editor.undo()
    assert window.editor.toPlainText() == BLOG_POST


def test_typing_yaml_by_hand_updates_the_form(window: MainWindow, qtbot, tmp_path):
    open_blog_post(window, tmp_path)
    panel = window.metadata_panel
    qtbot.waitUntil(lambda: panel.field_editor("title") is not None, timeout=10_000)
    cursor = window.editor.textCursor()
    text = window.editor.toPlainText()
    start = text.index("Old title")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Old"), cursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText("Typed")
    title = panel.field_widget("title")
    qtbot.waitUntil(lambda: title.text() == "Typed title", timeout=10_000)


def test_at_start_the_form_is_filled_after_the_editor_with_the_text_of_then(
    window: MainWindow, qtbot, tmp_path
):
    # At start-up the form waits for the editor's first paint; the site is matched at once
    # (the preview and the spelling need it) and the form shows the text of when it fills.
    window.metadata_controller.hold_form()
    open_blog_post(window, tmp_path)
    panel = window.metadata_panel
    assert window.site_box.currentData() == "pnp-blog"
    assert panel.field_editor("title") is None
    cursor = window.editor.textCursor()
    start = window.editor.toPlainText().index("Old title")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Old"), cursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText("Early")
    window.metadata_controller.release_form()
    assert panel.field_widget("title").text() == "Early title"


def test_at_start_a_loose_post_is_matched_by_its_front_matter_when_the_form_fills(
    window: MainWindow, tmp_path
):
    window.metadata_controller.hold_form()
    path = write_post(tmp_path / "loose.md", BLOG_POST)  # not in a site's layout
    window.document.open_path(path, ask=False)
    window.metadata_controller.release_form()
    assert window.site_box.currentData() == "pnp-blog"
    assert window.metadata_panel.field_widget("title").text() == "Old title"


def test_a_broken_user_profile_is_named_and_the_app_goes_on(qtbot, tmp_path, render_process):
    user_profiles = tmp_path / "profiles"
    user_profiles.mkdir()
    (user_profiles / "my-site.json").write_text('{"id": 3', encoding="utf-8")
    tasks = TaskRunner()
    profiles = load_profiles(builtin_profiles_dir(), user_profiles)
    win = MainWindow(
        SettingsStore(tmp_path / "settings.json"),
        tasks,
        render_process,
        profiles=profiles,
        library=Library(tmp_path / "library"),
    )
    win.show()
    assert "my-site.json" in win.notice_bar.problem_text()
    assert "line 1" in win.notice_bar.problem_text()
    assert win.actions_by_id["file.new_post"].isEnabled()  # the built-in sites still work
    win.notice_bar.dismiss_button.click()
    assert not win.notice_bar.problem_text()
    close_quietly(win, tasks)


def test_my_posts_lists_a_new_post_and_follows_its_rename(window: MainWindow, qtbot, tmp_path):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QTreeWidget

    fill_new_post_dialog("pnp-blog", "Listed Post")
    window.actions_by_id["file.new_post"].trigger()
    panel = window.library_panel
    tree = panel.findChild(QTreeWidget)
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    qtbot.waitUntil(lambda: len(tree.findItems("Listed Post", flags)) == 1, timeout=5000)
    found = tree.findItems("Listed Post", flags)
    panel.ask_new_title = lambda _entry: "Renamed Post"
    tree.setCurrentItem(found[0])
    panel.findChild(QAction, "library_rename").trigger()
    expected = tmp_path / "library" / "pnp-blog" / "content" / "post" / "renamed-post" / "index.md"
    assert window.document.path == expected
    assert 'title: "Renamed Post"' in window.editor.toPlainText()  # reloaded: nothing was unsaved


def test_the_app_opens_on_my_posts_and_a_chosen_post_turns_to_its_metadata(
    window: MainWindow, qtbot, tmp_path
):
    from PySide6.QtWidgets import QTreeWidget

    assert not window.library_dock.visibleRegion().isEmpty()  # My Posts is the tab in front
    path = open_blog_post(window, tmp_path)
    window.actions_by_id["file.new"].trigger()
    window.library_panel.refresh()
    tree = window.library_panel.findChild(QTreeWidget)
    (item,) = tree.findItems("Old title", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    tree.itemActivated.emit(item, 0)
    assert window.document.path == path
    qtbot.waitUntil(lambda: not window.metadata_dock.visibleRegion().isEmpty(), timeout=5000)


def test_a_post_that_matches_no_site_can_be_given_one(window: MainWindow, qtbot, tmp_path):
    window.document.open_path(write_post(tmp_path / "notes.md", "---\ntitle: Notes\n---\n"))
    assert window.site_box.currentData() == ""
    assert window.metadata_panel.field_editor("githubname") is None
    index = window.site_box.findData("pnp-blog")
    window.site_box.setCurrentIndex(index)
    window.site_box.activated.emit(index)
    assert window.metadata_panel.field_editor("githubname") is not None
    assert window.site_box.currentData() == "pnp-blog"


def test_editing_the_title_in_the_form_changes_one_line_of_every_corpus_post(
    window: MainWindow, qtbot, tmp_path, shared_dir
):
    """Typed into the form's real field, saved: one line differs, every other byte is kept."""
    corpus = shared_dir / "corpus"
    posts = sorted(p for p in corpus.rglob("*.md") if p.is_file() and "_templates" not in p.parts)
    posts = [p for p in posts if p.read_bytes().lstrip(b"\xef\xbb\xbf").startswith(b"---")]
    assert len(posts) > 70
    panel = window.metadata_panel
    for number, source in enumerate(posts):
        copy = tmp_path / "corpus" / source.relative_to(corpus)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(source.read_bytes())
        assert window.document.open_path(copy, ask=False), source
        qtbot.waitUntil(lambda: panel.field_widget("title") is not None, timeout=10_000)
        title = panel.field_widget("title")
        title.setFocus()
        title.selectAll()
        qtbot.keyClicks(title, f"Edited title {number}")
        qtbot.keyClick(title, Qt.Key.Key_Return)
        assert window.document.save(), source
        old_lines = source.read_bytes().splitlines(keepends=True)
        new_lines = copy.read_bytes().splitlines(keepends=True)
        changes = [
            (tag, old_lines[i1:i2], new_lines[j1:j2])
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines).get_opcodes()
            if tag != "equal"
        ]
        # the title line is rewritten, or added when the file had none (an include file)
        assert len(changes) == 1, f"{source}: {changes}"
        tag, removed, added = changes[0]
        assert (tag, len(removed), len(added)) in {("replace", 1, 1), ("insert", 0, 1)}, source
        assert f"Edited title {number}".encode() in added[0], source


def test_yaml_typed_in_the_panel_goes_into_the_text_as_one_undoable_edit(
    window: MainWindow, qtbot, tmp_path
):
    open_blog_post(window, tmp_path)
    panel = window.metadata_panel
    qtbot.waitUntil(lambda: panel.field_editor("title") is not None, timeout=10_000)
    panel.show_yaml(True)
    view = panel.yaml_view
    cursor = view.textCursor()
    start = view.toPlainText().index("tags: []")
    cursor.setPosition(start + len("tags: ["))
    view.setTextCursor(cursor)
    view.insertPlainText("Hugo")  # the YAML stays valid: the form follows
    qtbot.waitUntil(lambda: "tags: [Hugo]" in window.editor.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: panel.field_widget("tags").text() == "Hugo", timeout=5000)
    assert window.editor.toPlainText() == BLOG_POST.replace("tags: []", "tags: [Hugo]")

    view.insertPlainText(", [")  # now it is not: the form waits, the text keeps what is typed
    qtbot.waitUntil(lambda: "tags: [Hugo, []" in window.editor.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: not panel.form.isEnabled(), timeout=5000)
    assert view.isEnabled() and not view.isReadOnly()

    window.editor.undo()
    window.editor.undo()
    assert window.editor.toPlainText() == BLOG_POST


def test_the_thumbnail_picker_lists_the_bundles_images(window: MainWindow, qtbot, tmp_path):
    path = open_blog_post(window, tmp_path)
    (path.parent / "images").mkdir()
    (path.parent / "images" / "thumbnail.png").write_bytes(b"not really a png")
    (path.parent / "images" / "screen.png").write_bytes(b"not really a png")
    panel = window.metadata_panel
    qtbot.waitUntil(lambda: panel.field_editor("images") is not None, timeout=10_000)
    editor = panel.field_editor("images")
    assert editor.chooser is not None and editor.chooser.source is not None
    assert [image.link for image in editor.chooser.source()] == [
        "images/screen.png",
        "images/thumbnail.png",
    ]


def test_saving_lists_the_post_in_my_posts_and_offers_its_tags(window: MainWindow, qtbot, tmp_path):
    from PySide6.QtWidgets import QTreeWidget

    path = open_blog_post(window, tmp_path)
    path.write_text(BLOG_POST.replace("tags: []", "tags: [Viva Engage]"), encoding="utf-8")
    window.document.open_path(path, ask=False)
    window.editor.document().setModified(True)
    assert window.document.save()
    tree = window.library_panel.findChild(QTreeWidget)
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    qtbot.waitUntil(lambda: len(tree.findItems("Old title", flags)) == 1, timeout=5000)
    tags = window.metadata_panel.field_widget("tags").completer().model().stringList()
    assert "Viva Engage" in tags


def test_preferences_apply_at_once_and_are_kept(window: MainWindow, qtbot):
    from editor.ui.editor.markdown_editor import default_font_family
    from editor.ui.preferences_dialog import PreferencesDialog

    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.windowTitle())
        dialog.controls["editor_font_size"].setValue(17)
        dialog.controls["spell_check"].setChecked(False)
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.actions_by_id["edit.preferences"].trigger()
    assert seen == ["Preferences"]
    assert window.editor.editor_point_size() == 17
    assert window.editor.editor_font_family() == default_font_family()
    assert not window.spelling.toggle_action.isChecked()
    assert window._settings.preferences.editor_font_size == 17
    assert window._settings.preferences.spell_check is False


def test_the_first_start_welcomes_then_opens_the_sample_and_tours_the_window(
    window: MainWindow, qtbot, tmp_path
):
    from editor.ui.welcome import GuidedTour, WelcomeDialog

    sample = write_post(tmp_path / "welcome.md", "---\ntitle: Welcome\n---\n\nHello\n")
    asked: list[str] = []
    window.start_welcome(lambda site: asked.append(site) or sample)
    dialog = window.findChild(WelcomeDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.findChild(QWidget, "welcome_site_learn-m365-community").click()
    dialog.next_button.click()
    dialog.next_button.click()
    assert window.document.path == sample
    assert asked == ["learn-m365-community"]  # the sample of the site the user writes for
    assert window._settings.preferences.welcome_done
    assert window._settings.preferences.last_site == "learn-m365-community"
    tour = window.findChild(GuidedTour)
    assert tour is not None and tour.isVisible()
    titles = []
    while tour.isVisible():
        titles.append(tour.title.text())
        # the card is on top of whatever part it points at (a raised dock must not cover it)
        middle = tour.next_button.mapTo(window, tour.next_button.rect().center())
        on_top = window.childAt(middle)
        assert on_top is tour.next_button or tour.isAncestorOf(on_top), titles[-1]
        assert tour.next_button.hasFocus()
        tour.next_button.click()
    assert len(titles) >= 6 and "Write here" in titles[0]
    window.start_tour()  # from Help again: a fresh tour, and Close really closes it
    again = window.tour
    again.close_button.click()
    assert not again.isVisible()


def test_help_menu_opens_the_guide_the_shortcuts_and_a_report(window: MainWindow, qtbot):
    from editor.ui.help import ReportProblemDialog, ShortcutsDialog, UserGuideWindow

    window.actions_by_id["help.shortcuts"].trigger()
    shortcuts = window.findChild(ShortcutsDialog)
    table = shortcuts.table
    commands = [table.item(r, 1).text() for r in range(table.rowCount())]
    keys = [table.item(r, 2).text() for r in range(table.rowCount())]
    assert {"New Post", "Bold", "Publish", "Check Spelling as You Type"} <= set(commands)
    assert not any(", " in key for key in keys)  # one key per command
    shortcuts.reject()
    window.actions_by_id["help.user_guide"].trigger()
    guide = window.findChild(UserGuideWindow)
    assert guide.isVisible()
    guide.reject()
    window.actions_by_id["help.report_problem"].trigger()
    report = window.findChild(ReportProblemDialog)
    assert "Postwright" in report.text.toPlainText()
    report.reject()


def test_a_blog_post_previews_with_its_header_and_attachments(window: MainWindow, qtbot, tmp_path):
    path = open_blog_post(window, tmp_path)
    (path.parent / "files").mkdir()
    (path.parent / "files" / "slides.pdf").write_bytes(b"%PDF" + b"0" * 2048)
    path.write_text(BLOG_POST + "\n{{< attachments >}}\n", encoding="utf-8")
    window.document.open_path(path, ask=False)
    read = preview_text(window, qtbot)
    qtbot.waitUntil(lambda: "slides.pdf" in read(), timeout=10_000)
    text = read()
    assert text.index("Old title") < text.index("Body text.")  # the header comes first
    assert "Ana" in text.split("Body text.")[0]  # the author, from the front matter


def test_a_post_opened_at_the_top_keeps_the_preview_at_the_top(
    window: MainWindow, qtbot, tmp_path, driver
):
    """The blog's header arrives once the site is known; it must not push the title away."""
    path = open_blog_post(window, tmp_path)
    path.write_text(BLOG_POST + "\n".join(f"\nParagraph {n}.\n" for n in range(80)), "utf-8")
    window.document.open_path(path, ask=False)
    read = preview_text(window, qtbot)
    qtbot.waitUntil(lambda: "Paragraph 79." in read() and "Ana" in read(), timeout=10_000)
    qtbot.wait(300)
    assert driver.js(window.preview, "window.scrollY") == 0


def test_where_the_user_puts_a_panel_is_remembered(qtbot, tmp_path, render_process):
    settings_path = tmp_path / "settings.json"
    tasks = TaskRunner()
    first = MainWindow(SettingsStore(settings_path), tasks, render_process)
    first.show()
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.problems_dock)
    first.close()
    second = MainWindow(SettingsStore(settings_path), tasks, render_process)
    second.show()
    assert second.dockWidgetArea(second.problems_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    close_quietly(first, tasks)
    close_quietly(second, tasks)


def test_a_new_post_is_signed_by_the_signed_in_account(window: MainWindow, qtbot):
    window.settings.update_preferences(
        github_account_login="octocat", github_account_name="Mona Lisa Octocat"
    )
    seen: dict[str, str] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewPostDialog):
            QTimer.singleShot(20, answer)
            return
        seen["author"], seen["login"] = dialog.author_edit.text(), dialog.login_edit.text()
        dialog.reject()

    QTimer.singleShot(0, answer)
    window.actions_by_id["file.new_post"].trigger()
    assert seen == {"author": "Mona Lisa Octocat", "login": "octocat"}


def _sample_in_app_data(tmp_path: Path) -> Path:
    """A post where the app keeps its sample: the app's own data folder."""
    from editor.services.paths import app_paths

    folder = app_paths(os.environ).data_dir / "sample"
    folder.mkdir(parents=True, exist_ok=True)
    return write_post(folder / "welcome.md", "# Welcome\n\nsample\n")


def test_save_as_for_an_untitled_post_starts_in_the_library_named_after_its_heading(
    window: MainWindow, tmp_path, monkeypatch
):
    offered: list[str] = []

    def fake_dialog(_parent, _title, start, _filter):
        offered.append(start)
        return "", ""

    monkeypatch.setattr("editor.ui.document.QFileDialog.getSaveFileName", fake_dialog)
    assert window.document.open_path(_sample_in_app_data(tmp_path), ask=False)
    assert window.document.new()
    window.editor.insertPlainText("Intro line.\n\n# My Trip to Øslo!\n\nText.\n")
    window.document.save_as()
    assert offered == [str(tmp_path / "library" / "my-trip-to-oslo.md")]


def test_save_as_suggests_the_title_and_never_an_existing_name(
    window: MainWindow, tmp_path, monkeypatch
):
    library = tmp_path / "library"
    library.mkdir()
    write_post(library / "power-automate-tips.md", "taken\n")
    offered: list[str] = []

    def fake_dialog(_parent, _title, start, _filter):
        offered.append(start)
        return "", ""

    monkeypatch.setattr("editor.ui.document.QFileDialog.getSaveFileName", fake_dialog)
    window.editor.insertPlainText('---\ntitle: "Power Automate tips"\n---\n\n# Other\n')
    window.document.save_as()
    assert offered == [str(library / "power-automate-tips-2.md")]


def test_open_asks_about_unsaved_changes_only_after_a_file_was_chosen(
    window: MainWindow, tmp_path, monkeypatch
):
    from editor.ui.dialogs import SaveChoice

    other = write_post(tmp_path / "other.md", "other post\n")
    asked: list[str] = []

    def ask(_parent, name):
        asked.append(name)
        return SaveChoice.CANCEL

    monkeypatch.setattr("editor.ui.document.ask_save_changes", ask)
    chosen = {"name": ""}
    starts: list[str] = []

    def fake_open(_parent, _title, start, _filter):
        starts.append(start)
        return chosen["name"], ""

    monkeypatch.setattr("editor.ui.document.QFileDialog.getOpenFileName", fake_open)
    assert window.document.open_path(_sample_in_app_data(tmp_path), ask=False)
    window.editor.insertPlainText("my edit ")

    window.actions_by_id["file.open"].trigger()  # the dialog is cancelled
    assert asked == []
    assert window.editor.toPlainText().startswith("my edit ")
    assert window.document.is_modified()
    # it starts in the user's posts, not in the app's own sample folder
    assert starts == [str(tmp_path / "library")]

    chosen["name"] = str(other)
    window.actions_by_id["file.open"].trigger()  # a file chosen: now the question
    assert asked == ["welcome.md"]
    assert window.editor.toPlainText().startswith("my edit ")  # Cancel kept the edits


def test_open_pull_request_starts_on_the_site_of_the_open_post(window: MainWindow, qtbot, tmp_path):
    from editor.ui.review_open_dialog import OpenPullRequestDialog

    open_blog_post(window, tmp_path)
    qtbot.waitUntil(lambda: window.metadata_controller.profile is not None, timeout=5000)
    window.actions_by_id["review.open_pull"].trigger()
    dialog = window.findChild(OpenPullRequestDialog)
    assert dialog is not None
    assert dialog.site_box.currentData() == "pnp/blog"
    dialog.reject()
