"""Autosave: unsaved edits go to the recovery journal moments after they are typed.

:class:`AutosaveController` watches the window's document. When the text changes it waits for
a short pause in typing (``idle_ms``), but never longer than ``max_ms`` after the first change
not yet journaled, then hands a snapshot of the text to the :class:`JournalWriter`, which
writes it off the GUI thread. The post file itself is written only on Save, unless the user
turned on "Autosave to the file" (and even then only when
:meth:`DocumentController.save_quietly` finds it safe).

An entry is removed only when the user has decided: the post was saved, its edits were
discarded, or undo brought it back to what is on disk.

The end of the desktop session (``commitDataRequest``) journals at once and waits for the
disk; :class:`TerminationGuard` does the same for SIGTERM and SIGHUP, then quits.

:class:`ScriptedInput` is a test hook: when ``POSTWRIGHT_TEST_INPUT`` names a port on
127.0.0.1, the app connects there and types what it is sent into the editor. The composition
root creates it only when that variable is set, so it does nothing in normal use.
"""

from __future__ import annotations

import json
import signal
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    QSocketNotifier,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QSessionManager
from PySide6.QtNetwork import QHostAddress, QTcpSocket
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton

from editor.core.i18n import Message
from editor.services.recovery import (
    JournalWriter,
    RecoveryEntry,
    RecoveryStore,
    key_for_path,
    new_untitled_key,
)
from editor.services.settings import SettingsStore
from editor.ui.document import DocumentController, editor_text
from editor.ui.messages import translated

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

#: The environment variable naming the 127.0.0.1 port :class:`ScriptedInput` connects to.
TEST_INPUT_VARIABLE = "POSTWRIGHT_TEST_INPUT"

#: Documents larger than this (in characters) are journaled at most every ``large_max_ms``.
LARGE_DOCUMENT = 2_000_000


