"""UI test set-up: QtWebEngine must be imported before the QApplication exists.

No web page in the UI tests may reach the network. Chromium is pointed at a proxy that is a
local recorder (``network_sink``): any request for a non-loopback host ends there, and tests
can assert that none was made. Loopback addresses bypass proxies, so test servers on
127.0.0.1 are reached directly.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication creation)
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from editor.core.render.document import block_key
from editor.core.render.model import RenderedBlock
from editor.ui.editor import MarkdownEditor
from editor.ui.preview import PreviewView, register_preview_scheme
from editor.ui.preview.view import APP_WORLD

register_preview_scheme()  # like the composition root: before the QApplication exists

SIGNAL_TIMEOUT_MS = 10_000


class LoopbackRecorder:
    """A TCP listener on 127.0.0.1 that records every connection made to it.

    It answers HTTP requests with 404 and simply records TLS hellos and anything else, so
    both ``http://`` and ``https://`` URLs pointing at it reveal whether a request left the
    browser.
    """

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self.hits: list[bytes] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, scheme: str, path: str = "") -> str:
        """An ``http``/``https`` URL on this listener."""
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def hit_count(self) -> int:
        """How many connections arrived so far."""
        with self._lock:
            return len(self.hits)

    def close(self) -> None:
        """Stop listening."""
        self._stopping.set()
        self._thread.join(timeout=5)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _address = self._socket.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    first = connection.recv(4096)
                except OSError:
                    first = b""
                with self._lock:
                    self.hits.append(first)
                if first[:4] in (b"GET ", b"HEAD", b"POST"):
                    connection.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")


_NETWORK_SINK = LoopbackRecorder()
os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(
    (
        os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""),
        f"--proxy-server={_NETWORK_SINK.url('http')}",
    )
).strip()


@pytest.fixture(scope="session")
def network_sink() -> Iterator[LoopbackRecorder]:
    """The proxy every non-loopback web request of the session ends at (nothing leaves)."""
    yield _NETWORK_SINK
    _NETWORK_SINK.close()


@pytest.fixture
def loopback() -> Iterator[LoopbackRecorder]:
    """A loopback listener that tells whether the preview made any network request."""
    recorder = LoopbackRecorder()
    yield recorder
    recorder.close()


class PreviewDriver:
    """Drives a preview panel from a test: send blocks, evaluate app-world JavaScript."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot

    def js(self, view: PreviewView, script: str) -> Any:
        """Evaluate ``script`` in the preview's application world; JSON results are decoded.

        Scripts should return ``JSON.stringify(...)`` for anything but strings and numbers
        (PySide6 drops arrays and objects coming back from ``runJavaScript``).
        """
        box: dict[str, Any] = {}
        view.page().runJavaScript(script, APP_WORLD, lambda result: box.setdefault("r", result))
        self._qtbot.waitUntil(lambda: "r" in box, timeout=SIGNAL_TIMEOUT_MS)
        result = box["r"]
        if isinstance(result, str) and result.startswith(("[", "{")):
            return json.loads(result)
        return result

    def show(self, view: PreviewView, revision: int, blocks: Sequence[RenderedBlock]) -> None:
        """Send ``blocks`` and wait until the page reports this revision as shown."""
        with self._qtbot.waitSignal(
            view.updated,
            timeout=SIGNAL_TIMEOUT_MS,
            check_params_cb=lambda shown: shown == revision,
        ):
            view.set_blocks(revision, blocks)
        self.settle(view)

    def settle(self, view: PreviewView) -> None:
        """Wait until the page has drawn two frames since now.

        Input sent before the compositor has the new content (scroll layers, hit-test
        areas) is dispatched to the DOM but does not scroll.
        """
        self.js(
            view,
            "window.pwTestFrames = 0; requestAnimationFrame(() =>"
            " requestAnimationFrame(() => { window.pwTestFrames = 2; })); 1",
        )
        self.wait_for_js(view, "window.pwTestFrames === 2")

    def wait_for_js(self, view: PreviewView, script: str, timeout: int = SIGNAL_TIMEOUT_MS) -> None:
        """Wait until ``script`` (app world) evaluates to true."""
        self._qtbot.waitUntil(lambda: self.js(view, script) is True, timeout=timeout)


