"""Runs the real application on an X11 display and reports what its window did at start-up.

Used by ``test_window_on_x11.py`` (which starts it under Xvfb): ``python x11_window_probe.py
REPORT.json POST.md``. It starts ``postwright POST.md`` as a user would, only observing: the
native window and its surface type when the window is shown, the same once the preview has
shown the post, which docks are visible then, the preview's text and the web engine's
processes. It writes that as JSON and closes the window.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def main() -> int:
    report_path, post = Path(sys.argv[1]), sys.argv[2]
    import editor.ui.main_window as main_window_module
    from editor.__main__ import main as app_main

    original_show = main_window_module.MainWindow.show

    def show(window: Any) -> None:
        original_show(window)
        _observe(window, report_path)

    main_window_module.MainWindow.show = show  # type: ignore[method-assign]
    return app_main([post])


def _observe(window: Any, report_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDockWidget

    handle = window.windowHandle()
    report: dict[str, Any] = {
        "at_show": {"window_id": int(window.winId()), "surface": handle.surfaceType().name}
    }

    def on_updated(_revision: int) -> None:
        if "after_preview" in report or window.editor.blockCount() <= 1:
            return
        QTimer.singleShot(500, finish)  # give the window a moment, as a user would look

    def finish() -> None:
        report["after_preview"] = {
            "window_id": int(window.winId()),
            "surface": window.windowHandle().surfaceType().name,
        }
        report["docks_visible"] = {
            dock.objectName(): dock.isVisible() for dock in window.findChildren(QDockWidget)
        }
        report["engine_processes"] = _engine_processes()
        window.preview.page().toPlainText(write_and_close)

    def write_and_close(preview_text: str) -> None:
        report["preview_text"] = preview_text
        report_path.write_text(json.dumps(report), encoding="utf-8")
        window.editor.document().setModified(False)
        window.close()

    window.preview.updated.connect(on_updated)


def _engine_processes() -> list[str]:
    """Chromium's processes under this one: each one's ``--type``, with ``(unsandboxed)``
    for a zygote started without the sandbox."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            words = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        words = words.replace("\0", " ").split()
        kind = next((w.split("=", 1)[1] for w in words if w.startswith("--type=")), None)
        if kind is not None:
            found.append(f"{kind} (unsandboxed)" if "--no-zygote-sandbox" in words else kind)
    return sorted(found)


if __name__ == "__main__":
    sys.exit(main())
