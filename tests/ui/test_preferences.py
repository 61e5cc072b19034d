"""The Preferences dialog is built from the settings' own types and applies what changes."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from editor.services.settings import THEMES, Preferences
from editor.ui.preferences_dialog import PAGES, PREFERENCE_FIELDS, PreferencesDialog

KIND_TYPES = {
    "check": "bool",
    "size": "int",
    "font": "str",
    "choice": "str",
    "language": "str",
    "text": "str",
    "address": "str",
    "ui_language": "str",
}


def test_every_field_shown_is_a_preference_of_the_right_type() -> None:
    types = {item.name: item.type for item in fields(Preferences)}
    for spec in PREFERENCE_FIELDS:
        assert spec.name in types, spec.name
        assert types[spec.name] == KIND_TYPES[spec.kind], spec.name
        assert spec.page in PAGES
    theme = next(spec for spec in PREFERENCE_FIELDS if spec.name == "theme")
    assert {value for value, _label in theme.choices} == set(THEMES)


def test_the_dialog_shows_the_values_and_returns_only_changes(qtbot: QtBot) -> None:
    preferences = Preferences(word_wrap=False, editor_font_size=13, spelling_language="fr")
    dialog = PreferencesDialog(preferences)
    qtbot.addWidget(dialog)
    wrap = dialog.controls["word_wrap"]
    size = dialog.controls["editor_font_size"]
    language = dialog.controls["spelling_language"]
    assert isinstance(wrap, QCheckBox) and not wrap.isChecked()
    assert isinstance(size, QSpinBox) and size.value() == 13
    assert isinstance(language, QComboBox) and language.currentData() == "fr"
    assert dialog.changes() == {}  # the system font shown for "no choice" is not a change
    wrap.setChecked(True)
    size.setValue(15)
    theme = dialog.controls["theme"]
    assert isinstance(theme, QComboBox)
    theme.setCurrentIndex(theme.findData("dark"))
    assert dialog.changes() == {"word_wrap": True, "editor_font_size": 15, "theme": "dark"}
    for control in dialog.controls.values():
        assert control.accessibleName(), control.objectName()
