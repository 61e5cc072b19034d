"""A picture of the window, taken by the app itself, then quit: for the README and smoke tests.

Started only when ``POSTWRIGHT_SCREENSHOT`` names a PNG file; inert otherwise.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

VARIABLE = "POSTWRIGHT_SCREENSHOT"
#: Time for the preview's first page to load and paint, in milliseconds.
SETTLE_MS = 6000


def take_screenshot_later(window: QWidget, target: Path, delay_ms: int = SETTLE_MS) -> QTimer:
    """Save ``window`` as ``target`` (PNG) after ``delay_ms``, then quit the application."""

    def take() -> None:
        saved = window.grab().save(str(target), "PNG")
        QApplication.exit(0 if saved else 1)

    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.timeout.connect(take)
    timer.start(delay_ms)
    return timer
