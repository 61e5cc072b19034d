"""The repository reader gives rendering the files inside the repository folder, and no others."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from editor.services.source_files import MAX_BYTES, FolderSourceFiles


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "Community" / "includes").mkdir(parents=True)
    (root / "Community" / "media" / "Post").mkdir(parents=True)
    (root / "Community" / "includes" / "note.md").write_text("> [!NOTE]\n> Hi\n", "utf-8")
    (root / "Community" / "media" / "Post" / "Shot.PNG").write_bytes(b"png")
    (tmp_path / "secret.md").write_text("outside the repository", "utf-8")
    return root


def test_reads_a_file_inside_the_repository(repository: Path) -> None:
    files = FolderSourceFiles(str(repository))
    assert files.read_text("Community/includes/note.md") == "> [!NOTE]\n> Hi\n"


@pytest.mark.parametrize(
    "path",
    [
        "../secret.md",
        "Community/../../secret.md",
        "/etc/passwd",
        "Community\\includes\\note.md",
        "",
    ],
)
def test_refuses_paths_that_leave_the_repository(repository: Path, path: str) -> None:
    files = FolderSourceFiles(str(repository))
    assert files.read_text(path) is None
    assert files.find_file(path) is None


def test_refuses_a_symlink_that_points_outside(repository: Path) -> None:
    link = repository / "Community" / "includes" / "linked.md"
    link.symlink_to(repository.parent / "secret.md")
    (repository / "Community" / "out").symlink_to(repository.parent, target_is_directory=True)
    files = FolderSourceFiles(str(repository))
    assert files.read_text("Community/includes/linked.md") is None
    assert files.read_text("Community/out/secret.md") is None
    assert files.find_file("Community/out/secret.md") is None


def test_refuses_folders_missing_files_binary_and_huge_files(repository: Path) -> None:
    (repository / "binary.md").write_bytes(b"\xff\xfe\x00bad")
    (repository / "huge.md").write_bytes(b"a" * (MAX_BYTES + 1))
    files = FolderSourceFiles(str(repository))
    for path in ("Community", "Community/none.md", "binary.md", "huge.md"):
        assert files.read_text(path) is None, path


def test_a_byte_order_mark_is_dropped(repository: Path) -> None:
    (repository / "bom.md").write_bytes("\ufeffText".encode())
    assert FolderSourceFiles(str(repository)).read_text("bom.md") == "Text"


def test_finds_a_file_whose_name_differs_only_in_case(repository: Path) -> None:
    files = FolderSourceFiles(str(repository))
    assert files.find_file("Community/media/Post/Shot.PNG") == "Community/media/Post/Shot.PNG"
    assert files.find_file("community/MEDIA/post/shot.png") == "Community/media/Post/Shot.PNG"
    assert files.find_file("Community/media/Post/other.png") is None


def test_travels_to_the_render_process(repository: Path) -> None:
    files = FolderSourceFiles(str(repository))
    assert pickle.loads(pickle.dumps(files)) == files
