"""Rendering in a separate process, so a long render never holds the GUI's interpreter lock.

Rendering is pure Python. On a worker *thread* it competes with the GUI thread for the
interpreter lock, and every Qt callback of a keystroke then waits its turn: typing into a
100,000-word post stalled the window for 100 to 200 ms. In a child process the two never compete;
the GUI process only pickles the text and unpickles the blocks.

The child is started with ``spawn`` (never ``fork``: forking a process that runs Qt is unsafe)
and warmed up in the background. If it dies, the next render starts a new one; if processes
cannot be started at all, rendering falls back to the calling thread.

The same child also runs the window's other whole-document analyses (the checks, the outline:
:meth:`RenderProcess.analyse`) on a thread of its own, over a pipe of its own, so that they
neither wait for nor delay a render, and their parsing and its garbage stay out of the GUI
process: there they held the interpreter lock and ran long garbage collections while the user
typed (decision 0011).
"""

from __future__ import annotations

import functools
import importlib
import itertools
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

from editor.core.i18n import Message, message
from editor.core.render.model import RenderedBlock, RenderOptions, RenderResult
from editor.core.stats import reading_time_minutes, word_count

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


def _render_in_child(
    request_id: int, base_id: int | None, revision: int, text: str, options: RenderOptions
) -> _Reply:
    return _child_renderer().render(request_id, base_id, revision, text, options)


def run_named(target: str, *args: object) -> Any:
    """Call the function ``target`` names (``"package.module:function"``) with ``args``.

    By name, so that the window's process need not import what only the child runs.
    """
    module_name, _, name = target.partition(":")
    function = getattr(importlib.import_module(module_name), name)
    return function(*args)


def _serve_analyses(channel: Connection) -> None:
    """In the child: answer ``(target, args)`` requests on ``channel`` until it closes."""

    def serve() -> None:
        while True:
            try:
                target, args = channel.recv()
            except (EOFError, OSError):
                # The window's process has closed the pipe, or died (killed, crashed): this
                # child has no one left to serve. Without this it would live on, since the
                # pool's own queue never reports a parent that was killed.
                os._exit(0)
            try:
                reply: tuple[object, BaseException | None] = (run_named(target, *args), None)
            except Exception as error:  # every failure goes back to the caller
                reply = (None, error)
            try:
                _answer(channel, target, reply)
            except OSError:  # the pipe is closed: there is no one left to answer
                return

    threading.Thread(target=serve, name="analyses", daemon=True).start()


def _answer(channel: Connection, target: str, reply: tuple[object, BaseException | None]) -> None:
    """Send ``reply``; if it cannot be pickled, an error that says so (the caller would
    otherwise wait for an answer until it gave up on the child)."""
    try:
        channel.send(reply)
    except OSError:
        raise
    except Exception as error:  # the result or the error does not pickle
        channel.send((None, RuntimeError(f"the answer of {target} cannot be sent back: {error}")))


