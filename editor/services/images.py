"""Pictures on disk: reading, optimising (Pillow), adding to a post, renaming, replacing,
and deleting to a place they can be brought back from.

Decision 0007 explains the processing choices. In short: scale down to the site's maximum
width, apply and then drop the EXIF orientation, keep PNG for screenshots (few colours or
transparency) and JPEG for photos, recompress, and write none of the original's metadata
(GPS position, camera, author) — except the colour profile, which changes how colours look.
Animated GIFs are copied as they are; an SVG is copied only if it can run nothing and load
nothing. The original file is only ever read. A file that cannot be read as a picture is an
:class:`ImageError` with a plain message, and nothing is written.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import re
import shutil
import time
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.i18n import Message, message
from editor.core.images import ImageFile, find_references
from editor.core.images.naming import normal_extension
from editor.services.storage import StorageError, atomic_write_bytes

if TYPE_CHECKING:  # Pillow is imported where pictures are read, not at start-up (~8 ms)
    from PIL import Image

_CONTEXT = "Images"
#: Above this many pixels a file is refused rather than decoded (a 100-megapixel picture
#: needs 400 MB of memory; no screenshot or photo for a post comes near it).
MAX_PIXELS = 100_000_000
#: A picture with more distinct colours than this and no transparency is treated as a photo.
PHOTO_COLOURS = 65_536
JPEG_QUALITY = 85
#: Suffixes listed in a post's image folder.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".tif"})
#: Metadata a re-encoded file keeps: how it is drawn, not who made it or where.
_KEPT_INFO = ("transparency", "icc_profile")
_SVG_DANGER = re.compile(
    r"<\s*script|<\s*foreignObject|\bon[a-z]+\s*=|<!ENTITY|<!DOCTYPE|@import|javascript:",
    re.I,
)
_SVG_REFERENCE = re.compile(r"""(?:href|src)\s*=\s*["']\s*([^"'\s]*)|url\(\s*["']?\s*([^)"'\s]*)""")


class ImageError(Exception):
    """A picture could not be read, processed or written; ``message`` says why."""

    def __init__(self, msg: Message) -> None:
        super().__init__(msg.english())
        self.message = msg


@dataclass(frozen=True, slots=True)
class ImageOptions:
    """How a picture is treated on the way in. ``optimise`` False copies it unchanged."""

    optimise: bool = True
    max_width: int | None = None
    #: The extensions the site publishes; a picture of another kind is converted to PNG/JPEG.
    formats: tuple[str, ...] = ("png", "jpg", "jpeg", "gif", "webp", "svg")
    #: Write this format ("png" or "jpg") whatever the content (replacing a picture keeps
    #: its name, so its kind); None chooses by content.
    extension: str | None = None


@dataclass(frozen=True, slots=True)
class ProcessedImage:
    """A picture ready to be written: its bytes, the extension they need, and what changed."""

    data: bytes
    extension: str
    width: int | None
    height: int | None
    original_size: int
    notes: tuple[Message, ...] = ()

    @property
    def size(self) -> int:
        return len(self.data)


