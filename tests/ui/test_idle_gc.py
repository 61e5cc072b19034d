"""Full garbage collections wait until the user pauses; the young ones go on as usual."""

from __future__ import annotations

import gc
import platform
import sys
import weakref
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from editor.ui.editor import MarkdownEditor
from editor.ui.idle_gc import IDLE_MS, IdleCollector, install_idle_collection, release_memory
from editor.ui.tasks import TaskRunner


class Cycle:
    """Garbage only the cyclic collector can free."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def full_collections() -> Iterator[list[int]]:
    """Counts the full collections that start, whoever starts them."""
    seen: list[int] = []

    def on_collect(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append(1)

    gc.callbacks.append(on_collect)
    yield seen
    gc.callbacks.remove(on_collect)


def type_a_while(qtbot: QtBot, editor: MarkdownEditor) -> None:
    """Typing, with the allocation a long post's work makes between keys: objects that live
    long enough to reach the oldest generation, then go."""
    for round_ in range(12):
        editor.insertPlainText(f"word {round_} ")
        kept = [[] for _ in range(60_000)]
        qtbot.wait(5)
        del kept


def test_no_full_collection_while_typing_one_once_the_user_pauses(
    qtbot: QtBot, shown_editor: MarkdownEditor, full_collections: list[int]
) -> None:
    gc.collect()
    full_collections.clear()
    type_a_while(qtbot, shown_editor)
    assert full_collections  # left to itself, Python runs full collections meanwhile

    app = QCoreApplication.instance()
    assert app is not None
    before = gc.get_threshold()
    collector = install_idle_collection(app)
    try:
        collector.watch(shown_editor)
        gc.collect()
        full_collections.clear()
        garbage: Callable[[], object] = weakref.ref(Cycle())  # cyclic garbage at once
        type_a_while(qtbot, shown_editor)
        assert full_collections == []  # none while the user types...
        qtbot.waitUntil(lambda: bool(full_collections), timeout=IDLE_MS * 3)
        assert garbage() is None  # ...one after the pause, and it freed the cycle
    finally:
        collector.remove()
    assert gc.get_threshold() == before


def test_background_work_is_followed_by_a_collection_that_hands_memory_back(
    qtbot: QtBot, full_collections: list[int]
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    released: list[int] = []
    collector = IdleCollector(app, release=lambda: released.append(1) or True)
    tasks = TaskRunner()
    try:
        collector.watch_work(tasks.job_finished)
        qtbot.wait(IDLE_MS + 300)  # the collection of the start has run
        gc.collect()
        full_collections.clear()
        released.clear()
        garbage: Callable[[], object] = weakref.ref(Cycle())
        done: list[object] = []
        tasks.submit(lambda: [[] for _ in range(10_000)], done.append)
        qtbot.waitUntil(lambda: bool(done))
        qtbot.waitUntil(lambda: bool(full_collections), timeout=IDLE_MS * 3)
        assert garbage() is None
        qtbot.waitUntil(lambda: bool(released))  # and free memory went back to the system
    finally:
        tasks.wait_for_done()
        collector.remove()


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="only glibc can hand freed heap memory back on request",
)
def test_memory_is_handed_back_with_glibc() -> None:
    assert release_memory()
