"""Cold start of the real application, measured from outside and from inside one process.

``python -m benchmarks.startup POST.md`` runs ``postwright POST.md`` exactly as a user would
(``editor.__main__.main``) and prints one JSON line when the preview first shows the post:

- ``editable_ms``: process start → the editor painted with the post's text (the user can type);
- ``preview_ms``: process start → the preview page applied the post's blocks;
- ``settled_ms``: process start → the panels' first work done (spelling word list, checks,
  outline);
- ``tree_pss_mib``: memory of the app's processes (web engine and render child included) once
  the user has left the window alone for a moment after that: the full garbage collection of
  that pause (``ui/idle_gc.py``) has run, and half a second more.

Only observers are attached (a paint filter on the editor, the preview's ``updated`` signal);
the start-up itself is untouched. The process start time comes from ``/proc`` on Linux (so the
interpreter's own start-up counts), else from when this module began.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.memory import tree_pss_by_process

_MODULE_START = time.time()


def _process_start() -> float:
    """When this process started (wall clock), as precisely as the platform tells.

    ``/proc/self/stat`` gives the start in clock ticks since boot. It is turned into wall-clock
    time through the boot clock read now, not through ``btime`` in ``/proc/stat``: that one is
    whole seconds, which would add up to a second to every figure.
    """
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        since_boot = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        return time.time() - (time.clock_gettime(time.CLOCK_BOOTTIME) - since_boot)
    except (OSError, ValueError, IndexError, AttributeError):
        return _MODULE_START


def main() -> int:
    started = _process_start()
    marks: dict[str, float] = {}

    def patch(main_window: ModuleType) -> None:
        original_show = main_window.MainWindow.show

        def show(window: Any) -> None:
            original_show(window)
            _observe(window, started, marks)

        main_window.MainWindow.show = show

    # Patched when the application imports it, so the start-up order stays the application's.
    sys.meta_path.insert(0, _AfterImport("editor.ui.main_window", patch))
    from editor.__main__ import main as app_main

    return app_main(sys.argv[1:])


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls ``then(module)`` right after the module called ``name`` has been executed."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self._name, self._then = name, then

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self._name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader, then = spec.loader, self._then

        class Loader(importlib.abc.Loader):
            def create_module(self, spec: Any) -> Any:
                return loader.create_module(spec)

            def exec_module(self, module: ModuleType) -> None:
                loader.exec_module(module)
                then(module)

        spec.loader = Loader()
        return spec


def _observe(window: object, started: float, marks: dict[str, float]) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    editor = window.editor  # type: ignore[attr-defined]
    preview = window.preview  # type: ignore[attr-defined]

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and editor.blockCount() > 1:
                marks.setdefault("editable_ms", (time.time() - started) * 1000)
            return False

    watch = PaintWatch(editor)
    editor.viewport().installEventFilter(watch)

    def on_updated(_revision: int) -> None:
        if "preview_ms" in marks or editor.blockCount() <= 1:
            return
        marks["preview_ms"] = (time.time() - started) * 1000
        settle()

    def settled() -> bool:
        """The panels' first work is done: the spelling word list, the checks, the outline."""
        return (
            window.spelling.speller is not None  # type: ignore[attr-defined]
            and window.problems_controller.report is not None  # type: ignore[attr-defined]
            and window.outline_panel.tree.topLevelItemCount() > 0  # type: ignore[attr-defined]
        )

    def settle(waited_ms: int = 0) -> None:
        # Memory is measured once everything the post needs has loaded and the user has been
        # idle for a moment (the full garbage collection of that pause has run).
        if settled() or waited_ms > 15_000:
            marks["settled_ms"] = (time.time() - started) * 1000
            from editor.ui.idle_gc import IDLE_MS  # loaded by now; not before the app is

            QTimer.singleShot(IDLE_MS + 500, report)
        else:
            QTimer.singleShot(50, lambda: settle(waited_ms + 50))

    def report() -> None:
        figures = {key: round(value, 1) for key, value in marks.items()}
        parts = tree_pss_by_process() or []
        figures["tree_pss_mib"] = round(sum(mib for _, mib in parts), 1)
        figures["pss_by_process_mib"] = parts  # type: ignore[assignment]
        print(json.dumps(figures), flush=True)
        editor.document().setModified(False)
        window.close()  # type: ignore[attr-defined]

    preview.updated.connect(on_updated)


if __name__ == "__main__":
    sys.exit(main())
