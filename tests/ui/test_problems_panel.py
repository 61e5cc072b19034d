"""The Problems panel: findings listed as you type, click to jump, one-click undoable fixes,
squiggles in the editor, and the "Check links" action with its progress."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import shiboken6
from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from editor.core.profiles import Profile, builtin_profiles_dir, load_profiles
from editor.services.library import Library
from editor.services.link_check import LinkChecker
from editor.services.settings import SettingsStore
from editor.ui.document import editor_text
from editor.ui.editor import MarkdownEditor
from editor.ui.main_window import MainWindow
from editor.ui.problems_panel import ProblemsController, ProblemsPanel
from editor.ui.tasks import TaskRunner

BLOG = load_profiles(builtin_profiles_dir()).get("pnp-blog")
FRONT = (
    "---\n"
    'title: "A post"\n'
    "date: 2025-01-31T09:30:00+01:00\n"
    'author: "Ann Author"\n'
    "githubname: annauthor\n"
    'categories: ["Community post"]\n'
    "images:\n"
    "- images/thumb.png\n"
    "tags: []\n"
    'type: "regular"\n'
    "---\n"
)
BODY_LINE = FRONT.count("\n")  # 0-based line of the first body line


class Setup:
    def __init__(self, qtbot: QtBot, post: Path, profile: Profile | None, checker=LinkChecker):
        self.qtbot = qtbot
        self.editor = MarkdownEditor()
        self.panel = ProblemsPanel()
        self.tasks = TaskRunner()
        self.notices: list[str] = []
        self.controller = ProblemsController(
            self.editor,
            self.panel,
            self.tasks,
            lambda: (post, profile),
            link_checker=checker,
        )
        self.controller.notice.connect(self.notices.append)
        qtbot.addWidget(self.editor)
        qtbot.addWidget(self.panel)

    def type_text(self, text: str) -> None:
        self.editor.setPlainText(text)

    def rules(self) -> list[str]:
        return [p.rule for p in self.panel.problems()]

    def wait_for(self, predicate) -> None:
        self.qtbot.waitUntil(predicate, timeout=10_000)

    def select(self, rule: str) -> None:
        tree = self.panel.tree
        for index in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole).rule == rule:
                tree.setCurrentItem(item)
                return
        raise AssertionError(f"{rule} is not listed: {self.rules()}")

    def close(self) -> None:
        self.tasks.wait_for_done()


@pytest.fixture
def post(tmp_path: Path) -> Path:
    bundle = tmp_path / "content" / "post" / "a-post"
    (bundle / "images").mkdir(parents=True)
    Image.new("RGB", (40, 20), "white").save(bundle / "images" / "thumb.png")
    return bundle / "index.md"


@pytest.fixture
def setup(qtbot: QtBot, post: Path) -> Iterator[Setup]:
    made = Setup(qtbot, post, BLOG)
    yield made
    made.close()


def test_problems_are_listed_as_you_type_and_go_when_fixed(setup: Setup) -> None:
    setup.type_text(FRONT + "# Title again\n\n![A chart](images/chart.png)\n")
    setup.wait_for(lambda: setup.rules() == ["structure.h1-in-body", "images.missing"])
    assert "1 error" in setup.panel.summary.text()
    setup.type_text(FRONT + "## Title again\n\n![A chart](images/thumb.png)\n")
    setup.wait_for(lambda: setup.rules() == [])
    assert setup.panel.summary.text() == "No problems found."


def test_the_panel_never_says_no_problems_before_the_post_is_checked(setup: Setup) -> None:
    # Nothing checked yet (at start-up the checks wait for the window to be on screen).
    assert setup.panel.summary.text() == "Checking the post…"
    assert setup.panel.problems() == []
    setup.type_text(FRONT + "## A fine heading\n\nWords.\n")
    setup.wait_for(lambda: setup.panel.summary.text() == "No problems found.")
    # Another post: the last one's verdict is not shown for it.
    setup.controller.set_document()
    assert setup.panel.summary.text() == "Checking the post…"
    setup.wait_for(lambda: setup.panel.summary.text() == "No problems found.")


def test_continuous_typing_is_checked_once_it_pauses(setup: Setup, qtbot: QtBot) -> None:
    checked: list[object] = []
    setup.controller.checked.connect(checked.append)
    setup.type_text(FRONT + "Intro.\n")
    setup.wait_for(lambda: len(checked) == 1)
    cursor = setup.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    setup.editor.setTextCursor(cursor)
    for character in "# Title again":  # typed with short gaps: no check while typing
        setup.editor.insertPlainText(character)
        qtbot.wait(40)
    assert len(checked) == 1
    assert setup.rules() == []
    setup.wait_for(lambda: setup.rules() == ["structure.h1-in-body"])  # the pause checks it
    assert len(checked) == 2


def test_activating_a_problem_moves_the_cursor_to_its_line(setup: Setup) -> None:
    setup.type_text(FRONT + "Intro.\n\n\n# Title again\n")
    setup.wait_for(lambda: setup.rules() == ["structure.h1-in-body"])
    setup.select("structure.h1-in-body")
    setup.panel.tree.setFocus()
    setup.qtbot.keyClick(setup.panel.tree, Qt.Key.Key_Return)
    assert setup.editor.cursor_line() == BODY_LINE + 3


def test_a_click_on_a_problem_jumps_to_it(setup: Setup) -> None:
    setup.type_text(FRONT + "Intro.\n\n# Title again\n")
    setup.wait_for(lambda: setup.rules() == ["structure.h1-in-body"])
    setup.panel.show()
    tree = setup.panel.tree
    item = tree.topLevelItem(0)
    assert item is not None
    rect = tree.visualItemRect(item)
    setup.qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert setup.editor.cursor_line() == BODY_LINE + 2


def test_next_and_previous_problem_go_round_the_post(setup: Setup) -> None:
    setup.type_text(FRONT + "# One\n\nText.\n\n# Two\n")
    setup.wait_for(lambda: len(setup.rules()) == 2)
    setup.editor.go_to_line(0)
    setup.controller.go_to_next_problem()
    assert setup.editor.cursor_line() == BODY_LINE
    assert setup.panel.selected_problem() == setup.panel.problems()[0]
    setup.controller.go_to_next_problem()
    assert setup.editor.cursor_line() == BODY_LINE + 4
    setup.controller.go_to_next_problem()  # past the last: back to the first
    assert setup.editor.cursor_line() == BODY_LINE
    setup.controller.go_to_previous_problem()  # before the first: the last
    assert setup.editor.cursor_line() == BODY_LINE + 4
    assert setup.panel.selected_problem() == setup.panel.problems()[1]


def test_the_problem_under_the_mouse_is_found_for_its_tooltip(setup: Setup) -> None:
    setup.type_text(FRONT + "Intro.\n\n# Title again\n")
    setup.wait_for(lambda: setup.rules() == ["structure.h1-in-body"])
    block = setup.editor.document().findBlockByNumber(BODY_LINE + 2)
    inside = setup.controller.problems_at(block.position() + 3)
    assert [p.rule for p in inside] == ["structure.h1-in-body"]
    assert (
        setup.controller.problems_at(
            setup.editor.document().findBlockByNumber(BODY_LINE).position()
        )
        == []
    )


def test_the_fix_button_applies_one_undoable_edit(setup: Setup) -> None:
    original = FRONT + "# Title again\n\nText.\n"
    setup.type_text(original)
    setup.wait_for(lambda: setup.rules() == ["structure.h1-in-body"])
    assert not setup.panel.fix_button.isEnabled()
    setup.select("structure.h1-in-body")
    assert setup.panel.fix_button.isEnabled()
    assert "Make it a level-2 heading" in setup.panel.fix_button.text()
    setup.qtbot.mouseClick(setup.panel.fix_button, Qt.MouseButton.LeftButton)
    assert editor_text(setup.editor) == FRONT + "## Title again\n\nText.\n"
    setup.wait_for(lambda: setup.rules() == [])
    setup.editor.undo()
    assert editor_text(setup.editor) == original


def test_a_metadata_fix_rewrites_only_its_field(setup: Setup) -> None:
    text = FRONT.replace('categories: ["Community post"]', 'categories: ["Community Post"]')
    setup.type_text(text + "Text.\n")
    setup.wait_for(lambda: "metadata.categories" in setup.rules())
    setup.select("metadata.categories")
    setup.qtbot.mouseClick(setup.panel.fix_button, Qt.MouseButton.LeftButton)
    assert editor_text(setup.editor) == FRONT + "Text.\n"


def test_a_fix_for_text_that_changed_since_the_check_is_not_applied(setup: Setup) -> None:
    setup.type_text(FRONT + "# Title again\n")
    setup.wait_for(lambda: setup.rules() == ["structure.h1-in-body"])
    setup.select("structure.h1-in-body")
    setup.editor.blockSignals(True)  # an edit the checks have not seen yet
    setup.editor.insertPlainText("x")
    setup.editor.blockSignals(False)
    before = editor_text(setup.editor)
    setup.panel.fix_requested.emit(setup.panel.selected_problem())
    assert editor_text(setup.editor) == before
    assert any("checking again" in n for n in setup.notices)


def test_problems_are_underlined_in_the_editor(setup: Setup) -> None:
    setup.type_text(FRONT + "# Title again\n\n![A chart](images/chart.png)\n")
    setup.wait_for(lambda: len(setup.rules()) == 2)
    assert setup.editor.problem_mark_count() == 2
    marks = [
        s for s in setup.editor.extraSelections() if s.format.underlineStyle().name != "NoUnderline"
    ]
    assert sorted(s.cursor.selectedText() for s in marks) == [
        "![A chart](images/chart.png)",  # a missing picture: its whole line
        "# Title again",
    ]


def test_the_panel_is_keyboard_reachable_and_named(setup: Setup) -> None:
    for widget in (setup.panel.tree, setup.panel.fix_button, setup.panel.links_button):
        assert widget.accessibleName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


# --- links -----------------------------------------------------------------------------------


RELEASE = threading.Event()  # the /slow page answers once a test lets it


class _Site(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        del format, args

    def do_HEAD(self) -> None:
        if self.path == "/slow":
            RELEASE.wait(10)
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    RELEASE.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    RELEASE.set()
    server.shutdown()
    server.server_close()


def test_check_links_reports_broken_links_with_progress(setup: Setup, site: str) -> None:
    setup.type_text(FRONT + f"See [ok]({site}/ok).\n\nAnd [gone]({site}/gone).\n")
    setup.wait_for(lambda: setup.panel.summary.text() == "No problems found.")
    shown: list[tuple[int, int]] = []
    bar = setup.panel.progress
    bar.valueChanged.connect(lambda value: shown.append((value, bar.maximum())))
    setup.qtbot.mouseClick(setup.panel.links_button, Qt.MouseButton.LeftButton)
    setup.wait_for(lambda: "links.broken" in setup.rules())
    (broken,) = [p for p in setup.panel.problems() if p.rule == "links.broken"]
    assert broken.line == BODY_LINE + 2
    assert (2, 2) in shown  # "Links: 2 of 2" was shown on the way
    assert bar.isHidden()
    assert setup.panel.links_button.isEnabled()
    assert any("1 broken" in n for n in setup.notices)


def test_a_link_check_of_the_previous_post_is_dropped(setup: Setup, site: str) -> None:
    setup.type_text(FRONT + f"See [slow]({site}/slow) and [gone]({site}/gone).\n")
    setup.wait_for(lambda: setup.panel.summary.text() == "No problems found.")
    setup.controller.check_links()
    assert not setup.panel.progress.isHidden()
    setup.controller.set_document()  # another post is opened meanwhile
    RELEASE.set()
    setup.tasks.wait_for_done()
    QCoreApplication.sendPostedEvents()  # deliver whatever the old check still sent
    setup.wait_for(lambda: setup.panel.summary.text() == "No problems found.")
    assert setup.panel.progress.isHidden()
    assert "links.broken" not in setup.rules()


class _Offline(urllib.request.BaseHandler):
    def http_open(self, request: urllib.request.Request) -> None:
        raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))

    https_open = http_open


def test_offline_link_check_says_could_not_check(qtbot: QtBot, post: Path) -> None:
    offline = Setup(
        qtbot,
        post,
        BLOG,
        checker=lambda: LinkChecker(opener=urllib.request.build_opener(_Offline)),
    )
    offline.type_text(FRONT + "See [docs](https://example.com/docs).\n")
    offline.wait_for(lambda: offline.panel.summary.text() == "No problems found.")
    offline.controller.check_links()
    offline.wait_for(lambda: "links.unchecked" in offline.rules())
    assert [p.severity for p in offline.panel.problems()] == ["hint"]
    assert any("offline" in n for n in offline.notices)
    offline.close()


# --- in the window ---------------------------------------------------------------------------


def test_the_window_has_a_problems_dock_checked_as_you_type(
    qtbot: QtBot, tmp_path: Path, post: Path, render_process
) -> None:
    tasks = TaskRunner()
    window = MainWindow(
        SettingsStore(tmp_path / "settings.json"),
        tasks,
        render_process,
        profiles=load_profiles(builtin_profiles_dir()),
        library=Library(tmp_path / "library"),
    )
    window.show()
    qtbot.waitExposed(window)
    post.write_text(FRONT + "# Title again\n", encoding="utf-8")
    assert window.document.open_path(post, ask=False)
    panel = window.problems_panel
    qtbot.waitUntil(
        lambda: [p.rule for p in panel.problems()] == ["structure.h1-in-body"], timeout=10_000
    )
    show = window.actions_by_id["view.show_problems"]
    assert show.isChecked() and window.problems_dock.isVisible()
    show.trigger()
    assert not window.problems_dock.isVisible() and not show.isChecked()
    show.trigger()
    assert window.problems_dock.isVisible()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.editor.insertPlainText("\n{{< mermaid >}}\n")
    qtbot.waitUntil(lambda: "shortcodes.unknown" in [p.rule for p in panel.problems()])
    window.editor.document().setModified(False)
    window.close()
    tasks.wait_for_done()
    shiboken6.delete(window)  # now: the preview's page must go before its profile
