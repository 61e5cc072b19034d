"""The composition root: builds the services and the window, wires them, runs the event loop.

This is the only place that knows which concrete pieces make up the application. No logic lives
here; everything it creates receives its collaborators through its constructor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from editor import __version__
from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.resources import resource_path
from editor.services.credentials import TokenStore
from editor.services.library import Library
from editor.services.paths import AppPaths, app_paths
from editor.services.recovery import RecoveryStore
from editor.services.render_process import RenderProcess
from editor.services.settings import SettingsStore

if TYPE_CHECKING:  # Qt is imported only once a window is wanted
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow


def _prepare_environment() -> None:
    """Chromium refuses to start as root with its sandbox; say so and run without it. Without
    a usable graphics card, draw in software rather than through emulated OpenGL. Ask the
    web engine for no more processes and memory than the preview needs."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from editor.ui.engine_flags import apply_engine_flags
    from editor.ui.graphics import apply_rendering, choose_rendering

    apply_rendering(choose_rendering(os.environ), os.environ)
    apply_engine_flags(os.environ)


def _no_display() -> bool:
    """On Linux, no X11 or Wayland display and no platform chosen: Qt would abort."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def skip_pyside_source_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it (~25 ms at start).

    PySide6 hooks imports to learn which modules opt in to its ``from __feature__ import``
    syntax (snake_case names, true properties); it finds out by reading each new module's
    source for the word "PySide6". Neither this app nor its libraries use those features, so
    every module is marked as not using them without reading it. Only the private hook is
    replaced, and only when it is there: another PySide6 version just keeps scanning.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_pyside_features  # type: ignore[attr-defined]


def _uses_no_pyside_features(_module: object) -> bool:
    return False


def _library_root() -> Path:
    """Where the user's posts live: a visible folder in their documents."""
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "Postwright"


#: Sample posts by site (the blog's is the default): bundled folder, the post inside it.
_SAMPLES = {"learn-m365-community": ("sample-learn", "Community/welcome-to-postwright.md")}


def sample_post(paths: AppPaths, site: str = "") -> Path:
    """The user's copy of the bundled sample post for ``site`` (copied once, so edits to it
    are kept); the blog's when the site has no sample of its own."""
    folder, name = _SAMPLES.get(site, ("sample", "welcome.md"))
    target = paths.data_dir / folder
    post = target / name
    if not post.exists():
        shutil.copytree(resource_path(folder), target, dirs_exist_ok=True)
    return post


def _application(kind: type[QApplication]) -> QApplication:
    """The application object, named so the desktop and the settings know it."""
    app = kind(sys.argv[:1])
    app.setApplicationName("Postwright")
    app.setApplicationDisplayName("Postwright")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Postwright")
    app.setDesktopFileName("postwright")
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resource_path("icons/postwright.svg"))))
    return app


def _open_first_post(
    window: MainWindow, args: argparse.Namespace, recovery: RecoveryStore, paths: AppPaths
) -> None:
    """Recovered posts first; then the file asked for; the welcome on the very first start;
    else the most recent post or the sample."""
    from editor.ui.recovery_dialog import recover_at_start

    if recover_at_start(window, recovery):
        return  # the user chose what to open from the recovered posts
    requested = None if args.sample else args.file
    if requested is None and not args.sample and not window.settings.preferences.welcome_done:
        window.start_welcome(lambda site: sample_post(paths, site))
    else:
        window.open_initial(requested, lambda: sample_post(paths), force_sample=args.sample)


def _install_language(app: QApplication, settings: SettingsStore) -> None:
    """The user's language, or the pseudo-locale (longer, bracketed text: checks layouts)."""
    from editor.ui.i18n import install_pseudo_locale, install_translations

    if os.environ.get("POSTWRIGHT_PSEUDO_LOCALE"):
        install_pseudo_locale(app)
    else:
        install_translations(app, settings.preferences.language)


