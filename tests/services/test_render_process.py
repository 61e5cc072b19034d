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


CHECK = "editor.services.checks_files:check_saved_post"
OUTLINE = "editor.core.text.outline:outline"


def test_analyses_run_in_the_child_and_answer_as_in_process(
    render_process: RenderProcess, tmp_path
) -> None:
    from editor.services.checks_files import check_saved_post
    from editor.services.render_process import run_named

    post = tmp_path / "post.md"
    text = "# Title\n\n![A picture](missing.png)\n\n## Part\n"
    post.write_text(text, encoding="utf-8")
    # The child reads the post's folder itself: the missing picture is found there.
    report = render_process.analyse(CHECK, text, None, post)
    assert report == check_saved_post(text, None, post)
    assert [p.rule for p in report.problems] == ["images.missing"]
    headings = render_process.analyse(OUTLINE, text)
    assert [h.title for h in headings] == ["Title", "Part"]
    assert headings == run_named(OUTLINE, text)


def test_an_analysis_that_fails_raises_its_own_error_and_the_child_goes_on(
    render_process: RenderProcess,
) -> None:
    with pytest.raises(ModuleNotFoundError):
        render_process.analyse("editor.no_such_module:nothing")
    with pytest.raises(TypeError):
        render_process.analyse(OUTLINE)  # a missing argument
    assert render_process.analyse(OUTLINE, "# Still here\n")[0].title == "Still here"
    assert render_process.render(1, POST, RenderOptions()).result == render_document(POST)


def test_an_answer_that_cannot_be_sent_back_is_an_error_at_once(
    render_process: RenderProcess,
) -> None:
    with pytest.raises(RuntimeError, match="cannot be sent back"):
        render_process.analyse("threading:Lock")  # a lock does not pickle
    assert render_process.analyse(OUTLINE, "# Still here\n")[0].title == "Still here"


def test_a_child_killed_while_idle_is_replaced_for_the_next_analysis() -> None:
    process = RenderProcess()
    try:
        process.analyse(OUTLINE, "# One\n")
        children = process.child_pids()
        for pid in children:  # as a crash would, while idle
            os.kill(pid, signal.SIGKILL)
        assert process.analyse(OUTLINE, "# Two\n")[0].title == "Two"
        assert process.child_pids() and set(process.child_pids()).isdisjoint(children)
        assert process.render(2, POST, RenderOptions()).result == render_document(POST)
    finally:
        process.shutdown()


def test_an_analysis_that_crashes_the_child_is_reported_in_plain_words() -> None:
    from editor.services.render_process import AnalysisFailedError

    process = RenderProcess()
    try:
        process.start()
        crashed = process.child_pids()
        with pytest.raises(AnalysisFailedError, match="stopped unexpectedly"):
            process.analyse("os:_exit", 70)  # the child dies in the middle of it, twice
        assert process.analyse(OUTLINE, "# After\n")[0].title == "After"
        assert set(process.child_pids()).isdisjoint(crashed)
    finally:
        process.shutdown()


def test_a_hung_analysis_is_stopped_and_reported(monkeypatch) -> None:
    from editor.services.render_process import AnalysisFailedError

    process = RenderProcess()
    try:
        process.analyse(OUTLINE, "# One\n")  # started, with the usual patience
        monkeypatch.setattr(RenderProcess, "ANALYSIS_TIMEOUT_S", 0.5)
        hung = process.child_pids()
        assert len(hung) == 1
        os.kill(hung[0], signal.SIGSTOP)  # the child stops answering, as a hang would
        _wait_for_state(hung[0], "T")
        with pytest.raises(AnalysisFailedError, match="too long"):
            process.analyse(OUTLINE, "# Two\n")
        assert process.analyse(OUTLINE, "# Three\n")[0].title == "Three"
        assert set(process.child_pids()).isdisjoint(hung)
    finally:
        process.shutdown()


def test_the_checks_in_the_child_use_the_site_profile_they_are_given(
    render_process: RenderProcess, tmp_path
) -> None:
    from editor.core.profiles import builtin_profiles_dir, load_profiles
    from editor.services.checks_files import check_saved_post

    blog = load_profiles(builtin_profiles_dir()).get("pnp-blog")
    text = "---\ntitle: A post\n---\n\n# A second title\n\nWords.\n"
    post = tmp_path / "index.md"
    post.write_text(text, encoding="utf-8")
    report = render_process.analyse(CHECK, text, blog, post)
    assert report == check_saved_post(text, blog, post)
    assert report.profile_id == "pnp-blog"
    assert "structure.h1-in-body" in [p.rule for p in report.problems]


def test_the_child_ends_when_the_window_process_is_killed(tmp_path) -> None:
    import subprocess
    import sys
    import time
    from pathlib import Path

    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from editor.services.render_process import RenderProcess\n"
            "if __name__ == '__main__':\n"
            "    process = RenderProcess()\n"
            "    process.analyse('editor.core.text.outline:outline', '# Up\\n')\n"
            "    print(*process.child_pids(), flush=True)\n"
            "    time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        children = [int(pid) for pid in parent.stdout.readline().split()]
        assert children
    finally:
        parent.kill()  # as a crash or the system would
        parent.wait()
        parent.stdout.close()

    def alive(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state != "Z"

    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in children)


def _wait_for_state(pid: int, state: str) -> None:
    import time
    from pathlib import Path

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == state:
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} never reached state {state}")


def test_the_packaged_program_serves_as_its_own_render_child(monkeypatch, tmp_path) -> None:
    # The packaged app has no ``python -c``: the child is the app's program with a switch,
    # which ``packaging/launcher.py`` (the bundle's entry point) must hand to the child's loop.
    import sys
    from pathlib import Path

    launcher = Path(__file__).resolve().parents[2] / "packaging" / "launcher.py"
    program = tmp_path / "postwright"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{launcher}" "$@"\n')
    program.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    process = RenderProcess()
    try:
        assert process.render(1, POST, RenderOptions()).result == render_document(POST)
        assert process.analyse(OUTLINE, "# Packaged\n")[0].title == "Packaged"
    finally:
        process.shutdown()


def test_no_helper_process_runs_beside_the_render_child(render_process: RenderProcess) -> None:
    # A process pool would keep a "resource tracker" process running too (8 MiB).
    from pathlib import Path

    render_process.render(1, POST, RenderOptions())
    assert render_process.child_pids()
    helpers = [
        pid
        for pid in (int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit())
        if _parent_of(pid) == os.getpid()
        and b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]
    assert helpers == []


def _parent_of(pid: int) -> int | None:
    from pathlib import Path

    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
