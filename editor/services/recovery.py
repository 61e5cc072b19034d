"""The recovery journal: a copy of every post with unsaved edits, kept apart from the post.

While a post has edits that are not saved, its text is journaled here, so a crash, a kill or
a power cut loses at most the last moments of typing. The next start offers what it finds.

* One file per open post, ``<key>.json`` in the journal folder, written atomically (temporary
  file, fsync, rename) and readable only by the user. The key is a hash of the post's full
  path; an untitled post gets a random id instead.
* Each entry holds the path, the time it was written, the text, how the file stores its text
  (BOM, line endings) and the digest of the file as it was when loaded or last saved, so the
  offer can say whether the file changed since.
* Each running app holds a *session* lock; entries of a session whose app is still running
  are not offered to another window (they are not lost: that app is still editing them).
* :class:`JournalWriter` writes on its own thread, in order, the newest text of a post
  replacing an older one still waiting, so typing never waits for the disk.

See docs/decisions/0010-recovery-journal.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from editor.core.i18n import Message, message
from editor.core.text_format import NEWLINES, TextFormat
from editor.services.storage import StorageError, atomic_write_bytes

try:  # POSIX: a session is alive while its lock file is locked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

JOURNAL_VERSION = 1
_CONTEXT = "Recovery"
_PRIVATE_FILE = 0o600
_PRIVATE_FOLDER = 0o700
_STALE_TEMP_SECONDS = 3600
_NEW_LOCK_SECONDS = 60


def key_for_path(path: Path | str) -> str:
    """The journal key of the post at ``path`` (its full, absolute path hashed)."""
    full = str(Path(path).absolute())
    return "p-" + hashlib.sha256(full.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def new_untitled_key() -> str:
    """A fresh key for an untitled post."""
    return "u-" + uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    """One journaled post."""

    key: str
    #: The post's file; None for an untitled post.
    path: Path | None
    text: str
    #: The digest of the file's bytes when it was loaded or last saved (None: never on disk).
    disk_digest: str | None
    text_format: TextFormat = field(default_factory=TextFormat)
    saved_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    session: str = ""


class RecoveryStore:
    """The journal folder: write, list and remove entries; hold this process's session."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._session = uuid.uuid4().hex
        self._lock_handle: int | None = None
        self._own_keys: set[str] = set()  # keys this app has written (no earlier entry left)

    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def session(self) -> str:
        """The id written into this process's entries."""
        return self._session

    # -- session ------------------------------------------------------------------------------

    def open_session(self) -> Message | None:
        """Create the folder and lock this process's session (so other windows skip it).

        Returns a problem to show when the journal folder cannot be made (the app goes on;
        the writes will report again).
        """
        try:
            self._ensure_folder()
        except StorageError as error:
            return error.message
        if fcntl is None or self._lock_handle is not None:
            return None
            return
        with contextlib.suppress(OSError):
            handle = os.open(self._lock_path(self._session), os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._lock_handle = handle
        self._remove_stale_temporary_files()
        self._remove_ended_sessions()
        return None

    def close_session(self) -> None:
        """Release the session lock (the entries stay until the user decides about them)."""
        if self._lock_handle is None:
            return
        with contextlib.suppress(OSError):
            os.close(self._lock_handle)
        self._lock_handle = None
        with contextlib.suppress(OSError):
            self._lock_path(self._session).unlink()

    def is_live(self, session: str) -> bool:
        """True when ``session`` is this process's or another running app's."""
        if session == self._session:
            return True
        if fcntl is None or not session:
            return False
        path = self._lock_path(session)
        try:
            handle = os.open(path, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(handle)
        _remove_if_old(path)  # nobody holds it: that app has ended
        return False

    # -- entries ------------------------------------------------------------------------------

    def write(self, entry: RecoveryEntry) -> None:
        """Journal ``entry`` atomically; raises :class:`StorageError` with a plain reason."""
        self._ensure_folder()
        if entry.key not in self._own_keys:
            self._keep_earlier_entry(entry.key)
            self._own_keys.add(entry.key)
        document = _encode(entry, entry.session or self._session)
        data = json.dumps(document, ensure_ascii=True).encode("ascii")
        atomic_write_bytes(self._entry_path(entry.key), data, mode=_PRIVATE_FILE)

    def remove(self, key: str) -> None:
        """Forget the entry ``key`` (no error when there is none)."""
        with contextlib.suppress(FileNotFoundError):
            self._entry_path(key).unlink()

    def read(self, key: str) -> RecoveryEntry | None:
        """The entry ``key``, or None when there is none or it cannot be read."""
        try:
            return _decode(json.loads(self._entry_path(key).read_bytes()))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def entries(self, *, include_live: bool = False) -> tuple[list[RecoveryEntry], list[Message]]:
        """The entries left by apps that have ended (oldest first), and problems found.

        A damaged entry is moved into ``damaged/`` (never deleted) and named in a problem.
        """
        found: list[RecoveryEntry] = []
        problems: list[Message] = []
        try:
            names = sorted(self._folder.glob("*.json"))
        except OSError:
            return [], []
        for path in names:
            try:
                entry = _decode(json.loads(path.read_bytes()))
            except OSError:
                continue  # removed meanwhile, or unreadable now: try again next start
            except (ValueError, KeyError, TypeError):
                problems.append(self._set_aside(path))
                continue
            if include_live or not self.is_live(entry.session):
                found.append(entry)
        found.sort(key=lambda entry: entry.saved_at)
        return found, problems

    # -- internals ----------------------------------------------------------------------------

    def _entry_path(self, key: str) -> Path:
        if not key or "/" in key or "\\" in key or key.startswith("."):
            raise ValueError(f"not a journal key: {key!r}")
        return self._folder / f"{key}.json"

    def _lock_path(self, session: str) -> Path:
        return self._folder / "sessions" / f"{session}.lock"

    def _ensure_folder(self) -> None:
        try:
            self._folder.parent.mkdir(parents=True, exist_ok=True)
            self._folder.mkdir(exist_ok=True, mode=_PRIVATE_FOLDER)
            (self._folder / "sessions").mkdir(exist_ok=True, mode=_PRIVATE_FOLDER)
        except OSError as error:
            msg = message(
                _CONTEXT,
                "The folder “{folder}” could not be created ({detail}).",
                folder=str(self._folder),
                detail=error.strerror or str(error),
            )
            raise StorageError(msg, path=self._folder) from error

    def _keep_earlier_entry(self, key: str) -> None:
        """An entry under ``key`` left by another app (nobody decided about it) is not
        overwritten: it moves to a key of its own and is offered at the next start."""
        earlier = self.read(key)
        if earlier is None or earlier.session == self._session:
            return
        kept = f"{key}-{(earlier.session or 'earlier')[:12]}-{uuid.uuid4().hex[:8]}"
        data = json.dumps(_encode(replace(earlier, key=kept), earlier.session), ensure_ascii=True)
        atomic_write_bytes(self._entry_path(kept), data.encode("ascii"), mode=_PRIVATE_FILE)

    def _set_aside(self, path: Path) -> Message:
        damaged = self._folder / "damaged"
        with contextlib.suppress(OSError):
            damaged.mkdir(exist_ok=True, mode=_PRIVATE_FOLDER)
            path.replace(damaged / path.name)
        return message(
            _CONTEXT,
            "A recovery copy could not be read, so it was not offered. It was kept as “{name}”.",
            name=str(damaged / path.name),
        )

    def _remove_ended_sessions(self) -> None:
        """Lock files of apps that ended (killed ones cannot remove their own)."""
        with contextlib.suppress(OSError):
            for path in (self._folder / "sessions").glob("*.lock"):
                self.is_live(path.stem)

    def _remove_stale_temporary_files(self) -> None:
        """Temporary files left by a write that a crash interrupted (never a complete entry)."""
        limit = time.time() - _STALE_TEMP_SECONDS
        with contextlib.suppress(OSError):
            for path in self._folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < limit:
                        path.unlink()


def _remove_if_old(path: Path) -> None:
    """Remove a free lock file, unless it is new: an app starting now may be about to lock it."""
    with contextlib.suppress(OSError):
        if path.stat().st_mtime < time.time() - _NEW_LOCK_SECONDS:
            path.unlink()


def _encode(entry: RecoveryEntry, session: str) -> dict[str, Any]:
    return {
        "version": JOURNAL_VERSION,
        "key": entry.key,
        "path": None if entry.path is None else os.fspath(entry.path),
        "saved_at": entry.saved_at.isoformat(),
        "session": session,
        "disk_digest": entry.disk_digest,
        "format": {
            "bom": entry.text_format.bom,
            "newline": entry.text_format.newline,
            "line_endings": list(entry.text_format.line_endings),
        },
        "text": entry.text,
    }


def _decode(document: Any) -> RecoveryEntry:
    """An entry from its JSON; ValueError, KeyError or TypeError when it is not one."""
    if not isinstance(document, dict) or document.get("version") != JOURNAL_VERSION:
        raise ValueError("not a version 1 journal entry")
    text, key = document["text"], document["key"]
    path, digest = document["path"], document["disk_digest"]
    if not isinstance(text, str) or not isinstance(key, str):
        raise TypeError("text and key must be strings")
    if path is not None and not isinstance(path, str):
        raise TypeError("path must be a string")
    if digest is not None and not isinstance(digest, str):
        raise TypeError("disk_digest must be a string")
    saved_at = dt.datetime.fromisoformat(str(document["saved_at"]))
    return RecoveryEntry(
        key=key,
        path=None if path is None else Path(path),
        text=text,
        disk_digest=digest,
        text_format=_decode_format(document["format"]),
        saved_at=saved_at,
        session=str(document.get("session", "")),
    )


def _decode_format(stored: Any) -> TextFormat:
    if not isinstance(stored, dict):
        raise TypeError("format must be an object")
    endings = stored.get("line_endings", [])
    newline = stored.get("newline", "\n")
    if newline not in NEWLINES or not isinstance(endings, list):
        raise ValueError("bad line endings")
    return TextFormat(bom=stored.get("bom") is True, newline=newline, line_endings=tuple(endings))


# --- Writing off the GUI thread ------------------------------------------------------------


@dataclass(slots=True)
class _Operation:
    key: str
    entry: RecoveryEntry | None  # None: remove


class JournalWriter:
    """Writes and removes journal entries on one background thread, in the order asked.

    A newer text of a post replaces an older one that is still waiting; a removal cancels
    the writes of that post still waiting before it. ``on_problem`` is called (on the
    writer's thread) with the plain reason when a write fails; the caller says that it was
    the recovery copy that failed.
    """

    def __init__(
        self, store: RecoveryStore, on_problem: Callable[[Message], None] | None = None
    ) -> None:
        self._store = store
        #: Called (on the writer's thread) with the reason a write failed.
        self.on_problem = on_problem
        self._queue: list[_Operation] = []
        self._busy = False
        self._closed = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="recovery-journal", daemon=True)
        self._thread.start()

    @property
    def store(self) -> RecoveryStore:
        return self._store

    def write(self, entry: RecoveryEntry) -> None:
        """Queue ``entry``; it replaces a waiting entry of the same post."""
        with self._condition:
            for operation in self._queue:
                if operation.key == entry.key and operation.entry is not None:
                    operation.entry = entry
                    return
            self._queue.append(_Operation(entry.key, entry))
            self._condition.notify_all()

    def remove(self, key: str) -> None:
        """Queue the removal of ``key``; waiting writes of that post are dropped."""
        with self._condition:
            self._queue = [op for op in self._queue if op.key != key]
            self._queue.append(_Operation(key, None))
            self._condition.notify_all()

    def drain(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything queued is on disk; False when ``timeout`` ran out first."""
        with self._condition:
            return self._condition.wait_for(
                lambda: not self._queue and not self._busy, timeout=timeout
            )

    def close(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then stop the thread."""
        self.drain(timeout)
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._queue or self._closed)
                if not self._queue:
                    return
                operation = self._queue.pop(0)
                self._busy = True
            try:
                self._apply(operation)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()

    def _apply(self, operation: _Operation) -> None:
        try:
            if operation.entry is None:
                self._store.remove(operation.key)
            else:
                self._store.write(operation.entry)
        except StorageError as error:
            if self.on_problem is not None:
                self.on_problem(error.message)
        except OSError as error:
            if self.on_problem is not None:
                detail = error.strerror or str(error)
                self.on_problem(message(_CONTEXT, "{detail}.", detail=detail))
