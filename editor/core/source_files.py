"""The files of a post's repository that rendering may read, without core doing any I/O.

Some sites pull other files into a page: Microsoft Learn's ``[!INCLUDE [t](path)]`` and
``:::code source="path":::``, and its image links, which the site finds even when their letter
case is wrong. The renderer is pure, so it is *given* a :class:`SourceFiles`: the services
layer implements it on the real repository folder (``editor.services.source_files``), tests
use :class:`MemorySourceFiles`.

Paths are repository-relative POSIX paths (``Community/includes/x.md``). Whoever implements
the protocol must refuse anything outside the repository folder; :func:`join_repository_path`
already refuses ``..`` that climbs out, so a well-behaved caller never asks.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath
from typing import Protocol, runtime_checkable


@runtime_checkable
class SourceFiles(Protocol):
    """Read-only access to the files of one repository folder."""

    def read_text(self, path: str) -> str | None:
        """The UTF-8 text of the file at repository path ``path``, or None if it cannot be
        read (missing, not a file, outside the repository, not UTF-8, too large)."""
        ...

    def find_file(self, path: str) -> str | None:
        """The repository path of the file that ``path`` names when letter case is ignored
        (the exact path when it exists), or None when there is no such file."""
        ...


@dataclass(frozen=True, slots=True, eq=False)
class MemorySourceFiles:
    """A :class:`SourceFiles` over a dictionary of repository paths to text (for tests).

    Compared and hashed by identity, so ``RenderOptions`` holding one stays hashable.
    """

    files: Mapping[str, str] = field(default_factory=dict)

    def read_text(self, path: str) -> str | None:
        return self.files.get(path)

    def find_file(self, path: str) -> str | None:
        if path in self.files:
            return path
        wanted = path.casefold()
        return next((name for name in sorted(self.files) if name.casefold() == wanted), None)


def join_repository_path(document_path: str, target: str) -> str | None:
    """The repository path ``target`` names from the document at ``document_path``.

    ``target`` is relative to the document's folder, or to the repository root when it starts
    with ``~/``. Backslashes count as ``/``. None when the result would leave the repository
    (``..`` past its root) or names no file (empty, absolute, a URL).
    """
    target = target.replace("\\", "/").strip()
    if target.startswith("~/"):
        base, target = "", target[2:]
    else:
        base = posixpath.dirname(document_path)
    if not target or target.startswith("/") or ":" in target.split("/", 1)[0]:
        return None
    joined = posixpath.normpath(posixpath.join(base, target))
    if joined in (".", "..") or joined.startswith("../") or "\x00" in joined:
        return None
    return joined


def repository_location(document: PurePath, post_path: str) -> tuple[PurePath, str]:
    """Where a document's repository folder is, and the document's path inside it.

    ``post_path`` is the profile's template for a post's repository path, e.g.
    ``Community/{name}.md``: a document at ``…/repo/Community/x.md`` lives in ``…/repo`` as
    ``Community/x.md``. When the document's folders do not match the template's fixed folders
    (the file is somewhere else), its own folder is taken as the repository folder.
    """
    template_folders = PurePosixPath(post_path).parts[:-1]
    parents = document.parts[:-1]
    depth = len(template_folders)
    if depth and len(parents) > depth:
        actual = parents[len(parents) - depth :]
        if all(
            "{" in expected or expected.casefold() == got.casefold()
            for expected, got in zip(template_folders, actual, strict=True)
        ):
            root = document.parents[depth]
            return root, PurePosixPath(*actual, document.name).as_posix()
    return document.parent, document.name
