"""A preview whose web engine starts after the window's first paint (``defer_engine``).

The window builds its preview this way so the editor can be typed in before QtWebEngine has
started; nothing given to the preview in the meantime may be lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SIGNAL_TIMEOUT_MS, PreviewDriver, blocks_from
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from editor.ui.preview import PreviewView


@pytest.fixture
def deferred(qtbot: QtBot) -> Iterator[PreviewView]:
    view = PreviewView(defer_engine=True)
    view.resize(600, 400)
    yield view
    view.close()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_what_was_set_before_the_engine_started_is_shown_once_it_has(
    qtbot: QtBot, deferred: PreviewView, driver: PreviewDriver, tmp_path: Path
) -> None:
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9"/></svg>'
    )
    deferred.set_document_root(tmp_path)
    deferred.set_dark(True)
    deferred.set_zoom(1.5)
    deferred.set_blocks(1, blocks_from([("<p>old</p>", 0, 1)]))
    deferred.set_blocks(
        2, blocks_from([("<h1>Title</h1>", 0, 1), ('<p>Body<img src="logo.svg"></p>', 2, 3)])
    )
    QCoreApplication.processEvents()
    assert not deferred.engine_started()  # a panel never shown starts no web engine

    with qtbot.waitSignal(
        deferred.updated, timeout=SIGNAL_TIMEOUT_MS, check_params_cb=lambda r: r == 2
    ):
        deferred.show()
    assert deferred.engine_started()
    texts = driver.js(
        deferred,
        "JSON.stringify(Array.from(document.getElementById('pw-content').children)"
        ".map(b => b.textContent))",
    )
    assert texts == ["Title", "Body"]
    assert driver.js(deferred, "document.documentElement.dataset.theme") == "dark"
    assert deferred.page().zoomFactor() == pytest.approx(1.5)
    # The document root given before the start is served: the post's picture loads.
    driver.wait_for_js(deferred, "Array.from(document.images).every(i => i.complete)")
    assert driver.js(deferred, "document.images[0].naturalWidth") == 9


def test_asking_for_the_page_starts_the_engine_at_once(deferred: PreviewView) -> None:
    assert not deferred.engine_started()
    page = deferred.page()
    assert deferred.engine_started()
    assert deferred.web_view().page() is page
    assert deferred.focusProxy() is deferred.web_view()


def test_the_window_starts_its_preview_by_itself_and_the_preview_follows_typing(
    qtbot: QtBot, window, driver: PreviewDriver
) -> None:
    window.editor.setPlainText("# Heading\n\nFirst words.\n")
    # Nothing asks for the page here: the window's first paint starts the engine.
    qtbot.waitUntil(window.preview.engine_started, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: "First words." in str(driver.js(window.preview, "document.body.innerText")),
        timeout=SIGNAL_TIMEOUT_MS,
    )
