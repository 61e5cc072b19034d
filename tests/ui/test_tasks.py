"""The background runner: work off the GUI thread, results on it, stale results dropped."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QThread

from editor.ui.tasks import TaskRunner


def deliver_queued_results() -> None:
    """Deliver every result the workers have queued for the GUI thread (no waiting on time)."""
    QCoreApplication.sendPostedEvents()


def test_work_runs_off_the_gui_thread_and_result_arrives_on_it(qtbot) -> None:
    runner = TaskRunner()
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> str:
        seen["worker_is_gui"] = threading.current_thread() is threading.main_thread()
        return "done"

    def on_done(result: str) -> None:
        seen["result"] = result
        seen["callback_thread"] = QThread.currentThread()

    runner.submit(work, on_done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["worker_is_gui"] is False
    assert seen["callback_thread"] is gui
    assert seen["result"] == "done"


def test_errors_come_back_to_the_error_callback(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("bad input")

    runner.submit(fail, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)


def test_latest_job_of_a_group_wins(qtbot) -> None:
    runner = TaskRunner(max_threads=2)
    release = threading.Event()
    results: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "old"

    runner.submit(slow, results.append, group="preview")
    runner.submit(lambda: "new", results.append, group="preview")
    qtbot.waitUntil(lambda: results == ["new"], timeout=5000)
    release.set()
    assert runner.wait_for_done(5000)
    deliver_queued_results()  # the old job's result has arrived now, and must be dropped
    assert results == ["new"]


def test_cancelled_job_reports_nothing(qtbot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    results: list[str] = []
    handle = runner.submit(lambda: release.wait(5) and "x", results.append)
    handle.cancel()
    release.set()
    assert runner.wait_for_done(5000)
    deliver_queued_results()
    assert results == []


def test_result_for_a_deleted_owner_is_dropped(qtbot) -> None:
    import shiboken6
    from PySide6.QtCore import QObject

    runner = TaskRunner()
    owner = QObject()
    release = threading.Event()
    results: list[str] = []
    runner.submit(lambda: release.wait(5) and "x", results.append, owner=owner)
    shiboken6.delete(owner)
    release.set()
    assert runner.wait_for_done(5000)
    deliver_queued_results()
    assert results == []


def test_held_jobs_wait_for_release_but_the_excepted_group_runs_at_once(qtbot) -> None:
    runner = TaskRunner()
    started: list[str] = []
    results: list[str] = []

    def job(name: str):  # type: ignore[no-untyped-def]
        def work() -> str:
            started.append(name)
            return name

        return work

    runner.hold(except_groups={"preview"})
    runner.submit(job("old outline"), results.append, group="outline")
    runner.submit(job("outline"), results.append, group="outline")
    runner.submit(job("render"), results.append, group="preview")
    runner.submit(job("spelling"), results.append)
    qtbot.waitUntil(lambda: results == ["render"], timeout=5000)
    runner.wait_for_done()
    deliver_queued_results()
    assert started == ["render"]  # the held jobs have not even started

    runner.release()
    qtbot.waitUntil(lambda: sorted(results) == ["outline", "render", "spelling"], timeout=5000)
    runner.wait_for_done()
    assert "old outline" not in started  # superseded while held: never run at all
    runner.submit(job("later"), results.append)  # released: no longer held
    qtbot.waitUntil(lambda: "later" in results, timeout=5000)
