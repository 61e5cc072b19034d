"""Local pictures put inside the page itself, so an exported page stands on its own.

``postwright render POST.md -o somewhere/else.html`` must show the post's pictures wherever the
page is opened. Each ``<img src>`` that names a file beside the post becomes a ``data:`` URL; the
caller supplies the reading (and decides which files may be read), so this module stays pure.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from editor.core.render.model import RenderResult

#: Formats a browser shows from a data: URL and the page's policy allows.
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}

_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")', re.IGNORECASE)

#: Reads a file named relative to the post (``images/a.png``); None when it may not or cannot.
Reader = Callable[[str], bytes | None]


def local_image_path(src: str) -> str | None:
    """The relative file path an ``src`` attribute names, or None for remote and data URLs."""
    parts = urlsplit(html.unescape(src))
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    return path if suffix in IMAGE_TYPES else None


def embed_images_in_html(fragment: str, read: Reader) -> str:
    """``fragment`` with every readable local image replaced by a ``data:`` URL."""

    def embed(match: re.Match[str]) -> str:
        path = local_image_path(match.group(2))
        data = read(path) if path is not None else None
        if path is None or data is None:
            return match.group(0)
        mime = IMAGE_TYPES[path[path.rfind(".") :].lower()]
        encoded = base64.b64encode(data).decode("ascii")
        return f"{match.group(1)}data:{mime};base64,{encoded}{match.group(3)}"

    return _IMG_SRC.sub(embed, fragment)


def embed_local_images(result: RenderResult, read: Reader) -> RenderResult:
    """``result`` with the local images of every block embedded."""
    blocks = tuple(
        replace(block, html=embed_images_in_html(block.html, read)) for block in result.blocks
    )
    return replace(result, blocks=blocks)