def _attach_test_hooks(window: MainWindow) -> None:
    """What the crash test and the screenshots drive the real app through; never set else."""
    from editor.ui.autosave import TEST_INPUT_VARIABLE, ScriptedInput
    from editor.ui.screenshot import VARIABLE as SCREENSHOT_VARIABLE
    from editor.ui.screenshot import take_screenshot_later

    if os.environ.get(TEST_INPUT_VARIABLE):  # the crash test types through this
        ScriptedInput(window.editor, window.document, int(os.environ[TEST_INPUT_VARIABLE]), window)
    if os.environ.get(SCREENSHOT_VARIABLE):  # README and packaging smoke test
        take_screenshot_later(window, Path(os.environ[SCREENSHOT_VARIABLE]))


def run(args: argparse.Namespace) -> int:
    """Open the window on ``args.file`` (or the sample post) and run until it closes."""
    if _no_display():
        print(
            "postwright: there is no graphical display here (DISPLAY is not set), so the "
            "window cannot open. On a desktop, start Postwright from its session; without "
            "one, 'postwright render POST.md -o POST.html' still works.",
            file=sys.stderr,
        )
        return 1
    _prepare_environment()
    # The render child starts first: it loads the renderer while this process loads the
    # window's modules, so the preview is ready soon after the editor (decision 0011).
    renderer = RenderProcess()
    renderer.start()
    from PySide6.QtCore import QCoreApplication, Qt, QTimer

    skip_pyside_source_scan()  # before the window's modules are imported
    from PySide6.QtWidgets import QApplication

    from editor.ui.account_controller import AccountController
    from editor.ui.autosave import TerminationGuard, install_autosave
    from editor.ui.idle_gc import install_idle_collection
    from editor.ui.main_window import MainWindow
    from editor.ui.preview_controller import RENDER_GROUP
    from editor.ui.startup import after_first_paint, release_when_shown
    from editor.ui.tasks import TaskRunner
    from editor.ui.theme import WindowTheme

    # QtWebEngine is loaded only once the editor has been painted (the preview starts it);
    # what importing it first would do, sharing OpenGL contexts, must be asked before the
    # application object exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = _application(QApplication)
    collector = install_idle_collection(app)  # long garbage collections wait for a pause

    paths = app_paths(os.environ)
    settings = SettingsStore(paths.config_dir / "settings.json")
    _install_language(app, settings)
    tasks = TaskRunner(app)
    # The panels' first background work waits until the post is on screen, preview included.
    tasks.hold(except_groups={RENDER_GROUP})
    profiles = load_profiles(builtin_profiles_dir(), paths.config_dir / "profiles")
    library = Library(_library_root())
    account = AccountController(settings, tasks, TokenStore(), parent=app)
    window = MainWindow(
        settings,
        tasks,
        renderer,
        WindowTheme(app),
        profiles=profiles,
        library=library,
        account=account,
    )
    collector.watch(window.editor)
    collector.watch_work(tasks.job_finished)  # and after background work, memory handed back
    recovery = RecoveryStore(paths.data_dir / "recovery")
    autosave = install_autosave(window, settings, recovery)
    termination = TerminationGuard(autosave, window)  # SIGTERM/SIGHUP: journal, then quit
    window.show()
    _attach_test_hooks(window)
    # The Metadata form is filled once the editor has been painted and the preview's web
    # engine has started (on the turn after that paint), while the engine loads its page.
    metadata = window.metadata_controller
    metadata.hold_form()
    _open_first_post(window, args, recovery, paths)
    after_first_paint(window.editor.viewport(), lambda: QTimer.singleShot(0, metadata.release_form))
    release_when_shown(tasks, window.editor.viewport(), window.preview)
    code = app.exec()
    termination.release()
    autosave.close()
    recovery.close_session()
    tasks.wait_for_done()
    renderer.shutdown()
    del window  # the preview's page must go before its profile and the application
    return code
