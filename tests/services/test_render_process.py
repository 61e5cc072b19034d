"""Rendering in a child process: same result as in-process, and it survives a crash."""

from __future__ import annotations

import os
import signal

from editor.core.render import RenderOptions, render_document
from editor.services.render_process import RenderProcess, render_with_stats

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
