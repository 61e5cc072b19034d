"""The Preferences dialog, generated from the typed settings (:class:`Preferences`).

:data:`PREFERENCE_FIELDS` says, for each preference the user may change here, which page it is
on, how it is labelled and which kind of control edits it; the control's type and starting value
come from the :class:`Preferences` dataclass itself, so the dialog and the settings file cannot
drift apart (a test checks every field named here exists with the right type).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.services.settings import Preferences
from editor.services.spelling import LANGUAGES
from editor.ui.editor.markdown_editor import default_font_family
from editor.ui.i18n import ui_languages

_C = "preferences"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate extracts
    """Mark ``text`` for translation in ``context``; it is translated when shown."""
    del context
    return text


def _tr(text: str) -> str:
    return QCoreApplication.translate(_C, text)


@dataclass(frozen=True, slots=True)
class PreferenceField:
    """How one preference appears in the dialog."""

    name: str  # the Preferences attribute
    page: str
    label: str
    help: str = ""
    #: "check", "font", "size", "choice", "language", "ui_language", "text" or "address"
    kind: str = "check"
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for "choice"


PAGES = (
    QT_TRANSLATE_NOOP(_C, "Editor"),
    QT_TRANSLATE_NOOP(_C, "Preview"),
    QT_TRANSLATE_NOOP(_C, "Pictures"),
    QT_TRANSLATE_NOOP(_C, "Writing"),
    QT_TRANSLATE_NOOP(_C, "GitHub"),
)

PREFERENCE_FIELDS: tuple[PreferenceField, ...] = (
    PreferenceField(
        "editor_font_family",
        PAGES[0],
        QT_TRANSLATE_NOOP(_C, "Font:"),
        kind="font",
        help=QT_TRANSLATE_NOOP(_C, "A fixed-width font keeps tables and code lined up."),
    ),
    PreferenceField("editor_font_size", PAGES[0], QT_TRANSLATE_NOOP(_C, "Font size:"), kind="size"),
    PreferenceField(
        "theme",
        PAGES[0],
        QT_TRANSLATE_NOOP(_C, "Colours:"),
        kind="choice",
        choices=(
            ("system", QT_TRANSLATE_NOOP(_C, "Follow the system")),
            ("light", QT_TRANSLATE_NOOP(_C, "Light")),
            ("dark", QT_TRANSLATE_NOOP(_C, "Dark")),
        ),
    ),
    PreferenceField("word_wrap", PAGES[0], QT_TRANSLATE_NOOP(_C, "Wrap long lines")),
    PreferenceField(
        "language",
        PAGES[0],
        QT_TRANSLATE_NOOP(_C, "Language of Postwright:"),
        kind="ui_language",
        help=QT_TRANSLATE_NOOP(_C, "Takes effect the next time Postwright starts."),
    ),
    PreferenceField(
        "allow_remote_content",
        PAGES[1],
        QT_TRANSLATE_NOOP(_C, "Load pictures and videos from the internet"),
        help=QT_TRANSLATE_NOOP(
            _C, "Off: the preview shows a placeholder and nothing is fetched until you allow it."
        ),
    ),
    PreferenceField(
        "sync_scroll", PAGES[1], QT_TRANSLATE_NOOP(_C, "Scroll the preview with the editor")
    ),
    PreferenceField(
        "optimise_images",
        PAGES[2],
        QT_TRANSLATE_NOOP(_C, "Optimise pictures when they are added"),
        help=QT_TRANSLATE_NOOP(
            _C, "Scale down to the site's width, recompress, and remove location and camera data."
        ),
    ),
    PreferenceField("spell_check", PAGES[3], QT_TRANSLATE_NOOP(_C, "Check spelling as you type")),
    PreferenceField(
        "spelling_language",
        PAGES[3],
        QT_TRANSLATE_NOOP(_C, "Language of new posts:"),
        kind="language",
    ),
    PreferenceField(
        "autosave_to_file",
        PAGES[3],
        QT_TRANSLATE_NOOP(_C, "Save the post file as I type"),
        help=QT_TRANSLATE_NOOP(_C, "A recovery copy is always kept, whether this is on or not."),
    ),
    PreferenceField(
        "author_name", PAGES[3], QT_TRANSLATE_NOOP(_C, "Your name on new posts:"), kind="text"
    ),
    PreferenceField(
        "github_login",
        PAGES[4],
        QT_TRANSLATE_NOOP(_C, "GitHub user name:"),
        kind="text",
        help=QT_TRANSLATE_NOOP(_C, "Used on new posts until you sign in."),
    ),
    PreferenceField(
        "github_api_url",
        PAGES[4],
        QT_TRANSLATE_NOOP(_C, "GitHub server:"),
        kind="address",
        help=QT_TRANSLATE_NOOP(
            _C,
            "Leave empty for GitHub.com. For GitHub Enterprise Server: https://HOST/api/v3",
        ),
    ),
)


class PreferencesDialog(QDialog):
    """One page per group of preferences; OK returns the changed values."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferences_dialog")
        self._initial = preferences
        self.controls: dict[str, QWidget] = {}
        tabs = QTabWidget(self)
        tabs.setObjectName("preferences_pages")
        layouts: dict[str, QFormLayout] = {}
        for page in PAGES:
            widget = QWidget(tabs)
            layouts[page] = QFormLayout(widget)
            tabs.addTab(widget, _tr(page))
        for spec in PREFERENCE_FIELDS:
            self._add(layouts[spec.page], spec, getattr(preferences, spec.name))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(tabs)
        column.addWidget(buttons)

    def _add(self, layout: QFormLayout, spec: PreferenceField, value: Any) -> None:
        control = self._control(spec, value)
        control.setObjectName(f"pref_{spec.name}")
        label_text = _tr(spec.label)
        control.setAccessibleName(label_text.rstrip(":"))
        if spec.help:
            control.setToolTip(_tr(spec.help))
            control.setAccessibleDescription(_tr(spec.help))
        self.controls[spec.name] = control
        if isinstance(control, QCheckBox):
            layout.addRow(control)
        else:
            label = QLabel(label_text, self)
            label.setBuddy(control)
            layout.addRow(label, control)
        if spec.help:
            note = QLabel(_tr(spec.help), self)
            note.setWordWrap(True)
            font = note.font()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            note.setFont(font)
            layout.addRow(note)

    def _control(self, spec: PreferenceField, value: Any) -> QWidget:
        if spec.kind == "check":
            box = QCheckBox(_tr(spec.label), self)
            box.setChecked(bool(value))
            return box
        if spec.kind == "font":
            fonts = QFontComboBox(self)
            fonts.setFontFilters(QFontComboBox.FontFilter.MonospacedFonts)
            fonts.setCurrentFont(QFont(str(value) or default_font_family()))
            return fonts
        if spec.kind == "size":
            size = QSpinBox(self)
            size.setRange(6, 72)
            size.setSuffix(self.tr(" pt"))
            size.setValue(int(value))
            return size
        if spec.kind in {"choice", "language", "ui_language"}:
            combo = QComboBox(self)
            if spec.kind == "language":
                options = sorted(LANGUAGES.items(), key=lambda item: item[1])
            elif spec.kind == "ui_language":
                options = [("", QT_TRANSLATE_NOOP(_C, "The system's language"))]
                options += [(code, QLocale(code).nativeLanguageName()) for code in ui_languages()]
            else:
                options = list(spec.choices)
            for option, text in options:
                combo.addItem(_tr(text) if spec.kind != "language" else self.tr(text), option)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        line = QLineEdit(str(value or ""), self)
        if spec.kind == "address":
            line.setPlaceholderText("https://api.github.com")
        return line

    def values(self) -> dict[str, Any]:
        """Every preference shown, as the dialog holds it now."""
        result: dict[str, Any] = {}
        for name, control in self.controls.items():
            if isinstance(control, QCheckBox):
                result[name] = control.isChecked()
            elif isinstance(control, QFontComboBox):
                result[name] = control.currentFont().family()
            elif isinstance(control, QSpinBox):
                result[name] = control.value()
            elif isinstance(control, QComboBox):
                result[name] = control.currentData()
            elif isinstance(control, QLineEdit):
                result[name] = control.text().strip()
        return result

    def changes(self) -> Mapping[str, Any]:
        """The preferences the user changed (the system font shown for "no choice" is not a
        change until another font is picked)."""
        changed = {}
        for name, value in self.values().items():
            initial = getattr(self._initial, name)
            if name == "editor_font_family" and not initial and value == default_font_family():
                continue
            if value != initial:
                changed[name] = value
        return changed