def read_source(path: Path) -> bytes:
    """The bytes of a picture the user chose (never modified)."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImageError(
            message(
                _CONTEXT,
                "{name} cannot be read: {reason}.",
                name=path.name,
                reason=error.strerror or str(error),
            )
        ) from error


def process_image(data: bytes, name: str, options: ImageOptions) -> ProcessedImage:
    """``data`` (a file called ``name``) made ready for the post. Raises :class:`ImageError`."""
    if _looks_like_svg(data, name):
        return _checked_svg(data, name, options)
    with _opened(data, name) as image:
        kind = (image.format or "").lower()
        if kind == "gif" and getattr(image, "is_animated", False):
            return _animated_gif(data, image, options)
        if not options.optimise:
            return ProcessedImage(
                data, _extension_for(kind, name), image.width, image.height, len(data)
            )
        return _optimised(data, image, name, options)


class _opened:  # noqa: N801  (used as a context manager, like open())
    """Open and fully decode a picture, turning every failure into an :class:`ImageError`."""

    def __init__(self, data: bytes, name: str) -> None:
        self._data, self._name = data, name
        self._image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        from PIL import Image, UnidentifiedImageError  # noqa: PLC0415  (not at start-up)

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(self._data))
                if image.width * image.height > MAX_PIXELS:
                    raise _too_big(self._name, image.width, image.height)
                image.load()
        except ImageError:
            raise
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise _too_big(self._name, 0, 0) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
            raise ImageError(
                message(
                    _CONTEXT,
                    "{name} cannot be read as a picture: the file is damaged, incomplete or "
                    "of a kind Postwright does not know. Nothing was added.",
                    name=self._name,
                )
            ) from error
        self._image = image
        return image

    def __exit__(self, *_exc: object) -> None:
        if self._image is not None:
            self._image.close()


def _too_big(name: str, width: int, height: int) -> ImageError:
    return ImageError(
        message(
            _CONTEXT,
            "{name} is too large to process ({width} by {height} pixels). Make it smaller in "
            "an image editor first.",
            name=name,
            width=width,
            height=height,
        )
    )


def _extension_for(kind: str, name: str) -> str:
    known = {"png": "png", "jpeg": "jpg", "gif": "gif", "webp": "webp"}
    if kind in known:
        return known[kind]
    return normal_extension(name.rsplit(".", 1)[-1]) if "." in name else "png"


def _animated_gif(data: bytes, image: Image.Image, options: ImageOptions) -> ProcessedImage:
    notes = [message(_CONTEXT, "Animated GIFs are kept as they are, so they stay animated.")]
    if options.max_width is not None and image.width > options.max_width:
        notes.append(
            message(
                _CONTEXT,
                "It is {width} pixels wide; the site shows at most {limit}.",
                width=image.width,
                limit=options.max_width,
            )
        )
    return ProcessedImage(data, "gif", image.width, image.height, len(data), tuple(notes))


def _is_photo(image: Image.Image) -> bool:
    """Photos (many colours, no transparency) compress far better as JPEG."""
    if image.format == "JPEG":
        return True
    if "A" in image.getbands() or "transparency" in image.info:
        return False
    return image.convert("RGB").getcolors(PHOTO_COLOURS) is None


def _optimised(data: bytes, image: Image.Image, name: str, options: ImageOptions) -> ProcessedImage:
    notes: list[Message] = []
    photo = _is_photo(image) if options.extension is None else options.extension == "jpg"
    from PIL import Image, ImageOps  # noqa: PLC0415  (not at start-up)

    oriented = ImageOps.exif_transpose(image)
    if oriented is not image and oriented.size != image.size:
        notes.append(message(_CONTEXT, "Turned upright as the camera recorded it."))
    picture = oriented
    if options.max_width is not None and picture.width > options.max_width:
        height = max(1, round(picture.height * options.max_width / picture.width))
        notes.append(
            message(
                _CONTEXT,
                "Scaled down from {width} to {limit} pixels wide, the most the site shows.",
                width=picture.width,
                limit=options.max_width,
            )
        )
        picture = picture.resize((options.max_width, height), Image.Resampling.LANCZOS)
    encoded, extension = _encode(picture, image.info, photo=photo)
    if _has_private_metadata(image):
        notes.append(message(_CONTEXT, "Removed the location, camera and author details."))
    return ProcessedImage(
        encoded, extension, picture.width, picture.height, len(data), tuple(notes)
    )


def _encode(picture: Image.Image, info: Mapping[Any, object], *, photo: bool) -> tuple[bytes, str]:
    kept = {key: info[key] for key in _KEPT_INFO if key in info}
    out = io.BytesIO()
    icc = kept.get("icc_profile")
    if photo:
        rgb = picture.convert("RGB")
        rgb.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, icc_profile=icc, exif=b"")
        return out.getvalue(), "jpg"
    if picture.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
        picture = picture.convert("RGBA")
    params: dict[str, object] = {"optimize": True}
    if icc:
        params["icc_profile"] = icc
    if "transparency" in kept and picture.mode in ("P", "L", "RGB"):
        params["transparency"] = kept["transparency"]
    picture.save(out, "PNG", **params)
    return out.getvalue(), "png"


def _has_private_metadata(image: Image.Image) -> bool:
    exif = image.getexif()
    private_info = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Author", "Software"}
    return any(tag != 0x0112 for tag in exif) or bool(private_info & set(image.info))


def _looks_like_svg(data: bytes, name: str) -> bool:
    head = data[:1024].lstrip().lower()
    return name.lower().endswith(".svg") or head.startswith(b"<svg") or b"<svg" in head


def _checked_svg(data: bytes, name: str, options: ImageOptions) -> ProcessedImage:
    if "svg" not in options.formats:
        raise ImageError(
            message(
                _CONTEXT,
                "This site does not publish SVG pictures. Export {name} as PNG and add that.",
                name=name,
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImageError(
            message(_CONTEXT, "{name} is not a readable SVG file. Nothing was added.", name=name)
        ) from error
    external = [
        target
        for found in _SVG_REFERENCE.finditer(text)
        if (target := found.group(1) or found.group(2) or "") and not target.startswith("#")
    ]
    if _SVG_DANGER.search(text) or external:
        raise ImageError(
            message(
                _CONTEXT,
                "{name} contains a script or loads something from elsewhere, which the site "
                "will not show safely. Export it as PNG and add that instead.",
                name=name,
            )
        )
    return ProcessedImage(data, "svg", None, None, len(data))


# -- files of a post -------------------------------------------------------------------------


def image_info(path: Path, relative: str) -> ImageFile:
    """What the panel shows about one picture file (pixel size None if it cannot be read)."""
    size = path.stat().st_size
    if path.suffix.lower() == ".svg":
        return ImageFile(relative, size, 0, 0)
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415  (not at start-up)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return ImageFile(relative, size, image.width, image.height)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ImageFile(relative, size)


def scan_images(
    post_dir: Path, image_folder: str, text: str, front_matter_key: str | None
) -> tuple[ImageFile, ...]:
    """The pictures in the post's image folder, and in every folder the text points into.

    Only the post's own folders are looked at: a reference that climbs out with ``..`` is
    listed only when its folder exists.
    """
    folders = {posixpath.normpath(image_folder) if image_folder else "."}
    for ref in find_references(text, front_matter_key):
        if ref.target is not None:
            folders.add(posixpath.dirname(ref.target) or ".")
    files: dict[str, ImageFile] = {}
    for folder in sorted(folders):
        directory = post_dir / folder
        try:
            entries = sorted(directory.iterdir()) if directory.is_dir() else []
        except OSError:
            continue
        for entry in entries:
            if entry.suffix.lower() in IMAGE_SUFFIXES and entry.is_file():
                relative = entry.name if folder == "." else f"{folder}/{entry.name}"
                files.setdefault(relative, image_info(entry, relative))
    return tuple(files.values())


def taken_names(folder: Path) -> set[str]:
    """The names already in ``folder`` (empty when it does not exist yet)."""
    try:
        return {entry.name for entry in folder.iterdir()}
    except OSError:
        return set()


def write_new_image(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/name``, creating the folder; never over an existing file."""
    target = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except FileExistsError as error:
        raise ImageError(
            message(_CONTEXT, "{name} already exists; nothing was overwritten.", name=name)
        ) from error
    except OSError as error:
        if not isinstance(error, IsADirectoryError):
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)  # a part-written file of ours
        raise ImageError(
            message(
                _CONTEXT,
                "{name} could not be saved in {folder}: {reason}.",
                name=name,
                folder=str(folder),
                reason=error.strerror or str(error),
            )
        ) from error
    return target


