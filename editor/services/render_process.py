"""Rendering in a separate process, so a long render never holds the GUI's interpreter lock.

Rendering is pure Python. On a worker *thread* it competes with the GUI thread for the
interpreter lock, and every Qt callback of a keystroke then waits its turn: typing into a
100,000-word post stalled the window for 100 to 200 ms. In a child process the two never compete;
the GUI process only pickles the text and unpickles the blocks.

The child is started with ``spawn`` (never ``fork``: forking a process that runs Qt is unsafe)
and warmed up in the background. If it dies, the next render starts a new one; if processes
cannot be started at all, rendering falls back to the calling thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from editor.core.render import RenderOptions, RenderResult, render_document
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
    result = render_document(text, options)
    words = word_count(text)
    return RenderOutcome(revision, result, words, reading_time_minutes(words))


def _warm_up() -> None:
    render_document("# warm up\n\n```python\nx = 1\n```\n")


class RenderProcess:
    """One long-lived child process that renders; call :meth:`render` from a worker thread."""

    #: After this many child processes in a row died, render in-process for good.
    MAX_FAILURES = 3

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._unavailable = False
        self._failures = 0

    def start(self) -> None:
        """Start the child now and load the renderer in it (returns at once)."""
        pool = self._get_pool()
        if pool is not None:
            pool.submit(_warm_up)

    def render(self, revision: int, text: str, options: RenderOptions) -> RenderOutcome:
        """Render in the child (blocking this thread, not holding the interpreter lock)."""
        for _attempt in range(2):
            pool = self._get_pool()
            if pool is None:
                break
            try:
                future: Future[RenderOutcome] = pool.submit(
                    render_with_stats, revision, text, options
                )
                outcome = future.result()
            except BrokenProcessPool:
                log.warning("the render process died; starting a new one")
                self._discard(pool)
            else:
                self._failures = 0
                return outcome
        return render_with_stats(revision, text, options)

    def child_pids(self) -> tuple[int, ...]:
        """The process ids of the running render children (for diagnostics)."""
        with self._lock:
            pool = self._pool
        # ProcessPoolExecutor keeps its children in a private mapping; it has no public API.
        processes = getattr(pool, "_processes", None) or {}
        return tuple(processes)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _get_pool(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self._unavailable:
                try:
                    context = multiprocessing.get_context("spawn")
                    self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
                except (OSError, ValueError) as error:
                    log.warning("cannot start a render process (%s); rendering in-process", error)
                    self._unavailable = True
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
            self._failures += 1
            if self._failures >= self.MAX_FAILURES:
                log.warning("render processes keep dying; rendering in-process from now on")
                self._unavailable = True
        pool.shutdown(wait=False, cancel_futures=True)
