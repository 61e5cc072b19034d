"""``make bench``: rendering, live-preview and start-up figures, printed as one JSON document.

Measures, for generated posts of 2k, 20k and 100k words:
- render time of the core renderer for one keystroke in a paragraph: a full render
  (``render_document``) and an incremental one (``IncrementalRenderer``), and their ratio;
- keystroke → preview updated latency (key press in the editor until the page reports the new
  revision applied), median and p95: for the editor, preview and controller alone
  (``preview_pipeline_only``, the preview's own share; again with full renders, as before
  decision 0011, in ``preview_pipeline_only_full_render``) and in the whole window;
- the longest stall of the GUI thread while typing at 10 characters a second;
- peak memory of the app process and of its whole process tree (web engine included);
and, for a 10k-word post, the cold start of the real application in a fresh process (to an
editable window, to the preview painted, to the panels' first work done) and its memory once
settled (``benchmarks/startup.py``).
"""

from __future__ import annotations

import compileall
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.generate import generate_post
from benchmarks.memory import tree_pss_mib

SIZES = (2_000, 20_000, 100_000)
FULL_RENDER_RUNS = {2_000: 30, 20_000: 10, 100_000: 5}
EDIT_RENDER_RUNS = 40
KEYSTROKES = {2_000: 40, 20_000: 30, 100_000: 20}
TYPING_SECONDS = 4.0
STARTUP_WORDS = 10_000
STARTUP_RUNS = 5
#: The user's own Chromium flags, before the in-process benchmarks set theirs.
_USER_CHROMIUM_FLAGS = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS")


def _summary(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        "runs": len(ordered),
    }


def _paragraph_end(text: str) -> int:
    """Where a keystroke goes: the end of a paragraph line near the middle of ``text``."""
    position = len(text) // 2
    while True:
        end = text.index("\n", position)
        line = text[text.rfind("\n", 0, end) + 1 : end]
        if line[:1].isalpha():
            return end
        position = end + 1


def bench_render() -> dict[str, dict[str, object]]:
    """One keystroke in a paragraph: full render vs incremental render, in this process."""
    from editor.core.render import RenderOptions, render_document
    from editor.core.render.incremental import IncrementalRenderer

    options = RenderOptions()
    results: dict[str, dict[str, object]] = {}
    for words in SIZES:
        text = generate_post(words)
        position = _paragraph_end(text)
        render_document(text, options)
        full = []
        for run in range(FULL_RENDER_RUNS[words]):
            edited = text[:position] + "x" * (run + 1) + text[position:]
            start = time.perf_counter()
            render_document(edited, options)
            full.append((time.perf_counter() - start) * 1000)
        renderer = IncrementalRenderer()
        renderer.render(text, options)
        incremental = []
        for run in range(EDIT_RENDER_RUNS):
            edited = text[:position] + "x" * (run + 1) + text[position:]
            start = time.perf_counter()
            renderer.render(edited, options)
            incremental.append((time.perf_counter() - start) * 1000)
        full_summary, incremental_summary = _summary(full), _summary(incremental)
        results[f"{words}_words"] = {
            "full": full_summary,
            "incremental": incremental_summary,
            "full_over_incremental": round(
                full_summary["median_ms"] / max(incremental_summary["median_ms"], 0.001), 1
            ),
            "incremental_renders": renderer.incremental_renders,
            "full_renders": renderer.full_renders,
        }
    return results


