"""The wheel guard: boxes the user scrolls past keep their values."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from editor.ui.wheel_guard import guard_wheel


def _wheel_down(widget: QWidget) -> None:
    event = QWheelEvent(
        QPointF(widget.rect().center()),
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_a_box_outside_a_scroll_area_keeps_its_value(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    site = QComboBox(window)
    site.addItems(["No site", "Community Blog", "Community Docs"])
    guard_wheel(site)
    other = QComboBox(window)  # unguarded, for comparison
    other.addItems(["a", "b"])
    QVBoxLayout(window).addWidget(site)
    window.show()
    qtbot.waitExposed(window)

    _wheel_down(site)
    _wheel_down(other)

    assert site.currentIndex() == 0
    assert other.currentIndex() == 1  # what the wheel does to a box without the guard
    assert site.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not focus it


def test_a_spin_box_in_a_form_gives_the_wheel_to_the_form(qtbot: QtBot) -> None:
    scroll = QScrollArea()
    qtbot.addWidget(scroll)
    content = QWidget()
    column = QVBoxLayout(content)
    spin = QSpinBox(content)
    spin.setValue(5)
    guard_wheel(spin)
    column.addWidget(spin)
    column.addSpacing(2000)
    scroll.setWidget(content)
    scroll.resize(200, 200)
    scroll.show()
    qtbot.waitExposed(scroll)

    _wheel_down(spin)

    assert spin.value() == 5
    assert scroll.verticalScrollBar().value() > 0
    scroll.activateWindow()
    qtbot.waitActive(scroll)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel_down(spin)
    assert spin.value() == 4  # the box the user is on takes the wheel


def test_the_wheel_over_the_site_box_does_not_switch_the_posts_site(window, qtbot: QtBot) -> None:
    site_box = window.site_box
    window.metadata_dock.raise_()
    qtbot.waitUntil(site_box.isVisible)
    before = site_box.currentIndex()
    assert site_box.count() > 1 and not site_box.hasFocus()

    _wheel_down(site_box)

    assert site_box.currentIndex() == before
    assert window.metadata_controller.profile is None  # the open post still has no site
