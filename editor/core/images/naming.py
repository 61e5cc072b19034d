"""Safe image file names: lowercase ASCII letters, digits and hyphens, unique in their folder.

Learn's SEO guide asks for "letters, numbers and hyphens, at most 80 characters"; the blog has
no rule, but a name with spaces becomes ``%20`` in every link and a name that differs only in
case from another breaks on the site's case-sensitive server. So names are made the same way
for every site: from the alt text when there is one (it says what the picture shows), else
from the original file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from editor.core.text.ascii_names import fold_to_ascii

_NOT_NAME = re.compile(r"[^a-z0-9]+")
#: Words that say nothing about the picture: dropped from names made from alt text.
_FILLER = frozenset({"a", "an", "the", "of", "screenshot", "image", "picture", "showing"})
#: Extensions written one way only (``.jpeg`` and ``.JPG`` become ``.jpg``).
_EXTENSIONS = {"jpeg": "jpg", "jpe": "jpg", "tif": "tiff"}
DEFAULT_STEM = "image"
#: Stems made from alt text stop at a word boundary near this length: long enough to say
#: what the picture is, short enough to read in a link.
TARGET_STEM_LENGTH = 50


def slug(text: str) -> str:
    """``text`` as lowercase ASCII words joined by hyphens (accents dropped, ``""`` if none)."""
    return _NOT_NAME.sub("-", fold_to_ascii(text).lower()).strip("-")


def normal_extension(extension: str) -> str:
    """``extension`` lower-cased without its dot, one spelling per format (``JPEG`` → ``jpg``)."""
    bare = extension.lower().lstrip(".")
    return _EXTENSIONS.get(bare, bare)


def stem_from_alt(alt_text: str, max_length: int = TARGET_STEM_LENGTH) -> str:
    """A file stem from alt text: its meaningful words, cut at a word boundary."""
    words = [word for word in slug(alt_text).split("-") if word]
    meaningful = [word for word in words if word not in _FILLER] or words
    stem = ""
    for word in meaningful:
        candidate = f"{stem}-{word}" if stem else word
        if len(candidate) > max_length:
            break
        stem = candidate
    return (stem or meaningful[0][:max_length]) if meaningful else ""


def stem_from_file_name(name: str, max_length: int = TARGET_STEM_LENGTH) -> str:
    """A file stem from an original file name (its extension dropped)."""
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return slug(stem)[:max_length].strip("-")


def unique_name(stem: str, extension: str, taken: Iterable[str], max_length: int = 80) -> str:
    """``stem.extension``, or ``stem-2.extension``… whichever no name in ``taken`` has.

    Names are compared ignoring case: ``Photo.png`` and ``photo.png`` cannot live side by side
    on Windows or macOS, and on the site's server they are two files easily confused.
    """
    ext = normal_extension(extension)
    used = {name.casefold() for name in taken}
    stem = (stem or DEFAULT_STEM)[: max(1, max_length - len(ext) - 1)].strip("-") or DEFAULT_STEM
    candidate, number = f"{stem}.{ext}", 2
    while candidate.casefold() in used:
        suffix = f"-{number}"
        room = max(1, max_length - len(ext) - 1 - len(suffix))
        candidate, number = f"{stem[:room].strip('-')}{suffix}.{ext}", number + 1
    return candidate


def image_file_name(
    alt_text: str,
    original_name: str,
    extension: str,
    taken: Iterable[str],
    max_length: int = 80,
) -> str:
    """The name a new image gets: from its alt text, else its original name, made unique."""
    stem = stem_from_alt(alt_text) or stem_from_file_name(original_name) or DEFAULT_STEM
    return unique_name(stem, extension, taken, max_length)


def is_safe_name(name: str, max_length: int = 80) -> bool:
    """Whether ``name`` already follows the rule (lowercase, digits, hyphens; short enough)."""
    stem, dot, ext = name.rpartition(".")
    return (
        bool(dot)
        and len(name) <= max_length
        and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", stem) is not None
        and re.fullmatch(r"[a-z0-9]+", ext) is not None
    )
