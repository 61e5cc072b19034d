"""Light and dark colours for the editor, and whether the system prefers a dark look.

The colours follow GitHub's light and dark palettes, so the source view sits comfortably next
to a preview styled like the published site. Text colours keep a contrast ratio of at least
4.5:1 against their background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True, slots=True)
class EditorColors:
    """Every colour the editor paints with, as ``#rrggbb`` strings."""

    # The text area
    background: str
    foreground: str
    current_line: str
    gutter_background: str
    gutter_foreground: str
    gutter_current: str
    find_match: str
    find_current: str
    # Markdown
    heading: str
    strikethrough: str
    code: str
    code_background: str
    code_fence: str
    link_text: str
    link_url: str
    image: str
    quote: str
    list_marker: str
    html: str
    comment: str
    shortcode: str
    footnote: str
    # YAML front matter
    front_matter_fence: str
    front_matter_key: str
    front_matter_value: str
    front_matter_comment: str


LIGHT_COLORS = EditorColors(
    background="#ffffff",
    foreground="#1f2328",
    current_line="#f3f6fa",
    gutter_background="#f6f8fa",
    gutter_foreground="#59636e",
    gutter_current="#1f2328",
    find_match="#fff1a8",
    find_current="#ffc940",
    heading="#0550ae",
    strikethrough="#59636e",
    code="#116329",
    code_background="#f3f5f7",
    code_fence="#59636e",
    link_text="#0969da",
    link_url="#59636e",
    image="#8250df",
    quote="#57606a",
    list_marker="#bc4c00",
    html="#6639ba",
    comment="#59636e",
    shortcode="#bf3989",
    footnote="#8250df",
    front_matter_fence="#59636e",
    front_matter_key="#0550ae",
    front_matter_value="#0a3069",
    front_matter_comment="#59636e",
)

DARK_COLORS = EditorColors(
    background="#0d1117",
    foreground="#e6edf3",
    current_line="#161b22",
    gutter_background="#0d1117",
    gutter_foreground="#7d8590",
    gutter_current="#e6edf3",
    find_match="#4d3d0a",
    find_current="#8a6100",
    heading="#79c0ff",
    strikethrough="#8b949e",
    code="#7ee787",
    code_background="#161b22",
    code_fence="#8b949e",
    link_text="#58a6ff",
    link_url="#8b949e",
    image="#d2a8ff",
    quote="#8b949e",
    list_marker="#ffa657",
    html="#d2a8ff",
    comment="#8b949e",
    shortcode="#ff7eb6",
    footnote="#d2a8ff",
    front_matter_fence="#8b949e",
    front_matter_key="#79c0ff",
    front_matter_value="#a5d6ff",
    front_matter_comment="#8b949e",
)


def editor_colors(dark: bool) -> EditorColors:
    """The editor palette for a dark (``True``) or light (``False``) look."""
    return DARK_COLORS if dark else LIGHT_COLORS


def system_prefers_dark(app: QGuiApplication | None = None) -> bool:
    """Whether the desktop asks for a dark look.

    Uses the colour scheme the platform reports (Qt 6.5 and later). When the platform does not
    say, falls back to the lightness of the application palette's window colour. Without an
    application, the answer is ``False``.
    """
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QGuiApplication):
        return False
    scheme = _reported_color_scheme(app)
    if scheme is not None:
        return scheme
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _reported_color_scheme(app: QGuiApplication) -> bool | None:
    """``True``/``False`` when the platform reports dark/light, ``None`` when it does not."""
    color_scheme = getattr(app.styleHints(), "colorScheme", None)
    if color_scheme is None:  # Qt before 6.5
        return None
    scheme = color_scheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return None


def dark_palette() -> QPalette:
    """A dark palette for the whole window (menus, toolbar, status bar, dialogs)."""
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#1f2328",
        role.WindowText: "#e6edf3",
        role.Base: "#0d1117",
        role.AlternateBase: "#161b22",
        role.ToolTipBase: "#161b22",
        role.ToolTipText: "#e6edf3",
        role.Text: "#e6edf3",
        role.Button: "#21262d",
        role.ButtonText: "#e6edf3",
        role.BrightText: "#ffffff",
        role.Highlight: "#1f6feb",
        role.HighlightedText: "#ffffff",
        role.Link: "#58a6ff",
        role.PlaceholderText: "#8b949e",
        role.Mid: "#30363d",
        role.Dark: "#010409",
        role.Light: "#30363d",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#6e7681"))
    return palette


class WindowTheme:
    """Switches the application's own colours between the system's, light and dark."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._system_palette = app.palette()
        self._system_style = app.style().name()

    def apply(self, theme: str) -> bool:
        """Apply ``"system"``, ``"light"`` or ``"dark"``; return whether the result is dark."""
        if theme == "system":
            self._app.setStyle(self._system_style)
            self._app.setPalette(self._system_palette)
            return system_prefers_dark(self._app)
        self._app.setStyle("Fusion")  # the one style that honours a palette everywhere
        dark = theme == "dark"
        self._app.setPalette(dark_palette() if dark else self._app.style().standardPalette())
        return dark
