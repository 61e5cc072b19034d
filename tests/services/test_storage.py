"""Loading and atomically saving post files."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

from editor.core.post import Post
from editor.services.storage import (
    MAX_POST_BYTES,
    LoadedPost,
    StorageError,
    content_digest,
    has_changed_on_disk,
    load_post,
    save_post,
)

CRLF_BOM_POST = b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nBody without final newline"


@pytest.fixture
def post_file(tmp_path: Path) -> Path:
    path = tmp_path / "index.md"
    path.write_bytes(CRLF_BOM_POST)
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files a save may have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- Loading -------------------------------------------------------------------------------


def test_load_post(post_file: Path) -> None:
    post_file.chmod(0o640)
    loaded = load_post(post_file)
    assert isinstance(loaded, LoadedPost)
    assert loaded.path == post_file
    assert loaded.post.text == "---\ntitle: x\n---\nBody without final newline"
    assert loaded.post.to_bytes() == CRLF_BOM_POST
    assert loaded.digest == content_digest(CRLF_BOM_POST)
    assert loaded.size == len(CRLF_BOM_POST)
    assert loaded.mtime_ns == post_file.stat().st_mtime_ns
    assert loaded.mode == 0o640


def test_load_accepts_a_string_path(post_file: Path) -> None:
    assert load_post(str(post_file)).path == post_file


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        load_post(tmp_path / "gone.md")
    assert "was not found" in caught.value.message.english()
    assert caught.value.path == tmp_path / "gone.md"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        load_post(tmp_path)
    assert "is a folder, not a file" in caught.value.message.english()


def test_permission_denied(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may run as root, where modes do not block reading; make open() refuse instead."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(StorageError) as caught:
        load_post(post_file)
    assert "do not have permission to read" in caught.value.message.english()


def test_too_large_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(MAX_POST_BYTES + 1)  # sparse: costs no disk space
    with pytest.raises(StorageError) as caught:
        load_post(path)
    text = caught.value.message.english()
    assert "20.0 MB" in text
    assert "up to 20 MB" in text
    assert "it was not opened" in text


def test_exactly_the_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"a" * MAX_POST_BYTES)
    assert load_post(path).size == MAX_POST_BYTES


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_not_a_regular_file(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    with pytest.raises(StorageError) as caught:
        load_post(pipe)
    assert "not a regular file" in caught.value.message.english()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"caf\xe9\n", "Windows-1252"),
        ("# UTF-16\n".encode("utf-16"), "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL bytes"),
    ],
)
def test_non_utf8_is_refused_and_the_file_is_untouched(
    tmp_path: Path, data: bytes, words: str
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(data)
    before = path.stat()
    with pytest.raises(StorageError) as caught:
        load_post(path)
    text = caught.value.message.english()
    assert words in text
    assert "nothing was changed" in text
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == before.st_mtime_ns


# --- Saving --------------------------------------------------------------------------------


def test_untouched_load_save_is_byte_identical(post_file: Path) -> None:
    loaded = load_post(post_file)
    digest = save_post(post_file, loaded.post)
    assert post_file.read_bytes() == CRLF_BOM_POST
    assert digest == loaded.digest
    assert leftovers(post_file.parent) == []


def test_save_writes_the_post_and_returns_its_digest(post_file: Path) -> None:
    post = load_post(post_file).post.with_field("title", "y")
    digest = save_post(post_file, post)
    assert post_file.read_bytes() == CRLF_BOM_POST.replace(b"title: x", b"title: y")
    assert digest == content_digest(post_file.read_bytes())


def test_save_keeps_permission_bits(post_file: Path) -> None:
    post_file.chmod(0o640)
    save_post(post_file, Post("changed\n"))
    assert stat.S_IMODE(post_file.stat().st_mode) == 0o640


def test_new_file_gets_the_umask_default(tmp_path: Path) -> None:
    old_mask = os.umask(0o027)
    try:
        save_post(tmp_path / "new.md", Post("new\n"))
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640
    assert (tmp_path / "new.md").read_bytes() == b"new\n"


def test_save_replaces_the_file_not_writes_into_it(post_file: Path) -> None:
    """Another program holding the old file keeps seeing the old bytes (atomic replace)."""
    old_inode = post_file.stat().st_ino
    with post_file.open("rb") as reader:
        save_post(post_file, Post("new\n"))
        assert reader.read() == CRLF_BOM_POST
    assert post_file.stat().st_ino != old_inode


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_save_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real" / "index.md"
    target.parent.mkdir()
    target.write_bytes(b"old\n")
    target.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    save_post(link, load_post(link).post.with_text("new\n"))
    assert link.is_symlink()
    assert link.resolve() == target.resolve()
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []
    assert leftovers(target.parent) == []


def test_save_over_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "post.md"
    folder.mkdir()
    with pytest.raises(StorageError) as caught:
        save_post(folder, Post("x"))
    assert "is a folder" in caught.value.message.english()


def test_save_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        save_post(tmp_path / "gone" / "index.md", Post("x"))
    assert "no longer exists" in caught.value.message.english()


def _raise(code: int) -> object:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize("function", ["replace", "fsync"])
def test_disk_full_leaves_the_original_and_no_temp_file(
    post_file: Path, monkeypatch: pytest.MonkeyPatch, function: str
) -> None:
    monkeypatch.setattr(os, function, _raise(errno.ENOSPC))
    with pytest.raises(StorageError) as caught:
        save_post(post_file, Post("new text\n"))
    assert caught.value.message.english() == (
        "The disk is full. Your text is still in the editor; free some space or use Save As to"
        " save it elsewhere."
    )
    monkeypatch.undo()
    assert post_file.read_bytes() == CRLF_BOM_POST
    assert leftovers(post_file.parent) == []


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EROFS, "is on a read-only disk"),
        (errno.EACCES, "do not have permission to save"),
        (errno.EIO, "could not be saved (Input/output error); the file on disk was not changed"),
    ],
)
def test_save_failures_are_explained(
    post_file: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    monkeypatch.setattr(os, "replace", _raise(code))
    with pytest.raises(StorageError) as caught:
        save_post(post_file, Post("new text\n"))
    assert words in caught.value.message.english()
    assert "Save As" in caught.value.message.english()
    monkeypatch.undo()
    assert post_file.read_bytes() == CRLF_BOM_POST
    assert leftovers(post_file.parent) == []


def test_read_only_folder_fails_before_writing(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "mkstemp", _raise(errno.EROFS))
    with pytest.raises(StorageError) as caught:
        save_post(post_file, Post("x"))
    assert "read-only disk" in caught.value.message.english()
    monkeypatch.undo()
    assert post_file.read_bytes() == CRLF_BOM_POST


# --- Noticing changes made elsewhere -------------------------------------------------------


def test_has_changed_on_disk(post_file: Path) -> None:
    loaded = load_post(post_file)
    assert not has_changed_on_disk(post_file, loaded.digest)
    assert not has_changed_on_disk(post_file, loaded.digest, size=loaded.size)
    post_file.write_bytes(CRLF_BOM_POST.replace(b"x", b"y"))  # same size, other bytes
    assert has_changed_on_disk(post_file, loaded.digest)
    assert has_changed_on_disk(post_file, loaded.digest, size=loaded.size)


def test_size_difference_is_enough(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_post(post_file)
    post_file.write_bytes(CRLF_BOM_POST + b"!")

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file should not be read")

    monkeypatch.setattr(Path, "open", no_reading)
    assert has_changed_on_disk(post_file, loaded.digest, size=loaded.size)


def test_deleted_file_has_changed(post_file: Path) -> None:
    digest = load_post(post_file).digest
    post_file.unlink()
    assert has_changed_on_disk(post_file, digest)


def test_own_save_is_not_a_change(post_file: Path) -> None:
    digest = save_post(post_file, Post("mine\n"))
    assert not has_changed_on_disk(post_file, digest)


def test_folder_reader_reads_only_inside_its_folder(tmp_path: Path) -> None:
    from editor.services.storage import folder_reader

    post = tmp_path / "post"
    (post / "images").mkdir(parents=True)
    (post / "images" / "a.png").write_bytes(b"inside")
    (tmp_path / "secret.png").write_bytes(b"outside")
    (post / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    read = folder_reader(post)
    assert read("images/a.png") == b"inside"
    assert read("../secret.png") is None
    assert read(str(tmp_path / "secret.png")) is None
    assert read("images/link.png") is None
    assert read("images/missing.png") is None
