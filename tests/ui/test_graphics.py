"""Drawing in software on a machine without a usable graphics card, and the user's say on it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.ui.graphics import (
    GPU,
    SOFTWARE,
    apply_rendering,
    choose_rendering,
    draws_in_software,
    has_usable_gpu,
)


def _no_gpu() -> bool:
    return False


def _a_gpu() -> bool:
    return True


def test_a_linux_machine_without_a_graphics_card_draws_in_software() -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--lang=de"}

    apply_rendering(choose_rendering(environ, "linux", _no_gpu), environ)

    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"] == "--lang=de --disable-gpu"
    assert environ["QT_QUICK_BACKEND"] == "software"
    assert environ["QT_XCB_GL_INTEGRATION"] == "none"
    assert draws_in_software(environ)


def test_a_machine_with_a_graphics_card_is_left_to_use_it() -> None:
    environ: dict[str, str] = {}

    apply_rendering(choose_rendering(environ, "linux", _a_gpu), environ)

    assert environ == {}
    assert not draws_in_software(environ)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_always_use_their_graphics_api(platform: str) -> None:
    assert choose_rendering({}, platform, _no_gpu) == GPU


@pytest.mark.parametrize(("asked", "gpu_present", "expected"), [
    ("software", _a_gpu, SOFTWARE),
    ("GPU", _no_gpu, GPU),
    ("", _no_gpu, SOFTWARE),
    ("sideways", _a_gpu, GPU),  # not a choice: the machine decides
])  # fmt: skip
def test_the_user_can_choose_how_the_app_draws(asked: str, gpu_present, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert choose_rendering({"POSTWRIGHT_RENDERING": asked}, "linux", gpu_present) == expected


def test_gpu_switches_the_user_gave_chromium_decide() -> None:
    asked_off = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
    tuned = {"QTWEBENGINE_CHROMIUM_FLAGS": "--ignore-gpu-blocklist"}

    assert choose_rendering(asked_off, "linux", _a_gpu) == SOFTWARE
    assert choose_rendering(tuned, "linux", _no_gpu) == GPU


def test_settings_the_user_made_are_kept_and_the_switch_is_not_doubled() -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu", "QT_XCB_GL_INTEGRATION": "xcb_egl"}

    apply_rendering(SOFTWARE, environ)

    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"] == "--disable-gpu"
    assert environ["QT_XCB_GL_INTEGRATION"] == "xcb_egl"


def test_a_graphics_device_counts_only_when_this_user_may_open_it(tmp_path: Path) -> None:
    device = tmp_path / "renderD128"
    pattern = str(tmp_path / "renderD*")

    assert not has_usable_gpu([pattern])  # none there
    device.touch(mode=0o600)
    assert has_usable_gpu([pattern])
    if os.geteuid() != 0:  # root may open anything
        device.chmod(0o000)
        assert not has_usable_gpu([pattern])