def blocks_from(spec: Sequence[tuple[str, int, int]]) -> list[RenderedBlock]:
    """Blocks from ``(html, start, end)`` triples (the preview keys blocks by content)."""
    return [
        RenderedBlock(block_key(html), html, start, end)
        for index, (html, start, end) in enumerate(spec)
    ]


@pytest.fixture
def driver(qtbot: QtBot) -> PreviewDriver:
    """Helpers to drive a preview panel."""
    return PreviewDriver(qtbot)


@pytest.fixture
def make_preview(qtbot: QtBot) -> Iterator[Callable[..., PreviewView]]:
    """A factory for shown, sized preview panels, deleted again after the test.

    Deleted here rather than by ``qtbot.addWidget`` (which only schedules it): the page must
    go before its profile, and a deferred delete left for interpreter exit breaks that order.
    """
    views: list[PreviewView] = []

    def make(
        width: int = 800,
        height: int = 600,
        root: Path | None = None,
        *,
        show: bool = True,
        stylesheet: Callable[[bool, str], str] | None = None,
    ) -> PreviewView:
        view = PreviewView() if stylesheet is None else PreviewView(stylesheet=stylesheet)
        views.append(view)
        view.resize(width, height)
        if root is not None:
            view.set_document_root(root)
        if show:
            view.show()
            qtbot.waitExposed(view)
        return view

    yield make
    for view in views:
        view.close()
        view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(autouse=True)
def _no_forgotten_dialogs(qapp: Any) -> Iterator[None]:
    """Fail, instead of hanging, when a test leaves a modal dialog nobody answers.

    A modal dialog blocks in ``exec()`` until someone clicks; a test that did not expect one
    would wait forever (and CI with it). A timer closes any dialog left open for 20 seconds
    and the test fails with the dialog's title.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    forgotten: list[str] = []
    seen: dict[int, int] = {}

    def check() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            seen.clear()
            return
        ticks = seen.get(id(widget), 0) + 1
        seen[id(widget)] = ticks
        if ticks >= 40:
            forgotten.append(widget.windowTitle() or type(widget).__name__)
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(check)
    timer.start()
    yield
    timer.stop()
    assert not forgotten, f"a modal dialog was left open and nobody answered it: {forgotten}"


@pytest.fixture
def shown_editor(qtbot: QtBot) -> MarkdownEditor:
    """A Markdown editor shown on screen at a fixed size (layout and scrolling are real)."""
    widget = MarkdownEditor()
    qtbot.addWidget(widget)
    widget.resize(640, 480)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@contextmanager
def open_window(*args: Any, size: tuple[int, int] = (1200, 800), **kwargs: Any) -> Iterator[Any]:
    """A MainWindow(*args, **kwargs) shown on screen; closed without questions afterwards.

    The second positional argument is the window's TaskRunner (waited for at the end).
    """
    from editor.ui.main_window import MainWindow

    win = MainWindow(*args, **kwargs)
    win.resize(*size)
    win.show()
    try:
        yield win
    finally:
        win.editor.document().setModified(False)  # a test may leave unsaved edits
        win.close()
        args[1].wait_for_done()
        shiboken6.delete(win)  # now, not at interpreter exit: the page must go before its profile


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, render_process: Any) -> Iterator[Any]:
    """The main window with the built-in sites and an empty library under ``tmp_path``."""
    from editor.core.profiles import builtin_profiles_dir, load_profiles
    from editor.services.library import Library
    from editor.services.settings import SettingsStore
    from editor.ui.tasks import TaskRunner

    settings = SettingsStore(tmp_path / "settings.json")
    profiles = load_profiles(builtin_profiles_dir())
    library = Library(tmp_path / "library")
    with open_window(
        settings, TaskRunner(), render_process, profiles=profiles, library=library
    ) as win:
        qtbot.waitExposed(win)
        yield win


@pytest.fixture
def open_main_window() -> Callable[..., Any]:
    """:func:`open_window`, for tests that build the window themselves."""
    return open_window