class AutosaveController(QObject):
    """Keeps the recovery journal up to date with the window's document."""

    journaled = Signal(str)  # the key of the entry just queued for writing
    problem = Signal(str)  # a translated sentence: the recovery copy could not be written
    _writer_problem = Signal(object)  # Message, emitted on the writer's thread

    def __init__(
        self,
        editor: QPlainTextEdit,
        document: DocumentController,
        writer: JournalWriter,
        *,
        idle_ms: int = 700,
        max_ms: int = 1500,
        large_max_ms: int = 10_000,
        autosave_to_file: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._document = document
        self._writer = writer
        self._max_ms, self._large_max_ms = max_ms, large_max_ms
        self._autosave_to_file = autosave_to_file
        self._untitled_key = new_untitled_key()
        self._written_key: str | None = None  # the entry this window wrote for its post
        self._written_text = ""  # and the text it wrote
        self._discarded = False  # the user said "Don't Save" and nothing was typed since
        self._idle = self._single_shot(idle_ms)
        self._deadline = self._single_shot(max_ms)
        self._writer_problem.connect(self._on_writer_problem, Qt.ConnectionType.QueuedConnection)
        writer.on_problem = self.report_problem
        text = editor.document()
        text.contentsChanged.connect(self._on_text_changed)
        text.modificationChanged.connect(self._on_modification_changed)
        document.document_opened.connect(self._on_document_opened)
        document.document_saved.connect(self._on_document_saved)
        document.discarded.connect(self._on_document_discarded)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # log out, shut down: journal before the end
            app.commitDataRequest.connect(self._on_application_commit_data_request)

    def report_problem(self, problem: Message) -> None:
        """For the writer's ``on_problem``: may be called from any thread."""
        self._writer_problem.emit(problem)

    @property
    def key(self) -> str:
        """The journal key of the post in the editor."""
        path = self._document.path
        return key_for_path(path) if path is not None else self._untitled_key

    def pending(self) -> bool:
        """True while a change is waiting for its journal write to be queued."""
        return self._idle.isActive() or self._deadline.isActive()

    @Slot()
    def flush(self) -> None:
        """Journal the text now if it has unsaved edits (and autosave to the file if asked)."""
        self._idle.stop()
        self._deadline.stop()
        if self._discarded or not self._document.is_modified():
            return
        if self._autosave_to_file() and self._save_to_file():
            return
        key, text = self.key, editor_text(self._editor)
        if key == self._written_key and text == self._written_text:
            return  # already journaled (undo and redo come back to it)
        if self._written_key is not None and self._written_key != key:
            self._writer.remove(self._written_key)  # the post moved: its copy moves with it
        self._writer.write(
            RecoveryEntry(
                key=key,
                path=self._document.path,
                text=text,
                disk_digest=self._document.disk_digest,
                text_format=self._document.text_format,
                session=self._writer.store.session,
            )
        )
        self._written_key, self._written_text = key, text
        self.journaled.emit(key)

    def flush_and_wait(self, timeout: float = 5.0) -> bool:
        """Journal now and wait until it is on disk (session end: the app may be killed next)."""
        self.flush()
        return self._writer.drain(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """The app is ending: finish the journal writes and stop the writer."""
        self._idle.stop()
        self._deadline.stop()
        self._writer.close(timeout)

    # -- internals ----------------------------------------------------------------------------

    def _single_shot(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self.flush)
        return timer

    def _save_to_file(self) -> bool:
        problem = self._document.save_quietly()
        if problem is not None:
            self.problem.emit(
                self.tr("Autosave could not write the file: {reason}").format(
                    reason=translated(problem)
                )
            )
            return False
        return not self._document.is_modified()

    def _forget(self) -> None:
        """The user decided about the edits: the journal entry has done its job."""
        self._idle.stop()
        self._deadline.stop()
        if self._written_key is not None:
            self._writer.remove(self._written_key)
            self._written_key, self._written_text = None, ""

    @Slot()
    def _on_text_changed(self) -> None:
        self._discarded = False
        if not self._document.is_modified():
            return
        self._idle.start()
        if not self._deadline.isActive():
            large = self._editor.document().characterCount() > LARGE_DOCUMENT
            self._deadline.start(self._large_max_ms if large else self._max_ms)

    @Slot(bool)
    def _on_modification_changed(self, modified: bool) -> None:
        if modified:
            self._on_text_changed()  # also a file deleted underneath: journal the text
        elif self._written_key is not None and self._written_key == self.key:
            self._forget()  # undone back to the text on disk, or reloaded

    @Slot(object)
    def _on_document_opened(self, path: object) -> None:
        if path is None:
            self._untitled_key = new_untitled_key()
        if self._document.is_modified():
            self.flush()  # moved or restored with its edits: journal them under the new key
        else:
            # Another post replaced this one after the user decided (saved or discarded).
            # A copy still here was not decided about and stays for the next start.
            self._written_key, self._written_text = None, ""

    @Slot()
    def _on_document_saved(self) -> None:
        self._forget()

    @Slot()
    def _on_document_discarded(self) -> None:
        self._forget()
        self._discarded = True  # the window may close or stay: either way, not journaled again

    @Slot(QSessionManager)
    def _on_application_commit_data_request(self, _manager: QSessionManager) -> None:
        """The desktop session is ending (log out, shut down): the journal must be on disk."""
        self.flush_and_wait()

    @Slot(object)
    def _on_writer_problem(self, problem: Message) -> None:
        self.problem.emit(
            self.tr("A recovery copy of your text could not be written: {reason}").format(
                reason=translated(problem)
            )
        )


class TerminationGuard(QObject):
    """SIGTERM or SIGHUP (a desktop ending without asking, ``kill``): journal, then quit.

    Python runs a signal handler only when the interpreter gets control, which an idle Qt
    event loop may not give it; so the handler's wake-up byte goes through a socket pair that
    a ``QSocketNotifier`` watches. The window does not ask about unsaved changes then — there
    is nobody to answer — but every word is in the journal and offered at the next start.
    """

    def __init__(self, autosave: AutosaveController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._autosave = autosave
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {
            number: signal.signal(number, _note_signal) for number in _TERMINATING_SIGNALS
        }
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)

    def release(self) -> None:
        """Give the signals back to their previous handlers."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()

    @Slot()
    def _on_notifier_activated(self) -> None:
        try:
            received = self._reader.recv(64)
        except OSError:
            return
        if any(number in _TERMINATING_SIGNALS for number in received):
            self._autosave.flush_and_wait()
            QCoreApplication.exit(128 + received[0])


#: Signals that end the app without a question (POSIX; Windows has none of these to catch).
_TERMINATING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _note_signal(_number: int, _frame: object) -> None:
    """The real work happens on the event loop (see :class:`TerminationGuard`)."""


class ScriptedInput(QObject):
    """Test hook: types text sent over a local socket into the editor, and answers questions.

    One JSON object per line. ``{"op": "type", "text": …}`` inserts the text at the cursor
    and answers ``{"typed": n}`` (characters typed so far); ``{"op": "state"}`` answers the
    editor's text, the post's path, whether it is modified, and the title and button names
    of a dialog that is open; ``{"op": "click", "button": name}`` clicks that button;
    ``{"op": "save"}`` saves as File > Save does.
    """

    def __init__(
        self, editor: QPlainTextEdit, document: DocumentController, port: int, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._document = document
        self._typed = 0
        self._buffer = b""
        self._socket = QTcpSocket(self)
        self._socket.readyRead.connect(self._on_socket_ready_read)
        self._socket.connectToHost(QHostAddress(QHostAddress.SpecialAddress.LocalHost), port)

    @Slot()
    def _on_socket_ready_read(self) -> None:
        self._buffer += bytes(self._socket.readAll().data())
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            reply = self._handle(json.loads(line))
            self._socket.write(QByteArray(json.dumps(reply).encode("utf-8") + b"\n"))
            self._socket.flush()

    def _handle(self, command: dict[str, Any]) -> dict[str, Any]:
        op = command.get("op")
        if op == "type":
            text = str(command["text"])
            self._editor.insertPlainText(text)
            self._typed += len(text)
            return {"typed": self._typed}
        if op == "click":
            return {"clicked": self._click(str(command["button"]))}
        if op == "save":
            return {"saved": self._document.save()}
        dialog = QApplication.activeModalWidget()
        path = self._document.path
        return {
            "text": editor_text(self._editor),
            "path": None if path is None else str(path),
            "modified": self._document.is_modified(),
            "dialog": None if dialog is None else dialog.windowTitle(),
            "buttons": []
            if dialog is None
            else [b.objectName() for b in dialog.findChildren(QPushButton) if b.objectName()],
        }

    def _click(self, name: str) -> bool:
        dialog = QApplication.activeModalWidget()
        button = None if dialog is None else dialog.findChild(QPushButton, name)
        if button is None:
            return False
        QTimer.singleShot(0, button.click)  # after the answer is sent: a click may block
        return True


def install_autosave(
    window: MainWindow, settings: SettingsStore, store: RecoveryStore
) -> AutosaveController:
    """Wire autosave into the main window (the composition root calls this once).

    The journal is written by its own thread; problems reach the status bar; the post file
    is autosaved too while the "autosave_to_file" preference is on (read at each write, so a
    change in the preferences applies at once).
    """
    autosave = AutosaveController(
        window.editor,
        window.document,
        JournalWriter(store),
        autosave_to_file=lambda: settings.preferences.autosave_to_file,
        parent=window,
    )
    autosave.problem.connect(lambda text: window.statusBar().showMessage(text, 15_000))
    return autosave
