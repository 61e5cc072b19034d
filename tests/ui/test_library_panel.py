"""The library panel: posts by site, filtering, and opening, renaming and deleting them."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from editor.core.profiles import Profile, builtin_profiles_dir, load_profiles
from editor.services.library import Library
from editor.ui.library_panel import LibraryPanel


@pytest.fixture(scope="module")
def profiles() -> tuple[Profile, ...]:
    return load_profiles(builtin_profiles_dir()).profiles


def _write(path: Path, text: str, mtime: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))


@pytest.fixture
def library(tmp_path: Path) -> Library:
    blog = tmp_path / "pnp-blog/content/post"
    _write(blog / "first-post/index.md", "---\ntitle: First Post\ndraft: true\n---\n", 1_000)
    _write(blog / "first-post/images/pic.png", "png", 1_000)
    learn = tmp_path / "learn-m365-community/Community"
    _write(learn / "an-article.md", "---\ntitle: An Article\n---\n", 2_000)
    return Library(tmp_path)


def _panel(qtbot: QtBot, library: Library, profiles: tuple[Profile, ...]) -> LibraryPanel:
    panel = LibraryPanel(library, profiles)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def _tree(panel: LibraryPanel) -> QTreeWidget:
    tree = panel.findChild(QTreeWidget, "library_tree")
    assert tree is not None
    return tree


def _visible_rows(panel: LibraryPanel) -> dict[str, list[str]]:
    tree = _tree(panel)
    shown: dict[str, list[str]] = {}
    for index in range(tree.topLevelItemCount()):
        site = tree.topLevelItem(index)
        assert site is not None
        if site.isHidden():
            continue
        rows = [site.child(i) for i in range(site.childCount())]
        shown[site.text(0)] = [row.text(0) for row in rows if row and not row.isHidden()]
    return shown


def _row(panel: LibraryPanel, title: str) -> QTreeWidgetItem:
    found = _tree(panel).findItems(title, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert len(found) == 1
    return found[0]


def _select(panel: LibraryPanel, title: str) -> None:
    tree = _tree(panel)
    tree.setCurrentItem(_row(panel, title))
    tree.setFocus()


def _trigger(panel: LibraryPanel, name: str) -> None:
    action = panel.findChild(QAction, name)
    assert action is not None and action.isEnabled()
    action.trigger()


def test_posts_are_listed_by_site_with_their_state(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    assert _visible_rows(panel) == {
        "M365 & Power Platform Community Blog": ["First Post"],
        "Microsoft 365 Community Docs": ["An Article"],
    }
    assert _row(panel, "First Post").text(1) == "Draft"
    assert _row(panel, "First Post").font(0).italic()
    assert _row(panel, "An Article").text(1) == ""
    assert _row(panel, "An Article").text(2)  # when it was last edited
    assert _tree(panel).accessibleName()


def test_the_filter_narrows_the_list(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    search = panel.findChild(QLineEdit, "library_filter")
    assert search is not None and search.accessibleName()
    search.setText("article")
    assert _visible_rows(panel) == {"Microsoft 365 Community Docs": ["An Article"]}
    search.setText("")
    assert len(_visible_rows(panel)) == 2


def test_double_click_and_enter_open_the_post(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    tree = _tree(panel)
    expected = library.root / "learn-m365-community/Community/an-article.md"
    _select(panel, "An Article")
    with qtbot.waitSignal(panel.post_activated) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == [expected]
    where = tree.visualItemRect(_row(panel, "First Post")).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(panel.post_activated) as opened:
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [library.root / "pnp-blog/content/post/first-post/index.md"]


def test_delete_asks_first_and_removes_the_post(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    post = library.root / "pnp-blog/content/post/first-post/index.md"
    panel.confirm_delete = lambda entry: False  # type: ignore[method-assign]
    _select(panel, "First Post")
    _trigger(panel, "library_delete")
    assert post.is_file()
    panel.confirm_delete = lambda entry: entry.title == "First Post"  # type: ignore[method-assign]
    _select(panel, "First Post")
    with qtbot.waitSignal(panel.post_removed) as removed:
        _trigger(panel, "library_delete")
    assert removed.args == [post]
    assert not post.parent.exists()
    assert "M365 & Power Platform Community Blog" not in _visible_rows(panel)


def test_rename_moves_the_post(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    old = library.root / "learn-m365-community/Community/an-article.md"
    panel.ask_new_title = lambda entry: "Renamed Article"  # type: ignore[method-assign]
    _select(panel, "An Article")
    with qtbot.waitSignal(panel.post_moved) as moved:
        _trigger(panel, "library_rename")
    new = library.root / "learn-m365-community/Community/renamed-article.md"
    assert moved.args == [old, new]
    assert new.is_file() and not old.exists()
    assert _row(panel, "Renamed Article")


def test_a_refused_rename_is_reported(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    problems: list[str] = []
    panel.ask_new_title = lambda entry: "First Post"  # type: ignore[method-assign]
    panel.show_problem = problems.append  # type: ignore[method-assign]
    _select(panel, "First Post")
    with qtbot.assertNotEmitted(panel.post_moved):
        _trigger(panel, "library_rename")
    assert problems == []  # the same name: only the title is written again
    _write(library.root / "pnp-blog/content/post/taken/index.md", "---\n---\n", 10)
    panel.refresh()
    panel.ask_new_title = lambda entry: "Taken"  # type: ignore[method-assign]
    _select(panel, "First Post")
    with qtbot.assertNotEmitted(panel.post_moved):
        _trigger(panel, "library_rename")
    assert len(problems) == 1 and "already a post" in problems[0]


def test_duplicate_adds_a_copy_and_selects_it(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    _select(panel, "First Post")
    _trigger(panel, "library_duplicate")
    copy = _row(panel, "First Post (copy)")
    assert _tree(panel).currentItem() is copy and copy.isSelected()
    for name in ("library_open", "library_duplicate", "library_rename", "library_delete"):
        action = panel.findChild(QAction, name)
        assert action is not None and action.isEnabled(), name  # the buttons stay usable
    with qtbot.waitSignal(panel.post_activated) as opened:
        _trigger(panel, "library_open")
    assert opened.args == [library.root / "pnp-blog/content/post/first-post-copy/index.md"]


def test_a_renamed_post_stays_selected(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    panel.ask_new_title = lambda entry: "Renamed Article"  # type: ignore[method-assign]
    _select(panel, "An Article")
    _trigger(panel, "library_rename")
    assert _tree(panel).currentItem() is _row(panel, "Renamed Article")
    action = panel.findChild(QAction, "library_rename")
    assert action is not None and action.isEnabled()


def test_long_titles_leave_room_for_the_date_and_state(qtbot: QtBot, library, profiles) -> None:
    long_title = "Automating approvals with Power Automate and a very long title indeed"
    _write(
        library.root / "pnp-blog/content/post/long/index.md",
        f"---\ntitle: {long_title}\ndraft: true\n---\n",
        3_000,
    )
    panel = _panel(qtbot, library, profiles)
    panel.resize(400, 500)
    qtbot.waitExposed(panel)
    tree = _tree(panel)
    header = tree.header()
    width = tree.viewport().width()

    assert not tree.horizontalScrollBar().isVisible()
    for column in (1, 2):  # state and date are shown whole, inside the list
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= width
        assert header.sectionSize(column) >= tree.sizeHintForColumn(column)
    assert _row(panel, long_title).text(1) == "Draft"
    assert long_title in _row(panel, long_title).toolTip(0)  # the full title, if elided


def test_the_rename_box_is_wide_enough_for_the_title(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    _select(panel, "First Post")
    entry = panel._selected()
    assert entry is not None
    entry = replace(entry, title="Automating approvals with Power Automate (copy)")
    dialog = panel.rename_dialog(entry)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.findChild(QLineEdit)
    assert edit is not None and edit.text() == entry.title
    assert edit.width() > edit.fontMetrics().horizontalAdvance(entry.title)


def test_an_empty_library_says_how_to_start(qtbot: QtBot, tmp_path: Path, profiles) -> None:
    panel = _panel(qtbot, Library(tmp_path / "empty"), profiles)
    label = panel.findChild(QLabel, "library_empty")
    assert label is not None and label.isVisible()
    assert label.text() == "No posts yet. Use File → New Post to start one."
    assert not _tree(panel).isVisible()
    action = panel.findChild(QAction, "library_open")
    assert action is not None and not action.isEnabled()


def test_reading_the_library_again_keeps_the_selection(qtbot: QtBot, library, profiles) -> None:
    panel = _panel(qtbot, library, profiles)
    _select(panel, "An Article")
    panel.refresh()  # e.g. after a save elsewhere
    assert _tree(panel).currentItem() is _row(panel, "An Article")
    action = panel.findChild(QAction, "library_open")
    assert action is not None and action.isEnabled()


def test_a_published_post_shows_its_pull_request(qtbot: QtBot, library, profiles) -> None:
    def pull_request_of(path: Path) -> int:
        return 42 if path.name.startswith("an-article") else 0

    panel = LibraryPanel(library, profiles, pull_request_of=pull_request_of)
    qtbot.addWidget(panel)
    panel.refresh()
    assert _row(panel, "An Article").text(1) == "Pull request #42"
    assert _row(panel, "First Post").text(1) == "Draft"