def rename_image(source: Path, target: Path) -> None:
    """Rename a picture; refuses to replace another file (a case-only change is allowed)."""
    same_file = source.parent == target.parent and source.name.casefold() == target.name.casefold()
    if target.exists() and not same_file:
        raise ImageError(
            message(_CONTEXT, "{name} already exists; choose another name.", name=target.name)
        )
    try:
        source.rename(target)
    except OSError as error:
        raise ImageError(
            message(
                _CONTEXT,
                "{name} could not be renamed: {reason}.",
                name=source.name,
                reason=error.strerror or str(error),
            )
        ) from error


def replace_image(target: Path, data: bytes) -> None:
    """Give the picture ``target`` new content (atomically: old or new, never half)."""
    try:
        atomic_write_bytes(target, data)
    except StorageError as error:
        raise ImageError(error.message) from error


@dataclass(frozen=True, slots=True)
class HeldImage:
    """A deleted picture, kept aside: where it was and where it is now."""

    original: Path
    held: Path


class ImageHolding:
    """Deleted pictures are moved here, not erased, so a delete can be undone.

    ``root`` is a folder of the app's own (under its state folder). When the app closes, the
    ui moves what is still held to the system trash; what it cannot move stays here.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._held: list[HeldImage] = []

    @property
    def held(self) -> tuple[HeldImage, ...]:
        return tuple(self._held)

    def delete(self, path: Path) -> HeldImage:
        """Move ``path`` aside; raises :class:`ImageError` when it cannot be moved."""
        folder = self._root / f"{time.time_ns()}"
        try:
            folder.mkdir(parents=True)
            held = folder / path.name
            shutil.move(path, held)
        except OSError as error:
            raise ImageError(
                message(
                    _CONTEXT,
                    "{name} could not be deleted: {reason}.",
                    name=path.name,
                    reason=error.strerror or str(error),
                )
            ) from error
        item = HeldImage(path, held)
        self._held.append(item)
        return item

    def restore(self, item: HeldImage) -> None:
        """Put a deleted picture back where it was (never over a file that is there now)."""
        if item.original.exists():
            raise ImageError(
                message(
                    _CONTEXT,
                    "{name} cannot be restored: a file of that name is there now.",
                    name=item.original.name,
                )
            )
        try:
            item.original.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(item.held, item.original)
        except OSError as error:
            raise ImageError(
                message(
                    _CONTEXT,
                    "{name} could not be restored: {reason}.",
                    name=item.original.name,
                    reason=error.strerror or str(error),
                )
            ) from error
        self._held.remove(item)
        with contextlib.suppress(OSError):
            item.held.parent.rmdir()

    def forget(self, items: Iterable[HeldImage]) -> None:
        """Stop offering ``items`` for restoring (they went to the system trash)."""
        for item in list(items):
            if item in self._held:
                self._held.remove(item)


def thumbnail_png(path: Path, size: int) -> bytes | None:
    """A small PNG of the picture at ``path`` (at most ``size`` pixels each way), or None."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # noqa: PLC0415  (not at start-up)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.width * image.height > MAX_PIXELS:
                    return None
                image.draft("RGB", (size, size))
                small = ImageOps.exif_transpose(image)
                small.thumbnail((size, size))
                out = io.BytesIO()
                small.convert("RGBA").save(out, "PNG")
                return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return None
