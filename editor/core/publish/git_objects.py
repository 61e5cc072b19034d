"""Git object names computed locally, so only what GitHub lacks is uploaded."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping


def blob_sha(data: bytes) -> str:
    """The SHA-1 git gives a file with these bytes (``git hash-object``)."""
    header = b"blob %d\0" % len(data)
    return hashlib.sha1(header + data, usedforsecurity=False).hexdigest()


#: A tree entry as GitHub lists it: (mode, type, SHA); type is "blob" or "commit"
#: (a submodule). Trees themselves are derived from the paths.
TreeEntry = tuple[str, str, str]


def tree_sha(entries: Mapping[str, TreeEntry]) -> str:
    """The SHA git gives the root tree holding ``entries`` (path -> entry), as
    ``git write-tree`` would: nested folders become trees, entries sorted the git way."""
    direct: list[tuple[str, str, str]] = []  # (name, mode, sha)
    folders: dict[str, dict[str, TreeEntry]] = {}
    for path, entry in entries.items():
        head, slash, rest = path.partition("/")
        if slash:
            folders.setdefault(head, {})[rest] = entry
        else:
            direct.append((head, entry[0], entry[2]))
    for name, inside in folders.items():
        direct.append((name, "40000", tree_sha(inside)))

    def order(item: tuple[str, str, str]) -> bytes:
        name, mode, _sha = item
        return (name + ("/" if mode == "40000" else "")).encode("utf-8")

    payload = b"".join(
        f"{mode.lstrip('0') or '0'} {name}\0".encode() + bytes.fromhex(sha)
        for name, mode, sha in sorted(direct, key=order)
    )
    header = b"tree %d\0" % len(payload)
    return hashlib.sha1(header + payload, usedforsecurity=False).hexdigest()
