"""Opening the window does not load what only publishing, reviewing or signing in needs.

PyGithub, requests and keyring (and the publish and review code that uses them) cost a few
hundred milliseconds to import; the window imports them when the user first publishes, opens a
review or touches the password store, not at start-up (issue 10). Each check runs in a fresh
interpreter, because this test process has long imported them all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import app_environment

#: Modules start-up must not import: the GitHub client, HTTP, the password store, and the
#: publish and review code built on them.
LATER = (
    "github",
    "requests",
    "urllib3",
    "keyring",
    "editor.ui.publish_dialog",
    "editor.services.github.publisher",
    "editor.services.review.pull_requests",
    "editor.ui.review_open_dialog",
    "editor.ui.review_send_dialog",
    "editor.ui.review_article_dialogs",
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _run(script: str, env: dict[str, str], *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    result: dict[str, object] = json.loads(lines[-1])
    return result


def _environment(home: Path) -> dict[str, str]:
    return app_environment(home, LATER_MODULES=",".join(LATER))


IMPORT_ONLY = """
import json, os, sys
import editor.ui.main_window
later = os.environ["LATER_MODULES"].split(",")
print(json.dumps({"loaded": [name for name in later if name in sys.modules]}))
"""


def test_importing_the_window_loads_no_github_http_or_keyring(tmp_path: Path) -> None:
    result = _run(IMPORT_ONLY, _environment(tmp_path))
    assert result["loaded"] == []


#: The start of a script that runs the real app: a user who has seen the welcome, and a way
#: to look at the window when the editor is first painted.
WELCOMED = """
import json, os, sys
from editor.services.paths import app_paths
from editor.services.settings import SettingsStore

paths = app_paths(os.environ)
paths.config_dir.mkdir(parents=True, exist_ok=True)
SettingsStore(paths.config_dir / "settings.json").update_preferences(welcome_done=True)

from PySide6.QtCore import QEvent, QObject

def when_first_painted(window, record):  # record() once the editor shows the post's text
    editor = window.editor

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and editor.blockCount() > 1:
                editor.viewport().removeEventFilter(self)
                record()
            return False

    window._first_paint = FirstPaint(editor)
    editor.viewport().installEventFilter(window._first_paint)
"""


# The real start-up (``postwright POST.md``) with a remembered account; once the preview shows
# the post, report what is loaded and what the window shows, then close.
FULL_START = """
import json, os, sys
from editor.services.paths import app_paths
from editor.services.settings import SettingsStore

paths = app_paths(os.environ)
paths.config_dir.mkdir(parents=True, exist_ok=True)
SettingsStore(paths.config_dir / "settings.json").update_preferences(
    github_account_login="octo-writer", github_account_name="Octo Writer", welcome_done=True
)

import editor.ui.main_window as main_window
from PySide6.QtCore import QTimer

shown = main_window.MainWindow.show

def show(window):
    shown(window)

    def on_updated(_revision):
        if window.editor.blockCount() <= 1:
            return
        later = os.environ["LATER_MODULES"].split(",")
        actions = window.actions_by_id
        print(json.dumps({
            "loaded": [name for name in later if name in sys.modules],
            "account": window.account_widget.name_label.text(),
            "review": {
                name: actions[name].isEnabled()
                for name in ("review.open_pull", "review.open_article", "review.send_changes")
            },
            "publish": actions["file.publish"].isEnabled(),
        }), flush=True)
        window.editor.document().setModified(False)
        QTimer.singleShot(0, window.close)

    window.preview.updated.connect(on_updated)

main_window.MainWindow.show = show

