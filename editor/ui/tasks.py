"""The one way to run work off the GUI thread.

Work is a plain callable over an immutable snapshot (a ``str``, a frozen dataclass). It runs on
a thread pool; its result or error comes back on the GUI thread through a queued signal, so the
callbacks may touch widgets and the work never does. Jobs in the same *group* are latest-wins:
when a newer job of the group has been submitted, an older one's result is dropped.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")
log = logging.getLogger(__name__)


class CancelToken:
    """Lets a long job stop early; jobs that can stop check ``cancelled`` between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(eq=False)
class TaskHandle(Generic[T]):
    """What :meth:`TaskRunner.submit` returns: enough to cancel the job."""

    job_id: int
    group: str | None
    token: CancelToken = field(default_factory=CancelToken)

    def cancel(self) -> None:
        self.token.cancel()


@dataclass(eq=False)
class _Job:
    handle: TaskHandle[Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None
    owner: QObject | None

    def receiver_gone(self) -> bool:
        return self.owner is not None and not shiboken6.isValid(self.owner)


class _Relay(QObject):
    """Lives on the GUI thread; workers emit through it so the slot runs on the GUI thread."""

    finished = Signal(int, object, object)  # job id, result, error (one of the two is None)


class _Runnable(QRunnable):
    def __init__(self, job_id: int, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self.job_id = job_id
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # every failure is reported to the caller
            self._relay.finished.emit(self.job_id, None, error)
        else:
            self._relay.finished.emit(self.job_id, result, None)


#: Runs ``"package.module:function"`` with the given arguments and returns its result, called on
#: a worker thread: :func:`~editor.services.render_process.run_named` runs it right there,
#: :meth:`RenderProcess.analyse <editor.services.render_process.RenderProcess.analyse>` in the
#: render child, away from the GUI process's interpreter lock and garbage collector.
Analyst = Callable[..., Any]


class TaskRunner(QObject):
    """Runs callables on a thread pool and calls back on the GUI thread."""

    #: A job ended (done, failed, cancelled or superseded), on the GUI thread.
    job_finished = Signal()

    def __init__(self, parent: QObject | None = None, max_threads: int | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        # Most jobs wait rather than compute (on the render child, the disk, the network): a
        # render must never queue behind two of them on a two-core machine.
        self._pool.setMaxThreadCount(
            max_threads if max_threads is not None else max(4, self._pool.maxThreadCount())
        )
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_relay_finished)
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._latest: dict[str, int] = {}
        self._held: list[_Runnable] | None = None
        self._not_held: frozenset[str] = frozenset()

    def submit(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        group: str | None = None,
        owner: QObject | None = None,
    ) -> TaskHandle[T]:
        """Run ``work`` off the GUI thread; call ``on_done(result)`` or ``on_error(exc)`` after.

        When ``owner`` (the object the callbacks belong to) has been deleted by the time the
        job finishes, its result is dropped instead of reaching a dead object.
        """
        handle: TaskHandle[T] = TaskHandle(next(self._ids), group)
        self._jobs[handle.job_id] = _Job(handle, on_done, on_error, owner)
        if group is not None:
            self._latest[group] = handle.job_id
        runnable = _Runnable(handle.job_id, work, self._relay)
        if self._held is not None and group not in self._not_held:
            self._held.append(runnable)
        else:
            self._pool.start(runnable)
        return handle

    def hold(self, *, except_groups: Iterable[str] = ()) -> None:
        """Keep jobs submitted from now on waiting until :meth:`release`, but for the jobs of
        ``except_groups``.

        At start-up, the panels' first jobs (the outline, the checks, the pictures, the
        spelling dictionary) would otherwise share the interpreter with the GUI thread while
        it lays out and paints the window for the first time.
        """
        if self._held is None:
            self._held = []
        self._not_held = frozenset(except_groups)

    def release(self) -> None:
        """Start the jobs held since :meth:`hold`, in the order they were submitted; of a
        group's held jobs only the newest runs (the others' results would be dropped)."""
        held, self._held = self._held, None
        for runnable in held or ():
            job = self._jobs.get(runnable.job_id)
            group = job.handle.group if job is not None else None
            if group is not None and self._latest.get(group) != runnable.job_id:
                self._jobs.pop(runnable.job_id, None)
                continue
            self._pool.start(runnable)

    def wait_for_done(self, timeout_ms: int = 30_000) -> bool:
        """Block until the pool is idle (for shutdown and tests); callbacks are not run."""
        return self._pool.waitForDone(timeout_ms)

    @Slot(int, object, object)
    def _on_relay_finished(self, job_id: int, result: object, error: object) -> None:
        try:
            self._deliver(job_id, result, error)
        finally:
            self.job_finished.emit()

    def _deliver(self, job_id: int, result: object, error: object) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None or job.handle.token.cancelled or job.receiver_gone():
            return
        group = job.handle.group
        if group is not None and self._latest.get(group) != job_id:
            return  # a newer job of the same group was submitted: this result is stale
        if isinstance(error, BaseException):
            if job.on_error is None:
                log.error("background job failed", exc_info=error)
            else:
                job.on_error(error)
            return
        job.on_done(result)
