"""Writing files that come from a pull request into a review workspace, and nowhere else.

Every path is checked first (:func:`editor.core.review.paths.path_problem`). Where the system
allows it (Linux, macOS) files are written under directory file descriptors: each folder is
created with ``mkdir(dir_fd=…)`` and opened with ``O_DIRECTORY | O_NOFOLLOW``, so a symbolic
link planted anywhere on the way stops the write; the file goes to a new temporary name opened
with ``O_CREAT | O_EXCL | O_NOFOLLOW`` and is moved over the target with ``os.replace``. Where
it does not (Windows), every folder on the way is checked not to be a link and the real path
to stay inside the workspace, just before writing. Files are never made executable.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from editor.core.i18n import Message, message
from editor.core.review.paths import path_problem

_CONTEXT = "Review"
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)
_USE_DIR_FD = os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd


class UnsafeWriteError(OSError):
    """A file was not written because it would land outside the workspace or through a link."""

    def __init__(self, path: str, reason: Message) -> None:
        super().__init__(reason.english())
        self.path = path
        self.reason = reason


def write_file(root: Path, path: str, data: bytes) -> None:
    """Write ``data`` to repository path ``path`` inside the workspace folder ``root``.

    ``root`` must exist and be a real folder (not a link). Raises :class:`UnsafeWriteError`
    when the path is not allowed or the way to it is not safe.
    """
    problem = path_problem(path)
    if problem is not None:
        raise UnsafeWriteError(path, problem)
    parts = path.split("/")
    if _USE_DIR_FD:
        _write_with_dir_fds(root, parts, data, path)
    else:  # pragma: no cover - Windows
        _write_checked(root, parts, data, path)


def _link_refused(path: str) -> UnsafeWriteError:
    return UnsafeWriteError(
        path,
        message(_CONTEXT, "A folder on the way is a link or not a folder; nothing was written."),
    )


def _write_with_dir_fds(root: Path, parts: list[str], data: bytes, path: str) -> None:
    try:
        folder = os.open(root, _DIR_FLAGS)
    except OSError as error:
        raise _link_refused(path) from error
    try:
        for name in parts[:-1]:
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o755, dir_fd=folder)
            try:
                inner = os.open(name, _DIR_FLAGS, dir_fd=folder)
            except OSError as error:
                raise _link_refused(path) from error
            os.close(folder)
            folder = inner
        _replace_in(folder, parts[-1], data, path)
    finally:
        os.close(folder)


def _replace_in(folder: int, name: str, data: bytes, path: str) -> None:
    if _is_dir(folder, name):  # a link in its place is replaced, never followed
        raise _link_refused(path)
    temporary = f".{name[:200]}.{secrets.token_hex(4)}.part"
    handle = os.open(temporary, _FILE_FLAGS, 0o644, dir_fd=folder)
    try:
        with os.fdopen(handle, "wb", closefd=True) as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise


def _is_dir(folder: int, name: str) -> bool:
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return stat.S_ISDIR(info.st_mode)


def _write_checked(root: Path, parts: list[str], data: bytes, path: str) -> None:
    real_root = root.resolve(strict=True)
    current = root
    for name in parts[:-1]:
        current = current / name
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            raise _link_refused(path)
        with contextlib.suppress(FileExistsError):
            current.mkdir()
        if current.is_symlink() or not current.resolve().is_relative_to(real_root):
            raise _link_refused(path)
    target = current / parts[-1]
    if target.is_symlink() or target.is_dir():
        raise _link_refused(path)
    temporary = current / f".{parts[-1][:200]}.{secrets.token_hex(4)}.part"
    handle = os.open(temporary, _FILE_FLAGS, 0o644)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    if not current.resolve().is_relative_to(real_root):
        temporary.unlink()
        raise _link_refused(path)
    temporary.replace(target)


def read_file(root: Path, path: str) -> bytes | None:
    """The bytes of workspace file ``path``, or None (missing, a link, or outside)."""
    if path_problem(path) is not None:
        return None
    real_root = root.resolve()
    target = root.joinpath(*path.split("/"))
    try:
        if target.is_symlink() or not target.resolve(strict=True).is_relative_to(real_root):
            return None
        return target.read_bytes() if target.is_file() else None
    except OSError:
        return None


def make_root(root: Path) -> None:
    """Create the workspace folder (and its parents) if needed; refuse a link."""
    root.mkdir(parents=True, exist_ok=True)
    if root.is_symlink() or not root.is_dir():
        raise UnsafeWriteError(
            str(root), message(_CONTEXT, "The review folder is a link; nothing was written.")
        )
