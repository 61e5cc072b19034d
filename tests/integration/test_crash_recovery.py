"""Kill the real app at random moments while it is being typed into; nothing may be lost.

Each run starts ``python -m editor POST`` as a subprocess (offscreen Qt, its own per-user
folders), types into it through the test hook (``POSTWRIGHT_TEST_INPUT``: the app connects to
a socket here and inserts what it is sent), sometimes saves, and kills it with SIGKILL at a
random moment. Then, as the next start would:

* the recovered text (the journal entry, else the file) must hold everything whose typing
  the app confirmed more than 2 seconds before the kill, and be exactly "some prefix of what
  was typed" + the original text — nothing garbled;
* the post file must be the original or one of the saved versions, complete (with
  "Autosave to the file" on, which every other run has: some complete state of the text).

The last run's app is started again and must offer the post; Restore must put the words back.
``POSTWRIGHT_CRASH_RUNS`` sets the number of runs (default 6); ``POSTWRIGHT_CRASH_SEED`` the
random seed. The summary line gives runs and losses.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import app_environment

from editor.services.recovery import RecoveryStore, key_for_path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = "---\ntitle: Crash test\n---\n\nThe original paragraph.\n"
JOURNAL_PROMISE_S = 2.0
WORDS = ("never", "lose", "a", "word", "ünïcode", "✓", "typing", "on", "\n", "- item\n")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@dataclass
class Run:
    """What one run did and what the app confirmed, with times."""

    typed: list[tuple[float, str]] = field(default_factory=list)  # (confirmed at, all typed)
    saved: list[str] = field(default_factory=list)  # texts the app was asked to save
    killed_at: float = 0.0
    autosave_to_file: bool = False  # the file is written as the user types, too


class App:
    """The app as a subprocess, typed into over the test hook's socket."""

    def __init__(self, home: Path, post: Path) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(60)
        env = app_environment(
            home,
            POSTWRIGHT_TEST_INPUT=str(self._server.getsockname()[1]),
            PYTHONPATH=str(PROJECT_ROOT),
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "editor", str(post)],
            env=env,
            cwd=home,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._connection, _ = self._server.accept()
        self._connection.settimeout(60)
        self._reader = self._connection.makefile("rb")

    def ask(self, **command: object) -> dict[str, object]:
        self._connection.sendall(json.dumps(command).encode("utf-8") + b"\n")
        line = self._reader.readline()
        if not line:
            raise ConnectionError("the app closed the test connection")
        return json.loads(line)

    def wait_for(self, condition, timeout: float = 60.0) -> dict[str, object]:
        deadline = time.monotonic() + timeout
        while True:
            state = self.ask(op="state")
            if condition(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"the app never got there: {state}")
            time.sleep(0.05)

    def kill(self) -> float:
        self.process.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        self.process.wait(30)
        self._reader.close()
        self._connection.close()
        self._server.close()
        return killed_at


def fresh_home(root: Path, index: int, *, autosave_to_file: bool = False) -> tuple[Path, Path]:
    home = root / f"run{index}"
    for sub in ("config", "data", "state", "cache", "posts"):
        (home / sub).mkdir(parents=True)
    if autosave_to_file:
        settings = {"version": 1, "preferences": {"autosave_to_file": True}}
        (home / "config" / "postwright").mkdir()
        (home / "config" / "postwright" / "settings.json").write_text(json.dumps(settings))
    post = home / "posts" / "crash.md"
    post.write_text(ORIGINAL, encoding="utf-8")
    return home, post


def type_until_killed(app: App, rng: random.Random, lifetime: float) -> Run:
    """Type words (and sometimes save) until ``lifetime`` seconds have passed, then kill."""
    run = Run()
    typed = ""
    deadline = time.monotonic() + lifetime
    while time.monotonic() < deadline:
        word = rng.choice(WORDS)
        chunk = word if word.endswith("\n") else word + " "
        app.ask(op="type", text=chunk)
        typed += chunk
        run.typed.append((time.monotonic(), typed))
        if rng.random() < 0.03:
            run.saved.append(typed + ORIGINAL)
            app.ask(op="save")
        time.sleep(rng.uniform(0.0, 0.06))
    run.killed_at = app.kill()
    return run


def recovered_text(home: Path, post: Path) -> str:
    """What the next start finds: the journal entry, else the file."""
    entry = RecoveryStore(home / "data" / "postwright" / "recovery").read(key_for_path(post))
    return entry.text if entry is not None else post.read_text(encoding="utf-8")


