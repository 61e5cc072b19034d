"""Every user-visible string goes through Qt's translation system, and layouts survive longer text.

A pseudo-locale translator brackets and lengthens every string it is asked for. The main window
is built under it; any text on screen without the brackets was never translated. Texts that are
data rather than the app's own words are exempt: what the site profiles say (site names, field
labels and help, snippet labels, written in the profile file), file names, numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.services.library import Library
from editor.services.settings import SettingsStore
from editor.ui.i18n import PSEUDO_OPEN, PseudoTranslator
from editor.ui.tasks import TaskRunner

POST = (
    "---\ntitle: A post\ndate: 2026-11-25T09:00:00+01:00\nauthor: Ana\ngithubname: ana\n"
    "categories: [Community post]\nimages: [images/a.png]\ntags: [x]\nsummary: s\n---\n\n"
    "## Heading\n\nText.\n"
)


def profile_strings() -> set[str]:
    """Words that come from the site profiles (data, written in the profile files)."""
    found: set[str] = set()
    for profile in load_profiles(builtin_profiles_dir()).profiles:
        found |= {profile.name, profile.name.replace("&", "&&")}
        for spec in profile.fields:
            found |= {spec.label, f"{spec.label} *", spec.help, *spec.allowed}
        found |= {s.label for s in profile.snippets}
    return {text for text in found if text}


def visible_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """``(where, text)`` for the texts of the window's widgets, menus and actions."""
    for widget in window.findChildren(QWidget):
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        texts: list[str] = [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, (QDockWidget, QMenu)):
            texts.append(
                widget.windowTitle() if isinstance(widget, QDockWidget) else widget.title()
            )
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        for text in texts:
            yield where, text
    for action in window.findChildren(QAction):
        for text in (action.text(), action.toolTip(), action.statusTip()):
            yield f"QAction {action.objectName()!r}", text


def untranslated(window: QWidget, exempt: set[str]) -> list[str]:
    problems = []
    for where, text in visible_texts(window):
        plain = text.replace("&", "")
        if PSEUDO_OPEN in text or not re.search(r"[A-Za-z]{2}", plain):
            continue  # translated, or no words at all (numbers, "1:1", a shortcut key)
        if text in exempt or plain in exempt or re.fullmatch(r"[\w./-]+\.(md|png)", text):
            continue
        if plain.rstrip(" *") in exempt or re.match(r"https?://|(Ctrl|Shift|Alt|Meta)\+|F\d", text):
            continue
        problems.append(f"{where}: {text!r}")
    return sorted(set(problems))


@pytest.fixture
def pseudo_window(qtbot, tmp_path, render_process, open_main_window) -> Iterator[QWidget]:
    app = QApplication.instance()
    translator = PseudoTranslator()
    app.installTranslator(translator)
    try:
        settings = SettingsStore(tmp_path / "settings.json")
        profiles = load_profiles(builtin_profiles_dir())
        tasks = TaskRunner()
        with open_main_window(
            settings, tasks, render_process, profiles=profiles, library=Library(tmp_path / "lib")
        ) as window:
            folder = tmp_path / "lib" / "pnp-blog" / "content" / "post" / "a-post"
            folder.mkdir(parents=True)
            (folder / "index.md").write_text(POST, encoding="utf-8")
            window.document.open_path(folder / "index.md", ask=False)
            qtbot.waitUntil(lambda: window.metadata_panel.field_widget("title") is not None)
            yield window
    finally:
        app.removeTranslator(translator)


def test_every_string_on_screen_was_translated(pseudo_window) -> None:
    texts = [text for _where, text in visible_texts(pseudo_window) if text]
    assert sum(PSEUDO_OPEN in text for text in texts) > 200  # the check really looked
    assert untranslated(pseudo_window, profile_strings()) == []


def test_the_window_still_fits_a_laptop_screen_with_longer_text(pseudo_window) -> None:
    hint = pseudo_window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint


def test_the_check_finds_a_string_that_was_not_translated(pseudo_window) -> None:
    stray = QLabel("Forgotten words", pseudo_window.metadata_panel)
    assert untranslated(pseudo_window, profile_strings()) == ["QLabel '': 'Forgotten words'"]
    stray.deleteLater()
