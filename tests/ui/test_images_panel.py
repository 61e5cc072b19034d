"""Pictures in the window: paste, drop, rename, alt text, delete and the card picture — the
text, the Images panel, the files and the preview must agree."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.ui.document import editor_text
from editor.ui.image_insert import AltAnswer, AltRequest, AltTextDialog

TIMEOUT = 10_000
PROFILES = load_profiles(builtin_profiles_dir())

BLOG_POST = """---
title: Pictures
images:
- images/thumbnail.png
---
Intro line.
"""


def blog_post(tmp_path: Path) -> Path:
    post = tmp_path / "content" / "post" / "my-post" / "index.md"
    (post.parent / "images").mkdir(parents=True)
    post.write_text(BLOG_POST, encoding="utf-8")
    return post


def screenshot(width: int = 900, height: int = 500) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    return image


def open_post(window: Any, qtbot: Any, post: Path) -> None:
    assert window.document.open_path(post, ask=False)
    qtbot.waitUntil(lambda: window.images_controller.target() is not None, timeout=TIMEOUT)


def answer_alt(window: Any, alt: str) -> list[AltRequest]:
    """Answer the alt-text question with ``alt``; the list receives what was asked."""
    asked: list[AltRequest] = []

    def answer(request: AltRequest, _parent: object) -> AltAnswer:
        asked.append(request)
        return AltAnswer(alt, True)

    window.image_inserter.ask_alt = answer
    return asked


def move_to_end(window: Any) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)


def panel_paths(window: Any) -> list[str]:
    panel = window.images_panel
    return [panel.image_list.item(row).toolTip() for row in range(panel.image_list.count())]


def preview_shows(window: Any, driver: Any, name: str) -> None:
    """Wait until the preview has the picture ``name`` loaded (not a broken image)."""
    script = (
        f"Array.from(document.images).some(i => i.src.endsWith('/{name}') && i.complete"
        " && i.naturalWidth > 0)"
    )
    driver.wait_for_js(window.preview, script)


def test_pasting_a_screenshot_saves_it_and_links_it_at_the_cursor(
    window: Any, qtbot: Any, tmp_path: Path, driver: Any
) -> None:
    post = blog_post(tmp_path)
    open_post(window, qtbot, post)
    asked = answer_alt(window, "Screenshot of the sharing settings page")
    move_to_end(window)
    QApplication.clipboard().setImage(screenshot(2000, 1000))
    window.editor.paste()
    expected = "![Screenshot of the sharing settings page](images/sharing-settings-page.png)"
    qtbot.waitUntil(lambda: expected in editor_text(window.editor), timeout=TIMEOUT)
    saved = post.parent / "images" / "sharing-settings-page.png"
    assert QImage(str(saved)).width() == 1400  # the blog's maximum width
    assert asked[0].rules.syntax == "markdown" and asked[0].source_name == "pasted-image.png"
    assert "Added images/sharing-settings-page.png" in window.statusBar().currentMessage()
    qtbot.waitUntil(
        lambda: "images/sharing-settings-page.png" in panel_paths(window), timeout=TIMEOUT
    )
    preview_shows(window, driver, "images/sharing-settings-page.png")


def test_dropping_a_file_copies_it_with_a_safe_name_and_leaves_the_original(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    post = blog_post(tmp_path)
    open_post(window, qtbot, post)
    answer_alt(window, "")
    original = tmp_path / "Downloads" / "My Screen Shot 2024.PNG"
    original.parent.mkdir()
    screenshot().save(str(original))
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(original))])
    viewport = window.editor.viewport()
    end = window.editor.document().lastBlock()
    cursor = QTextCursor(end)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    where = window.editor.cursorRect(cursor).center() + QPoint(2, 0)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(viewport, drop)
    qtbot.waitUntil(
        lambda: "![](images/my-screen-shot-2024.png)" in editor_text(window.editor), timeout=TIMEOUT
    )
    assert (post.parent / "images" / "my-screen-shot-2024.png").is_file()
    assert hashlib.sha256(original.read_bytes()).hexdigest() == digest
    assert original.exists()


def test_renaming_an_image_updates_text_file_panel_and_preview_and_undoes(
    window: Any, qtbot: Any, tmp_path: Path, driver: Any
) -> None:
    post = blog_post(tmp_path)
    screenshot().save(str(post.parent / "images" / "Old Name.png"))
    post.write_text(
        BLOG_POST + "\n![Settings dialog of the site](images/Old%20Name.png)\n", encoding="utf-8"
    )
    open_post(window, qtbot, post)
    qtbot.waitUntil(lambda: "images/Old Name.png" in panel_paths(window), timeout=TIMEOUT)
    window.images_controller.ask_name = lambda _current: "Site Settings"
    window.images_panel.select("images/Old Name.png")
    window.images_panel.buttons["rename"].click()
    renamed = "![Settings dialog of the site](images/site-settings.png)"
    assert renamed in editor_text(window.editor)
    folder = post.parent / "images"
    assert (folder / "site-settings.png").is_file() and not (folder / "Old Name.png").exists()
    qtbot.waitUntil(lambda: "images/site-settings.png" in panel_paths(window), timeout=TIMEOUT)
    assert "images/Old Name.png" not in panel_paths(window)
    preview_shows(window, driver, "images/site-settings.png")

    window.editor.undo()
    assert "images/Old%20Name.png" in editor_text(window.editor)
    assert (folder / "Old Name.png").is_file() and not (folder / "site-settings.png").exists()
    window.editor.redo()
    assert renamed in editor_text(window.editor)
    assert (folder / "site-settings.png").is_file()


def test_alt_text_edited_in_the_panel_changes_the_markdown(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    post = blog_post(tmp_path)
    screenshot().save(str(post.parent / "images" / "flow.png"))
    post.write_text(BLOG_POST + "\n![flow](images/flow.png)\n", encoding="utf-8")
    open_post(window, qtbot, post)
    qtbot.waitUntil(lambda: "images/flow.png" in panel_paths(window), timeout=TIMEOUT)
    window.images_panel.select("images/flow.png")
    problems = window.images_panel.problem_list
    assert any("just its file name" in problems.item(i).text() for i in range(problems.count()))
    item = window.images_panel.usage_tree.topLevelItem(0)
    item.setText(1, "Approval flow with two stages")
    assert "![Approval flow with two stages](images/flow.png)" in editor_text(window.editor)
    window.editor.undo()
    assert "![flow](images/flow.png)" in editor_text(window.editor)


def test_deleting_flags_the_reference_and_undo_delete_brings_it_back(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    post = blog_post(tmp_path)
    picture = post.parent / "images" / "chart.png"
    screenshot().save(str(picture))
    post.write_text(BLOG_POST + "\n![Sales by month](images/chart.png)\n", encoding="utf-8")
    open_post(window, qtbot, post)
    qtbot.waitUntil(lambda: "images/chart.png" in panel_paths(window), timeout=TIMEOUT)
    window.images_panel.select("images/chart.png")
    window.images_panel.buttons["delete"].click()
    assert not picture.exists()
    qtbot.waitUntil(lambda: _entry_missing(window, "images/chart.png"), timeout=TIMEOUT)
    assert window.images_panel.buttons["restore"].isEnabled()
    window.images_panel.buttons["restore"].click()
    assert picture.is_file()
    qtbot.waitUntil(lambda: not _entry_missing(window, "images/chart.png"), timeout=TIMEOUT)


def _entry_missing(window: Any, path: str) -> bool:
    entry = window.images_panel.entry(path)
    return entry is not None and entry.file is None


def test_choosing_the_card_picture_sets_the_first_images_entry(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    post = blog_post(tmp_path)
    screenshot(1400, 400).save(str(post.parent / "images" / "hero.png"))
    open_post(window, qtbot, post)
    qtbot.waitUntil(lambda: "images/hero.png" in panel_paths(window), timeout=TIMEOUT)
    window.images_panel.select("images/hero.png")
    assert window.images_panel.card_label.pixmap().size().width() == 280
    assert window.images_panel.card_label.pixmap().size().height() == 132  # 700 by 330
    window.images_panel.buttons["card"].click()
    assert "images:\n- images/hero.png\n" in editor_text(window.editor)


def test_learn_pictures_go_to_the_media_folder_in_learn_syntax(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    post = tmp_path / "Community" / "my-article.md"
    post.parent.mkdir()
    post.write_text(
        "---\ntitle: An article\nms.date: 01/02/2025\nms.topic: how-to\n---\n# An article\n",
        encoding="utf-8",
    )
    open_post(window, qtbot, post)
    asked = answer_alt(window, "Screenshot of the Teams admin center home page.")
    move_to_end(window)
    mime = QMimeData()
    mime.setImageData(screenshot(3000, 1500))
    window.editor.insertFromMimeData(mime)
    expected = (
        ':::image type="content" source="media/my-article/teams-admin-center-home-page.png" '
        'alt-text="Screenshot of the Teams admin center home page.":::'
    )
    qtbot.waitUntil(lambda: expected in editor_text(window.editor), timeout=TIMEOUT)
    saved = post.parent / "media" / "my-article" / "teams-admin-center-home-page.png"
    assert QImage(str(saved)).width() == 1200
    assert asked[0].rules.alt_required and asked[0].rules.alt_unique


def test_a_damaged_file_is_refused_in_plain_words_and_nothing_changes(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    post = blog_post(tmp_path)
    open_post(window, qtbot, post)
    answer_alt(window, "A broken picture")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    before = editor_text(window.editor)
    window.image_inserter.insert_files([broken])
    qtbot.waitUntil(lambda: "damaged" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    assert editor_text(window.editor) == before
    assert list((post.parent / "images").iterdir()) == []


def test_an_unsaved_post_asks_to_be_saved_first(window: Any, qtbot: Any) -> None:
    window.document.new()
    answer_alt(window, "never asked")
    mime = QMimeData()
    mime.setImageData(screenshot())
    window.editor.insertFromMimeData(mime)
    assert "Save the post first" in window.statusBar().currentMessage()
    assert editor_text(window.editor) == ""


def test_alt_text_dialog_shows_the_sites_rules_and_requires_alt_on_learn(qtbot: Any) -> None:
    learn = PROFILES.get("learn-m365-community")
    assert learn is not None
    request = AltRequest("shot.png", screenshot(), learn.images, ("Existing description",), True)
    dialog = AltTextDialog(request)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    rules = dialog.findChild(type(dialog.advice), "alt_rules")
    assert rules is not None and "Unique in the article" in rules.text()
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.alt_edit, "Existing description")
    assert ok.isEnabled() and "same alt text" in dialog.advice.text()
    assert dialog.alt_edit.accessibleName() and dialog.optimise_box.isChecked()


def test_the_images_panel_is_reachable_from_the_keyboard(window: Any, qtbot: Any) -> None:
    window.actions_by_id["view.show_images"].trigger()
    qtbot.waitUntil(window.images_panel.image_list.hasFocus, timeout=TIMEOUT)
    assert window.images_dock.isVisible()
    panel = window.images_panel
    assert all(button.accessibleName() for button in panel.buttons.values())
    assert panel.image_list.accessibleName() and panel.usage_tree.accessibleName()


def test_replace_keeps_the_name_and_optimise_shrinks_the_file(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    post = blog_post(tmp_path)
    picture = post.parent / "images" / "chart.png"
    screenshot(600, 300).save(str(picture))
    post.write_text(BLOG_POST + "\n![Sales by month](images/chart.png)\n", encoding="utf-8")
    open_post(window, qtbot, post)
    qtbot.waitUntil(lambda: "images/chart.png" in panel_paths(window), timeout=TIMEOUT)
    new_picture = tmp_path / "new.jpg"
    screenshot(3000, 1200).save(str(new_picture), "JPEG")
    window.images_controller.choose_file = lambda: new_picture
    window.images_panel.select("images/chart.png")
    window.images_panel.buttons["replace"].click()
    qtbot.waitUntil(
        lambda: "Replaced chart.png" in window.statusBar().currentMessage(), timeout=TIMEOUT
    )
    replaced = QImage(str(picture))
    assert replaced.width() == 1400 and picture.read_bytes().startswith(b"\x89PNG")
    assert "images/chart.png" in editor_text(window.editor)

    screenshot(3000, 1500).save(str(picture))  # changed by another program: too wide
    before = picture.stat().st_size
    window.images_panel.buttons["optimise"].click()
    qtbot.waitUntil(
        lambda: "Optimised chart.png" in window.statusBar().currentMessage(), timeout=TIMEOUT
    )
    assert QImage(str(picture)).width() == 1400 and picture.stat().st_size < before


def test_a_picture_dragged_from_a_browser_is_saved_under_its_web_name(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    post = blog_post(tmp_path)
    open_post(window, qtbot, post)
    answer_alt(window, "")
    move_to_end(window)
    from_browser = QMimeData()
    from_browser.setImageData(screenshot(300, 200))
    from_browser.setUrls([QUrl("https://example.com/media/Team%20Photo.png")])
    from_browser.setHtml('<img src="https://example.com/media/Team%20Photo.png">')
    window.editor.insertFromMimeData(from_browser)
    qtbot.waitUntil(
        lambda: "![](images/team-photo.png)" in editor_text(window.editor), timeout=TIMEOUT
    )
    only_address = QMimeData()
    only_address.setUrls([QUrl("https://example.com/diagram.png")])
    before = editor_text(window.editor)
    window.editor.insertFromMimeData(only_address)
    assert "not downloaded" in window.statusBar().currentMessage()
    assert editor_text(window.editor) == before


def test_insert_image_starts_in_pictures_then_where_pictures_were_last_taken(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from editor.services.settings import SettingsStore

    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    post = blog_post(tmp_path)
    open_post(window, qtbot, post)
    answer_alt(window, "A teal screen")
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    picture = downloads / "shot.png"
    screenshot().save(str(picture))
    starts: list[str] = []
    chosen: list[str] = []

    def fake_dialog(_parent: object, _title: str, start: str, _filter: str) -> tuple[list, str]:
        starts.append(start)
        return chosen, ""

    monkeypatch.setattr("editor.ui.image_insert.QFileDialog.getOpenFileNames", fake_dialog)
    insert_image = window.actions_by_id["edit.insert_image"]

    insert_image.trigger()  # cancelled: nothing remembered
    assert starts == [str(home / "Pictures")]

    chosen.append(str(picture))
    insert_image.trigger()
    qtbot.waitUntil(
        lambda: "![A teal screen](images/" in editor_text(window.editor), timeout=TIMEOUT
    )

    chosen.clear()
    insert_image.trigger()
    assert starts[-1] == str(downloads)
    # remembered with the window, for the next run
    assert SettingsStore(window.settings.path).state.last_picture_directory == str(downloads)