from editor.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_window_opens_a_post_without_loading_github_http_or_keyring(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# A post\n\nSome words to show.\n\nMore words.\n", encoding="utf-8")
    result = _run(FULL_START, _environment(tmp_path), str(post))
    assert result["loaded"] == []
    # What the user sees did not wait for those modules: the remembered account, and the
    # Review and Publish commands ready (sending changes only makes sense during a review).
    assert result["account"] == "octo-writer"
    assert result["review"] == {
        "review.open_pull": True,
        "review.open_article": True,
        "review.send_changes": False,
    }
    assert result["publish"] is True


# The real start-up; what the window's process has loaded when the editor is first painted
# with the post, then whether the panels' work, held until the preview showed the post, ran.
ORDER = (
    WELCOMED
    + """

import editor.ui.main_window as main_window
from PySide6.QtCore import QTimer

HEAVY = (
    "markdown_it", "pygments", "emoji", "spellchecker", "editor.core.checks.engine",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PIL.Image", "pygments.lexers",
)
seen = {}
shown = main_window.MainWindow.show

def show(window):
    shown(window)
    editor = window.editor

    def at_paint():
        seen["at_paint"] = [name for name in HEAVY if name in sys.modules]

    when_first_painted(window, at_paint)

    def report():
        if not (window.problems_panel.problems() and window.outline_panel.tree.topLevelItemCount()):
            QTimer.singleShot(50, report)
            return
        seen["after"] = [name for name in HEAVY if name in sys.modules]
        seen["problems"] = [p.rule for p in window.problems_panel.problems()]
        seen["headings"] = window.outline_panel.tree.topLevelItemCount()
        print(json.dumps(seen), flush=True)
        editor.document().setModified(False)
        window.close()

    report()

main_window.MainWindow.show = show

from editor.__main__ import main
sys.exit(main(sys.argv[1:]))
"""
)


def test_the_post_is_painted_before_the_panels_load_their_heavy_code(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "# A post\n\nSome words. ![A picture](missing.png)\n\n## A part\n\nMore.\n\n# Second\n",
        encoding="utf-8",
    )
    result = _run(ORDER, _environment(tmp_path), str(post))
    # The parsers, the checks, the spelling word list, the web engine and Pillow wait until
    # the post is on screen...
    assert result["at_paint"] == []
    # ...and then run: the outline and the Problems panel fill in. The checks and the outline
    # parse the post in the render child: the window's process never loads the parser, the
    # emoji table, the rules or the code highlighter's lexers (it does load the spelling word
    # list, and Pygments' colours for the preview's stylesheet).
    assert result["headings"] == 2
    assert result["problems"] == ["images.missing"]
    assert "pygments" in result["after"]
    assert not {"markdown_it", "emoji", "editor.core.checks.engine", "pygments.lexers"} & set(
        result["after"]
    )


SOURCE_SCAN = """
import json, linecache, sys
from PySide6 import QtWidgets
from editor.app import skip_pyside_source_scan
read_before = set(linecache.cache)  # the modules imported so far were read
skip_pyside_source_scan()
import editor.ui.main_window
read = [name for name in linecache.cache if "/editor/ui/" in name and name not in read_before]
print(json.dumps({"read": sorted(read)}))
"""


def test_the_window_modules_are_imported_without_reading_their_source(tmp_path: Path) -> None:
    # PySide6 reads each module's source as it is imported, to find its ``__feature__``
    # opt-ins; start-up skips that (no module uses them). A PySide6 that changes the hook
    # makes this fail, so that the cost is seen again.
    result = _run(SOURCE_SCAN, _environment(tmp_path))
    assert result["read"] == []


# The real start-up on a blog post: what the Metadata form holds at the editor's first paint,
# and once the preview shows the post.
FORM = (
    WELCOMED
    + """

import editor.ui.main_window as main_window
from PySide6.QtCore import QTimer

seen = {}
shown = main_window.MainWindow.show

def title(window):
    field = window.metadata_panel.field_widget("title")
    return None if field is None else field.text()

def show(window):
    shown(window)
    editor = window.editor

    def at_paint():
        seen["at_paint"] = title(window)
        seen["yaml_at_paint"] = [m for m in ("ruamel.yaml", "yaml") if m in sys.modules]

    when_first_painted(window, at_paint)

    def on_updated(_revision):
        if editor.blockCount() <= 1 or "shown" in seen:
            return
        seen["shown"] = title(window)
        print(json.dumps(seen), flush=True)
        editor.document().setModified(False)
        QTimer.singleShot(0, window.close)

    window.preview.updated.connect(on_updated)

main_window.MainWindow.show = show

from editor.__main__ import main
sys.exit(main(sys.argv[1:]))
"""
)


@pytest.mark.parametrize("place", ["blog/content/post/a-post/index.md", "a-post.md"])
def test_the_metadata_form_is_filled_once_the_post_is_on_screen(tmp_path: Path, place: str) -> None:
    # In the blog's layout the site is told by the place, for a loose file by the keys.
    post = tmp_path / place
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(
        '---\ntitle: "A post"\nauthor: "Ana"\ngithubname: ana\ncategories: []\n---\n\n'
        "Some words.\n\nMore words.\n",
        encoding="utf-8",
    )
    result = _run(FORM, _environment(tmp_path), str(post))
    assert result["at_paint"] is None  # the editor first (and no YAML read yet)...
    assert result["yaml_at_paint"] == []
    assert result["shown"] == "A post"  # ...then the form, before the preview shows the post
