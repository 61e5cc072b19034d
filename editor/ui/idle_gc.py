"""Full garbage collections while the user is not typing, rather than in the middle of it.

Python's cyclic garbage collector runs a full collection when enough objects have survived
the young ones. With a long post open that pass takes 30 to 80 ms, and it ran in whichever thread
was allocating, the GUI thread included: a keystroke that happened to trigger it froze the
window for that long. Here the automatic full collections are switched off, and one runs once
the user has left the editor alone for a moment (or, while they never do, every minute). The
young generations are collected as usual: they are quick, and they free most garbage that is
not referenced from a cycle of long-lived objects.

Activity is what the editor reports (typing, moving the cursor, scrolling), not an event filter
on the whole application: PySide calls such a filter for objects Qt is destroying, which
crashes the process.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtWidgets import QPlainTextEdit

#: The user has been idle this long: a full collection now goes unnoticed.
IDLE_MS = 1000
#: A full collection runs at least this often, idle or not.
AT_LEAST_EVERY_S = 60.0
#: Automatic full collections would need this many young collections in a row: never, in
#: practice (Python's default is 10).
_NEVER = 1_000_000


class IdleCollector(QObject):
    """Runs the full collections when the user is idle (see the module's description)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._previous = gc.get_threshold()
        young, middle, _old = self._previous
        gc.set_threshold(young, middle, _NEVER)
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def watch(self, editor: QPlainTextEdit) -> None:
        """Count typing, cursor moves and scrolling in ``editor`` as the user being busy."""
        editor.textChanged.connect(self.user_active)
        editor.cursorPositionChanged.connect(self.user_active)
        editor.verticalScrollBar().valueChanged.connect(self.user_active)

    @Slot()
    def user_active(self) -> None:
        """The user is busy: wait for the next pause (unless the last collection is old)."""
        if time.monotonic() - self._last > AT_LEAST_EVERY_S:
            self.collect()
        self._timer.start()  # restarts

    def collect(self) -> None:
        """A full collection now."""
        gc.collect()
        self._last = time.monotonic()

    def remove(self) -> None:
        """Back to Python's own schedule."""
        self._timer.stop()
        gc.set_threshold(*self._previous)


def install_idle_collection(app: QCoreApplication) -> IdleCollector:
    """Make full garbage collections wait for the user to be idle, for ``app``'s lifetime."""
    return IdleCollector(app)
