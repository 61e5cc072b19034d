"""Rendering in a separate process, so a long render never holds the GUI's interpreter lock.

Rendering is pure Python. On a worker *thread* it competes with the GUI thread for the
interpreter lock, and every Qt callback of a keystroke then waits its turn: typing into a
100,000-word post stalled the window for 100 to 200 ms. In a child process the two never compete;
the GUI process only pickles the text and unpickles the blocks.

The child is a new interpreter (never a ``fork``: forking a process that runs Qt is unsafe)
that loads the renderer as soon as it starts; it talks over its standard input and output
(:mod:`editor.services.render_child`). If it dies, the next render starts a new one; if
processes cannot be started at all, rendering falls back to the calling thread.

The same child also runs the window's other whole-document analyses (the checks, the outline:
:meth:`RenderProcess.analyse`) on a thread of its own, so that they neither wait for nor
delay a render, and their parsing and its garbage stay out of the GUI
process: there they held the interpreter lock and ran long garbage collections while the user
typed (decision 0011).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import itertools
import logging
import subprocess
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from editor.core.i18n import Message, message
from editor.core.render.model import RenderedBlock, RenderOptions, RenderResult
from editor.core.stats import reading_time_minutes, word_count
from editor.services.render_child import (
    ANALYSE,
    CHILD_SWITCH,
    RENDER,
    read_message,
    unpickle,
    write_message,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RenderOutcome:
    """What one render produces: the blocks and the figures for the status bar."""

    revision: int
    result: RenderResult
    words: int
    reading_minutes: int


def render_with_stats(revision: int, text: str, options: RenderOptions) -> RenderOutcome:
    """Render ``text`` and count its words (runs in the child process, or inline)."""
    from editor.core.render.document import render_document  # noqa: PLC0415

    result = render_document(text, options)
    words = word_count(text)
    return RenderOutcome(revision, result, words, reading_time_minutes(words))


@dataclass(frozen=True, slots=True)
class _Reply:
    """What the child sends back: only the blocks that changed since the parent's ``base``.

    The new blocks are ``base[:kept_head]`` + ``fresh`` + ``base[len(base) - kept_tail:]``
    moved by ``shift`` lines. With ``base_id`` None, ``fresh`` holds every block.
    """

    outcome: RenderOutcome  # its result has no blocks: they are rebuilt from the fields below
    base_id: int | None
    kept_head: int
    fresh: tuple[RenderedBlock, ...]
    kept_tail: int
    shift: int


class _ChildRenderer:
    """The child's state: the incremental renderer and the blocks last sent to the parent."""

    def __init__(self) -> None:
        # The parsers load in the child (or on the first in-process render), never with the
        # window that only imports this module to start the child (decision 0011).
        from editor.core.render.incremental import IncrementalRenderer  # noqa: PLC0415

        self._renderer = IncrementalRenderer()
        self._lock = threading.Lock()
        self._sent: tuple[int, tuple[RenderedBlock, ...]] | None = None

    def render(
        self, request_id: int, base_id: int | None, revision: int, text: str, options: RenderOptions
    ) -> _Reply:
        result = self._renderer.render(text, options)
        words = word_count(text)
        outcome = RenderOutcome(
            revision, replace(result, blocks=()), words, reading_time_minutes(words)
        )
        with self._lock:
            sent, self._sent = self._sent, (request_id, result.blocks)
        if sent is None or sent[0] != base_id:
            return _Reply(outcome, None, 0, result.blocks, 0, 0)
        return _delta(outcome, base_id, sent[1], result.blocks)


def _delta(
    outcome: RenderOutcome,
    base_id: int,
    old: tuple[RenderedBlock, ...],
    new: tuple[RenderedBlock, ...],
) -> _Reply:
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    shift = new[-1].end_line - old[-1].end_line if head < limit else 0
    tail = 0
    while tail < limit - head and _moved_by(old[-1 - tail], new[-1 - tail], shift):
        tail += 1
    return _Reply(outcome, base_id, head, new[head : len(new) - tail], tail, shift)


def _moved_by(old: RenderedBlock, new: RenderedBlock, shift: int) -> bool:
    return (
        old.key == new.key
        and old.start_line + shift == new.start_line
        and old.end_line + shift == new.end_line
    )


def _rebuild(reply: _Reply, base: tuple[RenderedBlock, ...]) -> RenderOutcome:
    """The full outcome from a reply and the blocks it was made against."""
    tail = base[len(base) - reply.kept_tail :] if reply.kept_tail else ()
    if reply.shift:
        tail = tuple(
            RenderedBlock(b.key, b.html, b.start_line + reply.shift, b.end_line + reply.shift)
            for b in tail
        )
    blocks = (*base[: reply.kept_head], *reply.fresh, *tail)
    outcome = reply.outcome
    return replace(outcome, result=replace(outcome.result, blocks=blocks))


