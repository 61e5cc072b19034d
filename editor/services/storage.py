"""Reading and saving post files without ever damaging them.

* Loading refuses what it could not write back faithfully (not UTF-8, binary, huge files)
  and remembers a content digest, so edits made elsewhere can be noticed before saving.
* Saving is atomic: the bytes go to a temporary file in the same folder, are flushed and
  fsynced, get the old file's permission bits, and then replace the file in one
  ``os.replace``. On any failure the temporary file is removed and the original is untouched.
* A symlinked post is saved through the link: the link's target is replaced, not the link.

Every failure is a :class:`StorageError` carrying a plain-language :class:`Message`.
See docs/decisions/0002-file-format.md.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editor.core.i18n import Message, message
from editor.core.post import Post
from editor.core.text_format import DecodeError

MAX_POST_BYTES = 20 * 1024 * 1024
_CONTEXT = "Storage"
_DIGEST_SIZE = 32


class StorageError(Exception):
    """A file could not be read or written; ``message`` says why and what to do."""

    def __init__(
        self, msg: Message, *, path: Path | None = None, encoding: str | None = None
    ) -> None:
        super().__init__(msg.english())
        self.message = msg
        self.path = path
        #: For a text file that is not UTF-8: the encoding it seems to be in, when one of
        #: :data:`CONVERTIBLE_ENCODINGS` (then :func:`load_post_converted` can open it).
        self.encoding = encoding


@dataclass(frozen=True, slots=True)
class LoadedPost:
    """A post read from disk, with what is needed to notice later changes to the file."""

    post: Post
    path: Path
    #: :func:`content_digest` of the bytes read.
    digest: str
    mtime_ns: int
    #: The file's permission bits (``stat.S_IMODE``).
    mode: int
    size: int


def content_digest(data: bytes) -> str:
    """A hex BLAKE2b digest of ``data``."""
    hasher = _new_hasher()
    hasher.update(data)
    return hasher.hexdigest()


def load_post(path: Path | str) -> LoadedPost:
    """Read the post at ``path``; raises :class:`StorageError` with a plain explanation."""
    path = Path(path)
    data, info = _read_regular_file(path)
    try:
        post = Post.from_bytes(data)
    except DecodeError as error:
        likely = error.likely_encoding
        encoding = likely if likely in CONVERTIBLE_ENCODINGS else None
        raise StorageError(error.message, path=path, encoding=encoding) from error
    return _loaded(path, post, data, info)


#: Encodings a post may be converted from, once the user agreed (what the sniffing names).
CONVERTIBLE_ENCODINGS = ("UTF-16", "Windows-1252")


def load_post_converted(path: Path | str, encoding: str) -> LoadedPost:
    """Read a post stored in ``encoding`` (one of :data:`CONVERTIBLE_ENCODINGS`) as UTF-8.

    Only after the user agreed: the returned post saves as UTF-8 (without BOM, with the
    file's line endings), so the first save changes the file's bytes. The digest is that of
    the bytes on disk, so a change made elsewhere is still noticed. Raises
    :class:`StorageError` when the bytes are not valid in that encoding either.
    """
    path = Path(path)
    data, info = _read_regular_file(path)
    try:
        text = _decode_legacy(data, encoding)
        post = Post.from_bytes(text.encode("utf-8"))
    except (UnicodeError, DecodeError) as error:
        raise StorageError(
            message(
                _CONTEXT,
                "“{name}” could not be read as {encoding} either, so it was not opened and"
                " nothing was changed.",
                name=str(path),
                encoding=encoding,
            ),
            path=path,
        ) from error
    return _loaded(path, post, data, info)


def _decode_legacy(data: bytes, encoding: str) -> str:
    if encoding == "UTF-16":
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        little = data[1::2].count(0) >= data[0::2].count(0)
        return data.decode("utf-16-le" if little else "utf-16-be")
    if encoding == "Windows-1252":
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # the five bytes Windows-1252 leaves out: Latin-1 has them
            return data.decode("latin-1")
    raise UnicodeError(f"cannot convert from {encoding}")


def _loaded(path: Path, post: Post, data: bytes, info: os.stat_result) -> LoadedPost:
    return LoadedPost(
        post=post,
        path=path,
        digest=content_digest(data),
        mtime_ns=info.st_mtime_ns,
        mode=stat.S_IMODE(info.st_mode),
        size=info.st_size,
    )


def save_post(path: Path | str, post: Post) -> str:
    """Save ``post`` to ``path`` atomically (through a symlink); returns the new digest."""
    data = post.to_bytes()
    atomic_write_bytes(Path(os.path.realpath(path)), data)
    return content_digest(data)


def has_changed_on_disk(path: Path | str, digest: str, *, size: int | None = None) -> bool:
    """True when the file at ``path`` no longer holds the bytes whose digest is ``digest``.

    A missing or unreadable file counts as changed. When the ``size`` read at load time is
    given, a file of another size is reported without reading it.
    """
    path = Path(path)
    try:
        if size is not None and path.stat().st_size != size:
            return True
        with path.open("rb") as handle:
            found = hashlib.file_digest(handle, _new_hasher).hexdigest()
    except OSError:
        return True
    return found != digest


def atomic_write_bytes(target: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``target`` with ``data`` atomically, keeping its permission bits.

    A new file gets the permissions the umask allows, or ``mode`` when given (``mode`` also
    wins over an existing file's bits: private files stay private). Raises
    :class:`StorageError`; then the temporary file is gone and ``target`` is as it was.
    """
    existing = _stat_or_none(target)
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise StorageError(_folder_in_the_way(target), path=target)
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise StorageError(_save_problem(error, target), path=target) from error
    temp = Path(temp_name)
    replaced = False
    try:
        if mode is not None:
            temp.chmod(mode)  # before any byte is written: nobody else can read it
        _write_and_sync(handle, data)
        if mode is None:
            _copy_file_attributes(temp, existing)
        temp.replace(target)
        replaced = True
    except OSError as error:
        raise StorageError(_save_problem(error, target), path=target) from error
    finally:
        if not replaced:
            _remove_quietly(temp)
    _sync_folder(target.parent)


# --- Reading


def _read_regular_file(path: Path) -> tuple[bytes, os.stat_result]:
    try:
        info = path.stat()
        _check_readable_kind(path, info)
        with path.open("rb") as handle:
            data = handle.read(MAX_POST_BYTES + 1)
    except OSError as error:
        raise StorageError(_load_problem(error, path), path=path) from error
    if len(data) > MAX_POST_BYTES:  # it grew after the stat
        raise StorageError(_too_large(path, len(data)), path=path)
    return data, info


def _check_readable_kind(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise StorageError(_is_a_folder(path), path=path)
    if not stat.S_ISREG(info.st_mode):
        raise StorageError(
            message(
                _CONTEXT,
                "“{name}” is not a regular file (it may be a device or a pipe), so it was"
                " not opened.",
                name=str(path),
            ),
            path=path,
        )
    if info.st_size > MAX_POST_BYTES:
        raise StorageError(_too_large(path, info.st_size), path=path)


def _load_problem(error: OSError, path: Path) -> Message:
    name = str(path)
    if isinstance(error, FileNotFoundError):
        text = "“{name}” was not found. It may have been moved, renamed or deleted."
    elif isinstance(error, IsADirectoryError):
        return _is_a_folder(path)
    elif isinstance(error, PermissionError):
        text = "You do not have permission to read “{name}”, so it was not opened."
    else:
        return message(
            _CONTEXT,
            "“{name}” could not be read ({detail}), so it was not opened.",
            name=name,
            detail=error.strerror or str(error),
        )
    return message(_CONTEXT, text, name=name)


def _too_large(path: Path, size: int) -> Message:
    return message(
        _CONTEXT,
        "“{name}” is {size} MB, and Postwright opens files of up to {limit} MB. A blog post"
        " is far smaller, so this is probably not a post; it was not opened.",
        name=str(path),
        size=f"{size / 1024 / 1024:.1f}",
        limit=MAX_POST_BYTES // 1024 // 1024,
    )


def _is_a_folder(path: Path) -> Message:
    return message(
        _CONTEXT, "“{name}” is a folder, not a file. Choose a file inside it.", name=str(path)
    )


def _folder_in_the_way(path: Path) -> Message:
    return message(
        _CONTEXT,
        "“{name}” is a folder, not a file, so nothing was saved there. Your text is still in"
        " the editor; use Save As to save it elsewhere.",
        name=str(path),
    )


def _new_hasher() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=_DIGEST_SIZE)


# --- Writing


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageError(_save_problem(error, path), path=path) from error


def _write_and_sync(handle: int, data: bytes) -> None:
    with open(handle, "wb", closefd=True) as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _copy_file_attributes(temp: Path, existing: os.stat_result | None) -> None:
    """Give the temporary file the old file's permission bits (and owner, when allowed)."""
    if existing is None:
        temp.chmod(0o666 & ~_current_umask())
        return
    temp.chmod(stat.S_IMODE(existing.st_mode))
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != _owner(temp):
        # Only root (or the owner, for a group it belongs to) may hand a file over.
        with contextlib.suppress(PermissionError):
            os.chown(temp, existing.st_uid, existing.st_gid)


def _owner(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_uid, info.st_gid


def _current_umask() -> int:
    """The process umask, read without changing it where the system allows that."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no read-only call exists elsewhere; put it straight back
    os.umask(mask)
    return mask


def _remove_quietly(path: Path) -> None:
    # Nothing more can be done if this fails; the original file is untouched either way.
    with contextlib.suppress(OSError):
        path.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename durable. Not every system or file system supports this; skip then."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # the new file is in place; only durability across a power cut is weaker
    finally:
        os.close(descriptor)


_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def _save_problem(error: OSError, target: Path) -> Message:
    folder, name = str(target.parent), str(target)
    if error.errno in _DISK_FULL:
        return message(
            _CONTEXT,
            "The disk is full. Your text is still in the editor; free some space or use"
            " Save As to save it elsewhere.",
        )
    if error.errno == errno.EROFS:
        return message(
            _CONTEXT,
            "“{folder}” is on a read-only disk, so “{name}” was not saved. Your text is still"
            " in the editor; use Save As to save it elsewhere.",
            folder=folder,
            name=name,
        )
    if isinstance(error, PermissionError):
        return message(
            _CONTEXT,
            "You do not have permission to save “{name}”. Your text is still in the editor;"
            " use Save As to save it elsewhere.",
            name=name,
        )
    if isinstance(error, FileNotFoundError):
        return message(
            _CONTEXT,
            "The folder “{folder}” no longer exists, so “{name}” was not saved. Your text is"
            " still in the editor; use Save As to save it elsewhere.",
            folder=folder,
            name=name,
        )
    return message(
        _CONTEXT,
        "“{name}” could not be saved ({detail}); the file on disk was not changed. Your text"
        " is still in the editor; try again or use Save As to save it elsewhere.",
        name=name,
        detail=error.strerror or str(error),
    )


#: Pictures larger than this are left as links when a page is exported.
MAX_EMBEDDED_BYTES = 20 * 1024 * 1024


def folder_reader(folder: Path) -> Callable[[str], bytes | None]:
    """Read files named relative to ``folder``, only when they really lie inside it.

    ``..``, absolute paths and symbolic links that lead outside the folder give None, as do
    missing, unreadable and oversized files: the page then keeps its plain link.
    """
    root = folder.resolve()

    def read(relative: str) -> bytes | None:
        try:
            target = (root / relative).resolve()
            if not target.is_relative_to(root) or not target.is_file():
                return None
            if target.stat().st_size > MAX_EMBEDDED_BYTES:
                return None
            return target.read_bytes()
        except (OSError, ValueError):
            return None

    return read
