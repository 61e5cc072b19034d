"""Every control of the main window can be reached by keyboard and is named for screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces as the widget's name (its own, a label's or its text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def interactive_widgets(root: QWidget) -> list[QWidget]:
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, INTERACTIVE)
        and widget.isVisibleTo(root)
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(widget.parent(), (QComboBox, QAbstractSpinBox))  # their inner editors
    ]


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"


BLOG_POST = (
    "---\ntitle: A post\ndate: 2026-11-25T09:00:00+01:00\nauthor: Ana\ngithubname: ana\n"
    "categories: [Community post]\nimages: [images/a.png]\ntags: [x]\nsummary: s\n---\n\n"
    "# Heading\n\nText.\n"
)


def test_no_interactive_control_of_the_window_is_unnamed(window, qtbot, tmp_path) -> None:
    folder = tmp_path / "library" / "pnp-blog" / "content" / "post" / "a-post"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(BLOG_POST, encoding="utf-8")
    window.document.open_path(folder / "index.md", ask=False)
    qtbot.waitUntil(lambda: window.metadata_panel.field_widget("title") is not None)
    for dock_name in ("metadata_dock", "images_dock", "outline_dock", "library_dock"):
        dock = getattr(window, dock_name, None)
        if dock is None:
            continue
        dock.raise_()  # a tab behind another is not on screen: bring each forward in turn
        qtbot.wait(50)
        unnamed = [describe(w) for w in interactive_widgets(window) if not accessible_name(w)]
        assert not unnamed, f"with {dock_name} in front, unnamed controls: {unnamed}"


def test_the_main_controls_are_in_the_keyboard_focus_chain(window) -> None:
    chain: list[QWidget] = []
    widget = window.editor.nextInFocusChain()
    while widget is not window.editor and len(chain) < 2000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    for needed in (window.preview, window.metadata_panel.field_widget("title") or window.editor):
        focusable = needed.focusProxy() or needed
        assert focusable in chain or needed in chain or focusable is window.editor


def test_the_check_itself_finds_an_unnamed_control(window) -> None:
    """Guard against a check that passes by finding nothing."""
    found = interactive_widgets(window)
    assert len(found) > 20
    from PySide6.QtWidgets import QLineEdit as Edit

    stray = Edit(window.metadata_panel)
    stray.show()
    assert any(w is stray for w in interactive_widgets(window))
    assert accessible_name(stray) == ""
    stray.deleteLater()
