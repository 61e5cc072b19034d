"""How the window and the preview draw: through the graphics card, or in software without one.

The preview's web engine draws through OpenGL by default. On a machine with no graphics card
the app can use (a virtual machine, a remote desktop, a container), that OpenGL is Mesa's
software emulation: it loads LLVM into the window's process (measured: 40 MiB more memory
offscreen, 85 MiB on X11) and draws more slowly than Chromium's and Qt's own software paths.
So, on Linux, when no graphics device can be opened, the app asks Chromium not to use the
GPU, Qt Quick (which shows the web view) to draw in software, and Qt's X11 plugin not to load
OpenGL at all (decision 0011).

``POSTWRIGHT_RENDERING=gpu`` or ``=software`` overrides the choice; so does a GPU switch the
user gave Chromium in ``QTWEBENGINE_CHROMIUM_FLAGS``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path

VARIABLE = "POSTWRIGHT_RENDERING"
GPU = "gpu"
SOFTWARE = "software"

#: Device files through which Linux programs reach a graphics card (Mesa's and NVIDIA's
#: drivers, WSL's GPU bridge), as patterns on file names.
GPU_DEVICES = ("/dev/dri/renderD*", "/dev/dri/card*", "/dev/nvidia[0-9]*", "/dev/dxg")

_CHROMIUM_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"
_GPU_WORDS = ("gpu", "--use-gl", "--use-angle", "--enable-features=vulkan")


def has_usable_gpu(patterns: Iterable[str] = GPU_DEVICES) -> bool:
    """A graphics device exists that this user may open (one the user may not open, as when
    they are not in the ``render`` group, leaves OpenGL as software as having none)."""
    return any(
        os.access(device, os.R_OK | os.W_OK)
        for pattern in map(Path, patterns)
        for device in pattern.parent.glob(pattern.name)
    )


def choose_rendering(
    environ: MutableMapping[str, str],
    platform: str = sys.platform,
    gpu_present: Callable[[], bool] = has_usable_gpu,
) -> str:
    """:data:`GPU` or :data:`SOFTWARE`: what the user asked for, else what the machine has."""
    asked = environ.get(VARIABLE, "").strip().lower()
    if asked in (GPU, SOFTWARE):
        return asked
    flags = environ.get(_CHROMIUM_FLAGS, "").lower().split()
    if "--disable-gpu" in flags:
        return SOFTWARE
    if any(word in flag for flag in flags for word in _GPU_WORDS):
        return GPU  # the user tuned Chromium's GPU use themselves: leave it to them
    if not platform.startswith("linux"):
        return GPU  # Windows and macOS always have a usable graphics API
    return GPU if gpu_present() else SOFTWARE


def apply_rendering(choice: str, environ: MutableMapping[str, str]) -> None:
    """Set up ``environ`` for ``choice``; must run before the application object exists."""
    if choice != SOFTWARE:
        return
    flags = environ.get(_CHROMIUM_FLAGS, "").split()
    if "--disable-gpu" not in flags:
        environ[_CHROMIUM_FLAGS] = " ".join([*flags, "--disable-gpu"])
    environ.setdefault("QT_QUICK_BACKEND", "software")
    environ.setdefault("QT_XCB_GL_INTEGRATION", "none")


def draws_in_software(environ: MutableMapping[str, str] | None = None) -> bool:
    """Qt Quick, and so the web view, draws in software (no OpenGL surface needed)."""
    return (os.environ if environ is None else environ).get("QT_QUICK_BACKEND") == SOFTWARE
