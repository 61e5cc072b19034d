"""Picture processing and files, on generated pictures and the real Learn corpus."""

from __future__ import annotations

import hashlib
import io
import random
from pathlib import Path

import pytest
from PIL import Image

from editor.services.images import (
    ImageError,
    ImageHolding,
    ImageOptions,
    process_image,
    rename_image,
    scan_images,
    thumbnail_png,
    write_new_image,
)

BLOG = ImageOptions(max_width=1400)
LEARN = ImageOptions(max_width=1200, formats=("png", "jpg", "gif"))


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def noisy_photo(width: int, height: int) -> Image.Image:
    """A picture with photo-like colours (far more than a screenshot has)."""
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(width * height * 3))
    return Image.frombytes("RGB", (width, height), data)


def jpeg_with_exif(width: int, height: int, orientation: int) -> bytes:
    image = noisy_photo(width, height)
    exif = image.getexif()
    exif[0x0112] = orientation
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x013B] = "Jane Photographer"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (60.0, 10.0, 5.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def test_png_screenshot_with_alpha_stays_png_and_keeps_transparency() -> None:
    shot = Image.new("RGBA", (2000, 1000), (255, 255, 255, 0))
    shot.paste((30, 90, 200, 255), (100, 100, 900, 500))
    result = process_image(png_bytes(shot), "shot.png", BLOG)
    assert result.extension == "png" and (result.width, result.height) == (1400, 700)
    with Image.open(io.BytesIO(result.data)) as out:
        assert out.mode == "RGBA" and out.getpixel((5, 5))[3] == 0
        assert out.getpixel((300, 150))[3] == 255


def test_jpeg_photo_is_turned_upright_and_loses_gps_camera_and_author() -> None:
    data = jpeg_with_exif(300, 200, orientation=6)  # stored sideways: shown 200 wide, 300 high
    result = process_image(data, "photo.jpg", BLOG)
    assert result.extension == "jpg" and (result.width, result.height) == (200, 300)
    with Image.open(io.BytesIO(result.data)) as out:
        assert out.size == (200, 300)
        assert dict(out.getexif()) == {}
        assert not {"exif", "xmp"} & set(out.info)
    assert b"CameraMaker" not in result.data and b"Jane Photographer" not in result.data
    notes = " ".join(note.english() for note in result.notes)
    assert "upright" in notes and "location" in notes


def test_a_photo_pasted_as_png_becomes_jpeg_and_smaller() -> None:
    data = png_bytes(noisy_photo(400, 300))
    result = process_image(data, "pasted.png", BLOG)
    assert result.extension == "jpg" and result.size < len(data)


def test_animated_gif_is_kept_animated_byte_for_byte() -> None:
    frames = [Image.new("RGB", (1600, 50), color) for color in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    data = out.getvalue()
    result = process_image(data, "demo.gif", LEARN)
    assert result.data == data and result.extension == "gif"
    with Image.open(io.BytesIO(result.data)) as gif:
        assert gif.n_frames == 3
    assert "animated" in " ".join(note.english() for note in result.notes)


def test_huge_image_is_scaled_down_to_the_sites_width() -> None:
    data = png_bytes(Image.new("RGB", (8000, 6000), (240, 240, 240)))
    result = process_image(data, "huge.png", LEARN)
    assert (result.width, result.height) == (1200, 900)
    assert "Scaled down from 8000 to 1200" in " ".join(n.english() for n in result.notes)


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_file_is_a_clear_error_and_nothing_is_written(tmp_path: Path, cut: float) -> None:
    data = png_bytes(noisy_photo(200, 200))
    broken = data[: int(len(data) * cut)]
    with pytest.raises(ImageError) as caught:
        process_image(broken, "broken.png", BLOG)
    assert "damaged, incomplete" in caught.value.message.english()
    assert "Nothing was added" in caught.value.message.english()


def test_not_an_image_at_all_is_a_clear_error() -> None:
    with pytest.raises(ImageError, match="cannot be read as a picture"):
        process_image(b"%PDF-1.4 not a picture", "notes.png", BLOG)


def test_svg_is_kept_only_when_it_runs_and_loads_nothing() -> None:
    clean = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>'
    assert process_image(clean, "a.svg", BLOG).data == clean
    for unsafe in (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://e.com/t.png"/></svg>',
    ):
        with pytest.raises(ImageError, match="script or loads something"):
            process_image(unsafe, "a.svg", BLOG)
    with pytest.raises(ImageError, match="does not publish SVG"):
        process_image(clean, "a.svg", LEARN)


def test_without_optimising_the_bytes_are_copied_unchanged() -> None:
    data = jpeg_with_exif(100, 80, orientation=1)
    assert process_image(data, "a.jpg", ImageOptions(optimise=False)).data == data


def test_the_original_file_is_never_modified(tmp_path: Path) -> None:
    original = tmp_path / "photo.jpg"
    original.write_bytes(jpeg_with_exif(300, 200, orientation=6))
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    process_image(original.read_bytes(), original.name, BLOG)
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before


def test_new_images_never_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "images"
    write_new_image(folder, "a.png", b"first")
    with pytest.raises(ImageError, match="already exists"):
        write_new_image(folder, "a.png", b"second")
    assert (folder / "a.png").read_bytes() == b"first"


def test_rename_refuses_to_replace_another_picture(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"a")
    (tmp_path / "b.png").write_bytes(b"b")
    with pytest.raises(ImageError, match="already exists"):
        rename_image(tmp_path / "a.png", tmp_path / "b.png")
    rename_image(tmp_path / "a.png", tmp_path / "c.png")
    assert (tmp_path / "c.png").read_bytes() == b"a" and (tmp_path / "b.png").read_bytes() == b"b"


def test_deleted_images_can_be_restored(tmp_path: Path) -> None:
    picture = tmp_path / "post" / "images" / "a.png"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(b"picture")
    holding = ImageHolding(tmp_path / "held")
    held = holding.delete(picture)
    assert not picture.exists() and held.held.read_bytes() == b"picture"
    holding.restore(held)
    assert picture.read_bytes() == b"picture" and holding.held == ()


def test_restore_never_replaces_a_new_file_of_the_same_name(tmp_path: Path) -> None:
    picture = tmp_path / "a.png"
    picture.write_bytes(b"old")
    holding = ImageHolding(tmp_path / "held")
    held = holding.delete(picture)
    picture.write_bytes(b"new")
    with pytest.raises(ImageError, match="cannot be restored"):
        holding.restore(held)
    assert picture.read_bytes() == b"new" and held.held.read_bytes() == b"old"


def test_scan_lists_the_folder_and_referenced_folders_with_sizes(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(png_bytes(Image.new("RGB", (30, 20))))
    (tmp_path / "images" / "broken.png").write_bytes(b"\x89PNG broken")
    (tmp_path / "images" / "notes.txt").write_text("not a picture")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.png").write_bytes(png_bytes(Image.new("RGB", (5, 5))))
    files = {f.path: f for f in scan_images(tmp_path, "images", "![b](other/b.png)", None)}
    assert set(files) == {"images/a.png", "images/broken.png", "other/b.png"}
    assert (files["images/a.png"].width, files["images/a.png"].height) == (30, 20)
    assert files["images/broken.png"].width is None


def width_of(path: Path) -> int:
    with Image.open(path) as image:
        return image.width


def test_corpus_screenshots_are_scaled_to_learns_width(shared_dir: Path) -> None:
    media = shared_dir / "corpus" / "learn" / "Community" / "media"
    widest = max(
        (path for path in media.rglob("*.png") if path.stat().st_size < 2_000_000),
        key=width_of,
    )
    assert width_of(widest) > 1200
    result = process_image(widest.read_bytes(), widest.name, LEARN)
    assert result.width == 1200 and result.extension in ("png", "jpg")
    assert thumbnail_png(widest, 64) is not None
