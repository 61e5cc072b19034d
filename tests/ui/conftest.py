"""UI test set-up: QtWebEngine must be imported before the QApplication exists."""

from __future__ import annotations

from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication creation)