def losses_in(run: Run, home: Path, post: Path) -> list[str]:
    """Every way this run lost or damaged words (empty: none)."""
    problems: list[str] = []
    everything = run.typed[-1][1] if run.typed else ""
    on_disk = post.read_text(encoding="utf-8")
    whole = on_disk.endswith(ORIGINAL) and everything.startswith(on_disk[: -len(ORIGINAL)])
    if not whole or (not run.autosave_to_file and on_disk not in (ORIGINAL, *run.saved)):
        problems.append(f"the post file is neither the original nor a saved version: {on_disk!r}")
    text = recovered_text(home, post)
    if not text.endswith(ORIGINAL):
        return [*problems, f"the recovered text is damaged: {text!r}"]
    recovered_typing = text[: -len(ORIGINAL)]
    if not everything.startswith(recovered_typing):
        problems.append(f"the recovered text was never typed: {recovered_typing!r}")
    promised = [typed for at, typed in run.typed if at <= run.killed_at - JOURNAL_PROMISE_S]
    if promised and not recovered_typing.startswith(promised[-1]):
        problems.append(
            f"lost words typed more than {JOURNAL_PROMISE_S} s before the kill:"
            f" had {len(recovered_typing)} of {len(promised[-1])} characters"
        )
    return problems


def restart_and_restore(home: Path, post: Path) -> None:
    """The next start offers the post; Restore puts the recovered words in the editor."""
    expected = recovered_text(home, post)
    app = App(home, post)
    try:
        if expected == post.read_text(encoding="utf-8"):
            state = app.wait_for(lambda s: s["path"] == str(post))
            assert state["dialog"] is None  # nothing to recover: no question
            return
        offer = app.wait_for(lambda s: s["dialog"] is not None)
        assert "restore" in offer["buttons"], offer
        assert app.ask(op="click", button="restore")["clicked"]
        state = app.wait_for(lambda s: s["dialog"] is None and s["path"] == str(post))
        assert state["text"] == expected
        assert state["modified"] is True
    finally:
        app.kill()


@pytest.mark.timeout(600)
def test_killing_the_app_at_random_moments_loses_nothing(tmp_path: Path, record_property) -> None:
    runs = int(os.environ.get("POSTWRIGHT_CRASH_RUNS", "6"))
    seed = int(os.environ.get("POSTWRIGHT_CRASH_SEED", str(random.randrange(1 << 30))))
    rng = random.Random(seed)
    losses: list[str] = []
    home = post = None
    for index in range(runs):
        to_file = index % 2 == 1  # every other run with "Autosave to the file" on
        home, post = fresh_home(tmp_path, index, autosave_to_file=to_file)
        app = App(home, post)
        app.wait_for(lambda s, p=post: s["path"] == str(p))
        run = type_until_killed(app, rng, lifetime=rng.uniform(0.3, 5.0))
        run.autosave_to_file = to_file
        losses.extend(f"run {index}: {problem}" for problem in losses_in(run, home, post))
        typed = len(run.typed[-1][1]) if run.typed else 0
        kept = len(recovered_text(home, post)) - len(ORIGINAL)
        on_disk = len(post.read_text(encoding="utf-8")) - len(ORIGINAL)
        print(
            f"run {index}: typed {typed}, recovered {kept}, in the file {on_disk} characters,"
            f" {len(run.saved)} saves{', autosave to the file' if to_file else ''}"
        )
    assert home is not None and post is not None
    restart_and_restore(home, post)
    summary = f"{runs} runs, {len(losses)} with losses (seed {seed})"
    print(f"crash recovery: {summary}")
    record_property("crash_recovery_loss_rate", summary)
    assert not losses, "\n".join(losses)


def test_a_polite_termination_journals_every_word(tmp_path: Path) -> None:
    """SIGTERM (a desktop ending without asking): the app journals everything, then quits."""
    home, post = fresh_home(tmp_path, 0)
    app = App(home, post)
    app.wait_for(lambda s: s["path"] == str(post))
    typed = ""
    for word in ("the", "very", "last", "words"):
        app.ask(op="type", text=word + " ")
        typed += word + " "
    app.process.send_signal(signal.SIGTERM)  # at once: no pause for the timers to see
    assert app.process.wait(30) == 128 + signal.SIGTERM
    app.kill()
    assert recovered_text(home, post) == typed + ORIGINAL
    assert post.read_text(encoding="utf-8") == ORIGINAL