def _warm_up() -> None:
    from editor.core.render.document import render_document  # noqa: PLC0415

    _child_renderer()
    render_document("# warm up\n\n```python\nx = 1\n```\n")


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
        self._pool: ProcessPoolExecutor | None = None
        #: The parent's end of the current child's analysis pipe (one request at a time).
        self._channel: Connection | None = None
        self._analysis_lock = threading.Lock()
        self._unavailable = False
        self._request_ids = itertools.count(1)
        #: The blocks of the last reply and its request id: the child sends only what changed.
        self._base: tuple[int, tuple[RenderedBlock, ...]] | None = None

    def start(self) -> None:
        """Start the child now and load the renderer in it (returns at once)."""
        self._get_pool()

    def render(self, revision: int, text: str, options: RenderOptions) -> RenderOutcome:
        """Render in the child (blocking this thread, not holding the interpreter lock).

        The child renders incrementally (:mod:`editor.core.render.incremental`) and sends back
        only the blocks that changed since the previous reply.
        """
        for attempt in range(2):
            with self._lock:
                request_id, base = next(self._request_ids), self._base
            base_id, base_blocks = base if base is not None else (None, ())
            pool = self._get_pool()
            if pool is None:  # no child processes on this system at all
                reply = _render_in_child(request_id, base_id, revision, text, options)
                return self._received(request_id, reply, base_blocks)
            future: Future[_Reply] = pool.submit(
                _render_in_child, request_id, base_id, revision, text, options
            )
            try:
                return self._received(request_id, future.result(self.TIMEOUT_S), base_blocks)
            except BrokenProcessPool:
                self._discard(pool)
                if attempt == 0:  # the child may have died while idle: one fresh try
                    log.warning("the render process had died; starting a new one")
                    continue
                raise RenderFailedError(_CRASHED) from None
            except TimeoutError:
                self._discard(pool)
                raise RenderFailedError(_HUNG) from None
        raise RenderFailedError(_CRASHED)

    def analyse(self, target: str, *args: object) -> Any:
        """:func:`run_named` ``(target, *args)`` in the child, on its analysis thread (blocking
        this thread).

        The arguments and the result must be picklable. Analyses run one at a time, beside
        renders rather than after them. A crash or a hang raises :class:`AnalysisFailedError`;
        the next render or analysis starts a new child.
        """
        for attempt in range(2):
            pool = self._get_pool()
            with self._lock:
                channel = self._channel if pool is self._pool else None
            if pool is None or channel is None:  # no child processes on this system at all
                return run_named(target, *args)
            with self._analysis_lock:
                try:
                    channel.send((target, args))
                    if not channel.poll(self.ANALYSIS_TIMEOUT_S):
                        self._discard(pool)
                        raise AnalysisFailedError(_ANALYSIS_HUNG)
                    result, error = channel.recv()
                except (EOFError, OSError):  # the child died (or was replaced) meanwhile
                    self._discard(pool)
                    if attempt == 0:  # it may have died while idle: one fresh try
                        log.warning("the render process had died; starting a new one")
                        continue
                    raise AnalysisFailedError(_ANALYSIS_CRASHED) from None
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
        """The process ids of the running render children (for diagnostics and tests)."""
        with self._lock:
            pool = self._pool
        return tuple(p.pid for p in _children(pool) if p.pid is not None)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            channel, self._channel = self._channel, None
        if pool is not None:
            self._stop(pool)
        if channel is not None:
            channel.close()

    def _get_pool(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self._unavailable:
                try:
                    self._pool, self._channel = self._new_child()
                except (OSError, ValueError) as error:
                    log.warning("cannot start a render process (%s); rendering in-process", error)
                    self._unavailable = True
            return self._pool

    @staticmethod
    def _new_child() -> tuple[ProcessPoolExecutor, Connection]:
        """A pool of one child, started now, and the parent's end of its analysis pipe."""
        context = multiprocessing.get_context("spawn")
        ours, childs = context.Pipe()
        pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_serve_analyses, initargs=(childs,)
        )
        try:
            pool.submit(_warm_up)  # starts the child, which now holds its end of the pipe
        finally:
            childs.close()  # so that the child's death reads as the end of the pipe here
        return pool, ours

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        channel = None
        with self._lock:
            if self._pool is pool:
                self._pool = None
                channel, self._channel = self._channel, None
            self._base = None  # a new child knows no blocks
        self._stop(pool)
        if channel is not None:
            channel.close()

    @staticmethod
    def _stop(pool: ProcessPoolExecutor) -> None:
        """Stop the pool without waiting, and end a child that is stuck in a render."""
        children = _children(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        for child in children:
            if child.is_alive():
                child.kill()


def _children(pool: ProcessPoolExecutor | None) -> list[multiprocessing.process.BaseProcess]:
    # ProcessPoolExecutor has no public way to reach its workers; a hung one must be killed.
    processes = getattr(pool, "_processes", None) or {}
    return list(processes.values())


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
