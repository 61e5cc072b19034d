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
crashes the process. Background work that ends (reading a word list, checking the post) also
calls for a collection at the next pause: it may have left garbage behind.

After each collection, memory the C library holds free is handed back to the system
(``malloc_trim`` on Linux with glibc). Jobs that build many objects in a worker thread leave
that thread's malloc arena holding freed blocks it will not return by itself: about 10 MiB
once the first post is open and its word list read.
"""

from __future__ import annotations

import functools
import gc
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, SignalInstance, Slot
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

    def __init__(self, app: QCoreApplication, release: Callable[[], bool] | None = None) -> None:
        """``release`` hands free memory back to the system (default: :func:`release_memory`)."""
        super().__init__(app)
        self._release = release_memory if release is None else release
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

    def watch_work(self, finished: SignalInstance) -> None:
        """Collect at the next pause after background work reported by ``finished`` ends."""
        finished.connect(self._work_finished)

    @Slot()
    def _work_finished(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def user_active(self) -> None:
        """The user is busy: wait for the next pause (unless the last collection is old)."""
        if time.monotonic() - self._last > AT_LEAST_EVERY_S:
            self.collect()
        self._timer.start()  # restarts

    def collect(self) -> None:
        """A full collection now, then free memory back to the system."""
        gc.collect()
        self._release()
        self._last = time.monotonic()

    def remove(self) -> None:
        """Back to Python's own schedule."""
        self._timer.stop()
        gc.set_threshold(*self._previous)


def release_memory() -> bool:
    """Hand the memory the C library holds free back to the system; False where the C
    library offers no way to (only glibc does)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, looked up on the first collection (not at start-up)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # noqa: PLC0415

    try:
        trim: Callable[[int], int] | None = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:  # no C library to look in
        return None
    return trim


def install_idle_collection(app: QCoreApplication) -> IdleCollector:
    """Make full garbage collections wait for the user to be idle, for ``app``'s lifetime."""
    return IdleCollector(app)
