"""``make bench``: rendering and live-preview figures, printed as one JSON document.

Measures, for generated posts of 1k, 10k and 100k words:
- render time of the core renderer (median and p95, warm);
- keystroke → preview updated latency in the real window (key press in the editor until the
  page reports the new revision applied), median and p95;
- the longest stall of the GUI thread while typing at 10 characters a second;
- peak memory of the app process and of its whole process tree (web engine included).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import generate_post

SIZES = (1_000, 10_000, 100_000)
RENDER_RUNS = {1_000: 40, 10_000: 15, 100_000: 5}
KEYSTROKES = {1_000: 40, 10_000: 25, 100_000: 10}
TYPING_SECONDS = 4.0


def _summary(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        "runs": len(ordered),
    }


def bench_render() -> dict[str, dict[str, float]]:
    from editor.core.render import render_document

    results = {}
    for words in SIZES:
        text = generate_post(words)
        render_document(text)
        samples = []
        for _ in range(RENDER_RUNS[words]):
            start = time.perf_counter()
            render_document(text)
            samples.append((time.perf_counter() - start) * 1000)
        results[f"{words}_words"] = _summary(samples)
    return results


def _tree_pss_mib() -> float | None:
    """Proportional set size of this process and all its descendants (Linux only)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(stat[1]), []).append(int(entry.name))
    total_kib, todo = 0, [os.getpid()]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            for line in (proc / str(pid) / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return round(total_kib / 1024, 1)


class _Heartbeat:
    """Measures the longest gap between GUI-thread timer ticks (a stall of the event loop)."""

    def __init__(self, interval_ms: int = 2) -> None:
        from PySide6.QtCore import QTimer

        self.interval_ms = interval_ms
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000 - self.interval_ms)
        self._last = now

    def start(self) -> None:
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return round(max(0.0, self.longest_ms), 2)


def _wait_until(app: object, condition: Callable[[], bool], timeout_s: float = 30.0) -> bool:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return True


def _caught_up(window: Any, shown: list[int], before: int) -> bool:
    return len(shown) > before and not window.preview_controller.pending()


def bench_window() -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6 import QtWebEngineWidgets  # noqa: F401
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from editor.services.render_process import RenderProcess
    from editor.services.settings import SettingsStore
    from editor.ui.main_window import MainWindow
    from editor.ui.preview import register_preview_scheme
    from editor.ui.tasks import TaskRunner

    register_preview_scheme()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    workdir = Path(tempfile.mkdtemp(prefix="postwright-bench-"))
    tasks = TaskRunner()
    renderer = RenderProcess()
    renderer.start()
    window = MainWindow(SettingsStore(workdir / "settings.json"), tasks, renderer)
    window.resize(1400, 900)
    window.show()
    shown: list[int] = []
    window.preview.updated.connect(shown.append)
    latency: dict[str, object] = {}
    stalls: dict[str, float] = {}
    peak_pss = 0.0
    heartbeat = _Heartbeat()
    for words in SIZES:
        path = workdir / f"post-{words}.md"
        path.write_text(generate_post(words), encoding="utf-8")
        window.document.open_path(path, ask=False)
        if not _wait_until(app, lambda: bool(shown) and not window.preview_controller.pending()):
            raise SystemExit(f"the preview never showed the {words}-word post")
        cursor = window.editor.textCursor()
        cursor.setPosition(window.editor.document().characterCount() // 2)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        window.editor.setTextCursor(cursor)
        samples = []
        for _ in range(KEYSTROKES[words]):
            before = len(shown)
            start = time.perf_counter()
            QTest.keyClick(window.editor, Qt.Key.Key_X)
            if not _wait_until(
                app, lambda b=before: len(shown) > b and not window.preview_controller.pending()
            ):
                raise SystemExit("the preview stopped updating")
            samples.append((time.perf_counter() - start) * 1000)
            _wait_until(app, lambda: False, 0.05)
        latency[f"{words}_words"] = _summary(samples)
        heartbeat.start()
        typed = 0
        started = time.perf_counter()
        while time.perf_counter() - started < TYPING_SECONDS:
            QTest.keyClick(window.editor, Qt.Key.Key_Y)
            typed += 1
            _wait_until(app, lambda: False, 0.1)
        stalls[f"{words}_words"] = heartbeat.stop()
        peak_pss = max(peak_pss, _tree_pss_mib() or 0.0)
        window.editor.document().setModified(False)
    window.close()
    tasks.wait_for_done()
    renderer.shutdown()
    return {
        "keystroke_to_preview": latency,
        "longest_gui_stall_while_typing_ms": stalls,
        "peak_tree_pss_mib": peak_pss,
    }


def main() -> int:
    report: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "render": bench_render(),
    }
    report.update(bench_window())
    report["peak_app_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