@functools.cache
def _child_renderer() -> _ChildRenderer:
    """The renderer of this process: in the child, the one that serves every request."""
    return _ChildRenderer()


#: What a render request carries: its id, the id of the reply its base blocks came from, the
#: document's revision, its text and the options.
RenderRequest = tuple[int, int | None, int, str, RenderOptions]


def render_request(request: RenderRequest) -> _Reply:
    """Answer one render request with this process's renderer (in the child, or inline)."""
    return _child_renderer().render(*request)


def run_named(target: str, *args: object) -> Any:
    """Call the function ``target`` names (``"package.module:function"``) with ``args``.

    By name, so that the window's process need not import what only the child runs.
    """
    module_name, _, name = target.partition(":")
    function = getattr(importlib.import_module(module_name), name)
    return function(*args)


def warm_up() -> None:
    """Load the renderer and its parsers (the child does so as soon as it starts)."""
    from editor.core.render.document import render_document  # noqa: PLC0415

    _child_renderer()
    render_document("# warm up\n\n```python\nx = 1\n```\n")


class _ChildGoneError(Exception):
    """The child ended, or was stopped, before it answered."""


class _Child:
    """One running render child and the answers it still owes."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console on Windows
        )
        self._lock = threading.Lock()
        self._writing = threading.Lock()
        self._owed: dict[int, Future[tuple[Any, BaseException | None]]] = {}
        self._gone = False
        threading.Thread(target=self._read_answers, name="render child", daemon=True).start()

    def ask(self, request_id: int, kind: str, payload: object) -> Future[tuple[Any, Any]]:
        """Send a request; the future gets ``(result, error)``, or :class:`_ChildGoneError`.

        Raises at once what pickling ``payload`` raises.
        """
        future: Future[tuple[Any, BaseException | None]] = Future()
        with self._lock:
            if self._gone:
                future.set_exception(_ChildGoneError())
                return future
            self._owed[request_id] = future
        try:
            with self._writing:
                write_message(self.process.stdin, request_id, (kind, payload))  # type: ignore[arg-type]
        except OSError:  # the child has died; reading its end tells every waiting caller
            self._fail(request_id)
        except Exception:
            with self._lock:
                self._owed.pop(request_id, None)
            raise
        return future

    def _read_answers(self) -> None:
        stream = self.process.stdout
        try:
            while True:
                request_id, data = read_message(stream)  # type: ignore[arg-type]
                with self._lock:
                    future = self._owed.pop(request_id, None)
                if future is None:
                    continue
                try:
                    answer = unpickle(data)
                except Exception as error:  # an answer this process cannot read
                    future.set_result((None, error))
                else:
                    future.set_result(answer)
        except (EOFError, OSError):
            pass
        finally:
            self._fail(None)
            if stream is not None:
                stream.close()

    def _fail(self, request_id: int | None) -> None:
        """Every caller still waiting (or only ``request_id``'s) learns the child is gone."""
        with self._lock:
            if request_id is None:
                self._gone = True
                owed, self._owed = list(self._owed.values()), {}
            else:
                owed = [f for f in [self._owed.pop(request_id, None)] if f is not None]
        for future in owed:
            future.set_exception(_ChildGoneError())

    def stop(self) -> None:
        """End the child now, even in the middle of a render."""
        with self._lock:
            self._gone = True
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def _child_command() -> list[str]:
    """How to start a render child: the packaged program with :data:`CHILD_SWITCH`, or this
    interpreter with this process's module path."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_SWITCH]
    if not sys.executable:
        raise OSError("this Python does not know its own program")
    bootstrap = (
        f"import sys; sys.path[:] = {sys.path!r}; "
        "from editor.services.render_child import main; main()"
    )
    return [sys.executable, "-c", bootstrap]


class RenderFailedError(Exception):
    """The render process crashed or hung on this text; ``message`` says so in plain words."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.english())
        self.message = message


class AnalysisFailedError(RenderFailedError):
    """The child crashed or hung during an analysis; ``message`` says so in plain words."""


class RenderProcess:
    """One long-lived child process that renders; call :meth:`render` from a worker thread.

    A crash or a hang is reported as :class:`RenderFailedError` and the child is replaced; the text
    is never re-rendered inside the GUI process, where the same crash would take the user's
    unsaved work with it.
    """

    #: A render taking longer than this is treated as hung (100k words take well under 2 s).
    TIMEOUT_S = 30.0
    #: The same for an analysis (the checks of 100k words take well under 2 s).
    ANALYSIS_TIMEOUT_S = 60.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: _Child | None = None
        self._analysis_lock = threading.Lock()  # one analysis at a time, each with its timeout
        self._unavailable = False
        self._request_ids = itertools.count(1)
        #: The blocks of the last reply and its request id: the child sends only what changed.
        self._base: tuple[int, tuple[RenderedBlock, ...]] | None = None

    def start(self) -> None:
        """Start the child now; it loads the renderer at once (returns at once)."""
        self._get_child()

    def render(self, revision: int, text: str, options: RenderOptions) -> RenderOutcome:
        """Render in the child (blocking this thread, not holding the interpreter lock).

        The child renders incrementally (:mod:`editor.core.render.incremental`) and sends back
        only the blocks that changed since the previous reply.
        """
        for attempt in range(2):
            with self._lock:
                request_id, base = next(self._request_ids), self._base
            base_id, base_blocks = base if base is not None else (None, ())
            request: RenderRequest = (request_id, base_id, revision, text, options)
            child = self._get_child()
            if child is None:  # no child processes on this system at all
                return self._received(request_id, render_request(request), base_blocks)
            try:
                reply, error = child.ask(request_id, RENDER, request).result(self.TIMEOUT_S)
            except _ChildGoneError:
                self._discard(child)
                if attempt == 0:  # the child may have died while idle: one fresh try
                    log.warning("the render process had died; starting a new one")
                    continue
                raise RenderFailedError(_CRASHED) from None
            except TimeoutError:
                self._discard(child)
                raise RenderFailedError(_HUNG) from None
            if error is not None:
                raise error
            return self._received(request_id, reply, base_blocks)
        raise RenderFailedError(_CRASHED)

    def analyse(self, target: str, *args: object) -> Any:
        """:func:`run_named` ``(target, *args)`` in the child, on its analysis thread (blocking
        this thread).

        The arguments and the result must be picklable. Analyses run one at a time, beside
        renders rather than after them. A crash or a hang raises :class:`AnalysisFailedError`;
        the next render or analysis starts a new child.
        """
        for attempt in range(2):
            child = self._get_child()
            if child is None:  # no child processes on this system at all
                return run_named(target, *args)
            with self._lock:
                request_id = next(self._request_ids)
            with self._analysis_lock:
                try:
                    answer = child.ask(request_id, ANALYSE, (target, args))
                    result, error = answer.result(self.ANALYSIS_TIMEOUT_S)
                except _ChildGoneError:  # the child died (or was replaced) meanwhile
                    self._discard(child)
                    if attempt == 0:  # it may have died while idle: one fresh try
                        log.warning("the render process had died; starting a new one")
                        continue
                    raise AnalysisFailedError(_ANALYSIS_CRASHED) from None
                except TimeoutError:
                    self._discard(child)
                    raise AnalysisFailedError(_ANALYSIS_HUNG) from None
            if error is not None:
                raise error
            return result
        raise AnalysisFailedError(_ANALYSIS_CRASHED)

    def _received(
        self, request_id: int, reply: _Reply, base: tuple[RenderedBlock, ...]
    ) -> RenderOutcome:
        outcome = _rebuild(reply, base if reply.base_id is not None else ())
        with self._lock:
            self._base = (request_id, outcome.result.blocks)
        return outcome

    def child_pids(self) -> tuple[int, ...]:
        """The process id of the running render child, if any (for diagnostics and tests)."""
        with self._lock:
            child = self._child
        return (child.process.pid,) if child is not None and child.process.poll() is None else ()

    def shutdown(self) -> None:
        with self._lock:
            child, self._child = self._child, None
        if child is not None:
            child.stop()

    def _get_child(self) -> _Child | None:
        with self._lock:
            if self._child is None and not self._unavailable:
                try:
                    self._child = _Child(_child_command())
                except (OSError, ValueError) as error:
                    log.warning("cannot start a render process (%s); rendering in-process", error)
                    self._unavailable = True
            return self._child

    def _discard(self, child: _Child) -> None:
        """Stop ``child`` (dead, or hung); the next request starts a new one."""
        with self._lock:
            if self._child is child:
                self._child = None
            self._base = None  # a new child knows no blocks
        child.stop()


_CRASHED = message(
    "render",
    "The preview could not be updated: the renderer stopped unexpectedly on this text. "
    "Your text is safe; the preview will try again when you next edit.",
)
_HUNG = message(
    "render",
    "The preview could not be updated: rendering this text took too long. "
    "Your text is safe; the preview will try again when you next edit.",
)
_ANALYSIS_CRASHED = message(
    "render",
    "the background process stopped unexpectedly on this text. Your text is safe; it will "
    "try again after your next edit.",
)
_ANALYSIS_HUNG = message(
    "render",
    "it took too long on this text. Your text is safe; it will try again after your next edit.",
)
