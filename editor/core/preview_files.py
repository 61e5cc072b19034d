"""Which document files the preview may serve (pure Python, no Qt).

A file is served only when it is a regular file whose real path (symbolic links followed)
lies inside the real path of the document root, and when its suffix is one of a few image
types. Everything else — HTML, CSS, scripts, fonts, PDFs, files outside the root — is
refused, so a post cannot read arbitrary local files through the preview.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

#: The only file types the preview serves from a document folder, by lower-case suffix.
IMAGE_TYPES = MappingProxyType(
    {
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".gif": "image/gif",
        ".webp": "image/webp",
        ".svg": "image/svg+xml",
    }
)

#: Policy sent with every SVG file: inert even if it were ever shown as a document.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def servable_file(root: Path | None, candidate: Path) -> tuple[Path, str] | None:
    """The real path and MIME type of ``candidate`` if it may be served, else None."""
    if root is None or ".." in candidate.parts:
        return None
    mime = IMAGE_TYPES.get(candidate.suffix.lower())
    if mime is None:
        return None
    try:
        real_root = root.resolve(strict=True)
        real = candidate.resolve(strict=True)
    except (OSError, ValueError, RuntimeError):  # missing, NUL byte, symlink loop
        return None
    if not real.is_relative_to(real_root) or not real.is_file():
        return None
    if real.suffix.lower() not in IMAGE_TYPES:  # a link named .png pointing at something else
        return None
    return real, mime
