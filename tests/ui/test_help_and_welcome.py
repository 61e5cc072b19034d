"""Help, the first start and the tour, as a new user meets them."""

from __future__ import annotations

from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.ui.help import (
    ReportProblemDialog,
    ShortcutsDialog,
    UserGuideWindow,
    problem_report,
    shortcut_rows,
)
from editor.ui.welcome import GuidedTour, TourStep, WelcomeDialog


def test_shortcut_rows_list_each_commands_main_key_by_menu(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu("&Edit", parent)
    undo = QAction("&Undo", parent)
    undo.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence("F14")])  # Qt's platform extras
    plain = QAction("No key", parent)
    sub = QMenu("&More", menu)
    bold = QAction("&Bold && strong", parent)
    bold.setShortcut(QKeySequence("Ctrl+B"))
    sub.addAction(bold)
    menu.addAction(undo)
    menu.addAction(plain)
    menu.addMenu(sub)
    rows = shortcut_rows([menu])
    assert rows == [("Edit", "Undo", "Ctrl+Z"), ("Edit", "Bold & strong", "Ctrl+B")]
    dialog = ShortcutsDialog(rows)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == "Edit"
    assert dialog.table.item(1, 0).text() == ""  # the menu is named once
    assert dialog.table.item(1, 2).text() == "Ctrl+B"


def test_the_user_guide_opens_offline_with_its_sections(qtbot: QtBot) -> None:
    guide = UserGuideWindow()
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert "Your first post" in text
    assert "Adding your own site" in text
    assert guide.browser.document().resource(0, "https://example.com/x.png") is None


def test_a_problem_report_names_the_version_and_system_but_nothing_personal(
    qtbot: QtBot, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    text = problem_report([("Site profile", "pnp-blog")])
    assert "Postwright " in text and "Python " in text and "Qt " in text
    assert "Site profile: pnp-blog" in text
    assert str(tmp_path) not in text
    dialog = ReportProblemDialog(text)
    qtbot.addWidget(dialog)
    dialog.findChild(QPushButton, "report_copy").click()
    assert QGuiApplication.clipboard().text() == text


def test_the_welcome_asks_the_site_and_offers_github(qtbot: QtBot) -> None:
    profiles = load_profiles(builtin_profiles_dir()).profiles
    dialog = WelcomeDialog(profiles, "learn-m365-community")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_site() == "learn-m365-community"
    dialog.findChild(QWidget, "welcome_site_pnp-blog").click()
    assert dialog.chosen_site() == "pnp-blog"
    asked: list[bool] = []
    dialog.sign_in_requested.connect(lambda: asked.append(True))
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 1
    dialog.sign_in_button.click()
    assert asked == [True]
    assert dialog.next_button.text().replace("&", "") == "Start Writing"
    dialog.next_button.click()
    assert dialog.result() == WelcomeDialog.DialogCode.Accepted


def test_the_tour_walks_the_parts_that_exist_and_can_be_left(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(900, 600)
    first, second = QWidget(window), QWidget(window)
    second.move(500, 300)
    revealed: list[str] = []
    steps = [
        TourStep(lambda: first, "One", "First part"),
        TourStep(lambda: None, "Missing", "Not in this window"),
        TourStep(lambda: second, "Two", "Second part", lambda: revealed.append("two")),
    ]
    window.show()
    tour = GuidedTour(window, steps)
    tour.start()
    assert tour.step_count == 2
    assert "One" in tour.title.text()
    assert not tour.back_button.isEnabled()
    tour.next_button.click()
    assert "Two" in tour.title.text() and revealed == ["two"]
    assert tour.geometry().right() <= window.width()
    ended: list[bool] = []
    tour.finished.connect(lambda: ended.append(True))
    tour.next_button.click()  # "Done"
    assert ended == [True] and not tour.isVisible()
