"""The checks' view of the real disk: exact names, sizes, folders, and nothing invented."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from editor.core.checks import look_up
from editor.core.profiles import builtin_profiles_dir, load_profiles
from editor.services.checks_files import DiskFiles, check_saved_post


def test_lists_names_with_sizes_and_folders(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "Chart.png").write_bytes(b"x" * 10)
    view = DiskFiles(tmp_path)
    assert view.entries("") == {"images": None}
    assert view.entries("images") == {"Chart.png": 10}
    assert view.entries("missing") is None


def test_lookups_compare_case_even_where_the_disk_does_not(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "Chart.png").write_bytes(b"x")
    view = DiskFiles(tmp_path)
    assert look_up(view, "images/Chart.png").found
    wrong = look_up(view, "images/chart.png")
    assert not wrong.found
    assert wrong.actual == "images/Chart.png"


def test_parent_folders_can_be_reached(tmp_path: Path) -> None:
    (tmp_path / "post").mkdir()
    (tmp_path / "shared.png").write_bytes(b"x")
    assert look_up(DiskFiles(tmp_path / "post"), "../shared.png").found


def test_a_listing_is_read_once_per_view(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"x")
    view = DiskFiles(tmp_path)
    assert "a.png" in (view.entries("") or {})
    (tmp_path / "b.png").write_bytes(b"x")
    assert "b.png" not in (view.entries("") or {})  # one check run sees one state
    assert "b.png" in (DiskFiles(tmp_path).entries("") or {})


def test_small_text_files_are_read_and_others_are_not(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "a.md").write_text("> [!NOTE]\n", encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("caf\xe9".encode("latin-1"))
    view = DiskFiles(tmp_path)
    assert view.read_text("includes/a.md") == "> [!NOTE]\n"
    assert view.read_text("latin1.md") is None
    assert view.read_text("missing.md") is None
    assert view.read_text("includes") is None


def test_a_saved_post_is_checked_with_its_files_and_pictures(tmp_path: Path) -> None:

    blog = load_profiles(builtin_profiles_dir()).get("pnp-blog")
    bundle = tmp_path / "content" / "post" / "a"
    (bundle / "images").mkdir(parents=True)
    Image.new("RGB", (3000, 10), "white").save(bundle / "images" / "wide.png")
    text = "---\ntitle: A\n---\n\n![A wide chart](images/wide.png) and ![x](images/gone.png)\n"
    rules = {p.rule for p in check_saved_post(text, blog, bundle / "index.md").problems}
    assert {"images.wide", "images.missing"} <= rules  # the Images panel's rules, on disk
    unsaved = {p.rule for p in check_saved_post(text, blog, None).problems}
    assert not unsaved & {"images.wide", "images.missing"}  # no folder: nothing guessed
