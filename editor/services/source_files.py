"""The repository folder as :class:`editor.core.source_files.SourceFiles`, read from disk.

Rendering a Learn article reads its include files and code samples through this. Only files
whose real path (symbolic links followed) lies inside the real path of the repository folder
are read; ``..``, absolute paths and links that point out of the folder are refused, so a post
from someone else's pull request cannot pull arbitrary local files into the preview. Files are
read as strict UTF-8 (a BOM is dropped) and only up to :data:`MAX_BYTES`.

The object is a small frozen dataclass holding the folder's path, so it travels to the render
child process inside ``RenderOptions`` and reads there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: Larger files are not included in a page (a code sample or include file is far smaller).
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FolderSourceFiles:
    """Read-only, inside-the-folder-only access to one repository folder."""

    root: str

    def read_text(self, path: str) -> str | None:
        """The text of the repository file ``path``, or None when it may not or cannot be read."""
        real = self._inside(path)
        if real is None:
            return None
        try:
            with real.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_BYTES:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None

    def find_file(self, path: str) -> str | None:
        """The repository path of the file ``path`` names, ignoring letter case if need be."""
        parts = _parts(path)
        if parts is None:
            return None
        if self._inside(path) is not None:
            return path
        folder, found = Path(self.root), []
        for index, part in enumerate(parts):
            name = _entry_named(folder, part, want_file=index == len(parts) - 1)
            if name is None:
                return None
            found.append(name)
            folder = folder / name
        candidate = PurePosixPath(*found).as_posix()
        return candidate if self._inside(candidate) is not None else None

    def _inside(self, path: str) -> Path | None:
        """The real path of the regular file ``path`` if it lies inside the root, else None."""
        parts = _parts(path)
        if parts is None:
            return None
        try:
            real_root = Path(self.root).resolve(strict=True)
            real = real_root.joinpath(*parts).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):  # missing, symlink loop, NUL byte
            return None
        if not real.is_relative_to(real_root) or not real.is_file():
            return None
        return real


def _parts(path: str) -> tuple[str, ...] | None:
    """The path's names, or None for anything but a plain relative path that stays inside."""
    if not path or "\x00" in path or "\\" in path:
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(part in ("..", ".") for part in pure.parts):
        return None
    return pure.parts


def _entry_named(folder: Path, name: str, *, want_file: bool) -> str | None:
    """The entry of ``folder`` whose name equals ``name`` ignoring case (exact match first)."""
    wanted = name.casefold()
    try:
        with os.scandir(folder) as entries:
            names = sorted(
                entry.name
                for entry in entries
                if entry.name.casefold() == wanted
                and (entry.is_file() if want_file else entry.is_dir())
            )
    except OSError:
        return None
    if name in names:
        return name
    return names[0] if names else None
