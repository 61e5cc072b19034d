"""The action registry: every command once, with a name, reachable from a menu."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from editor.ui.actions import ACTIONS, build_actions, populate_menus


def test_every_action_has_a_unique_id_and_lands_in_a_menu(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = build_actions(window)
    menus = populate_menus(window.menuBar(), actions)
    assert len(actions) == len(ACTIONS)
    in_menus = {a.objectName() for menu in menus.values() for a in menu.actions()}
    assert set(actions) <= in_menus
    assert all(action.text() for action in actions.values())


def test_shortcuts_do_not_clash(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    seen: dict[str, str] = {}
    for action_id, action in build_actions(window).items():
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} is bound to both {seen[key]} and {action_id}"
            seen[key] = action_id
    assert "Ctrl+S" in seen and "Ctrl+F" in seen and "Ctrl+H" in seen


def test_theme_choices_are_exclusive(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = build_actions(window)
    actions["view.theme_dark"].setChecked(True)
    actions["view.theme_light"].setChecked(True)
    assert not actions["view.theme_dark"].isChecked()
