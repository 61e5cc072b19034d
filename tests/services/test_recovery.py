"""The recovery journal: entries survive the app, are private, and never offered twice."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from editor.core.i18n import Message
from editor.core.text_format import CRLF, TextFormat
from editor.services import storage
from editor.services.recovery import (
    JournalWriter,
    RecoveryEntry,
    RecoveryStore,
    key_for_path,
    new_untitled_key,
)


def entry_for(path: Path | None, text: str, **extra: object) -> RecoveryEntry:
    key = key_for_path(path) if path is not None else new_untitled_key()
    return RecoveryEntry(key=key, path=path, text=text, disk_digest="abc", **extra)  # type: ignore[arg-type]


def test_an_entry_written_by_one_app_is_found_by_the_next(tmp_path: Path) -> None:
    post = tmp_path / "posts" / "draft.md"
    first = RecoveryStore(tmp_path / "journal")
    first.open_session()
    first.write(entry_for(post, "Hello\r\nwörld ✓\n", text_format=TextFormat(newline=CRLF)))
    first.close_session()

    second = RecoveryStore(tmp_path / "journal")
    second.open_session()
    found, problems = second.entries()
    assert problems == []
    assert len(found) == 1
    assert found[0].path == post
    assert found[0].text == "Hello\r\nwörld ✓\n"
    assert found[0].text_format.newline == CRLF
    assert found[0].disk_digest == "abc"


def test_keys_follow_the_full_path_and_untitled_posts_get_their_own(tmp_path: Path) -> None:
    assert key_for_path(tmp_path / "a.md") == key_for_path(str(tmp_path / "a.md"))
    assert key_for_path(tmp_path / "a.md") != key_for_path(tmp_path / "sub" / "a.md")
    assert new_untitled_key() != new_untitled_key()


def test_untitled_posts_are_journaled_too(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "journal")
    store.write(entry_for(None, "no name yet"))
    found, _ = RecoveryStore(tmp_path / "journal").entries()
    assert [(e.path, e.text) for e in found] == [(None, "no name yet")]


def test_the_journal_is_private(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "journal")
    store.open_session()
    entry = entry_for(tmp_path / "a.md", "secret draft")
    store.write(entry)
    written = tmp_path / "journal" / f"{entry.key}.json"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "journal").stat().st_mode) & 0o077 == 0


def test_entries_of_a_running_app_are_not_offered_elsewhere(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    running = RecoveryStore(journal)
    running.open_session()
    running.write(entry_for(tmp_path / "a.md", "being typed"))
    # another window starting now must not offer what the running one is editing
    assert RecoveryStore(journal).entries()[0] == []
    # ... but the running app itself may list them on request
    assert len(running.entries(include_live=True)[0]) == 1
    running.close_session()
    assert len(RecoveryStore(journal).entries()[0]) == 1


def test_a_killed_app_leaves_its_entries_to_the_next_start(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    script = (
        "import sys, os; from pathlib import Path;"
        "from editor.services.recovery import *;"
        "s = RecoveryStore(Path(sys.argv[1])); s.open_session();"
        "s.write(RecoveryEntry(key=key_for_path('/x/a.md'), path=Path('/x/a.md'),"
        " text='typed', disk_digest=None));"
        "os._exit(9)"  # no clean-up at all, like a crash
    )
    subprocess.run([sys.executable, "-c", script, str(journal)], check=False)
    found, _ = RecoveryStore(journal).entries()
    assert [e.text for e in found] == ["typed"]


def test_a_damaged_entry_is_set_aside_and_named_not_deleted(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    journal.mkdir()
    (journal / "p-broken.json").write_bytes(b'{"version": 1, "text": ')
    found, problems = RecoveryStore(journal).entries()
    assert found == []
    assert len(problems) == 1 and isinstance(problems[0], Message)
    assert "damaged" in problems[0].english()
    assert (journal / "damaged" / "p-broken.json").read_bytes() == b'{"version": 1, "text": '
    assert RecoveryStore(journal).entries() == ([], [])  # named once, not at every start


def test_entries_from_a_newer_version_are_not_misread(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    journal.mkdir()
    (journal / "p-new.json").write_text(json.dumps({"version": 99, "text": "x"}))
    found, problems = RecoveryStore(journal).entries()
    assert found == [] and len(problems) == 1


def test_remove_forgets_an_entry(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "journal")
    entry = entry_for(tmp_path / "a.md", "x")
    store.write(entry)
    store.remove(entry.key)
    store.remove(entry.key)  # twice is fine
    assert store.entries(include_live=True)[0] == []


def test_a_crash_mid_write_leaves_the_previous_entry(tmp_path: Path, monkeypatch) -> None:
    store = RecoveryStore(tmp_path / "journal")
    entry = entry_for(tmp_path / "a.md", "first version")
    store.write(entry)

    def full_disk(handle: int, data: bytes) -> None:
        os.close(handle)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_and_sync", full_disk)
    with pytest.raises(storage.StorageError, match="disk is full"):
        store.write(entry_for(tmp_path / "a.md", "second version"))
    assert store.read(entry.key) is not None
    assert store.read(entry.key).text == "first version"  # type: ignore[union-attr]
    assert [p.name for p in (tmp_path / "journal").iterdir() if p.suffix == ".tmp"] == []


def test_writer_keeps_order_and_only_the_newest_text(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "journal")
    writer = JournalWriter(store)
    post = tmp_path / "a.md"
    for n in range(50):
        writer.write(entry_for(post, f"version {n}"))
    assert writer.drain()
    assert store.read(key_for_path(post)).text == "version 49"  # type: ignore[union-attr]
    writer.write(entry_for(post, "one more"))
    writer.remove(key_for_path(post))  # saved: the journal must not bring it back
    assert writer.drain()
    assert store.read(key_for_path(post)) is None
    writer.close()


def test_writer_reports_a_failed_write(tmp_path: Path) -> None:
    blocker = tmp_path / "journal"
    blocker.write_text("a file where the folder should be")
    problems: list[Message] = []
    done = threading.Event()

    def report(problem: Message) -> None:
        problems.append(problem)
        done.set()

    writer = JournalWriter(RecoveryStore(blocker), on_problem=report)
    writer.write(entry_for(tmp_path / "a.md", "x"))
    assert done.wait(10)
    assert "could not be created" in problems[0].english()
    writer.close()


def test_lock_files_of_ended_apps_are_cleared_but_not_their_entries(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    script = (
        "import sys, os; from pathlib import Path;"
        "from editor.services.recovery import *;"
        "s = RecoveryStore(Path(sys.argv[1])); s.open_session();"
        "s.write(RecoveryEntry(key=new_untitled_key(), path=None, text='kept', disk_digest=None));"
        "print(s.session, flush=True); os._exit(9)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(journal)], capture_output=True, text=True, check=False
    )
    lock = journal / "sessions" / f"{done.stdout.strip()}.lock"
    assert lock.exists()  # a killed app cannot clear up after itself
    an_hour_ago = lock.stat().st_mtime - 3600
    os.utime(lock, (an_hour_ago, an_hour_ago))
    RecoveryStore(journal).open_session()
    assert not lock.exists()
    assert [e.text for e in RecoveryStore(journal).entries()[0]] == ["kept"]


def test_an_undecided_entry_is_not_overwritten_by_the_next_app(tmp_path: Path) -> None:
    journal, post = tmp_path / "journal", tmp_path / "a.md"
    RecoveryStore(journal).write(entry_for(post, "typed before the crash"))
    # the next start: the user chose "Decide Later", opened the same post and typed again
    later = RecoveryStore(journal)
    later.open_session()
    later.write(entry_for(post, "typed after the restart"))
    later.write(entry_for(post, "typed after the restart, more"))
    later.close_session()
    found, _ = RecoveryStore(journal).entries()
    assert sorted(e.text for e in found) == [
        "typed after the restart, more",
        "typed before the crash",
    ]
    assert {e.path for e in found} == {post}
    for entry in found:  # each one can be decided about on its own
        RecoveryStore(journal).remove(entry.key)
    assert RecoveryStore(journal).entries()[0] == []
