"""Checking file paths that come from a pull request, as git does, before anything is written.

A pull request is someone else's content. Each repository path is checked exactly as received
(``/`` separators): anything that could name a place outside the review workspace, git's own
folder, a device on Windows, or a file whose name another file shares on a case- or
normalisation-insensitive disk is rejected with a plain reason. Links and submodules are never
written. (Research: ``security.md`` §5.4; git's ``verify_path``, ``is_ntfs_dotgit``,
``is_hfs_dotgit`` and ``is_valid_win32_path``.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from editor.core.i18n import Message, message

_CONTEXT = "Review"

#: Git's file modes: a normal file and an executable one (written without the executable bit).
REGULAR_MODES = frozenset({"100644", "100755"})
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"

MAX_COMPONENT_BYTES = 255
MAX_PATH_BYTES = 1024
_RESERVED = re.compile(r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$", re.I)
_FORBIDDEN_CHARACTERS = frozenset('\\:<>"|?*')
#: Code points HFS+ ignores in names (git's ``is_hfs_dotgit`` list).
_HFS_IGNORED = frozenset(
    "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u206a\u206b\u206c\u206d\u206e\u206f\ufeff"
)


@dataclass(frozen=True, slots=True)
class RejectedPath:
    """A file of the pull request that was not written, and why."""

    path: str
    reason: Message


def path_problem(path: str) -> Message | None:  # noqa: PLR0911  (one reason per rule)
    """Why ``path`` may not be written into a review workspace, or None when it may."""
    if not path:
        return message(_CONTEXT, "The name is empty.")
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        return message(_CONTEXT, "The name contains control characters.")
    if path.startswith("/"):
        return message(_CONTEXT, "The path is absolute.")
    if "\\" in path:
        return message(_CONTEXT, "The path contains a backslash (a folder separator on Windows).")
    if re.match(r"^[A-Za-z]:", path):
        return message(_CONTEXT, "The path starts with a drive letter.")
    if len(path.encode("utf-8")) > MAX_PATH_BYTES:
        return message(_CONTEXT, "The path is too long.")
    for part in path.split("/"):
        problem = _component_problem(part)
        if problem is not None:
            return problem
    return None


def _component_problem(part: str) -> Message | None:  # noqa: PLR0911  (one reason per rule)
    if part in ("", ".", ".."):
        return message(_CONTEXT, "The path contains an empty, “.” or “..” part.")
    if _is_dotgit(part):
        return message(_CONTEXT, "The path names git's own folder (.git).")
    if any(c in _FORBIDDEN_CHARACTERS for c in part):
        return message(
            _CONTEXT, 'A name contains a character Windows does not allow (\\ : < > " | ? *).'
        )
    if part.endswith((" ", ".")):
        return message(_CONTEXT, "A name ends with a space or a full stop.")
    if _RESERVED.match(part.split(".", 1)[0].rstrip(" ")):
        return message(_CONTEXT, "A name is reserved for a device on Windows ({name}).", name=part)
    if len(part.encode("utf-8")) > MAX_COMPONENT_BYTES:
        return message(_CONTEXT, "A name is too long.")
    return None


def _is_dotgit(part: str) -> bool:
    """``.git`` in any spelling some file system treats as ``.git``."""
    name = "".join(c for c in part if c not in _HFS_IGNORED)
    name = name.split(":", 1)[0].rstrip(" .").casefold()
    return name in (".git", "git~1")


def collision_key(path: str) -> str:
    """The form two paths share when a case- or normalisation-insensitive disk confuses them."""
    return unicodedata.normalize("NFC", path).casefold()


@dataclass(frozen=True, slots=True)
class Entry:
    """A file of a pull request's tree: path as received and git mode."""

    path: str
    mode: str = "100644"


def screen_entries(
    entries: Iterable[Entry], existing: Iterable[str] = ()
) -> tuple[tuple[Entry, ...], tuple[RejectedPath, ...]]:
    """The entries that may be written, and the ones rejected with their reasons.

    Entries that differ from each other, or from a path in ``existing`` (already in the
    workspace), only in letter case or Unicode normalisation are all rejected: on many disks
    one would replace the other, and there is no telling which one the author meant.
    """
    items = list(entries)
    taken = {collision_key(path): path for path in existing}
    groups: dict[str, list[str]] = {}
    for entry in items:
        if _entry_problem(entry) is None:
            groups.setdefault(collision_key(entry.path), []).append(entry.path)
    accepted: list[Entry] = []
    rejected: list[RejectedPath] = []
    for entry in items:
        reason = _entry_problem(entry)
        if reason is None:
            key = collision_key(entry.path)
            others = sorted({*groups[key], taken.get(key, entry.path)} - {entry.path})
            if others:
                reason = message(
                    _CONTEXT,
                    "It differs from {other} only in letter case or accents, so one would "
                    "replace the other on many disks.",
                    other=others[0],
                )
            elif groups[key].count(entry.path) > 1:
                reason = message(_CONTEXT, "The pull request lists this file twice.")
        if reason is None:
            accepted.append(entry)
        else:
            rejected.append(RejectedPath(entry.path, reason))
    return tuple(accepted), tuple(rejected)


def _entry_problem(entry: Entry) -> Message | None:
    if entry.mode == SYMLINK_MODE:
        return message(_CONTEXT, "It is a symbolic link; links are never written.")
    if entry.mode == SUBMODULE_MODE:
        return message(_CONTEXT, "It is a submodule (another repository), not a file.")
    if entry.mode not in REGULAR_MODES:
        return message(_CONTEXT, "It is not a regular file (mode {mode}).", mode=entry.mode)
    return path_problem(entry.path)
