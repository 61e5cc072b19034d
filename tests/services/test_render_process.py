"""Rendering in a child process: same result as in-process, and it survives a crash."""

from __future__ import annotations

import os
import signal

import pytest

from editor.core.render import RenderOptions, render_document
from editor.services.render_process import RenderFailedError, RenderProcess, render_with_stats

POST = "---\ntitle: T\n---\n\n## Heading\n\nSome *words* here.\n"


def test_child_renders_exactly_what_the_renderer_renders(render_process: RenderProcess) -> None:
    outcome = render_process.render(7, POST, RenderOptions())
    assert outcome.revision == 7
    assert outcome.result == render_document(POST)
    assert outcome.words == render_with_stats(7, POST, RenderOptions()).words


def test_a_killed_child_is_replaced_and_the_render_still_succeeds() -> None:
    process = RenderProcess()
    try:
        process.render(1, POST, RenderOptions())
        children = process.child_pids()
        assert children
        for pid in children:  # as a crash would
            os.kill(pid, signal.SIGKILL)
        outcome = process.render(2, POST, RenderOptions())
        assert outcome.result == render_document(POST)
        assert process.child_pids() and set(process.child_pids()).isdisjoint(children)
    finally:
        process.shutdown()


def test_a_hung_render_is_stopped_and_reported_in_plain_words(monkeypatch) -> None:
    process = RenderProcess()
    monkeypatch.setattr(RenderProcess, "TIMEOUT_S", 0.5)
    try:
        process.render(1, POST, RenderOptions())
        hung = process.child_pids()
        os.kill(hung[0], signal.SIGSTOP)  # the child stops answering, as a hang would
        with pytest.raises(RenderFailedError, match="took too long"):
            process.render(2, POST, RenderOptions())
        outcome = process.render(3, POST, RenderOptions())  # a fresh child takes over
        assert outcome.result == render_document(POST)
        assert set(process.child_pids()).isdisjoint(hung)
    finally:
        process.shutdown()
