"""Editor colours and the system light/dark preference."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.ui.theme import (
    DARK_COLORS,
    LIGHT_COLORS,
    EditorColors,
    editor_colors,
    system_prefers_dark,
)

BACKGROUND_FIELDS = {"background", "current_line", "gutter_background", "find_match"}
BACKGROUND_FIELDS |= {"find_current", "code_background"}


def luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    qcolor = QColor(color)
    red, green, blue = channel(qcolor.red()), channel(qcolor.green()), channel(qcolor.blue())
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_editor_colors_picks_the_palette() -> None:
    assert editor_colors(False) is LIGHT_COLORS
    assert editor_colors(True) is DARK_COLORS


@pytest.mark.parametrize("colors", [LIGHT_COLORS, DARK_COLORS], ids=["light", "dark"])
def test_every_colour_is_hex(colors: EditorColors) -> None:
    for field in fields(colors):
        assert re.fullmatch(r"#[0-9a-f]{6}", getattr(colors, field.name)), field.name


@pytest.mark.parametrize("colors", [LIGHT_COLORS, DARK_COLORS], ids=["light", "dark"])
def test_text_colours_are_readable_on_the_editor_background(colors: EditorColors) -> None:
    for field in fields(colors):
        if field.name in BACKGROUND_FIELDS:
            continue
        color = getattr(colors, field.name)
        for background in (colors.background, colors.current_line, colors.gutter_background):
            assert contrast(color, background) >= 4.5, (field.name, background)
    assert contrast(colors.code, colors.code_background) >= 4.5
    assert contrast(colors.foreground, colors.find_current) >= 4.5


def test_system_preference_falls_back_to_the_palette(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if app.styleHints().colorScheme() != Qt.ColorScheme.Unknown:
        pytest.skip("the platform reports a colour scheme; the palette fallback is not used")
    original = app.palette()
    try:
        dark = QPalette(original)
        dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
        app.setPalette(dark)
        assert system_prefers_dark(app) is True
        assert system_prefers_dark() is True
        light = QPalette(original)
        light.setColor(QPalette.ColorRole.Window, QColor("#f5f5f5"))
        app.setPalette(light)
        assert system_prefers_dark(app) is False
    finally:
        app.setPalette(original)


def test_window_theme_darkens_the_whole_window_and_gives_the_system_look_back(qtbot) -> None:
    from editor.ui.theme import WindowTheme

    app = QApplication.instance()
    before = app.palette().color(QPalette.ColorRole.Window)
    theme = WindowTheme(app)
    try:
        assert theme.apply("dark") is True
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 60
        assert theme.apply("light") is False
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
    finally:
        theme.apply("system")
    assert app.palette().color(QPalette.ColorRole.Window) == before
