"""The window on a real X11 display (Xvfb): what the offscreen platform cannot show.

The preview's web engine starts after the window is first painted. On X11, a web view added to
a window shown with a plain surface makes Qt destroy and re-create the native window; the
window flickers, and the panels were hidden for good (the View menu followed the docks' brief
hiding). The window must be created once, with the surface the web view needs, and every
panel must still be there once the preview shows the post.

Both ways of drawing are run: through OpenGL (a graphics card; Xvfb's is Mesa's software one)
and in software, which the app picks on a machine without a usable graphics card.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import app_environment

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("x11_window_probe.py")
POST = "---\ntitle: On X11\nauthor: Tester\n---\n\nSome words for the preview.\n"


def _xvfb_run_or_skip() -> str:
    tool = shutil.which("xvfb-run")
    if tool is None:
        reason = "xvfb-run not installed (packaging/test-packages.txt lists it)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run this test")
        pytest.skip(reason)
    return tool


@pytest.mark.parametrize("rendering", ["gpu", "software"])
def test_the_window_is_created_once_and_keeps_its_panels_when_the_preview_starts(
    tmp_path: Path, rendering: str
) -> None:
    xvfb_run = _xvfb_run_or_skip()
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    report = tmp_path / "report.json"
    env = app_environment(
        tmp_path / "home",
        QT_QPA_PLATFORM="xcb",
        DBUS_SESSION_BUS_ADDRESS="disabled:",
        POSTWRIGHT_RENDERING=rendering,
        QTWEBENGINE_CHROMIUM_FLAGS="",  # the suite's own GPU switch would decide for the app
        PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
    )
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):  # xvfb-run gives its own display
        env.pop(variable, None)
    xvfb = [xvfb_run, "-a", "-s", "-screen 0 1400x900x24 -nolisten tcp"]
    done = subprocess.run(
        [*xvfb, sys.executable, str(PROBE), str(report), str(post)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert report.exists(), f"the window reported nothing:\n{done.stderr[-3000:]}"
    seen = json.loads(report.read_text(encoding="utf-8"))

    assert seen["at_show"]["surface"] == (
        "OpenGLSurface" if rendering == "gpu" else "RasterSurface"
    )
    assert "Some words for the preview." in seen["preview_text"]
    assert seen["after_preview"]["window_id"] == seen["at_show"]["window_id"]
    assert seen["docks_visible"] == {
        "library_dock": True,
        "metadata_dock": True,
        "images_dock": True,
        "outline_dock": True,
        "problems_dock": True,
        "review_dock": False,  # shown only while reviewing a pull request
    }
    # The page's renderer and the zygote it forks from (its sandbox's helpers, when there is
    # a sandbox), but no idle unsandboxed zygote (9 MiB).
    assert "zygote" in seen["engine_processes"]
    assert "zygote (unsandboxed)" not in seen["engine_processes"]
