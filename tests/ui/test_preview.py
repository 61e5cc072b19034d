"""The live preview panel against a real QtWebEngine page (offscreen)."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest
from conftest import SIGNAL_TIMEOUT_MS, PreviewDriver, blocks_from
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript, QWebEngineSettings
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.preview import PreviewView
from editor.ui.preview.view import APP_WORLD

_CHILDREN = "Array.from(document.getElementById('pw-content').children)"


def _texts(driver: PreviewDriver, view: PreviewView) -> list[str]:
    return driver.js(view, f"JSON.stringify({_CHILDREN}.map(b => b.textContent))")


def _mark_blocks(driver: PreviewDriver, view: PreviewView) -> None:
    """Tag every block node (a JS property, invisible to the DOM) with its current text."""
    driver.js(view, f"{_CHILDREN}.forEach(b => {{ b.pwMark = b.textContent; }}); 1")


def _marks(driver: PreviewDriver, view: PreviewView) -> list[str | None]:
    return driver.js(view, f"JSON.stringify({_CHILDREN}.map(b => b.pwMark || null))")


def _tall_blocks(count: int) -> list[tuple[str, int, int]]:
    """``count`` paragraphs, 2 source lines each, separated by one blank line."""
    return [(f'<p style="height:90px">para {i}</p>', 3 * i, 3 * i + 2) for i in range(count)]


def _top_of(line: int) -> str:
    """JavaScript for the viewport top of the block starting at ``line``."""
    return f"document.querySelector('[data-line=\"{line}\"]').getBoundingClientRect().top"


def _block_center(driver: PreviewDriver, view: PreviewView, selector: str) -> QPoint:
    rect = driver.js(
        view,
        f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();"
        " return JSON.stringify([r.left + r.width / 2, r.top + r.height / 2]); })()",
    )
    return QPoint(int(rect[0]), int(rect[1]))


def _click(view: PreviewView, point: QPoint) -> None:
    target = view.web_view().focusProxy()
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def _wheel_down(view: PreviewView) -> None:
    """One notch down, as a complete Begin/Update/End sequence.

    Phase-less wheel events leave Chromium waiting to end the scroll sequence itself, and
    the next view's first wheel event is then dropped; a closed sequence does not.
    """
    target = view.web_view().focusProxy()
    position = QPointF(200, 200)
    steps = (
        (Qt.ScrollPhase.ScrollBegin, 0),
        (Qt.ScrollPhase.ScrollUpdate, -120),
        (Qt.ScrollPhase.ScrollEnd, 0),
    )
    for phase, delta in steps:
        event = QWheelEvent(
            position,
            QPointF(target.mapToGlobal(position.toPoint())),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            phase,
            False,
        )
        QApplication.sendEvent(target, event)


# ---- blocks and keyed patching ----------------------------------------------------------


def test_blocks_appear_with_their_source_lines(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<h1>Title</h1>", 0, 1), ("<p>Body</p>", 2, 5)]))

    rows = driver.js(
        view,
        f"JSON.stringify({_CHILDREN}.map(b => [b.className, b.dataset.line,"
        " b.dataset.lineEnd, b.textContent]))",
    )
    assert rows == [["pw-block", "0", "1", "Title"], ["pw-block", "2", "5", "Body"]]


def test_changed_block_is_replaced_and_the_others_keep_their_nodes(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<p>a</p>", 0, 1), ("<p>b</p>", 2, 3), ("<p>c</p>", 4, 5)]))
    _mark_blocks(driver, view)

    # "b" grows by one line: "c" moves down a line but keeps its node.
    driver.show(view, 2, blocks_from([("<p>a</p>", 0, 1), ("<p>b!</p>", 2, 4), ("<p>c</p>", 5, 6)]))

    assert _texts(driver, view) == ["a", "b!", "c"]
    assert _marks(driver, view) == ["a", None, "c"]
    lines = driver.js(view, f"JSON.stringify({_CHILDREN}.map(b => b.dataset.line))")
    assert lines == ["0", "2", "5"]


def test_removed_inserted_and_reordered_blocks(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    initial = [("<p>a</p>", 0, 1), ("<p>b</p>", 2, 3), ("<p>c</p>", 4, 5), ("<p>d</p>", 6, 7)]
    driver.show(view, 1, blocks_from(initial))
    _mark_blocks(driver, view)

    driver.show(view, 2, blocks_from([("<p>d</p>", 0, 1), ("<p>e</p>", 2, 3), ("<p>b</p>", 4, 5)]))

    assert _texts(driver, view) == ["d", "e", "b"]
    assert _marks(driver, view) == ["d", None, "b"]


def test_repeated_identical_blocks(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<hr>", 0, 1), ("<p>x</p>", 2, 3)]))
    driver.show(view, 2, blocks_from([("<hr>", 0, 1), ("<p>x</p>", 2, 3), ("<hr>", 4, 5)]))
    tags = driver.js(view, f"JSON.stringify({_CHILDREN}.map(b => b.firstElementChild.tagName))")
    assert tags == ["HR", "P", "HR"]

    driver.show(view, 3, blocks_from([("<hr>", 0, 1)]))
    assert driver.js(view, f"{_CHILDREN}.length") == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_sequence_of_edits_shows_exactly_the_blocks_sent(
    qtbot: QtBot, make_preview, driver, seed: int
) -> None:
    # Random block lists (repeats, moves, insertions, deletions, lines shifting): after each
    # update the page shows those blocks, in that order, with their lines, and a block that
    # stays in place keeps its node.
    rng = random.Random(seed)
    words = [f"<p>{word}</p>" for word in ("a", "b", "c", "d", "e", "f", "g")]
    view = make_preview()
    previous: list[str] = []
    for revision in range(1, 31):
        if previous and rng.random() < 0.6:  # an edit near one place, as typing makes
            texts = list(previous)
            at = rng.randrange(len(texts) + 1)
            texts[at : at + rng.randrange(3)] = rng.choices(words, k=rng.randrange(3))
        else:
            texts = rng.choices(words, k=rng.randrange(12))
        line, spec = 0, []
        for html in texts:
            height = rng.randrange(1, 4)
            spec.append((html, line, line + height))
            line += height + 1
        before: list[str | None] = []
        if revision > 1:  # the page is loaded once it has shown the first update
            _mark_blocks(driver, view)
            before = _marks(driver, view)
        driver.show(view, revision, blocks_from(spec))

        rows = driver.js(
            view,
            f"JSON.stringify({_CHILDREN}.map(b => [b.innerHTML, b.dataset.line,"
            " b.dataset.lineEnd]))",
        )
        assert rows == [[html, str(start), str(end)] for html, start, end in spec]
        head = 0
        while head < min(len(previous), len(texts)) and previous[head] == texts[head]:
            head += 1
        assert _marks(driver, view)[:head] == before[:head]  # untouched before the change
        previous = texts


def test_only_the_latest_blocks_sent_before_the_shell_loaded(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview(show=False)  # the shell is still loading
    shown: list[int] = []
    view.updated.connect(shown.append)
    view.set_blocks(1, blocks_from([("<p>old</p>", 0, 1)]))
    with qtbot.waitSignal(view.updated, timeout=SIGNAL_TIMEOUT_MS):
        view.set_blocks(2, blocks_from([("<p>new</p>", 0, 1)]))
        view.show()
    assert shown == [2]
    assert _texts(driver, view) == ["new"]


def test_stale_revisions_are_ignored(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    shown: list[int] = []
    view.updated.connect(shown.append)
    driver.show(view, 5, blocks_from([("<p>five</p>", 0, 1)]))
    view.set_blocks(3, blocks_from([("<p>three</p>", 0, 1)]))
    driver.show(view, 6, blocks_from([("<p>six</p>", 0, 1)]))
    assert shown == [5, 6]

    # The page itself also refuses an older revision than the one it shows.
    answer = driver.js(view, "postwrightPreview.apply({revision: 4, order: [], html: {}})")
    assert answer == {"stale": True, "revision": 6}
    assert _texts(driver, view) == ["six"]


def test_page_html_stripped_of_meta_base_link_and_script(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    html = (
        '<p>x<meta http-equiv="refresh" content="0;url=https://example.invalid/">'
        '<base href="https://example.invalid/"><link rel="stylesheet" href="a.css">'
        "<script>document.title='x'</script></p>"
    )
    driver.show(view, 1, blocks_from([(html, 0, 1)]))
    count = driver.js(
        view,
        "document.querySelectorAll('#pw-content meta, base, link:not(#pw-theme), script').length",
    )
    assert count == 0


# ---- scrolling ---------------------------------------------------------------------------


def test_scroll_to_line_moves_the_page_without_reporting_a_user_scroll(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from(_tall_blocks(60)))
    reported: list[float] = []
    view.scrolled_to_line.connect(reported.append)

    view.scroll_to_line(90.0)  # block 30 starts at line 90
    driver.wait_for_js(view, f"Math.abs({_top_of(90)}) < 1")
    view.scroll_to_line(91.0)  # half-way into block 30 (lines 90-92)
    driver.wait_for_js(view, f"Math.abs({_top_of(90)} + 45) < 1")

    # A real user scroll afterwards is the first and only report: nothing came before it.
    with qtbot.waitSignal(view.scrolled_to_line, timeout=SIGNAL_TIMEOUT_MS):
        _wheel_down(view)
    assert len(reported) == 1
    assert reported[0] > 91.0


def test_wheel_scroll_reports_the_top_line(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from(_tall_blocks(60)))
    with qtbot.waitSignal(view.scrolled_to_line, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        _wheel_down(view)
    line = blocker.args[0]
    assert line > 0

    top: list[float] = []
    view.current_top_line(top.append)
    qtbot.waitUntil(lambda: bool(top), timeout=SIGNAL_TIMEOUT_MS)
    assert top[0] == pytest.approx(line, abs=0.5)


def test_page_down_key_reports_a_user_scroll(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from(_tall_blocks(60)))
    view.setFocus()
    with qtbot.waitSignal(view.scrolled_to_line, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        QTest.keyClick(view.web_view().focusProxy(), Qt.Key.Key_PageDown)
    assert blocker.args[0] > 3


def test_patching_keeps_the_first_visible_block_in_place(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    blocks = _tall_blocks(60)
    driver.show(view, 1, blocks_from(blocks))
    view.scroll_to_line(90.0)
    driver.wait_for_js(view, f"Math.abs({_top_of(90)}) < 1")
    reported: list[float] = []
    view.scrolled_to_line.connect(reported.append)

    # A block far above the viewport grows by 400 px and every line below moves by 1.
    taller = [('<p style="height:490px">para 0</p>', 0, 3)]
    moved = [(html, start + 1, end + 1) for html, start, end in blocks[1:]]
    driver.show(view, 2, blocks_from(taller + moved))

    assert driver.js(
        view, "document.querySelector('[data-line=\"91\"]').getBoundingClientRect().top"
    ) == pytest.approx(0, abs=1)
    with qtbot.waitSignal(view.scrolled_to_line, timeout=SIGNAL_TIMEOUT_MS):
        _wheel_down(view)
    assert len(reported) == 1


# ---- clicks and links -------------------------------------------------------------------


def test_clicking_a_block_reports_its_first_line(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<p>one</p>", 0, 1), ("<p>two<br>lines</p>", 4, 6)]))
    point = _block_center(driver, view, '[data-line="4"]')
    with qtbot.waitSignal(view.line_clicked, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        _click(view, point)
    assert blocker.args == [4]


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://example.com/page?q=1", "https://example.com/page?q=1"),
        ("http://example.com/", "http://example.com/"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
    ],
)
def test_link_click_is_reported_and_not_followed(
    qtbot: QtBot, make_preview, driver, href: str, expected: str
) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([(f'<p><a id="l" href="{href}">link</a></p>', 0, 1)]))
    shell = view.page().url()
    clicked: list[int] = []
    view.line_clicked.connect(clicked.append)
    with qtbot.waitSignal(view.link_activated, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        _click(view, _block_center(driver, view, "#l"))
    assert blocker.args[0].toString() == expected
    assert view.page().url() == shell
    assert clicked == []
    assert _texts(driver, view) == ["link"]  # the page is still there


def test_relative_markdown_links_are_reported_as_local_files(
    qtbot: QtBot, make_preview, driver, tmp_path: Path
) -> None:
    root = tmp_path / "posts" / "mine"
    root.mkdir(parents=True)
    view = make_preview(root=root)
    links = (
        '<p><a id="same" href="other.md#part">same</a></p>'
        '<p><a id="up" href="../theirs/index.md">up</a></p>'
        '<p><a id="blank" href="https://example.com/" target="_blank">new tab</a></p>'
    )
    driver.show(view, 1, blocks_from([(links, 0, 3)]))

    expected = {
        "#same": QUrl.fromLocalFile(str(root / "other.md")).toString() + "#part",
        "#up": QUrl.fromLocalFile(str(tmp_path / "posts" / "theirs" / "index.md")).toString(),
        "#blank": "https://example.com/",
    }
    for selector, url in expected.items():
        with qtbot.waitSignal(view.link_activated, timeout=SIGNAL_TIMEOUT_MS) as blocker:
            _click(view, _block_center(driver, view, selector))
        assert blocker.args[0].toString() == url


def test_middle_click_on_a_link_is_reported_instead_of_opening_a_window(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    driver.show(
        view, 1, blocks_from([('<p><a id="l" href="https://example.com/">l</a></p>', 0, 1)])
    )
    point = _block_center(driver, view, "#l")
    with qtbot.waitSignal(view.link_activated, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        QTest.mouseClick(
            view.web_view().focusProxy(),
            Qt.MouseButton.MiddleButton,
            Qt.KeyboardModifier.NoModifier,
            point,
        )
    assert blocker.args[0].toString() == "https://example.com/"


def test_navigation_guard_refuses_everything_after_the_shell(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<p>x</p>", 0, 1)]))
    page = view.page()
    nav = QWebEnginePage.NavigationType
    activated: list[str] = []
    blocked: list[tuple[str, str]] = []
    view.link_activated.connect(lambda url: activated.append(url.toString()))
    view.activity_blocked.connect(lambda kind, url: blocked.append((kind, url)))
    shell = page.url()

    assert not page.acceptNavigationRequest(
        QUrl("https://a.test/"), nav.NavigationTypeLinkClicked, True
    )
    assert not page.acceptNavigationRequest(shell, nav.NavigationTypeTyped, True)
    assert not page.acceptNavigationRequest(shell, nav.NavigationTypeReload, True)
    assert not page.acceptNavigationRequest(
        QUrl("https://b.test/"), nav.NavigationTypeRedirect, True
    )
    assert not page.acceptNavigationRequest(QUrl("https://c.test/"), nav.NavigationTypeOther, False)

    assert activated == ["https://a.test/"]
    assert [kind for kind, _url in blocked] == ["navigation"] * 4


def test_links_and_images_resolve_against_the_document_folder(
    qtbot: QtBot, make_preview, driver, tmp_path: Path
) -> None:
    folder = tmp_path / "content" / "post"
    folder.mkdir(parents=True)
    _write_png(tmp_path / "shared.png", width=2)
    _write_png(folder / "own.png", width=5)
    view = make_preview()
    view.set_document_root(tmp_path, base=folder)
    html = '<p><img id="own" src="own.png"><img id="shared" src="../../shared.png"></p>'
    driver.show(view, 1, blocks_from([(html, 0, 1)]))
    assert _widths(driver, view) == {"own": 5, "shared": 2}


def test_other_schemes_are_neither_followed_nor_handed_to_the_desktop(
    qtbot: QtBot, make_preview, driver
) -> None:
    handed: list[QUrl] = []

    class Recorder(QWidget):
        def record(self, url: QUrl) -> None:
            handed.append(url)

    from PySide6.QtGui import QDesktopServices

    recorder = Recorder()
    QDesktopServices.setUrlHandler("pwtest-unknown", recorder, "record")
    try:
        view = make_preview()
        links = (
            '<p><a id="u" href="pwtest-unknown:run">u</a>'
            ' <a id="j" href="javascript:void(0)">j</a></p>'
        )
        driver.show(view, 1, blocks_from([(links, 0, 1)]))
        activated: list[QUrl] = []
        view.link_activated.connect(activated.append)
        with qtbot.waitSignal(
            view.activity_blocked,
            timeout=SIGNAL_TIMEOUT_MS,
            check_params_cb=lambda kind, url: kind == "link" and url.startswith("pwtest"),
        ):
            _click(view, _block_center(driver, view, "#u"))
        _click(view, _block_center(driver, view, "#j"))
        assert driver.js(view, "document.title") == "Preview"
        assert activated == []
        assert handed == []
    finally:
        QDesktopServices.unsetUrlHandler("pwtest-unknown")


# ---- files, remote content ----------------------------------------------------------------


def _write_png(path: Path, width: int = 7) -> None:
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, 5, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(path), "PNG")


def _widths(driver: PreviewDriver, view: PreviewView) -> dict[str, int]:
    driver.wait_for_js(view, "Array.from(document.images).every(i => i.complete)")
    pairs = "Array.from(document.images).map(i => [i.id, i.naturalWidth])"
    return driver.js(view, f"JSON.stringify(Object.fromEntries({pairs}))")


def test_only_images_inside_the_document_root_load(
    qtbot: QtBot, make_preview, driver, tmp_path: Path
) -> None:
    root = tmp_path / "post"
    (root / "img").mkdir(parents=True)
    _write_png(root / "img" / "inside.png")
    _write_png(root / "space name.PNG", width=3)
    (root / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9"/></svg>'
    )
    _write_png(tmp_path / "outside.png")
    (root / "escape.png").symlink_to(tmp_path / "outside.png")
    (root / "fake.png").symlink_to(root / "notes.txt")
    (root / "notes.txt").write_text("not an image")
    view = make_preview(root=root)
    outside = tmp_path / "outside.png"
    outside_url = QUrl.fromLocalFile(str(outside)).toString()
    images = (
        '<p><img id="inside" src="img/inside.png"><img id="space" src="space%20name.PNG">'
        '<img id="svg" src="logo.svg"><img id="parent" src="../outside.png">'
        f'<img id="absolute" src="{outside}"><img id="file" src="{outside_url}">'
        '<img id="symlink" src="escape.png"><img id="encoded" src="img/..%2F..%2Foutside.png">'
        '<img id="fake" src="fake.png"></p>'
    )
    driver.show(view, 1, blocks_from([(images, 0, 1)]))

    assert _widths(driver, view) == {
        "inside": 7,
        "space": 3,
        "svg": 9,
        "parent": 0,
        "absolute": 0,
        "file": 0,
        "symlink": 0,
        "encoded": 0,
        "fake": 0,
    }


def test_untitled_document_serves_no_files(
    qtbot: QtBot, make_preview, driver, tmp_path: Path
) -> None:
    _write_png(tmp_path / "a.png")
    view = make_preview()
    src = f"{tmp_path}/a.png"
    driver.show(
        view, 1, blocks_from([(f'<p><img id="a" src="{src}"><img id="b" src="a.png"></p>', 0, 1)])
    )
    assert _widths(driver, view) == {"a": 0, "b": 0}


def test_document_root_change_reloads_once_and_reapplies(
    qtbot: QtBot, make_preview, driver, tmp_path: Path
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    _write_png(first / "pic.png", width=4)
    _write_png(second / "pic.png", width=6)
    view = make_preview(root=first)
    driver.show(view, 1, blocks_from([('<p><img id="pic" src="pic.png"></p>', 0, 1)]))
    assert _widths(driver, view) == {"pic": 4}

    with qtbot.waitSignal(view.updated, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        view.set_document_root(second)
    assert blocker.args == [1]
    assert _widths(driver, view) == {"pic": 6}


def test_quick_successive_roots_end_on_the_last_one(
    qtbot: QtBot, make_preview, driver, tmp_path: Path
) -> None:
    folders = [tmp_path / name for name in ("a", "b", "c")]
    for width, folder in enumerate(folders, start=2):
        folder.mkdir()
        _write_png(folder / "pic.png", width=width)
    view = make_preview()
    for folder in folders:
        view.set_document_root(folder)
    driver.show(view, 1, blocks_from([('<p><img id="pic" src="pic.png"></p>', 0, 1)]))
    assert _widths(driver, view) == {"pic": 4}


def test_remote_images_load_only_when_allowed(qtbot: QtBot, make_preview, driver, loopback) -> None:
    view = make_preview()
    html = (
        f'<p><img id="s" src="{loopback.url("https", "/secure.png")}">'
        f'<img id="p" src="{loopback.url("http", "/plain.png")}"></p>'
    )
    driver.show(view, 1, blocks_from([(html, 0, 1)]))
    _widths(driver, view)
    assert loopback.hit_count() == 0

    with qtbot.waitSignal(view.updated, timeout=SIGNAL_TIMEOUT_MS):
        view.set_remote_allowed(True)
    qtbot.waitUntil(lambda: loopback.hit_count() >= 1, timeout=SIGNAL_TIMEOUT_MS)
    _widths(driver, view)
    # Only the https image went out (a TLS hello); plain http stays blocked.
    assert all(not hit.startswith(b"GET ") for hit in loopback.hits)

    with qtbot.waitSignal(view.updated, timeout=SIGNAL_TIMEOUT_MS):
        view.set_remote_allowed(False)
    count = loopback.hit_count()
    _widths(driver, view)
    assert loopback.hit_count() == count
    csp = driver.js(view, "document.querySelector('meta[http-equiv]').content")
    assert "https:" not in csp


# ---- theme, zoom, panel ---------------------------------------------------------------------


def test_reloading_for_remote_content_keeps_the_scroll_position(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from(_tall_blocks(60)))
    view.scroll_to_line(90.0)
    driver.wait_for_js(view, f"Math.abs({_top_of(90)}) < 1")

    with qtbot.waitSignal(view.updated, timeout=SIGNAL_TIMEOUT_MS):
        view.set_remote_allowed(True)
    driver.wait_for_js(view, f"Math.abs({_top_of(90)}) < 1")


def test_dark_theme_swaps_the_stylesheet_in_place(qtbot: QtBot, make_preview, driver) -> None:
    sheets = {False: "body { color: rgb(1, 2, 3); }", True: "body { color: rgb(4, 5, 6); }"}
    view = make_preview(stylesheet=lambda dark, _theme: sheets[dark])
    driver.show(view, 1, blocks_from([("<p>x</p>", 0, 1)]))
    color = "getComputedStyle(document.body).color"
    driver.wait_for_js(view, f"{color} === 'rgb(1, 2, 3)'")
    _mark_blocks(driver, view)

    view.set_dark(True)
    driver.wait_for_js(view, f"{color} === 'rgb(4, 5, 6)'")
    assert driver.js(view, "document.documentElement.dataset.theme") == "dark"
    assert _marks(driver, view) == ["x"]  # not reloaded


def test_zoom_is_clamped(qtbot: QtBot, make_preview) -> None:
    view = make_preview()
    view.set_zoom(1.5)
    assert view.page().zoomFactor() == pytest.approx(1.5)
    view.set_zoom(100)
    assert view.page().zoomFactor() == pytest.approx(5.0)


def test_panel_is_accessible_and_its_menu_offers_only_copy_and_select_all(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    assert view.accessibleName() == "Preview"
    assert view.accessibleDescription()
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert view.focusProxy() is view.web_view()
    driver.show(
        view, 1, blocks_from([('<p><a id="l" href="https://example.com/">l</a></p>', 0, 1)])
    )

    seen: list[list[str]] = []

    def read_and_close_menu() -> None:  # runs inside the menu's own event loop
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_and_close_menu)
            return
        seen.append([action.text() for action in menu.actions()])
        menu.close()

    QTimer.singleShot(0, read_and_close_menu)
    QTest.mouseClick(
        view.web_view().focusProxy(),
        Qt.MouseButton.RightButton,
        Qt.KeyboardModifier.NoModifier,
        _block_center(driver, view, "#l"),
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=SIGNAL_TIMEOUT_MS)
    assert seen == [["&Copy", "Select &All"]]


def test_copy_shortcut_copies_the_selection(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<p>copy me</p>", 0, 1)]))
    QGuiApplication.clipboard().clear()
    view.setFocus()
    with qtbot.waitSignal(view.page().selectionChanged, timeout=SIGNAL_TIMEOUT_MS):
        view.page().triggerAction(QWebEnginePage.WebAction.SelectAll)
    QTest.keyClick(view.web_view().focusProxy(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: "copy me" in QGuiApplication.clipboard().text(), timeout=SIGNAL_TIMEOUT_MS
    )


# ---- the lockdown itself ---------------------------------------------------------------------


def test_page_content_cannot_run_script_but_the_app_world_can(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<p>x</p>", 0, 1)]))
    results: list[object] = []
    view.page().runJavaScript(
        "6 * 7", int(QWebEngineScript.ScriptWorldId.MainWorld), results.append
    )
    qtbot.waitUntil(lambda: bool(results), timeout=SIGNAL_TIMEOUT_MS)
    assert results[0] != 42
    assert driver.js(view, "6 * 7") == 42
    assert driver.js(view, "typeof qt") == "object"  # the channel lives in the app world


def test_policy_header_and_meta_parse_cleanly(
    qtbot: QtBot, make_preview, driver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="editor.ui.preview")
    view = make_preview()
    driver.show(view, 1, blocks_from([('<p><img src="https://example.com/a.png"></p>', 0, 1)]))
    driver.wait_for_js(view, "document.images[0].complete")
    console = [record.getMessage() for record in caplog.records if "console" in record.getMessage()]
    assert any("Refused to load the image" in message for message in console)
    assert not [message for message in console if "Content-Security-Policy directive" in message]


def test_a_page_that_leaves_the_shell_is_restored(qtbot: QtBot, make_preview, driver) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<p>kept</p>", 0, 1)]))
    shell_path = view.page().url().path()
    blocked: list[tuple[str, str]] = []
    view.activity_blocked.connect(lambda kind, url: blocked.append((kind, url)))

    # about:blank is one of the navigations QtWebEngine makes without asking the page.
    with qtbot.waitSignal(view.updated, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        view.page().runJavaScript("location.href = 'about:blank'", APP_WORLD)
    assert blocker.args == [1]
    assert blocked == [("navigation", "about:blank")]
    assert _texts(driver, view) == ["kept"]
    assert view.page().url().path() != shell_path  # a fresh generation


def test_hardened_settings_and_profile(make_preview) -> None:
    view = make_preview()
    page = view.page()
    settings = page.settings()
    attribute = QWebEngineSettings.WebAttribute
    for name in (
        "JavascriptEnabled",
        "JavascriptCanOpenWindows",
        "JavascriptCanAccessClipboard",
        "LocalContentCanAccessFileUrls",
        "LocalContentCanAccessRemoteUrls",
        "NavigateOnDropEnabled",
        "PluginsEnabled",
        "PdfViewerEnabled",
        "ErrorPageEnabled",
        "AutoLoadIconsForPage",
    ):
        assert settings.testAttribute(getattr(attribute, name)) is False, name
    assert page.profile().isOffTheRecord()
    assert page.createWindow(QWebEnginePage.WebWindowType.WebBrowserTab) is None


def test_downloads_are_cancelled(qtbot: QtBot, make_preview, driver, loopback) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([("<p>x</p>", 0, 1)]))
    with qtbot.waitSignal(
        view.activity_blocked,
        timeout=SIGNAL_TIMEOUT_MS,
        check_params_cb=lambda kind, _url: kind == "download",
    ):
        view.page().download(QUrl(loopback.url("https", "/file.zip")))
    assert loopback.hit_count() == 0


def test_a_long_post_lays_out_only_what_is_near_the_screen(
    qtbot: QtBot, make_preview, driver
) -> None:
    view = make_preview()
    driver.show(view, 1, blocks_from([(f"<p>Paragraph {n}</p>", n, n + 1) for n in range(30)]))
    is_long = "document.getElementById('pw-content').classList.contains('pw-long')"
    assert driver.js(view, is_long) is False
    long_post = blocks_from([(f"<p>Paragraph {n}</p>", n, n + 1) for n in range(600)])
    driver.show(view, 2, long_post)
    assert driver.js(view, is_long) is True
    visibility = "getComputedStyle(document.querySelector('.pw-block')).contentVisibility"
    assert driver.js(view, visibility) == "auto"


def test_the_application_world_is_the_one_qtwebengine_names() -> None:
    # Written out in the view so that QtWebEngine need not be loaded to know it.
    from PySide6.QtWebEngineCore import QWebEngineScript

    assert int(QWebEngineScript.ScriptWorldId.ApplicationWorld) == APP_WORLD
