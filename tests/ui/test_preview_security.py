"""Every known XSS / active-content payload, shown in the real preview page, does nothing.

Each payload goes into the page twice: through the real renderer and sanitizer, and raw
(unsanitized HTML straight into ``set_blocks``) to prove the page lockdown alone holds. The
raw run is repeated with page JavaScript switched on, so the policy, the request filter and
the navigation guard are shown to hold even without the first lock.

"Does nothing" means: no script dialog, no navigation of the page and no refused navigation
attempt by it, no window, no download or permission request, no request outside our scheme
(the request filter reports none, the session's network sink and a loopback listener see
none), and the page's title and a marker attribute planted by the test are unchanged.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import SIGNAL_TIMEOUT_MS, LoopbackRecorder, PreviewDriver
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from pytestqt.qtbot import QtBot

from editor.core.render import RenderedBlock, RenderOptions, render_document
from editor.ui.preview import PreviewView
from editor.ui.preview.view import APP_WORLD

BATCH_SIZE = 50
_LOOPBACK_HOST = re.compile(r"(?i)(?:127\.0\.0\.1|localhost)(?::\d+)?")
_PLANT = "document.documentElement.setAttribute('data-pw-marker', 'intact'); 1"
_STATE = (
    "JSON.stringify([document.title, document.documentElement.getAttribute('data-pw-marker'),"
    " document.getElementById('pw-content').parentElement === document.body])"
)
_COUNT = "document.getElementById('pw-content').children.length"
_SETTLED = (
    "document.readyState === 'complete'"
    " && Array.from(document.images).every(image => image.complete)"
)


def _entries(shared_dir: Path, loopback: LoopbackRecorder) -> list[dict[str, Any]]:
    """The corpus, with loopback addresses pointed at the test's listener.

    Requests to other hosts need no rewriting: the session's proxy sink receives them.
    """
    corpus = json.loads((shared_dir / "security" / "xss-payloads.json").read_text("utf-8"))
    host = f"127.0.0.1:{loopback.port}"
    entries = []
    for entry in corpus["payloads"]:
        fixed = dict(entry)
        for field in ("payload", "as_markdown"):
            if fixed.get(field):
                fixed[field] = _LOOPBACK_HOST.sub(host, fixed[field])
        entries.append(fixed)
    return entries


def _batches(items: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(items), BATCH_SIZE):
        yield items[start : start + BATCH_SIZE]


def _sanitized_blocks(entries: Sequence[dict[str, Any]]) -> list[RenderedBlock]:
    blocks: list[RenderedBlock] = []
    for entry in entries:
        text = entry["as_markdown"] if entry["as_markdown"] is not None else entry["payload"]
        blocks.extend(render_document(text, RenderOptions()).blocks)
    return blocks


def _raw_html(entry: dict[str, Any], root: Path) -> str:
    """The payload as HTML: URLs are put where a page would follow or load them."""
    payload = entry["payload"]
    context = entry["context"]
    if context.startswith("file:"):  # an SVG file beside the post
        name = f"{entry['id']}.svg"
        (root / name).write_text(payload, encoding="utf-8")
        return (
            f'<img src="{name}"><object data="{name}"></object><embed src="{name}">'
            f'<iframe src="{name}"></iframe>{payload}'
        )
    if context == "url":
        url = html.escape(payload, quote=True)
        return f'<a href="{url}">link</a><img src="{url}"><iframe src="{url}"></iframe>'
    return payload


def _raw_blocks(entries: Sequence[dict[str, Any]], root: Path) -> list[RenderedBlock]:
    return [
        RenderedBlock(entry["id"], _raw_html(entry, root), line, line + 1)
        for line, entry in enumerate(entries)
    ]


class _Findings:
    """Everything the page tried that it must not, as (kind, detail, batch)."""

    def __init__(self, view: PreviewView) -> None:
        self.items: list[tuple[str, str, int]] = []
        self.batch = -1
        view.activity_blocked.connect(self._add)
        view.link_activated.connect(lambda url: self._add("link", url.toString()))
        view.page().printRequested.connect(lambda: self._add("print", ""))
        view.page().windowCloseRequested.connect(lambda: self._add("close", ""))

    def _add(self, kind: str, detail: str) -> None:
        self.items.append((kind, detail[:200], self.batch))


class _Harness:
    """Runs batches of blocks through one preview page and checks it after each batch."""

    def __init__(
        self, driver: PreviewDriver, view: PreviewView, network: tuple[LoopbackRecorder, ...]
    ) -> None:
        self._driver = driver
        self.view = view
        self._network = network

    def run(self, batches: list[list[RenderedBlock]]) -> None:
        """Show each batch in turn; fail on the first sign of active content."""
        driver, view = self._driver, self.view
        findings = _Findings(view)
        hits_before = [recorder.hit_count() for recorder in self._network]
        driver.show(view, 1, [RenderedBlock("start", "<p>start</p>", 0, 1)])
        shell = view.page().url()
        driver.js(view, _PLANT)
        for index, blocks in enumerate(batches):
            findings.batch = index
            driver.show(view, index + 2, blocks)
            driver.wait_for_js(view, _SETTLED)
            driver.settle(view)
            assert driver.js(view, _COUNT) == len(blocks), f"batch {index}"
            assert driver.js(view, _STATE) == ["Preview", "intact", True], f"batch {index}"
            assert view.page().url() == shell, f"batch {index}"
        assert findings.items == []
        assert [recorder.hit_count() for recorder in self._network] == hits_before


@pytest.fixture
def corpus(shared_dir: Path, loopback: LoopbackRecorder) -> list[dict[str, Any]]:
    return _entries(shared_dir, loopback)


@pytest.fixture
def harness(make_preview, driver, loopback, network_sink, tmp_path: Path) -> _Harness:
    """A preview of a post in ``tmp_path``, watched by the loopback listener and the sink."""
    return _Harness(driver, make_preview(root=tmp_path), (loopback, network_sink))


def test_corpus_is_complete(corpus: list[dict[str, Any]]) -> None:
    assert len(corpus) >= 491


def test_sanitized_payloads_do_nothing(harness: _Harness, corpus) -> None:
    batches = [_sanitized_blocks(batch) for batch in _batches(corpus)]
    assert all(batches)
    harness.run(batches)


@pytest.mark.parametrize("page_javascript", [False, True], ids=["locked", "page-js-on"])
def test_raw_payloads_do_nothing(
    harness: _Harness, corpus, tmp_path: Path, page_javascript: bool
) -> None:
    attribute = QWebEngineSettings.WebAttribute.JavascriptEnabled
    harness.view.page().settings().setAttribute(attribute, page_javascript)
    harness.run([_raw_blocks(batch, tmp_path) for batch in _batches(corpus)])


# ---- the detectors are not blind ---------------------------------------------------------------


def test_a_script_dialog_would_be_reported(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    driver.show(view, 1, [RenderedBlock("a", "<p>x</p>", 0, 1)])
    with qtbot.waitSignal(view.activity_blocked, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        view.page().runJavaScript("alert('probe')", APP_WORLD)
    assert blocker.args == ["dialog", "probe"]


def test_payloads_do_run_in_an_unprotected_page(qtbot: QtBot) -> None:
    """Control: the same engine runs these payloads when nothing stops them."""
    alerts: list[str] = []

    class OpenPage(QWebEnginePage):
        def javaScriptAlert(self, _origin, message: str) -> None:
            alerts.append(message)

    page = OpenPage()
    try:
        with qtbot.waitSignal(page.loadFinished, timeout=SIGNAL_TIMEOUT_MS):
            page.setHtml('<img src="x" onerror="alert(1)"><svg onload="alert(2)"></svg>')
        qtbot.waitUntil(lambda: sorted(alerts) == ["1", "2"], timeout=SIGNAL_TIMEOUT_MS)
    finally:
        page.deleteLater()


def test_a_remote_request_would_reach_the_network_sink(
    qtbot: QtBot, make_preview, driver, network_sink
) -> None:
    view = make_preview()
    view.set_remote_allowed(True)
    before = network_sink.hit_count()
    image = '<p><img src="https://example.invalid/probe.png"></p>'
    driver.show(view, 1, [RenderedBlock("a", image, 0, 1)])
    qtbot.waitUntil(lambda: network_sink.hit_count() > before, timeout=SIGNAL_TIMEOUT_MS)
    assert network_sink.hits[-1].startswith(b"CONNECT example.invalid:443")
