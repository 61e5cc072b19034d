"""Keeps the mouse wheel from changing combo boxes and spin boxes the user scrolls past.

A combo box or spin box inside a scrollable form changes its value when the wheel turns over
it, so scrolling the form can silently change a field. :func:`guard_wheel` makes such a widget
take the wheel only while it has keyboard focus; otherwise the wheel scrolls the scroll area
around it (if any) and the value stays as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area ``widget`` is shown in, or None."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """An event filter that gives the wheel over an unfocused widget to its scroll area."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Pass the wheel over ``watched`` on unless ``watched`` has keyboard focus."""
        if (
            event.type() != QEvent.Type.Wheel
            or not isinstance(event, QWheelEvent)
            or not isinstance(watched, QWidget)
            or watched.hasFocus()
        ):
            return super().eventFilter(watched, event)
        area = _scroll_area_of(watched)
        if area is None:
            event.ignore()  # nothing to scroll: the value just stays as it is
            return True
        viewport = area.viewport()
        position = QPointF(watched.mapTo(viewport, event.position().toPoint()))
        forwarded = QWheelEvent(
            position,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        QCoreApplication.sendEvent(viewport, forwarded)
        event.accept()
        return True


def guard_wheel(widget: QWidget) -> None:
    """Make ``widget`` ignore the wheel unless it has focus, and not take focus by the wheel."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(WheelGuard(widget))  # owned by the widget, gone with it