def bench_startup(rendering: str = "") -> dict[str, object]:
    """Cold start of ``postwright POST.md`` (10k words) in fresh processes; medians.

    The package is compiled to bytecode first, as an installed application has it (pip and
    the bundle do that at install time); otherwise every start would compile the sources.
    The window opens on an X11 display as on a desktop: one virtual X server (Xvfb), started
    before the runs and already idle when each begins, as a desktop's is; offscreen where
    there is no Xvfb. The web engine gets the Chromium flags the user's
    environment had (none, usually), not the ``--disable-gpu`` the in-process benchmarks use;
    ``rendering`` sets ``POSTWRIGHT_RENDERING`` (how the app draws; it decides by itself
    when empty).
    """
    root = Path(__file__).resolve().parent.parent
    compileall.compile_dir(root / "editor", quiet=1)
    workdir = Path(tempfile.mkdtemp(prefix="postwright-start-"))
    post = workdir / "post.md"
    post.write_text(generate_post(STARTUP_WORDS), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        HOME=str(workdir),
        XDG_CONFIG_HOME=str(workdir / "config"),
        XDG_DATA_HOME=str(workdir / "data"),
        XDG_CACHE_HOME=str(workdir / "cache"),
        XDG_STATE_HOME=str(workdir / "state"),
        POSTWRIGHT_RENDERING=rendering,
    )
    env.pop("QTWEBENGINE_CHROMIUM_FLAGS", None)
    if _USER_CHROMIUM_FLAGS:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = _USER_CHROMIUM_FLAGS
    runs: list[dict[str, float]] = []
    with _virtual_display(env) as display:
        for _ in range(STARTUP_RUNS):
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.startup", str(post)],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                cwd=root,
            )
            lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
            if not lines:
                raise SystemExit(f"the start-up run printed no figures:\n{done.stderr[-2000:]}")
            runs.append(json.loads(lines[-1]))
    return {
        "words": STARTUP_WORDS,
        "display": display,
        "rendering": rendering or "as the app decides",
        **{
            key: round(statistics.median(run[key] for run in runs), 1)
            for key in ("editable_ms", "preview_ms", "settled_ms", "tree_pss_mib")
        },
        "runs": runs,
    }


