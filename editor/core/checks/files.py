"""Which files exist beside a post: an injected view, so the checks stay free of I/O.

The checks ask a :class:`FileView` about folders relative to the post's own folder (``..``
allowed). The services layer implements it on the real disk (``services/checks_files.py``);
tests and unsaved posts use :class:`MemoryFiles`. Lookups compare names exactly, as the
sites' Linux servers do, so ``Image.PNG`` does not stand for ``image.png`` even on a disk that
ignores case.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote


class FileView(Protocol):
    """What the checks may know about the files around a post."""

    def entries(self, folder: str) -> Mapping[str, int | None] | None:
        """The names in ``folder`` (a POSIX path relative to the post's folder, ``""`` for
        the folder itself) with each file's size in bytes (None for sub-folders), or None
        when there is no such folder or it cannot be read."""
        ...

    def read_text(self, path: str) -> str | None:
        """The text of the small text file at ``path`` (relative to the post's folder), or
        None when it is missing, too large or not UTF-8 text (used for Learn's includes)."""
        ...


class MemoryFiles:
    """A :class:`FileView` over a fixed set of files: ``{"images/a.png": size, ...}``.

    Paths are relative to a root; ``post_folder`` is where the post sits under that root.
    """

    def __init__(
        self,
        files: Mapping[str, int],
        post_folder: str = "",
        texts: Mapping[str, str] | None = None,
    ) -> None:
        self._folders: dict[str, dict[str, int | None]] = {"": {}}
        for path, size in files.items():
            parts = path.strip("/").split("/")
            for depth in range(len(parts)):
                folder = "/".join(parts[:depth])
                is_last = depth == len(parts) - 1
                self._folders.setdefault(folder, {})[parts[depth]] = size if is_last else None
                if not is_last:
                    self._folders.setdefault("/".join(parts[: depth + 1]), {})
        self._base = post_folder.strip("/")
        self._texts = dict(texts or {})

    def entries(self, folder: str) -> Mapping[str, int | None] | None:
        joined = self._join(folder)
        return None if joined is None else self._folders.get(joined)

    def read_text(self, path: str) -> str | None:
        joined = self._join(path)
        return None if joined is None else self._texts.get(joined)

    def _join(self, path: str) -> str | None:
        joined = posixpath.normpath(posixpath.join(self._base, path)) if path else self._base
        joined = "" if joined == "." else joined
        return None if joined.startswith("..") else joined


@dataclass(frozen=True, slots=True)
class Lookup:
    """Where a relative reference leads.

    ``path`` is the normalised POSIX path (relative to the post's folder). ``found`` is True
    when it exists exactly as written; ``actual`` is the path with the case the disk uses when
    it only exists in another case; ``size`` is the file's size when known; ``is_folder``
    when it names a folder.
    """

    path: str
    found: bool
    actual: str | None = None
    size: int | None = None
    is_folder: bool = False


def reference_path(target: str, *, backslashes: bool = False) -> str:
    """The file part of a link target: no query or fragment, ``%20`` decoded.

    ``backslashes`` turns ``\\`` into ``/`` (Learn's build accepts Windows separators).
    """
    path = target.split("#", 1)[0].split("?", 1)[0].strip()
    if path.startswith("<") and path.endswith(">"):
        path = path[1:-1]
    path = unquote(path)
    return path.replace("\\", "/") if backslashes else path


def look_up(files: FileView, path: str) -> Lookup:
    """Find ``path`` (relative to the post's folder) part by part, comparing names exactly."""
    normal = posixpath.normpath(path) if path else "."
    if normal == ".":
        return Lookup("", found=True, is_folder=True)
    parts = normal.split("/")
    folder, actual_parts, exact = "", [], True
    size: int | None = None
    for index, part in enumerate(parts):
        if part == "..":
            folder = posixpath.normpath(posixpath.join(folder, ".."))
            actual_parts.append(part)
            continue
        names = files.entries(folder)
        if names is None:
            return Lookup(normal, found=False)
        name = part if part in names else _same_but_case(part, names)
        if name is None:
            return Lookup(normal, found=False)
        exact = exact and name == part
        actual_parts.append(name)
        folder = posixpath.join(folder, name) if folder not in ("", ".") else name
        if index == len(parts) - 1:
            size = names[name]
    is_folder = size is None
    if exact:
        return Lookup(normal, found=True, size=size, is_folder=is_folder)
    return Lookup(normal, found=False, actual="/".join(actual_parts), size=size)


def _same_but_case(name: str, names: Mapping[str, int | None]) -> str | None:
    folded = name.casefold()
    return next((candidate for candidate in names if candidate.casefold() == folded), None)
