"""The web engine is asked for no unsandboxed zygote, unless the user chose its processes."""

from __future__ import annotations

import pytest

from editor.ui.engine_processes import NO_UNSANDBOXED_ZYGOTE, apply_process_model


def test_no_flags_gets_the_switch() -> None:
    environ: dict[str, str] = {}
    apply_process_model(environ)
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"] == NO_UNSANDBOXED_ZYGOTE


def test_the_users_flags_are_kept_and_the_switch_added_once() -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu --lang=de"}
    apply_process_model(environ)
    apply_process_model(environ)
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == [
        "--disable-gpu",
        "--lang=de",
        NO_UNSANDBOXED_ZYGOTE,
    ]


@pytest.mark.parametrize("choice", ["--no-zygote", "--single-process"])
def test_a_process_model_the_user_chose_is_left_alone(choice: str) -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": f"--no-sandbox {choice}"}
    apply_process_model(environ)
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"] == f"--no-sandbox {choice}"
