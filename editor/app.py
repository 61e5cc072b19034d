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

from editor import __version__
from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.core.resources import resource_path
from editor.services.library import Library
from editor.services.paths import AppPaths, app_paths
from editor.services.render_process import RenderProcess
from editor.services.settings import SettingsStore


def _prepare_environment() -> None:
    """Chromium refuses to start as root with its sandbox; say so and run without it."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def _no_display() -> bool:
    """On Linux, no X11 or Wayland display and no platform chosen: Qt would abort."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def _library_root() -> Path:
    """Where the user's posts live: a visible folder in their documents."""
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "Postwright"


def sample_post(paths: AppPaths) -> Path:
    """The user's copy of the bundled sample post (copied once, so edits to it are kept)."""
    target = paths.data_dir / "sample"
    post = target / "welcome.md"
    if not post.exists():
        shutil.copytree(resource_path("sample"), target, dirs_exist_ok=True)
    return post


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
    from PySide6 import QtWebEngineWidgets  # noqa: F401  (must be imported before QApplication)
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow
    from editor.ui.preview import register_preview_scheme
    from editor.ui.tasks import TaskRunner
    from editor.ui.theme import WindowTheme

    register_preview_scheme()
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Postwright")
    app.setApplicationDisplayName("Postwright")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Postwright")
    app.setDesktopFileName("postwright")

    paths = app_paths(os.environ)
    settings = SettingsStore(paths.config_dir / "settings.json")
    tasks = TaskRunner(app)
    renderer = RenderProcess()
    renderer.start()
    profiles = load_profiles(builtin_profiles_dir(), paths.config_dir / "profiles")
    library = Library(_library_root())
    window = MainWindow(
        settings, tasks, renderer, WindowTheme(app), profiles=profiles, library=library
    )
    window.show()
    requested = None if args.sample else args.file
    window.open_initial(requested, lambda: sample_post(paths), force_sample=args.sample)
    code = app.exec()
    tasks.wait_for_done()
    renderer.shutdown()
    del window  # the preview's page must go before its profile and the application
    return code
