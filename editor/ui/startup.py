"""Start-up order: what waits until the window has reached the screen (decision 0011)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from editor.ui.preview import PreviewView
from editor.ui.tasks import TaskRunner

#: The background work starts at the latest this long after the editor's first paint, should
#: the preview be hidden or slow to start.
RELEASE_AFTER_MS = 1500


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)  # once this paint has reached the screen
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the event loop's turn after ``widget`` is next painted.

    For a scroll area (the editor), pass its viewport: that is the widget that paints.
    """
    _FirstPaint(widget, callback)


def release_when_shown(tasks: TaskRunner, editor_viewport: QWidget, preview: PreviewView) -> None:
    """Release ``tasks`` (held during start-up) once the preview first shows the post, or
    :data:`RELEASE_AFTER_MS` after the editor's first paint if that comes first.

    The window then reaches the screen, preview included, before the panels' first jobs
    (the outline, the checks, the pictures, the spelling word list) start competing with it.
    """

    def on_updated(_revision: int) -> None:
        preview.updated.disconnect(on_updated)
        tasks.release()

    preview.updated.connect(on_updated)
    after_first_paint(editor_viewport, lambda: QTimer.singleShot(RELEASE_AFTER_MS, tasks.release))