@contextlib.contextmanager
def _virtual_display(env: dict[str, str]) -> Iterator[str]:
    """A virtual X server for the runs, ``env`` set to use it; yields what it is. Offscreen
    when there is no Xvfb (or the environment asks for another Qt platform)."""
    server = shutil.which("Xvfb")
    if server is None or env.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
        yield env["QT_QPA_PLATFORM"]
        return
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(  # -displayfd: Xvfb picks a free display and writes its number
        [server, "-displayfd", str(write_end), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as answer:
            number = answer.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=f":{number}")
        env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"  # no session bus: not the app's start
        env.pop("WAYLAND_DISPLAY", None)
        time.sleep(1.0)  # let the new server settle, as a desktop's has long since
        yield "x11 (Xvfb)"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


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
    """Run the event loop until ``condition()`` holds (checked every millisecond), or time out.

    The thread sleeps in the event loop between checks, as the app's GUI thread does while
    the user types: spinning on ``processEvents`` kept one of the machine's cores busy and
    took it from the render child and the web engine.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout_s
    if condition():
        return True
    loop = QEventLoop()

    def check() -> None:
        if condition() or time.perf_counter() > deadline:
            loop.quit()

    poll = QTimer(interval=1)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    return condition()


def _caught_up(window: Any, shown: list[int], before: int) -> bool:
    return len(shown) > before and not window.preview_controller.pending()


def _qt_app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from editor.ui.engine_flags import apply_engine_flags

    apply_engine_flags(os.environ)  # the web engine as the app runs it
    from PySide6 import QtWebEngineWidgets  # noqa: F401
    from PySide6.QtWidgets import QApplication

    from editor.ui.preview import register_preview_scheme

    if QApplication.instance() is None:
        register_preview_scheme()
    return QApplication.instance() or QApplication(sys.argv[:1])


def _measure_typing(
    app: Any, editor: Any, preview: Any, controller: Any, load: Callable[[int], None]
) -> dict[str, object]:
    """Keystroke → preview latency and GUI stalls while typing, for every size."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    shown: list[int] = []
    preview.updated.connect(shown.append)
    latency: dict[str, object] = {}
    stalls: dict[str, float] = {}
    peak_pss = 0.0
    heartbeat = _Heartbeat()
    for words in SIZES:
        shown.clear()
        load(words)
        if not _wait_until(app, lambda: bool(shown) and not controller.pending()):
            raise SystemExit(f"the preview never showed the {words}-word post")
        cursor = editor.textCursor()
        cursor.setPosition(_paragraph_end(editor.toPlainText()))  # ASCII: same offsets
        editor.setTextCursor(cursor)
        samples = []
        for _ in range(KEYSTROKES[words]):
            before = len(shown)
            start = time.perf_counter()
            QTest.keyClick(editor, Qt.Key.Key_X)
            if not _wait_until(app, lambda b=before: len(shown) > b and not controller.pending()):
                raise SystemExit("the preview stopped updating")
            samples.append((time.perf_counter() - start) * 1000)
            _wait_until(app, lambda: False, 0.05)
        latency[f"{words}_words"] = _summary(samples)
        heartbeat.start()
        started = time.perf_counter()
        while time.perf_counter() - started < TYPING_SECONDS:
            QTest.keyClick(editor, Qt.Key.Key_Y)
            _wait_until(app, lambda: False, 0.1)
        stalls[f"{words}_words"] = heartbeat.stop()
        peak_pss = max(peak_pss, tree_pss_mib() or 0.0)
        editor.document().setModified(False)
    return {
        "keystroke_to_preview": latency,
        "longest_gui_stall_while_typing_ms": stalls,
        "peak_tree_pss_mib": peak_pss,
    }


def bench_window() -> dict[str, object]:
    """The whole window, every panel included (what a user feels)."""
    app = _qt_app()
    from editor.services.render_process import RenderProcess
    from editor.services.settings import SettingsStore
    from editor.ui.idle_gc import install_idle_collection
    from editor.ui.main_window import MainWindow
    from editor.ui.tasks import TaskRunner

    collector = install_idle_collection(app)  # as the application does (editor/app.py)

    workdir = Path(tempfile.mkdtemp(prefix="postwright-bench-"))
    tasks = TaskRunner()
    renderer = RenderProcess()
    renderer.start()
    window = MainWindow(SettingsStore(workdir / "settings.json"), tasks, renderer)
    collector.watch(window.editor)
    collector.watch_work(tasks.job_finished)
    window.resize(1400, 900)
    window.show()

    def load(words: int) -> None:
        path = workdir / f"post-{words}.md"
        path.write_text(generate_post(words), encoding="utf-8")
        window.document.open_path(path, ask=False)

    figures = _measure_typing(app, window.editor, window.preview, window.preview_controller, load)
    window.close()
    tasks.wait_for_done()
    renderer.shutdown()
    collector.remove()
    return figures


def _full_render_process() -> Any:
    """A render process without the incremental path: every render is ``render_document``
    and every answer carries all blocks (the pipeline as it was before decision 0011)."""
    from editor.services.render_process import RenderOutcome, RenderProcess, render_with_stats

    full_render = f"{render_with_stats.__module__}:{render_with_stats.__name__}"

    class FullRenderProcess(RenderProcess):
        def render(self, revision: int, text: str, options: Any) -> RenderOutcome:
            outcome: RenderOutcome = self.analyse(full_render, revision, text, options)
            return outcome

    return FullRenderProcess()


def bench_preview_pipeline(*, incremental: bool = True) -> dict[str, object]:
    """The editor, the preview and their controller alone: the preview's own share."""
    app = _qt_app()
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from editor.services.render_process import RenderProcess
    from editor.ui.editor import MarkdownEditor
    from editor.ui.idle_gc import install_idle_collection
    from editor.ui.preview import PreviewView
    from editor.ui.preview_controller import PreviewController
    from editor.ui.tasks import TaskRunner

    # Full collections wait for a pause, as in the application: without this, this process's
    # heap (the render benchmark ran in it) made collections of 20 ms land in the typing.
    collector = install_idle_collection(app)
    tasks = TaskRunner()
    renderer = RenderProcess() if incremental else _full_render_process()
    renderer.start()
    host = QWidget()
    editor, preview = MarkdownEditor(host), PreviewView(host)
    layout = QHBoxLayout(host)
    layout.addWidget(editor)
    layout.addWidget(preview)
    controller = PreviewController(editor, preview, tasks, renderer, host)
    collector.watch(editor)
    collector.watch_work(tasks.job_finished)
    host.resize(1400, 900)
    host.show()
    figures = _measure_typing(
        app, editor, preview, controller, lambda words: editor.setPlainText(generate_post(words))
    )
    host.close()
    tasks.wait_for_done()
    renderer.shutdown()
    collector.remove()
    preview.deleteLater()
    # this process also ran the in-process render benchmark: its memory says nothing here
    figures.pop("peak_tree_pss_mib", None)
    return figures


def main() -> int:
    report: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
    }
    # The cold starts come first, while this process has not loaded Qt: proportional memory
    # (PSS) splits shared libraries between the processes that map them, so a benchmark
    # process holding QtWebEngine too would halve the app's share and flatter its figure.
    report["cold_start"] = bench_startup()
    # Drawing through OpenGL, as on a machine with a graphics card; without one (as here,
    # usually), that OpenGL is Mesa's software emulation, which the app avoids by itself.
    report["cold_start_opengl"] = bench_startup("gpu")
    report["render_one_keystroke"] = bench_render()
    report["preview_pipeline_only"] = bench_preview_pipeline()
    report["preview_pipeline_only_full_render"] = bench_preview_pipeline(incremental=False)
    report.update(bench_window())
    report["peak_app_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
