"""Test set-up shared by every layer.

Qt runs headless (offscreen) and QtWebEngine without its sandbox when we are root. These must
be set before PySide6 is imported anywhere, so they live at the top of the root conftest.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_github.fixtures import fake_github, no_git  # noqa: F401  (the fake GitHub's fixtures)

from editor.services.render_process import RenderProcess
from editor.ui.engine_flags import apply_engine_flags

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
apply_engine_flags(os.environ)  # the preview's web engine runs as the app runs it
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("LANG", "C.UTF-8")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project; under CI it must be there."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing, and CI needs it")
        pytest.skip("../shared is not beside this checkout (only CI is required to have it)")
    return SHARED


def app_environment(home: Path, **extra: str) -> dict[str, str]:
    """The environment for running the real app as a subprocess: this one, with every
    per-user folder under ``home`` and offscreen Qt (``extra`` added or overriding)."""
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.update(extra)
    return env


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every per-user folder at a temporary place so tests never touch a real profile."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(name, str(home / sub))


@pytest.fixture(scope="session")
def render_process() -> Iterator[RenderProcess]:
    """One render child process for the whole session (starting one costs a few hundred ms)."""
    process = RenderProcess()
    process.start()
    yield process
    process.shutdown()


_FIGURES: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect the figures tests record with ``record_property("..._rate", ...)``."""
    if report.when == "call":
        _FIGURES.extend(
            f"{name} = {value}" for name, value in report.user_properties if name.endswith("_rate")
        )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print those figures at the end of every run (e.g. the CommonMark pass rate)."""
    if _FIGURES:
        terminalreporter.section("figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)
