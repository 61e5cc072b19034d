"""The web engine's switches: added to the user's own, never over a choice the user made."""

from __future__ import annotations

import pytest

from editor.ui.engine_flags import LITE_SCRIPT_ENGINE, NO_UNSANDBOXED_ZYGOTE, apply_engine_flags


def test_no_flags_gets_the_apps_switches() -> None:
    environ: dict[str, str] = {}
    apply_engine_flags(environ)
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == [
        NO_UNSANDBOXED_ZYGOTE,
        LITE_SCRIPT_ENGINE,
    ]


def test_the_users_flags_are_kept_and_the_switches_added_once() -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu --lang=de"}
    apply_engine_flags(environ)
    apply_engine_flags(environ)
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == [
        "--disable-gpu",
        "--lang=de",
        NO_UNSANDBOXED_ZYGOTE,
        LITE_SCRIPT_ENGINE,
    ]


@pytest.mark.parametrize("choice", ["--no-zygote", "--single-process"])
def test_a_process_model_the_user_chose_is_left_alone(choice: str) -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": f"--no-sandbox {choice}"}
    apply_engine_flags(environ)
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == [
        "--no-sandbox",
        choice,
        LITE_SCRIPT_ENGINE,
    ]


def test_the_users_own_script_engine_flags_are_left_alone() -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--js-flags=--max-lazy"}
    apply_engine_flags(environ)
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == [
        "--js-flags=--max-lazy",
        NO_UNSANDBOXED_ZYGOTE,
    ]
